import CQuireSQL
import Foundation
import GRDB
import Testing
import QuireModel
@testable import QuireStore

@Suite struct PostBlobTests {
    static let long = String(repeating: "Кириллица, café, 漢字 and plain words. ", count: 2000)

    /// Format 2 as written now, and format 1 as stores made before it hold posts.
    enum Format: CaseIterable { case zstd, zlib }

    static func pack(_ format: Format, text: String, json: Data) throws -> Data {
        var joined = Data(text.utf8)
        joined.append(0)
        joined.append(json)
        return try PostBlob.pack(joined, format: Int32(format == .zstd ? QUIRE_BLOB_ZSTD : QUIRE_BLOB_ZLIB))
    }

    static func sqlText(_ blob: Data, _ store: ArchiveStore) throws -> DatabaseValue? {
        try store.writer.read { db in try DatabaseValue.fetchOne(db, sql: "SELECT quire_text(?)", arguments: [blob]) }
    }

    @Test(arguments: Format.allCases)
    func postsComeBackWhole(_ format: Format) throws {
        for text in ["", "short", Self.long] {
            let json = Data("{\"title\":\"\(text.prefix(20))\"}".utf8)
            let packed = try Self.pack(format, text: text, json: json)
            #expect(Int(packed[0]) == (format == .zstd ? QUIRE_BLOB_ZSTD : QUIRE_BLOB_ZLIB))
            #expect(PostBlob.text(packed) == text)
            #expect(PostBlob.json(packed) == json)
        }
        #expect(try Int(PostBlob.pack(text: "x", json: Data())[0]) == QUIRE_BLOB_ZSTD, "posts are written as format 2")
    }

    /// Blobs written by the Swift encoders this format had before it was described in C alone:
    /// stores hold them, so they must read back the same.
    @Test func blobsWrittenBeforeStillRead() throws {
        let text = "Quire keeps posts: café, 漢字."
        let json = Data("{\"title\":\"A post\",\"labels\":[\"x\"]}".utf8)
        let zstd = "024300000028b52ffd2443ad010084025175697265206b6565707320706f7374733a20636166c3a92c20e6bca2e5ad972e007b4178225d7d0300437350f4de0145780213e783ac"
        let zlib = "0143000000787d58d4d4720b2ccd2c4a55c84e4d2d285600b9aed84a213931edf04a1d85677b163d5d3b5d8f01a80eaad911ac02c5fd154ab1b5007ebf1903"
        let store = try ArchiveStore.inMemory()
        for hex in [zstd, zlib] {
            let blob = Data(stride(from: 0, to: hex.count, by: 2).map { i in
                UInt8(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 2)], radix: 16)!
            })
            #expect(PostBlob.text(blob) == text)
            #expect(PostBlob.json(blob) == json)
            #expect(try Self.sqlText(blob, store) == text.databaseValue)
        }
    }

    /// quire_text, the SQL function the search index reads through, gives the same text as
    /// PostBlob for both formats, and NULL for damaged blobs.
    @Test func theSQLFunctionReadsBothFormats() throws {
        let store = try ArchiveStore.inMemory()
        let json = Data("{\"k\":1}".utf8)
        for text in ["", "short", Self.long] {
            for format in Format.allCases {
                let blob = try Self.pack(format, text: text, json: json)
                #expect(try Self.sqlText(blob, store) == text.databaseValue, "\(format), \(text.count) characters")
                var damaged = blob
                damaged[damaged.count / 2 + 3] ^= 0x5A
                #expect(try Self.sqlText(damaged, store) == .null, "\(format) damaged")
                #expect(PostBlob.text(damaged) == nil, "\(format) damaged")
            }
        }
        #expect(try Self.sqlText(Data([9, 1, 0, 0, 0, 0]), store) == .null)
        #expect(try Self.sqlText(Data(), store) == .null)
        #expect(try store.writer.read { db in try DatabaseValue.fetchOne(db, sql: "SELECT quire_text('text')") } == .null)
    }

    @Test(arguments: Format.allCases)
    func damagedBlobsAreRejectedNotMisread(_ format: Format) throws {
        let text = "some text that is long enough to be compressed into more than a few bytes, some text"
        let packed = try Self.pack(format, text: text, json: Data("{}".utf8))
        #expect(PostBlob.text(Data()) == nil)
        #expect(PostBlob.json(packed.prefix(3)) == nil)
        #expect(PostBlob.json(packed.prefix(packed.count - 1)) == nil, "truncated")
        #expect(PostBlob.json(packed + Data([0])) == nil, "a byte too many")
        var wrongVersion = packed; wrongVersion[0] = 9
        #expect(PostBlob.json(wrongVersion) == nil)
        for offset in [packed.count - 2, packed.count / 2] {
            var corrupt = packed; corrupt[offset] ^= 0xFF
            #expect(PostBlob.json(corrupt) == nil, "a byte flipped at \(offset) of \(packed.count)")
        }
        for declared in [packed[1] &+ 1, packed[1] &- 1] {
            var wrongSize = packed; wrongSize[1] = declared
            #expect(PostBlob.json(wrongSize) == nil, "declares \(declared) bytes too many or too few")
        }
    }

    /// Blobs whose header claims more than they hold: refused from the header alone, before
    /// anything is allocated, by Swift and by SQL. (quire_text used to allocate 512 MB for a
    /// six-byte blob that asked for it.)
    static func lyingBlobs() throws -> [Data] {
        func header(_ format: Int, _ size: UInt32) -> Data {
            Data([UInt8(format), UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)])
        }
        var blobs: [Data] = []
        for format in [QUIRE_BLOB_ZSTD, QUIRE_BLOB_ZLIB] {
            blobs.append(header(format, 0xFFFF_FFFF) + Data([0x28]))             // claims 4 GB
            blobs.append(header(format, 500 << 20) + Data([0x28]))               // 500 MB from one byte
            blobs.append(header(format, 60 << 20) + Data(repeating: 7, count: 100)) // 60 MB from 100 bytes
        }
        for format in Format.allCases {
            var real = try pack(format, text: long, json: Data("{}".utf8))
            real.replaceSubrange(1..<5, with: [0xFF, 0xFF, 0xFF, 0xFF])           // a real stream, 4 GB claimed
            blobs.append(real)
        }
        return blobs
    }

    @Test func aLyingDeclaredSizeIsRefusedWithoutALargeAllocation() throws {
        let blobs = try Self.lyingBlobs()
        for blob in blobs {
            let size = blob.withUnsafeBytes { quire_blob_unpacked_size($0.bindMemory(to: UInt8.self).baseAddress, $0.count) }
            #expect(size == -1, "\(blob.prefix(5).map { $0 })")
        }
        let store = try ArchiveStore.inMemory()
        let before = Self.peakResidentMB()
        for _ in 0..<50 {
            for blob in blobs {
                #expect(PostBlob.text(blob) == nil)
                #expect(try Self.sqlText(blob, store) == .null)
            }
        }
        // Generous: other tests run in this process at the same time. Each refused claim
        // above is 60 MB or more, and they were made 500 times.
        let grown = Self.peakResidentMB() - before
        #expect(grown < 200, "peak resident memory grew by \(grown) MB")
    }

    /// The most a stream can hold bounds what its header may claim: exactly that is still
    /// read (and then found damaged), one byte more is refused at once; so is anything over
    /// the largest post, whatever the stream's size.
    @Test func theDeclaredSizeIsBoundedByTheStreamAndTheLargestPost() {
        func declared(_ format: Int, _ size: Int, stream: Int) -> Int64 {
            let blob = [UInt8(format), UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24 & 0xFF)]
                + [UInt8](repeating: 0x55, count: stream)
            return Int64(quire_blob_unpacked_size(blob, blob.count))
        }
        #expect(declared(QUIRE_BLOB_ZSTD, 100 * 32768, stream: 100) == 100 * 32768)
        #expect(declared(QUIRE_BLOB_ZSTD, 100 * 32768 + 1, stream: 100) == -1)
        #expect(declared(QUIRE_BLOB_ZLIB, 100 * 1032, stream: 100) == 100 * 1032)
        #expect(declared(QUIRE_BLOB_ZLIB, 100 * 1032 + 1, stream: 100) == -1)
        let largest = Int(QUIRE_BLOB_LARGEST_POST)
        #expect(declared(QUIRE_BLOB_ZSTD, largest, stream: 4096) == Int64(largest))
        #expect(declared(QUIRE_BLOB_ZSTD, largest + 1, stream: 4096) == -1)
        #expect(declared(3, 1, stream: 100) == -1)
        #expect(quire_blob_pack_bound(Int32(QUIRE_BLOB_ZSTD), largest) > 0)
        #expect(quire_blob_pack_bound(Int32(QUIRE_BLOB_ZSTD), largest + 1) == 0, "a post too large to read back is not written")
    }

    static func peakResidentMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024 // kilobytes on Linux
    }

    @Test func everyBlockAndInlineSurvivesTheCompactEncoding() throws {
        let blocks: [Block] = [
            .paragraph([.text("plain", []), .text("bold", [.strong, .emphasis]), .footnoteMarker(label: "1"),
                        .reference(index: 0, text: "\"A Title\""), .lineBreak]),
            .heading(level: 3, [.text("Heading", [])]),
            .quote([.paragraph([.text("quoted", [.code])]), .elision]),
            .list(ordered: true, items: [[.paragraph([.text("one", [])])], [.code("let x = 1\n")]]),
            .list(ordered: false, items: [[.rule]]),
        ]
        let doc = Document(blocks: blocks)
        let decoded = try JSONDecoder().decode(Document.self, from: JSONEncoder().encode(doc))
        #expect(decoded == doc)
    }
}
