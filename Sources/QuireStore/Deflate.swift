import CZlib
import Foundation

/// zlib compression of the text columns: post text is stored once, compressed, and inflated
/// only for the posts a reader opens or a search shows.
enum Deflate {
    static func compress(_ data: Data) -> Data {
        var bound = compressBound(uLong(data.count))
        var out = Data(count: Int(bound))
        let rc = out.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in
                compress2(dst.bindMemory(to: Bytef.self).baseAddress, &bound,
                          src.bindMemory(to: Bytef.self).baseAddress, uLong(data.count), 6)
            }
        }
        precondition(rc == Z_OK, "zlib compress2 failed with \(rc)")
        out.count = Int(bound)
        // The original length first, so inflating needs one allocation.
        var header = Data(count: 4)
        header.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(data.count).littleEndian, as: UInt32.self) }
        return header + out
    }

    static func decompress(_ data: Data) -> Data? {
        guard data.count >= 4 else { return nil }
        let length = data.prefix(4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        guard length <= 512 * 1024 * 1024 else { return nil }
        if length == 0 { return Data() }
        var outLength = uLong(length)
        var out = Data(count: Int(length))
        let body = data.dropFirst(4)
        let rc = out.withUnsafeMutableBytes { dst in
            body.withUnsafeBytes { src in
                uncompress(dst.bindMemory(to: Bytef.self).baseAddress, &outLength,
                           src.bindMemory(to: Bytef.self).baseAddress, uLong(body.count))
            }
        }
        guard rc == Z_OK, outLength == uLong(length) else { return nil }
        return out
    }

    /// A post's plain text and its JSON in one deflated blob: the JSON repeats the text, and
    /// one stream lets zlib store the second copy as back-references.
    static func pack(text: String, json: Data) -> Data {
        var joined = Data(text.utf8)
        joined.append(0)
        joined.append(json)
        return compress(joined)
    }

    /// The plain text of a packed blob (everything before the NUL; text never holds one).
    static func text(_ packed: Data) -> String? {
        guard let data = decompress(packed) else { return nil }
        let end = data.firstIndex(of: 0) ?? data.endIndex
        return String(decoding: data[..<end], as: UTF8.self)
    }

    /// The JSON of a packed blob.
    static func json(_ packed: Data) -> Data? {
        guard let data = decompress(packed), let nul = data.firstIndex(of: 0) else { return nil }
        return data[(nul + 1)...]
    }
}
