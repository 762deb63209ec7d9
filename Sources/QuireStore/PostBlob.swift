import Foundation

/// A post as stored in `post.content_z`: its plain text, a NUL, then its JSON, compressed
/// as one stream (the JSON repeats the text, and one stream stores the second copy as
/// back-references). The first byte names the format: 1 is zlib (`Deflate`, stores made
/// before format 2), 2 is Zstandard (`Zstd`, everything written now). Both are read.
enum PostBlob {
    static func pack(text: String, json: Data) -> Data {
        var joined = Data(text.utf8)
        joined.append(0)
        joined.append(json)
        return joined.withUnsafeBytes { Zstd.compress($0) }
    }

    /// The unpacked bytes (text, NUL, JSON) of a blob of either format; nil if damaged.
    static func unpack(_ packed: Data) -> Data? {
        switch packed.first {
        case Deflate.version: return Deflate.decompress(packed)
        case Zstd.version: return Zstd.decompress(packed)
        default: return nil
        }
    }

    /// The plain text of a packed blob (everything before the NUL; text never holds one).
    static func text(_ packed: Data) -> String? {
        guard let data = unpack(packed) else { return nil }
        let end = data.firstIndex(of: 0) ?? data.endIndex
        return String(decoding: data[..<end], as: UTF8.self)
    }

    /// The JSON of a packed blob.
    static func json(_ packed: Data) -> Data? {
        guard let data = unpack(packed), let nul = data.firstIndex(of: 0) else { return nil }
        return data[(nul + 1)...]
    }
}
