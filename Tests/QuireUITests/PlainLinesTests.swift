import QuireModel
import Testing
@testable import QuireUI

/// The plain text of a laid-out post (what `quire show` prints) is the reader's screen without
/// its styles, and the line-by-line form gives the same lines as the whole layout.
@Suite struct PlainLinesTests {
    static let nestedID: PostID = 7

    /// Quotes and lists nested past half the width, a tab in code, a flag, a wide character
    /// at the edge and a note label holding an escape.
    static let nested = Post(
        sourceKey: "nested", slug: "nested", title: "Nested 東京 🇫🇷",
        date: PostDate(year: 2004, month: 1, day: 2),
        document: Document(blocks: [
            (0..<30).reduce(Block.paragraph([.text("deep quote text that wraps a few times over", []),
                                             .footnoteMarker(label: "x\u{1B}[2J")])) { inner, _ in .quote([inner]) },
            .list(ordered: true, items: (1...12).map { [Fixtures.p("item \($0) with words"), .list(ordered: false, items: [[Fixtures.p("inner")]])] }),
            .code("col\tcol2\ttab\n\twide 東京東京東京東京東京東京東京東京東京東京"),
            Fixtures.p(String(repeating: "東", count: 60)),
            .rule,
        ]),
        footnotes: [Footnote(label: "x\u{1B}[2J", blocks: [Fixtures.p("the note, after a label holding an escape")])])

    static let structuredID: PostID = 8

    /// Every kind of block the HTML and Markdown readers make: headings of each level, numbered
    /// and nested lists, a table with an empty cell and a long one, terms, media, a figure.
    static let structured = Post(
        sourceKey: "structured", slug: "structured", title: "Structured",
        date: PostDate(year: 2004, month: 1, day: 3),
        document: Document(blocks: (1...6).map { Block.heading(level: $0, [.text("Level \($0) 見出し", [])]) } + [
            .numberedList(numbers: [9, 10, 11], items: [[Fixtures.p("nine")], [Fixtures.p("ten"),
                .list(ordered: false, items: [[Fixtures.p("inner"), .list(ordered: false, items: [[Fixtures.p("innermost")]])]])],
                [Fixtures.p("eleven")]]),
            .table(rows: [[[.text("Key", [])], [.text("Value", [])], [.text("More", [])]],
                          [[.text("a", [])], [], [.text("a long cell of words that wraps in narrow windows", [])]],
                          [[.text("東京", [])], [.text("2", [])], [.text("x", [])]]], headerRows: 1),
            .term([.text("Term", [])]), .definition([Fixtures.p("Its definition, long enough to wrap at twenty.")]),
            .media(kind: .video, url: "https://www.youtube.com/watch?v=abc", title: nil),
            .figure(.media(kind: .image, url: "/i.png", title: "i.png"), caption: [.text("A caption.", .emphasis)]),
        ]))

    static func archive() -> FakeArchive {
        FakeArchive(Fixtures.all + [(LinkFixtures.linksID, LinkFixtures.links), (nestedID, nested), (structuredID, structured)])
    }

    @Test(arguments: [20, 21, 33, 40, 61, 80, 100])
    func plainLinesAreTheReadersRows(width: Int) throws {
        let archive = Self.archive()
        for (id, _) in Fixtures.all + [(LinkFixtures.linksID, LinkFixtures.links), (Self.nestedID, Self.nested),
                                       (Self.structuredID, Self.structured)] {
            for inline in [true, false] {
                var settings = ReaderSettings()
                settings.inlineNotes = inline
                // The text column as wide as the window, whatever the default width.
                settings.textWidth = ReaderSettings.textWidths.upperBound
                let cols = width + 2
                let options = ReaderOptions(openPost: id, settings: settings)
                let layout = try #require(ReaderSession(archive: archive, options: options, rows: 10, cols: cols).reader?.layout)
                #expect(layout.width == width)
                // A window that holds the whole post.
                let tall = ReaderSession(archive: archive, options: options, rows: layout.lines.count + 2, cols: cols)
                let margin = try #require(tall.reader).margin(cols: cols)
                let rows = tall.render().lines[1...layout.lines.count].map { String($0.dropFirst(margin)) }
                #expect(layout.plainLines == rows, "post \(id) at \(width), inline notes \(inline)")

                var streamed: [String] = []
                PostLayout.plainLines(of: try #require(try archive.post(id)), width: width, inlineNotes: inline) { streamed.append($0) }
                #expect(streamed == layout.plainLines, "post \(id) at \(width), inline notes \(inline)")
            }
        }
    }

    @Test func plainLinesHoldNoStylesOrControls() throws {
        let stored = try #require(try Self.archive().post(Self.nestedID))
        var lines: [String] = []
        PostLayout.plainLines(of: stored, width: 40, inlineNotes: true) { lines.append($0) }
        #expect(lines.contains { $0.hasSuffix("[x] the note, after a") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
        // Every line fits the width, the deepest quote included.
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(lines.filter { DisplayWidth.of($0) > 40 })")
        #expect(lines.contains { $0.contains("deep quote") })
    }
}
