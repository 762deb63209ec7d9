import QuireModel
import Testing
@testable import QuireUI

/// How lists, tables, headings, definitions, media and links read in the reader and in
/// `quire show` (which prints the same lines).
@Suite struct DocumentStructureTests {
    static func t(_ s: String) -> [Inline] { [.text(s, [])] }
    static func p(_ s: String) -> Block { .paragraph(t(s)) }

    /// The body's lines (between the header and the Comments section) at a width.
    static func body(_ blocks: [Block], width: Int = 60, references: [Reference] = [],
                     targets: [ReferenceTarget] = []) -> [String] {
        let post = Post(sourceKey: "s", slug: "s", title: "T", date: PostDate(year: 2020, month: 1, day: 1),
                        document: Document(blocks: blocks), references: references)
        let stored = StoredPost(id: 1, post: post, targets: targets, backlinks: [])
        let layout = PostLayout(DocumentLayout(stored, inlineNotes: true), width: width, highlight: .none, inlineNotes: true)
        let lines = layout.plainLines
        // After the title, the date (wrapped at narrow widths) and a blank line.
        let start = (lines.firstIndex(of: "") ?? 2) + 1
        return Array(lines[start..<(layout.textEndLine + 1)])
    }

    @Test func orderedListsKeepTheirNumbers() {
        #expect(Self.body([.numberedList(numbers: [3, 4], items: [[Self.p("three")], [Self.p("four")]])]) == ["3. three", "4. four"])
        // Counting down past 10: the numbers are right-aligned.
        let down = Array((8...11).reversed())
        #expect(Self.body([.numberedList(numbers: down, items: down.map { [Self.p("n\($0)")] })])
                == ["11. n11", "10. n10", " 9. n9", " 8. n8"])
        #expect(Self.body([.list(ordered: true, items: [[Self.p("a")], [Self.p("b")]])]) == ["1. a", "2. b"])
    }

    @Test func nestedListsChangeBulletAndStayTight() {
        let inner = Block.list(ordered: false, items: [[Self.p("b1")], [Self.p("b2"), .list(ordered: false, items: [[Self.p("c")]])]])
        let lines = Self.body([.list(ordered: false, items: [[Self.p("a1"), inner], [Self.p("a2")]]), Self.p("after")])
        #expect(lines == ["• a1", "  ◦ b1", "  ◦ b2", "    ▪ c", "• a2", "", "after"])
        // A list whose items hold several paragraphs keeps blank lines between everything.
        let loose = Self.body([.list(ordered: false, items: [[Self.p("x"), Self.p("y")], [Self.p("z")]])])
        #expect(loose == ["• x", "", "  y", "", "• z"])
    }

    static let table = Block.table(rows: [
        [t("Name"), t("Qty"), t("Note")],
        [t("apple"), [], t("red")],
        [t("pear"), t("12"), t("green and quite a lot longer")],
    ], headerRows: 1)

    @Test func tablesAlignColumnsAndKeepEmptyCells() {
        #expect(Self.body([Self.table]) == [
            "Name  │ Qty │ Note",
            "──────┼─────┼─" + String(repeating: "─", count: 28),
            "apple │     │ red",
            "pear  │ 12  │ green and quite a lot longer",
        ])
    }

    @Test func wideTablesWrapWithinCells() {
        #expect(Self.body([Self.table], width: 30) == [
            "Name  │ Qty │ Note",
            "──────┼─────┼─────────────────",
            "apple │     │ red",
            "──────┼─────┼─────────────────",
            "pear  │ 12  │ green and quite",
            "      │     │ a lot longer",
        ])
    }

    @Test func tablesTooWideForColumnsGoRowByRow() {
        #expect(Self.body([Self.table], width: 16) == [
            "Name: apple",
            "Qty:",
            "Note: red",
            "",
            "Name: pear",
            "Qty: 12",
            "Note: green and",
            "  quite a lot",
            "  longer",
        ])
    }

    /// At every width, in a quote and a list too, no line of a table is wider than the line.
    @Test func tablesFitEveryWidth() {
        let cjk = Block.table(rows: [[Self.t("東京の天気"), Self.t("x")], [Self.t("晴れのち曇り、ところにより雨"), []]], headerRows: 0)
        for width in 10...80 {
            for block in [Self.table, cjk, .quote([Self.table]), .list(ordered: false, items: [[cjk]])] {
                let lines = Self.body([block], width: width)
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines)")
                #expect(lines.joined().contains("apple") || lines.joined().contains("晴れ"))
            }
        }
    }

    /// Every level looks different in plain text, with text that has no case.
    @Test func headingLevelsAreDistinct() {
        let lines = Self.body((1...6).map { Block.heading(level: $0, Self.t("東京")) })
        #expect(lines == ["東京", "════", "", "東京", "────", "", "### 東京", "", "#### 東京", "", "##### 東京", "", "###### 東京"])
    }

    @Test func headingStylesDifferInTheReader() {
        let styles = (1...6).map { DocumentLayout.headingStyle($0, base: .plain) }
        // Levels 1 to 3 share a style but have their own marks; 3 to 6 each a style of their own.
        #expect(Set(styles[2...]).count == 4)
    }

    @Test func termsAndDefinitions() {
        let lines = Self.body([.term(Self.t("Tide")), .definition([Self.p("The sea rising.")]),
                               .term(Self.t("Ebb")), .definition([Self.p("It falling.")])])
        #expect(lines == ["Tide", "    The sea rising.", "", "Ebb", "    It falling."])
    }

    @Test func mediaLinkToTheirReferenceAndLinksShowTheirKind() {
        let url = "https://www.youtube.com/watch?v=x1"
        let refs = [Reference(kind: .url, target: "/post", text: "a post", explicit: false),
                    Reference(kind: .url, target: "https://out.example/", text: "out", explicit: false),
                    Reference(kind: .url, target: url, text: "[video: youtube.com/watch?v=x1]", explicit: false)]
        let targets: [ReferenceTarget] = [.post(2, title: "Other"), .external(url: "https://out.example/"), .external(url: url)]
        let post = Post(sourceKey: "s", slug: "s", title: "T", date: PostDate(year: 2020, month: 1, day: 1),
                        document: Document(blocks: [.paragraph([.reference(index: 0, text: "a post"), .text(" and ", []),
                                                                .reference(index: 1, text: "out")]),
                                                    .media(kind: .video, url: url, title: nil)]),
                        references: refs)
        let document = DocumentLayout(StoredPost(id: 1, post: post, targets: targets, backlinks: []), inlineNotes: true)
        let spans = document.lines.flatMap(\.spans)
        #expect(spans.first { $0.text == "a post" }?.style == .postLink)
        #expect(spans.first { $0.text == "out" }?.style == .link)
        #expect(Style.postLink != Style.link)
        let video = spans.first { $0.text == "[video: youtube.com/watch?v=x1]" }
        #expect(video?.link != nil)
        #expect(document.links.count == 3)
        #expect(Self.body(post.document.blocks, references: refs, targets: targets)
                == ["a post{1} and out{2}", "", "[video: youtube.com/watch?v=x1]{3}"])
    }

    @Test func figuresShowTheirCaptionUnderTheImage() {
        let lines = Self.body([.figure(.media(kind: .image, url: "/h.jpg", title: "A heron"), caption: Self.t("At dawn."))])
        #expect(lines == ["[image: A heron]", "At dawn."])
    }

    /// A saved post in Markdown keeps list numbers, tables and terms (as GFM and CommonMark
    /// read them back).
    @Test func markdownOfNumberedListsTablesAndTerms() {
        let blocks: [Block] = [
            .numberedList(numbers: [3, 4], items: [[Self.p("three")], [Self.p("four")]]),
            .table(rows: [[Self.t("Name"), Self.t("Size")], [Self.t("a|b")], [[], Self.t("2")]], headerRows: 1),
            .term(Self.t("Tide")), .definition([Self.p("The sea rising and falling.")]),
        ]
        let post = Post(sourceKey: "s", slug: "s", title: "T", date: PostDate(year: 2020, month: 1, day: 1),
                        document: Document(blocks: blocks))
        let md = PostFile.markdown(StoredPost(id: 1, post: post, targets: [], backlinks: []))
        #expect(md.contains("\n3. three\n4. four\n"))
        #expect(md.contains("\n| Name | Size |\n| --- | --- |\n| a\\|b |  |\n|  | 2 |\n"))
        #expect(md.contains("\n**Tide**\n\nThe sea rising and falling.\n"))
    }
}
