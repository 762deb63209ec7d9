import Foundation
import Testing
import QuireModel

/// The stored form of documents: every block round-trips, and documents written before the
/// newer blocks existed still read.
@Suite struct DocumentCodingTests {
    static let t: [Inline] = [.text("x", .strong), .reference(index: 2, text: "r"), .footnoteMarker(label: "1"), .lineBreak]

    /// One of every block, the newer ones nested in the older and the other way round.
    static let every: [Block] = [
        .paragraph(t), .heading(level: 3, t), .quote([.paragraph(t)]), .list(ordered: false, items: [[.rule]]),
        .list(ordered: true, items: [[.elision], [.code("a\n\tb")]]),
        .media(kind: .video, url: "https://www.youtube.com/watch?v=x", title: nil),
        .media(kind: .image, url: "/a.png", title: "a.png"),
        .figure(.media(kind: .image, url: "/b.png", title: nil), caption: t),
        .numberedList(numbers: [3, 4], items: [[.paragraph(t)], [.table(rows: [[t, []]], headerRows: 0)]]),
        .numberedList(numbers: [-1], items: [[.term(t)]]),
        .table(rows: [[t, [.text("h", [])]], [[], t]], headerRows: 1),
        .term(t), .definition([.paragraph(t), .quote([.definition([])])]),
    ]

    @Test(arguments: every) func roundTrips(_ block: Block) throws {
        let data = try JSONEncoder().encode(block)
        #expect(try JSONDecoder().decode(Block.self, from: data) == block, "\(String(decoding: data, as: UTF8.self))")
    }

    /// A document as Quire stored it before tables, numbered lists and media: hand-written in
    /// that format, it reads as it did.
    @Test func oldDocumentsStillRead() throws {
        let old = #"""
        {"blocks":[{"h":[{"t":"Title"}],"level":2},{"p":[{"t":"a "},{"s":2,"t":"b"},{"r":0,"x":"link"},{"br":1},{"f":"1"}]},
        {"q":[{"e":1},{"hr":1}]},{"ol":[[{"p":[{"t":"one"}]}],[{"ul":[[{"code":"x\ny"}]]}]]}]}
        """#
        let document = try JSONDecoder().decode(Document.self, from: Data(old.utf8))
        #expect(document.blocks == [
            .heading(level: 2, [.text("Title", [])]),
            .paragraph([.text("a ", []), .text("b", .strong), .reference(index: 0, text: "link"), .lineBreak, .footnoteMarker(label: "1")]),
            .quote([.elision, .rule]),
            .list(ordered: true, items: [[.paragraph([.text("one", [])])], [.list(ordered: false, items: [[.code("x\ny")]])]]),
        ])
    }

    /// A block kind from a later version is an error the store reports, not a crash.
    @Test func unknownBlocksAreErrors() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Block.self, from: Data(#"{"zz":1}"#.utf8)) }
    }
}
