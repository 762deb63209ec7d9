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

    /// The plain text of a packed blob (everything before the NUL; text never holds one).
    static func text(_ packed: Data) -> String? {
        let data: Data?
        switch packed.first {
        case Deflate.version: data = Deflate.decompress(packed)
        case Zstd.version: data = Zstd.decompress(packed)
        default: data = nil
        }
        guard let data else { return nil }
        let end = data.firstIndex(of: 0) ?? data.endIndex
        return String(decoding: data[..<end], as: UTF8.self)
    }

    /// The JSON of a packed blob.
    static func json(_ packed: Data) -> Data? {
        let data: Data?
        switch packed.first {
        case Deflate.version: data = Deflate.decompress(packed)
        case Zstd.version: data = Zstd.decompress(packed)
        default: data = nil
        }
        guard let data, let nul = data.firstIndex(of: 0) else { return nil }
        return data[(nul + 1)...]
    }
}
