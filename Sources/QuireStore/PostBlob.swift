import CQuireSQL
import Foundation

/// A post as stored in `post.content_z`: its plain text, a NUL, then its JSON, compressed as
/// one stream. The format (zlib or Zstandard, a declared size, a shared dictionary) is
/// described and read in one place, `quire_blob.c`, which the SQL function `quire_text` uses
/// too; this is its Swift face.
enum PostBlob {
    /// What `pack` writes: Zstandard. zlib (format 1) is still read, and written by tests.
    static let format = Int32(QUIRE_BLOB_ZSTD)
    /// The largest unpacked post (text, NUL, JSON) that is stored and read.
    static let largestPost = Int(QUIRE_BLOB_LARGEST_POST)

    /// A post too large to store: its blob could not be read back.
    struct TooLarge: Error, CustomStringConvertible {
        var bytes: Int
        var description: String {
            "a post of \(bytes / (1 << 20)) MiB (text and its JSON) is larger than the \(largestPost >> 20) MiB Quire stores"
        }
    }

    static func pack(text: String, json: Data) throws -> Data {
        var joined = Data(text.utf8)
        joined.append(0)
        joined.append(json)
        return try pack(joined, format: format)
    }

    /// Packs unpacked bytes (text, NUL, JSON) in the given format.
    static func pack(_ bytes: Data, format: Int32) throws -> Data {
        let bound = quire_blob_pack_bound(format, bytes.count)
        guard bound > 0 else { throw TooLarge(bytes: bytes.count) }
        var out = Data(count: bound)
        let produced = codecs.with { codec in
            bytes.withUnsafeBytes { src in
                out.withUnsafeMutableBytes { dst in
                    quire_blob_pack(codec, format, src.bindMemory(to: UInt8.self).baseAddress, src.count,
                                    dst.bindMemory(to: UInt8.self).baseAddress, dst.count)
                }
            }
        }
        precondition(produced > 0, "packing a post failed")
        out.count = Int(produced)
        return out
    }

    /// The unpacked bytes (text, NUL, JSON) of a blob of either format; nil if it is damaged
    /// or declares more than it can hold (checked before anything is allocated for it).
    static func unpack(_ packed: Data) -> Data? {
        packed.withUnsafeBytes { src -> Data? in
            let blob = src.bindMemory(to: UInt8.self)
            let length = quire_blob_unpacked_size(blob.baseAddress, blob.count)
            guard length >= 0 else { return nil }
            var out = Data(count: Int(length))
            let rc = codecs.with { codec in
                out.withUnsafeMutableBytes { dst in
                    quire_blob_unpack(codec, blob.baseAddress, blob.count, dst.bindMemory(to: UInt8.self).baseAddress, dst.count)
                }
            }
            return rc == 0 ? out : nil
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

    /// Codecs are reused (a new one allocates its contexts), one per thread at a time.
    private static let codecs = Pool<OpaquePointer> { quire_blob_codec_new()! }
}

/// Objects handed to one thread at a time and kept for the next.
final class Pool<Item>: @unchecked Sendable {
    private var free: [Item] = []
    private let lock = NSLock()
    private let make: () -> Item

    init(make: @escaping () -> Item) { self.make = make }

    func with<R>(_ body: (Item) throws -> R) rethrows -> R {
        lock.lock()
        let item = free.popLast() ?? make()
        lock.unlock()
        defer { lock.lock(); free.append(item); lock.unlock() }
        return try body(item)
    }
}
