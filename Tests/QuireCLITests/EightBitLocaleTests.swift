import Foundation
import Testing

/// In an 8-bit locale the bytes written are what counts. KOI8-R puts box drawing, ≤, ⌡ and the
/// no-break space at 0x80–0x9F, the bytes of C1 controls: ⌡ is 0x9B, CSI, so "⌡2J" went out as
/// "CSI 2 J" and cleared the screen of a terminal that takes 8-bit controls. Neither the command
/// line nor the reader may write a byte from 0x80 to 0x9F in such a locale; the characters
/// that would need one are '?' (the no-break space a space), and text the charset has is
/// written in it. The locale is built with glibc's localedef into a folder of the test's own.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: quireBinary), "needs the quire binary"))
struct EightBitLocaleTests {
    static let title = "Привет ⌡2J мир"
    /// "Привет" in KOI8-R.
    static let privetKOI8R: [UInt8] = [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]

    /// A store with one post full of characters KOI8-R puts at 0x80–0x9F, and UTF-8 whose
    /// second byte is one (ě is C4 9B).
    static func store(in dir: TempDir) throws -> (store: String, id: Int) {
        _ = try dir.write("in/2021/05/koi.txt", """
            2021-05-01

            \(title)

            Box ─│┌┐ less ≤ root √ degree ° dot · and\u{A0}no-break, then ⌡2J and ⌠ too. Czech ě š.
            Русский текст остаётся русским.

            Labels: тест, ⌡2J

            """)
        let store = dir.path("koi.sqlite")
        let r = try quire(store, "import", dir.path("in"))
        guard r.status == 0 else { throw TestFailure("import failed: \(r.stderr)") }
        let listed = try quire(store, "list", "--json")
        guard let rows = try JSONSerialization.jsonObject(with: listed.stdoutBytes) as? [[String: Any]],
              let id = rows.first?["id"] as? Int else { throw TestFailure("no post listed: \(listed.stdout)") }
        return (store, id)
    }

    static func c1Bytes(_ bytes: [UInt8]) -> [String] {
        bytes.enumerated().filter { (0x80...0x9F).contains($0.element) }.prefix(8).map { String(format: "0x%02X at %d", $0.element, $0.offset) }
    }

    static func contains(_ needle: [UInt8], in bytes: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func theCommandLineWritesNoC1Bytes() throws {
        let locpath = try KOI8RLocale.path()
        let dir = try TempDir()
        let (store, id) = try Self.store(in: dir)
        let env: [String: String?] = ["LOCPATH": locpath, "LC_ALL": KOI8RLocale.name, "LANG": KOI8RLocale.name]
        for args in [["list"], ["show", "\(id)"], ["search", "русский"], ["labels"], ["archive"], ["links", "\(id)"],
                     ["list", "--json"], ["show", "--json", "\(id)"], ["show", "⌡2J"]] {
            let r = try run(quireBinary, ["--store", store] + args, env: env)
            let bytes = Array(r.stdoutBytes) + Array(r.stderr.utf8)
            #expect(Self.c1Bytes(Array(r.stdoutBytes)).isEmpty, "\(args): \(Self.c1Bytes(Array(r.stdoutBytes)))")
            #expect(!bytes.isEmpty, "\(args): nothing written")
            if args.contains("--json") {
                #expect(r.stdoutBytes.allSatisfy { $0 < 0x80 }, "\(args): JSON is not ASCII")
                #expect(r.stdout.contains("\\u041F\\u0440\\u0438"), "\(args): Привет not escaped: \(r.stdout.prefix(300))")
            }
        }
        let shown = try run(quireBinary, ["--store", store, "show", "\(id)"], env: env)
        let out = Array(shown.stdoutBytes)
        #expect(Self.contains(Self.privetKOI8R + Array(" ?2J ".utf8), in: out), "the title in KOI8-R, ⌡ as '?'")
        #expect(Self.contains(Array("and no-break".utf8), in: out), "the no-break space as a space")
        #expect(Self.contains(Array("Box ???? less ? root ?".utf8), in: out), "box drawing, ≤ and √ as '?'")
        #expect(Self.contains(Array("Czech ?".utf8), in: out), "ě, which KOI8-R lacks, as '?'")
        // Errors (here a post that is not there, named with ⌡) go the same way.
        let missing = try run(quireBinary, ["--store", store, "show", "⌡2J"], env: env)
        #expect(missing.status == 1 && Self.c1Bytes(Array(missing.stderr.utf8)).isEmpty)
    }

    /// The reader, under a pseudo-terminal in KOI8-R: no byte from 0x80 to 0x9F, the Russian
    /// in KOI8-R.
    @Test func theReaderWritesNoC1Bytes() throws {
        let locpath = try KOI8RLocale.path()
        let dir = try TempDir()
        let (store, id) = try Self.store(in: dir)
        let r = try PTY.run(quireBinary, ["--store", store, "read", "\(id)"], term: "xterm-256color",
                            environment: ["LOCPATH": locpath, "LC_ALL": KOI8RLocale.name, "LANG": KOI8RLocale.name],
                            size: (100, 30), steps: [PTY.Step(until: { Self.contains(Self.privetKOI8R, in: $0) },
                                                               send: Array("Q".utf8))], timeout: 30)
        #expect(!r.timedOut && r.status == 0, "status \(r.status), \(r.stderr); \(TerminalStream.describe(r.terminal.prefix(1500)))")
        #expect(Self.c1Bytes(r.terminal).isEmpty, "\(Self.c1Bytes(r.terminal))")
        #expect(Self.contains(Self.privetKOI8R, in: r.terminal), "no Привет in KOI8-R")
    }
}

/// ru_RU.KOI8-R, built once per test process with glibc's `localedef` into a folder of its own,
/// for `LOCPATH`: nothing is installed. A test that needs it is cancelled when it cannot be built.
enum KOI8RLocale {
    static let name = "ru_RU.KOI8-R"

    static let built: Result<String, TestFailure> = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-locale-koi8r-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            return .failure(TestFailure("cannot make \(dir.path): \(error)"))
        }
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("quire-locale-koi8r-\(getpid())"))
        }
        let made = try? run("/usr/bin/env", ["localedef", "-i", "ru_RU", "-f", "KOI8-R", dir.appendingPathComponent(name).path])
        guard let made, made.status == 0 else {
            return .failure(TestFailure("localedef -i ru_RU -f KOI8-R failed: \(made?.stdout ?? "")\(made?.stderr ?? "")"))
        }
        let charmap = try? run("/usr/bin/env", ["LOCPATH=\(dir.path)", "LC_ALL=\(name)", "locale", "charmap"])
        guard charmap?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "KOI8-R" else {
            return .failure(TestFailure("the built locale is not KOI8-R: \(charmap?.stdout ?? "")"))
        }
        return .success(dir.path)
    }()

    static func path() throws -> String {
        switch built {
        case .success(let path): return path
        case .failure(let failure): try Test.cancel("\(failure)")
        }
    }
}
