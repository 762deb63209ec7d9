import Foundation
import GRDB
import Testing
import QuireModel
@testable import QuireStore

@Suite struct PostBlobTests {
    static let long = String(repeating: "Кириллица, café, 漢字 and plain words. ", count: 2000)

    /// A blob of format 1 (zlib), as stores made before format 2 hold them.
    static func formatOne(text: String, json: Data) -> Data {
        var joined = Data(text.utf8)
        joined.append(0)
        joined.append(json)
        return Deflate.compress(joined)
    }

    /// Format 2 as written now, and format 1 as stores made before it hold posts.
    enum Format: CaseIterable { case zstd, zlib }

    @Test(arguments: Format.allCases)
    func postsComeBackWhole(_ format: Format) throws {
        for text in ["", "short", Self.long] {
            let json = Data("{\"title\":\"\(text.prefix(20))\"}".utf8)
            let packed = format == .zstd ? PostBlob.pack(text: text, json: json) : Self.formatOne(text: text, json: json)
            #expect(packed.first == (format == .zstd ? Zstd.version : Deflate.version))
            #expect(PostBlob.text(packed) == text)
            #expect(PostBlob.json(packed) == json)
        }
    }

    /// quire_text, the SQL function in C that the search index reads through, gives the same
    /// text as PostBlob for both formats, and NULL for damaged blobs.
    @Test func theSQLFunctionReadsBothFormats() throws {
        let store = try ArchiveStore.inMemory()
        let json = Data("{\"k\":1}".utf8)
        for text in ["", "short", Self.long] {
            for blob in [PostBlob.pack(text: text, json: json), Self.formatOne(text: text, json: json)] {
                let got = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT quire_text(?)", arguments: [blob]) }
                #expect(got == text, "format \(blob[0]), \(text.count) characters")
                var damaged = blob
                if damaged.count > 8 { damaged[damaged.count / 2 + 3] ^= 0x5A }
                let bad = try store.writer.read { db in try DatabaseValue.fetchOne(db, sql: "SELECT quire_text(?)", arguments: [damaged]) }
                if damaged != blob { #expect(bad == .null || bad == text.databaseValue, "format \(blob[0]) damaged") }
            }
        }
        let none = try store.writer.read { db in try DatabaseValue.fetchOne(db, sql: "SELECT quire_text(?)", arguments: [Data([9, 1, 0, 0, 0, 0])]) }
        #expect(none == .null)
    }

    @Test(arguments: [true, false])
    func damagedBlobsAreRejectedNotMisread(formatTwo: Bool) {
        let text = "some text that is long enough to be compressed into more than a few bytes, some text"
        let packed = formatTwo ? PostBlob.pack(text: text, json: Data("{}".utf8)) : Self.formatOne(text: text, json: Data("{}".utf8))
        #expect(PostBlob.text(Data()) == nil)
        #expect(PostBlob.json(packed.prefix(3)) == nil)
        #expect(PostBlob.json(packed.prefix(packed.count - 1)) == nil, "truncated")
        var wrongVersion = packed; wrongVersion[0] = 9
        #expect(PostBlob.json(wrongVersion) == nil)
        for offset in [packed.count - 2, packed.count / 2] {
            var corrupt = packed; corrupt[offset] ^= 0xFF
            #expect(PostBlob.json(corrupt) == nil, "a byte flipped at \(offset) of \(packed.count)")
        }
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
