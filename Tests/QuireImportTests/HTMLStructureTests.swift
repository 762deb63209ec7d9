import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// What the HTML reader keeps of media, images, lists, tables, definitions and quotes.
@Suite struct HTMLStructureTests {
    static func convert(_ html: String) -> (blocks: [Block], references: [Reference]) {
        var refs: [Reference] = []
        let c = HTMLDocumentConverter.convert(html, references: &refs)
        return (c.blocks, refs)
    }

    static func t(_ s: String) -> [Inline] { [.text(s, [])] }

    static func markdown(_ text: String) -> [Block] {
        var refs: [Reference] = []
        return MarkdownConverter.convert(text, tags: TemplateTags(), references: &refs).blocks
    }

    // MARK: Media

    @Test(arguments: [
        ("<iframe src='https://www.youtube.com/embed/abc123?rel=0' title='YouTube video player'></iframe>",
         Block.media(kind: .video, url: "https://www.youtube.com/watch?v=abc123", title: nil)),
        ("<iframe src='//www.youtube-nocookie.com/embed/xyz'></iframe>",
         .media(kind: .video, url: "https://www.youtube.com/watch?v=xyz", title: nil)),
        ("<iframe src='https://player.vimeo.com/video/76979871?h=8272103f6e'></iframe>",
         .media(kind: .video, url: "https://vimeo.com/76979871", title: nil)),
        ("<video controls><source src='https://e.org/talk.webm' type='video/webm'></video>",
         .media(kind: .video, url: "https://e.org/talk.webm", title: nil)),
        ("<audio src='https://e.org/ep1.mp3' controls></audio>", .media(kind: .audio, url: "https://e.org/ep1.mp3", title: nil)),
        ("<embed src='https://e.org/old.swf' type='application/x-shockwave-flash'>",
         .media(kind: .embed, url: "https://e.org/old.swf", title: nil)),
        ("<object width=425><param name='movie' value='http://www.youtube.com/v/OldId&hl=en'></param></object>",
         .media(kind: .video, url: "https://www.youtube.com/watch?v=OldId", title: nil)),
        ("<iframe src='https://w.soundcloud.com/player/?url=x'></iframe>",
         .media(kind: .audio, url: "https://w.soundcloud.com/player/?url=x", title: nil)),
        ("<iframe src='https://www.youtube.com/embed/videoseries?list=PL123'></iframe>",
         .media(kind: .playlist, url: "https://www.youtube.com/playlist?list=PL123", title: nil)),
    ])
    func embeddedMediaBecomeLinkedPlaceholders(_ html: String, _ expected: Block) {
        let (blocks, refs) = Self.convert("<p>Watch this:</p>" + html + "<p>After.</p>")
        #expect(blocks == [.paragraph(Self.t("Watch this:")), expected, .paragraph(Self.t("After."))])
        guard case .media(let kind, let url, let title) = expected else { return }
        // The address is a reference the reader can follow, named by the placeholder.
        #expect(refs.map(\.target) == [url])
        #expect(refs.map(\.text) == [Block.mediaPlaceholder(kind: kind, url: url, title: title)])
    }

    @Test func mediaWithoutAnAddressStillLeaveATrace() {
        let (blocks, refs) = Self.convert("<p>x</p><video controls></video>")
        #expect(blocks.last == .media(kind: .video, url: "", title: nil))
        #expect(blocks.last?.plainText == "[video]")
        #expect(refs.isEmpty)
    }

    // MARK: Images

    @Test func anImageAloneIsABlockNamedByAltTextElseFileName() {
        let (blocks, refs) = Self.convert("""
            <p>Before the picture.</p><p><img src="https://e.org/u/2019/04/podcast-directory-draft.png?w=640"></p>
            <div class="separator"><a href="https://e.org/big.jpg"><img alt="The harbour" src="https://e.org/s320/small.jpg"></a></div>
            <p>Text with <img src="/icons/smile.gif"> an inline image.</p>
            <p>Blocky <img style="display: block" src="/wide.jpg" alt="Wide"> image.</p>
            """)
        #expect(blocks == [
            .paragraph(Self.t("Before the picture.")),
            .media(kind: .image, url: "https://e.org/u/2019/04/podcast-directory-draft.png?w=640", title: "podcast-directory-draft.png"),
            .media(kind: .image, url: "https://e.org/big.jpg", title: "The harbour"),
            .paragraph(Self.t("Text with [image: smile.gif] an inline image.")),
            .paragraph(Self.t("Blocky")),
            .media(kind: .image, url: "/wide.jpg", title: "Wide"),
            .paragraph(Self.t("image.")),
        ])
        #expect(blocks[1].plainText == "[image: podcast-directory-draft.png]")
        // Only the linked image made a reference.
        #expect(refs.map(\.target) == ["https://e.org/big.jpg"])
    }

    @Test func figuresAndCaptionTablesKeepTheirCaptions() {
        let (figure, _) = Self.convert("<figure><img src='/a/heron.jpg' alt='A heron'><figcaption>At <em>dawn</em>.</figcaption></figure>")
        #expect(figure == [.figure(.media(kind: .image, url: "/a/heron.jpg", title: "A heron"),
                                   caption: [.text("At ", []), .text("dawn", .emphasis), .text(".", [])])])
        // Blogger's captioned image: a one-column table.
        let (table, _) = Self.convert("""
            <table class="tr-caption-container"><tbody><tr><td><a href="https://e.org/b.png"><img src="https://e.org/s.png"></a></td></tr>
            <tr><td class="tr-caption">The new sign</td></tr></tbody></table>
            """)
        #expect(table == [.figure(.media(kind: .image, url: "https://e.org/b.png", title: "s.png"), caption: Self.t("The new sign"))])
    }

    // MARK: Lists

    @Test func orderedListsKeepStartReversedAndValue() {
        #expect(Self.convert("<ol start='3'><li>c<li>d</ol>").blocks
                == [.numberedList(numbers: [3, 4], items: [[.paragraph(Self.t("c"))], [.paragraph(Self.t("d"))]])])
        #expect(Self.convert("<ol reversed><li>c<li>b<li>a</ol>").blocks.first.map(Self.numbers) == [3, 2, 1])
        #expect(Self.convert("<ol><li>a<li value='7'>g<li>h</ol>").blocks.first.map(Self.numbers) == [1, 7, 8])
        #expect(Self.convert("<ol reversed start='10'><li>x<li value='4'>y<li>z</ol>").blocks.first.map(Self.numbers) == [10, 4, 3])
        #expect(Self.convert("<ol><li>a<li>b</ol>").blocks == [.list(ordered: true, items: [[.paragraph(Self.t("a"))], [.paragraph(Self.t("b"))]])])
    }

    static func numbers(_ block: Block) -> [Int] {
        switch block {
        case .numberedList(let n, _): return n
        case .list(true, let items): return Array(1...items.count)
        default: return []
        }
    }

    @Test func markdownListsStartWhereTheyWereWritten() {
        #expect(Self.markdown("3. three\n4. four\n\ntext\n\n1. one\n").map(Self.numbers) == [[3, 4], [], [1]])
    }

    // MARK: Tables

    @Test func tablesKeepTheirCellsInColumns() {
        let (blocks, refs) = Self.convert("""
            <table><thead><tr><th>Tide<th>Time<th>Height</thead>
            <tr><td colspan=2>High, morning<td>5.1 m
            <tr><td rowspan=2>Low<td>12:40<td>
            <tr><td>13:02<td><a href="https://e.org/t">chart</a></table>
            """)
        #expect(blocks == [.table(rows: [
            [Self.t("Tide"), Self.t("Time"), Self.t("Height")],
            [Self.t("High, morning"), [], Self.t("5.1 m")],
            [Self.t("Low"), Self.t("12:40"), []],
            [[], Self.t("13:02"), [.reference(index: 0, text: "chart")]],
        ], headerRows: 1)])
        #expect(refs.map(\.target) == ["https://e.org/t"])
    }

    @Test func markdownTablesAreTables() {
        #expect(Self.markdown("| a | b |\n|---|---|\n| 1 |   |\n| 2 | 3 |\n") == [.table(rows: [[Self.t("a"), Self.t("b")], [Self.t("1"), []], [Self.t("2"), Self.t("3")]], headerRows: 1)])
    }

    // MARK: Definitions, quotes, links, code

    @Test func definitionListsKeepTermsApart() {
        #expect(Self.convert("<dl><dt>Ebb<dd>The sea going out.<dt>Flood<dd>Coming in.</dl>").blocks == [
            .term(Self.t("Ebb")), .definition([.paragraph(Self.t("The sea going out."))]),
            .term(Self.t("Flood")), .definition([.paragraph(Self.t("Coming in."))]),
        ])
    }

    @Test func aQuotesCiteNamesItsAuthor() {
        let quote = Block.quote([.paragraph(Self.t("Fair winds.")), .paragraph(Self.t("— A. Sailor"))])
        #expect(Self.convert("<blockquote><p>Fair winds.</p><footer>— <cite>A. Sailor</cite></footer></blockquote>").blocks == [quote])
        #expect(Self.convert("<blockquote><p>Fair winds.</p><cite>A. Sailor</cite></blockquote>").blocks == [quote])
        #expect(Self.convert("<blockquote><p>Fair winds.</p><p>-- <cite>A. Sailor</cite></p></blockquote>").blocks == [quote])
        // A work's title inside the text stays in italics.
        #expect(Self.convert("<blockquote><p>From <cite>Moby-Dick</cite>, page 3.</p></blockquote>").blocks
                == [.quote([.paragraph([.text("From ", []), .text("Moby-Dick", .emphasis), .text(", page 3.", [])])])])
    }

    @Test func adjacentLinksStayApartAndCodeKeepsTabs() {
        let (blocks, _) = Self.convert("<p><a href='/a'>one</a><a href='/b'>two</a>, <code>x\ty</code></p>")
        #expect(blocks == [.paragraph([.reference(index: 0, text: "one"), .text(" ", []), .reference(index: 1, text: "two"),
                                       .text(", ", []), .text("x    y", .code)])])
        var none: [Reference] = []
        var options = HTMLDocumentConverter.Options()
        options.linksAsText = true
        let comment = HTMLDocumentConverter.convert("<a href='https://a.org/'>a</a><a href='https://b.org/'>b</a>", options: options,
                                                    references: &none)
        #expect(comment.blocks.map(\.plainText) == ["a <https://a.org/> b <https://b.org/>"])
    }
}
