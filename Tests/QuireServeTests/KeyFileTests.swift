import Crypto
import Foundation
import Testing
@testable import QuireServe

/// The host key file and authorized_keys, read and written as OpenSSH does.
struct KeyFileTests {
    func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-serve-\(UUID().uuidString)")
        return dir.appendingPathComponent(name).path
    }

    @Test func hostKeyIsCreatedPrivateAndReadBackTheSame() throws {
        let path = temporaryPath("state/quire/ssh_host_ed25519_key")
        defer { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let (first, created) = try HostKey.loadOrCreate(path: path)
        #expect(created)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        let (second, createdAgain) = try HostKey.loadOrCreate(path: path)
        #expect(!createdAgain)
        #expect(second.key.rawRepresentation == first.key.rawRepresentation)
        #expect(first.fingerprint.hasPrefix("SHA256:") && !first.fingerprint.hasSuffix("="))
        // 32 bytes of SHA-256 are 43 base64 characters without the padding.
        #expect(first.fingerprint.count == "SHA256:".count + 43)
    }

    @Test func aKeyOthersMayReadIsRefused() throws {
        let path = temporaryPath("key")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try HostKey.loadOrCreate(path: path)
        chmod(path, 0o644)
        #expect(throws: HostKeyError.self) { try HostKey.load(path: path) }
    }

    @Test func damagedKeyFilesSayWhat() throws {
        let good = OpenSSHPrivateKeyFile.encode(seed: Array(repeating: 7, count: 32),
                                                publicKey: Array(try Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: 7, count: 32)).publicKey.rawRepresentation),
                                                comment: "t")
        #expect(try OpenSSHPrivateKeyFile.decodeEd25519(good) == Array(repeating: 7, count: 32))
        let cases: [(String, String)] = [
            ("hello", "not an OpenSSH private key"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----\n", "not base64"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n", "ends too early"),
        ]
        for (text, expected) in cases {
            do {
                _ = try OpenSSHPrivateKeyFile.decodeEd25519(text)
                Issue.record("accepted \(text)")
            } catch let error as HostKeyError {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }

    @Test func authorizedKeysKeepsUsableLinesAndNamesTheOthers() throws {
        let ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDnnovg+peaEV8idogC5KHiHxVAGL3QKBKN5ipk1KtfR"
        let text = """
            # readers allowed
            \(ed) alice@laptop

            ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ bob
            from="10.0.0.0/8" \(ed) carol
            ssh-ed25519 not-base64!
            garbage
            """
        let (keys, problems) = AuthorizedKeys.parse(text)
        #expect(keys.count == 1)
        #expect(problems.map(\.line) == [4, 5, 6, 7])
        #expect(problems[0].message.contains("ssh-rsa keys are not supported"))
        #expect(problems[1].message.contains("options"))
        #expect(problems[2].message.contains("cannot be read"))
        #expect(problems[3].message.contains("expected"))
    }
}

/// The small parsers of `quire serve`'s flags, and the reader's environment.
struct ServeFlagTests {
    @Test func listenAddresses() {
        #expect(ListenAddress.parse("127.0.0.1:2222")! == ("127.0.0.1", 2222))
        #expect(ListenAddress.parse("0.0.0.0:22")! == ("0.0.0.0", 22))
        #expect(ListenAddress.parse("[::1]:2222")! == ("::1", 2222))
        #expect(ListenAddress.parse("2200")! == ("127.0.0.1", 2200))
        #expect(ListenAddress.parse("localhost:0")! == ("localhost", 0))
        for bad in ["", ":22", "host:", "host:99999", "::1:22", "[::1]", "[]:22", "host:２２"] {
            #expect(ListenAddress.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func durationsAndSizes() {
        #expect(ServeDuration.parse("20") == 20)
        #expect(ServeDuration.parse("1.5s") == 1.5)
        #expect(ServeDuration.parse("30m") == 1800)
        #expect(ServeDuration.parse("4h") == 14400)
        for bad in ["", "0", "-1", "m", "1d", "nan", "inf"] { #expect(ServeDuration.parse(bad) == nil, "\(bad)") }
        #expect(ServeDuration.describe(1800) == "30 min")
        #expect(ServeDuration.describe(14400) == "4 h")
        #expect(ServeSize.parse("1G") == 1 << 30)
        #expect(ServeSize.parse("512M") == 512 << 20)
        #expect(ServeSize.parse("512MB") == 512 << 20)
        #expect(ServeSize.parse("0") == 0)
        #expect(ServeSize.parse("99999999999G") == nil)
        #expect(ServeSize.parse("lots") == nil)
    }

    @Test func readerEnvironmentHasNothingOfTheServer() {
        var t = ReaderProcess.Terminal(term: "xterm-256color", rows: 30, cols: 100)
        t.locale = ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.ISO-8859-1", "LC_TIME": "de_DE"]
        let env = ReaderProcess.environment(for: t)
        #expect(env.contains("TERM=xterm-256color"))
        #expect(env.contains("LANG=de_DE.UTF-8"))
        // A legacy charset would draw most of a post as '?': not passed.
        #expect(!env.contains { $0.hasPrefix("LC_ALL=") })
        #expect(env.contains("LC_TIME=de_DE"))
        #expect(!env.contains { $0.hasPrefix("XDG_") || $0.hasPrefix("QUIRE_") || $0.hasPrefix("BROWSER") })
        t = ReaderProcess.Terminal(term: "xterm\u{1b}[31m", rows: 0, cols: 0)
        #expect(ReaderProcess.environment(for: t).contains("TERM=xterm-256color"))
        #expect(ReaderProcess.environment(for: t).contains("LANG=C.UTF-8"))
        #expect(ReaderProcess.clamp(0, fallback: 24, max: 500) == 24)
        #expect(ReaderProcess.clamp(70000, fallback: 24, max: 500) == 500)
    }

    @Test func logLinesQuoteWhatClientsSend() {
        #expect(ServeLog.quoted("guest") == "\"guest\"")
        #expect(ServeLog.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        // A user name cannot start a log line of its own, or colour the terminal of whoever reads the log.
        #expect(ServeLog.quoted("x\n2026 fake line\u{1b}[31m") == "\"x\\u{a}2026 fake line\\u{1b}[31m\"")
        #expect(ServeLog.quoted(String(repeating: "a", count: 500)).count == 66)
    }
}
