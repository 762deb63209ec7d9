import Foundation
import Testing
import QuireModel
@testable import QuireStore

@Suite struct DeflateTests {
    @Test func packedPostsComeBackWhole() throws {
        let long = String(repeating: "Кириллица, café, 漢字 and plain words. ", count: 2000)
        for text in ["", "short", long] {
            let json = Data("{\"title\":\"\(text.prefix(20))\"}".utf8)
            let packed = Deflate.pack(text: text, json: json)
            #expect(Deflate.text(packed) == text)
            #expect(Deflate.json(packed) == json)
        }
    }

    @Test func damagedBlobsAreRejectedNotMisread() {
        let packed = Deflate.pack(text: "some text", json: Data("{}".utf8))
        #expect(Deflate.text(Data()) == nil)
        #expect(Deflate.json(packed.prefix(3)) == nil)
        var wrongVersion = packed; wrongVersion[0] = 9
        #expect(Deflate.json(wrongVersion) == nil)
        var corrupt = packed; corrupt[corrupt.count - 2] ^= 0xFF
        #expect(Deflate.json(corrupt) == nil)
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
