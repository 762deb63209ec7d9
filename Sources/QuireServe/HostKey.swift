import Crypto
import Foundation
import NIOSSH

/// The server's ed25519 host key, kept in a file in OpenSSH's private key format so that
/// `ssh-keygen -lf FILE` shows the same fingerprint the server prints.
public struct HostKey: Sendable {
    public let key: Curve25519.Signing.PrivateKey

    public init(_ key: Curve25519.Signing.PrivateKey) { self.key = key }

    /// The key for NIOSSH.
    var sshKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: key) }

    /// The public half as one line of `known_hosts` or `authorized_keys` ("ssh-ed25519 AAAA…").
    public var publicLine: String { "ssh-ed25519 " + Data(Self.publicBlob(key.publicKey.rawRepresentation)).base64EncodedString() }

    /// The fingerprint as OpenSSH prints it: SHA256 of the public key blob, in base64 without padding.
    public var fingerprint: String { Self.fingerprint(blob: Self.publicBlob(key.publicKey.rawRepresentation)) }

    static func fingerprint(blob: [UInt8]) -> String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The wire form of an ed25519 public key: string "ssh-ed25519", string key.
    static func publicBlob(_ raw: Data) -> [UInt8] {
        var out = SSHWire()
        out.string(Array("ssh-ed25519".utf8))
        out.string(Array(raw))
        return out.bytes
    }

    /// Reads the key at `path`, or creates it (mode 0600, its folder 0700) when there is none.
    /// Returns the key and whether it was created.
    public static func loadOrCreate(path: String) throws -> (HostKey, created: Bool) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return (try load(path: path), false) }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw HostKeyError("cannot create the folder \(dir) for the host key: \(error.localizedDescription)")
            }
        }
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let text = OpenSSHPrivateKeyFile.encode(seed: Array(key.key.rawRepresentation),
                                                publicKey: Array(key.key.publicKey.rawRepresentation),
                                                comment: "quire serve host key")
        // O_EXCL: two servers starting at once must not each write a key over the other's.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return (try load(path: path), false) }
            throw HostKeyError("cannot create the host key \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(path)
            throw HostKeyError("cannot write the host key \(path)")
        }
        return (key, true)
    }

    /// Reads a key file; refuses one that others may read, as OpenSSH does.
    public static func load(path: String) throws -> HostKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw HostKeyError("cannot read the host key \(path): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw HostKeyError("the host key \(path) may be read by others (mode \(mode)); make it private with: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HostKeyError("cannot read the host key \(path)")
        }
        do {
            let seed = try OpenSSHPrivateKeyFile.decodeEd25519(String(decoding: data, as: UTF8.self))
            return HostKey(try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
        } catch let error as HostKeyError {
            throw HostKeyError("the host key \(path) \(error.description)")
        }
    }
}

public struct HostKeyError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
