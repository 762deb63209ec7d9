import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// Post HTML is read into the tree a browser builds (HTML5 tree construction): the text and
/// links kept are the ones a browser shows. Each expectation was worked out from the spec's
/// tree-construction rules (implied end tags, the adoption agency, "after body" content).
@Suite struct HTMLTreeTests {
    struct Case: CustomStringConvertible, Sendable {
        var html: String
        /// Each block's plain text, in order.
        var blocks: [String]
        /// Each link as `href text`, in order.
        var links: [String]
        var description: String { html }
    }

    static let cases: [Case] = [
        // The <div> left open inside the link: the adoption agency closes the link before the
        // div, and reopens it inside the div; "After" is a paragraph of its own, not link text.
        Case(html: "<a href=x><div>Ad</a></div><p>After</p>", blocks: ["Ad", "After"], links: ["x Ad"]),
        Case(html: "<p>Before <a href=/a>one<div>two</a> three</div><p>four <a href=/b>b</a></p>",
             blocks: ["Before one", "two three", "four b"], links: ["/a one", "/a two", "/b b"]),
        // Content after </body> and </html> goes back into the body.
        Case(html: "<html><body><p>one</p></body></html><p>two</p>", blocks: ["one", "two"], links: []),
        Case(html: "<body><p>in</p></body>after <b>all</b>", blocks: ["in", "after all"], links: []),
        // A link card: its blocks stay blocks, the link is on its heading, once.
        Case(html: "<a href='https://e.org/card'><img src='c.png' alt='Cover'><h3>Head</h3><p>Text of the card</p></a>",
             blocks: ["[image: Cover]", "Head", "Text of the card"], links: ["https://e.org/card Head"]),
        // <p> inside <a>: the paragraph is the link; a long one gives its first words.
        Case(html: "<a href=/u><p>Short teaser</p></a>", blocks: ["Short teaser"], links: ["/u Short teaser"]),
        Case(html: "<a href=/u><p>One two three four five six seven eight nine ten</p></a>",
             blocks: ["One two three four five six seven eight nine ten"], links: ["/u One two three four five six"]),
        // <a> inside <a>: the second closes the first; two links, kept apart.
        Case(html: "<p><a href=/1>one<a href=/2>two</a></a></p>", blocks: ["one two"], links: ["/1 one", "/2 two"]),
        Case(html: "<p><a href=/1>one</a><a href=/2>two</a></p>", blocks: ["one two"], links: ["/1 one", "/2 two"]),
        // Implied end tags.
        Case(html: "<ul><li>a<li>b</ul><p>c", blocks: ["a\nb", "c"], links: []),
        Case(html: "<p>one<p>two<div>three</div>", blocks: ["one", "two", "three"], links: []),
        Case(html: "<table><tr><td>a<td>b<tr><td>c<td>d</table><p>after",
             blocks: ["a b\nc d", "after"], links: []),
        // Stray end tags are ignored.
        Case(html: "<p>one</p></div></span></p><p>two</p>", blocks: ["one", "", "two"], links: []),
        Case(html: "<div>one</div></div></div>two", blocks: ["one", "two"], links: []),
        // A figcaption outside a figure closes the paragraph and is a block of its own.
        Case(html: "<p>a<figcaption>cap</figcaption>b</p>", blocks: ["a", "cap", "b"], links: []),
        // Misnested formatting: the adoption agency splits it.
        Case(html: "<b>x<p>y</b>z</p>", blocks: ["x", "yz"], links: []),
    ]

    static func convert(_ html: String) -> (blocks: [Block], references: [Reference]) {
        var refs: [Reference] = []
        let c = HTMLDocumentConverter.convert(html, references: &refs)
        return (c.blocks, refs)
    }

    @Test(arguments: cases) func browserTree(_ c: Case) {
        let (blocks, refs) = Self.convert(c.html)
        #expect(blocks.map(\.plainText) == c.blocks.filter { !$0.isEmpty })
        #expect(refs.map { "\($0.target) \($0.text)" } == c.links)
    }

    @Test func misnestedFormattingKeepsEachRunsStyle() {
        let (blocks, _) = Self.convert("<p><b>bold<i>both</b>italic</i></p>")
        #expect(blocks == [.paragraph([.text("bold", .strong), .text("both", [.strong, .emphasis]), .text("italic", .emphasis)])])
    }

    @Test func aLinkCardIsOneLinkWithItsHeadingAsLabel() {
        let (blocks, refs) = Self.convert("""
            <a href="https://e.org/p"><div class="card"><img src="https://e.org/i/podcast-directory-draft.png">\
            <h4>A better directory</h4><p>Long teaser text that runs on and on.</p></div></a>
            """)
        #expect(refs.count == 1)
        #expect(blocks.count == 3)
        #expect(blocks[0] == .media(kind: .image, url: "https://e.org/i/podcast-directory-draft.png", title: "podcast-directory-draft.png"))
        #expect(blocks[1] == .heading(level: 4, [.reference(index: 0, text: "A better directory")]))
        #expect(blocks[2].plainText == "Long teaser text that runs on and on.")
    }

    /// Deep nesting is bounded as browsers bound it, in time linear in the input, and the
    /// walk does not recurse without limit. The time limit is only a hang guard.
    @Test(.timeLimit(.minutes(1)), arguments: ["<div>", "<b>", "<blockquote>", "<ul><li>", "<table><tr><td>",
                                                 "<span>", "<em><strong>x", "<a href=/x><div>", "<b id=1>x<p>"])
    func deepNestingDoesNotCrashOrHang(_ open: String) {
        let html = String(repeating: open, count: 100_000) + "end"
        let (blocks, _) = Self.convert(html)
        #expect(blocks.map(\.plainText).joined().contains("end"))
    }

    @Test func theDepthLimitLeavesTextAndShallowStructure() {
        let deep = String(repeating: "<div>", count: 1000) + "<p>deep</p>" + String(repeating: "</div>", count: 1000)
        let (blocks, _) = Self.convert("<h2>Top</h2>" + deep + "<p>after</p>")
        #expect(blocks.map(\.plainText) == ["Top", "deep", "after"])
        #expect(HTMLNesting.limited("<p>" + String(repeating: "<b>x</b>", count: 300), tags: 601)
                == "<p>" + String(repeating: "<b>x</b>", count: 300))
    }
}
