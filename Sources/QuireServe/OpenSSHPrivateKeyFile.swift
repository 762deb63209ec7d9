import Foundation

/// OpenSSH's private key file ("openssh-key-v1", unencrypted), for ed25519 keys only: the one
/// kind the server makes.
enum OpenSSHPrivateKeyFile {
    static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    static let end = "-----END OPENSSH PRIVATE KEY-----"
    static let magic = Array("openssh-key-v1".utf8) + [0]

    /// The file's text for a key given by its 32-byte seed and public key.
    static func encode(seed: [UInt8], publicKey: [UInt8], comment: String) -> String {
        var secret = SSHWire()
        // Two equal check words: a wrong passphrase shows as a mismatch (there is none here).
        let check = UInt32.random(in: .min ... .max)
        secret.uint32(check)
        secret.uint32(check)
        secret.string(Array("ssh-ed25519".utf8))
        secret.string(publicKey)
        secret.string(seed + publicKey)
        secret.string(Array(comment.utf8))
        var pad: UInt8 = 1
        while secret.bytes.count % 8 != 0 { secret.bytes.append(pad); pad += 1 }

        var file = SSHWire()
        file.bytes = magic
        file.string(Array("none".utf8))
        file.string(Array("none".utf8))
        file.string([])
        file.uint32(1)
        file.string(HostKey.publicBlob(Data(publicKey)))
        file.string(secret.bytes)
        let body = Data(file.bytes).base64EncodedString()
        var lines = [begin]
        var rest = Substring(body)
        while !rest.isEmpty { lines.append(String(rest.prefix(70))); rest = rest.dropFirst(70) }
        lines.append(end)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The 32-byte seed of the ed25519 key in a file's text.
    static func decodeEd25519(_ text: String) throws -> [UInt8] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.firstIndex(of: begin), let last = lines.firstIndex(of: end), first < last else {
            throw HostKeyError("is not an OpenSSH private key (no \(begin) line)")
        }
        guard let data = Data(base64Encoded: lines[(first + 1)..<last].joined()) else {
            throw HostKeyError("is damaged (its body is not base64)")
        }
        var reader = SSHWireReader(Array(data))
        guard reader.take(magic.count) == magic else { throw HostKeyError("is not in the openssh-key-v1 format") }
        let cipher = try reader.string(), kdf = try reader.string()
        _ = try reader.string()
        guard cipher == Array("none".utf8), kdf == Array("none".utf8) else {
            throw HostKeyError("is encrypted with a passphrase; the server needs a key without one")
        }
        guard try reader.uint32() == 1 else { throw HostKeyError("holds more than one key") }
        _ = try reader.string()
        var secret = SSHWireReader(try reader.string())
        guard try secret.uint32() == secret.uint32() else { throw HostKeyError("is damaged (its check words differ)") }
        let type = try secret.string()
        guard type == Array("ssh-ed25519".utf8) else {
            throw HostKeyError("holds a \(String(decoding: type, as: UTF8.self)) key; the server uses ed25519 keys only")
        }
        let publicKey = try secret.string()
        let both = try secret.string()
        guard publicKey.count == 32, both.count == 64, Array(both[32...]) == publicKey else {
            throw HostKeyError("is damaged (the ed25519 key has the wrong length)")
        }
        return Array(both[..<32])
    }
}

/// Writes SSH's wire encoding: big-endian integers, strings with a 32-bit length.
struct SSHWire {
    var bytes: [UInt8] = []
    mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
    mutating func string(_ value: [UInt8]) {
        uint32(UInt32(value.count))
        bytes += value
    }
}

/// Reads SSH's wire encoding; any read past the end throws.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var at = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - at >= count else { return nil }
        defer { at += count }
        return Array(bytes[at..<(at + count)])
    }
    mutating func uint32() throws -> UInt32 {
        guard let b = take(4) else { throw HostKeyError("is damaged (it ends too early)") }
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }
    mutating func string() throws -> [UInt8] {
        let count = Int(try uint32())
        guard let b = take(count) else { throw HostKeyError("is damaged (it ends too early)") }
        return b
    }
}
