import QuireModel
import Testing
@testable import QuireUI

/// A post nesting a hundred quotes and lists (hostile input must never crash or hide the
/// text): the text stays on screen.
@Suite struct DeepNestingTests {
    static func nested(_ depth: Int) -> Post {
        var quote = Block.paragraph([.text("deep in the quotes", [])])
        var list = Block.paragraph([.text("deep in the lists", [])])
        for _ in 0..<depth {
            quote = .quote([quote])
            list = .list(ordered: depth % 2 == 0, items: [[list], [.paragraph([.text("sibling", [])])]])
        }
        return Post(sourceKey: "deep", slug: "deep", title: "Deep", date: PostDate(year: 2010, month: 1, day: 2),
                    document: Document(blocks: [quote, list]))
    }

    @Test(arguments: [(100, 40), (100, 80), (1000, 20), (3, 80)])
    func nestedTextStaysVisible(depth: Int, width: Int) {
        let stored = StoredPost(id: 1, post: Self.nested(depth), targets: [], backlinks: [])
        let layout = PostLayout(DocumentLayout(stored, inlineNotes: true), width: width, highlight: .none, inlineNotes: true)
        let text = layout.lines.map { $0.spans.plainText }
        let words = text.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "•" })
        #expect(words.joined(separator: " ").contains("deep in the quotes"))
        #expect(words.joined(separator: " ").contains("deep in the lists"))
        for line in layout.lines {
            #expect(line.spans.displayWidth <= width, "\(line.spans.plainText)")
        }
        // Shallow nesting keeps every level.
        if depth == 3 { #expect(text.contains { $0.hasPrefix("│ │ │ deep") }) }
    }
}
