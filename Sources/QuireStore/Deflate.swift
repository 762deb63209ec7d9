import CZlib
import Foundation

/// Format 1 of a stored post (see `PostBlob`), written by Quire before format 2 and still
/// read: zlib, primed with a dictionary of the JSON's recurring keys (each post is compressed on its own,
/// so without it every post would pay for spelling out the same keys).
///
/// Layout: one version byte, the inflated length (UInt32, little-endian), the deflate stream.
enum Deflate {
    static let version: UInt8 = 1

    /// Version 1's dictionary. Never change it: stored posts need it to be read back. The most
    /// frequent pieces come last, where zlib's back-references are shortest.
    static let dictionary: [UInt8] = Array(dictionaryPieces.joined().utf8)
    private static let dictionaryPieces: [String] = [
        #"{"removed":false,"sourceID":"","parentID":"","author":"","updated":{"#,
        #"{"ol":[[{"ul":[[{"q":[{"code":"{"hr":1}{"e":1}{"h":[{"t":""],"level":2},"#,
        #"{"explicit":true,"kind":"url","target":"http://"},{"explicit":false,"kind":"title","target":""#,
        #"],"permalink":"https://","aliases":[],"#,
        #"{"f":"1"},{"r":0,"x":""},{"t":"","s":1},{"br":1},"#,
        #"{"aliases":[],"commentCount":0,"comments":[],"date":{"day":1,"hour":0,"minute":0,"month":1,"second":0,"year":20"#,
        #"},"document":{"blocks":[{"p":[{"t":""},"footnotes":[{"blocks":[{"p":[{"t":""}]}],"label":"1"}],"#,
        #""kind":"post","labels":["","references":[{"explicit":false,"kind":"title","target":"","text":""}],"#,
        #""slug":"","sourceKey":"text:","title":""}]},{"p":[{"t":""#,
    ]

    /// zlib's level 3: the JSON repeats the text, which every level finds as long matches, so
    /// the default (6) made blobs only 3 % smaller for a third more time.
    static let level: Int32 = 3

    static func compress(_ data: Data) -> Data {
        var stream = z_stream()
        precondition(deflateInit_(&stream, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        dictionary.withUnsafeBufferPointer { _ = deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))))
        let produced = data.withUnsafeBytes { src -> Int in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                let rc = deflate(&stream, Z_FINISH)
                precondition(rc == Z_STREAM_END, "zlib deflate failed with \(rc)")
                return dst.count - Int(stream.avail_out)
            }
        }
        var header = Data([version, 0, 0, 0, 0])
        header.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(data.count).littleEndian, toByteOffset: 1, as: UInt32.self) }
        return header + out[..<produced]
    }

    /// Inflates a blob made by `compress`, whole, so that zlib checks its checksum.
    static func decompress(_ data: Data) -> Data? {
        guard data.count >= 5, data.first == version else { return nil }
        let length = data.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 1, as: UInt32.self))) }
        guard length <= 512 * 1024 * 1024 else { return nil }
        if length == 0 { return Data() }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: length)
        var filled = 0
        let ok = data.dropFirst(5).withUnsafeBytes { src -> Bool in
            stream.next_in = UnsafeMutablePointer(mutating: src.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(src.count)
            while true {
                let rc = out.withUnsafeMutableBufferPointer { dst -> Int32 in
                    stream.next_out = dst.baseAddress! + filled
                    stream.avail_out = uInt(dst.count - filled)
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    filled = dst.count - Int(stream.avail_out)
                    return rc
                }
                switch rc {
                case Z_NEED_DICT:
                    guard dictionary.withUnsafeBufferPointer({ inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }) == Z_OK else { return false }
                case Z_STREAM_END:
                    return filled == length
                case Z_OK, Z_BUF_ERROR:
                    // The output is as long as the header says; a stream that wants more, or
                    // stops short of its end, is damaged.
                    return false
                default:
                    return false
                }
            }
        }
        guard ok else { return nil }
        return Data(out[..<filled])
    }
}
