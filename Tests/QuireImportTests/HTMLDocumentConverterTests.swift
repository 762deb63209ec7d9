import Foundation
import Testing
@testable import QuireImport
import QuireModel

@Suite struct HTMLDocumentConverterTests {
    func convert(_ html: String, newlines: Bool = false) -> (ConvertedContent, [Reference]) {
        var refs: [Reference] = []
        var options = HTMLDocumentConverter.Options()
        options.paragraphsFromNewlines = newlines
        let c = HTMLDocumentConverter.convert(html, options: options, references: &refs)
        return (c, refs)
    }

    func plain(_ html: String) -> [String] { convert(html).0.blocks.map(\.plainText) }

    @Test func structure() {
        let (c, _) = convert("""
            <h2>Title &amp; more</h2><p>One <em>two</em> <strong>three</strong> <code>four()</code></p>
            <blockquote><p>Quoted</p></blockquote><ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>
            <pre>  line 1
              line 2</pre><hr><p>End</p>
            """)
        #expect(c.blocks[0] == .heading(level: 2, [.text("Title & more", [])]))
        #expect(c.blocks[1] == .paragraph([.text("One ", []), .text("two", .emphasis), .text(" ", []),
                                           .text("three", .strong), .text(" ", []), .text("four()", .code)]))
        #expect(c.blocks[2] == .quote([.paragraph([.text("Quoted", [])])]))
        #expect(c.blocks[3] == .list(ordered: true, items: [[.paragraph([.text("a", [])])],
            [.paragraph([.text("b", [])]), .list(ordered: false, items: [[.paragraph([.text("c", [])])]])]]))
        #expect(c.blocks[4] == .code("  line 1\n  line 2"))
        #expect(c.blocks[5] == .rule)
        #expect(c.blocks[6].plainText == "End")
    }

    @Test func imagesTablesAndDroppedElements() {
        #expect(plain("<p>Look: <img src='a.jpg' alt=' A heron '> <img src='b.jpg'> <img src='data:image/png;base64,AAAA'></p>")
                == ["Look: [image: A heron] [image: b.jpg] [image]"])
        #expect(convert("<table><tr><th>Tide</th><th>Time</th></tr><tr><td>High</td><td>06:12</td></tr><tr><td></td><td></td></tr></table>").0.blocks
                == [.table(rows: [[[.text("Tide", [])], [.text("Time", [])]], [[.text("High", [])], [.text("06:12", [])]]], headerRows: 1)])
        #expect(plain("<p onclick='x()'>Safe<script>bad()</script><style>p{}</style><form><input value=v></form></p><noscript>no</noscript>") == ["Safe"])
    }

    @Test func tagSoupAndEntities() {
        #expect(plain("<p>Unclosed <b>bold<p>Next &eacute;t&eacute; &#8212; &nbsp;done") == ["Unclosed bold", "Next été — done"])
    }

    @Test func controlsAndEscapesNeverReachTheModel() {
        let text = plain("<p>red &#27;[31mALERT&#27;[0m and a bell &#7; and an override &#8238;x</p>").joined()
        #expect(!text.unicodeScalars.contains { Sanitizer.isUnsafe($0) })
        #expect(text.contains("ALERT"))
    }

    @Test func breaksAndDivParagraphs() {
        #expect(plain("a<br>b<br/><br />c<br><br><br>d<br>") == ["a\nb", "c", "d"])
        #expect(plain("<div>one</div><div><br></div><div>two</div>") == ["one", "two"])
    }

    @Test func newlinesAsParagraphsForClassicWordPress() {
        let (c, _) = convert("one\ntwo\n\nthree <em>four</em>\n\n\nfive", newlines: true)
        #expect(c.blocks.map(\.plainText) == ["one\ntwo", "three four", "five"])
    }

    @Test func linksBecomeReferences() {
        let (c, refs) = convert("<p>See <a href=' https://example.com/x '>the <b>post</b></a>, <a href='mailto:a@b.c'>mail</a>, <a href='#top'>top</a>, <a href='/2010/01/y.html'>rel</a>, <a href='https://e.org'></a>.</p>")
        #expect(c.blocks == [.paragraph([.text("See ", []), .reference(index: 0, text: "the post"), .text(", mail, top, ", []),
                                         .reference(index: 1, text: "rel"), .text(", .", [])])])
        #expect(refs == [Reference(kind: .url, target: "https://example.com/x", text: "the post", explicit: false),
                         Reference(kind: .url, target: "/2010/01/y.html", text: "rel", explicit: false)])
    }

    @Test func commentLinksStayText() {
        let blocks = HTMLDocumentConverter.convertComment("Try <a href='http://x.org/a'>this</a> or <a href='http://x.org/b'>http://x.org/b</a>")
        #expect(blocks == [.paragraph([.text("Try this <http://x.org/a> or http://x.org/b", [])])])
    }
}

@Suite struct HandWrittenFootnoteTests {
    func convert(_ html: String) -> ConvertedContent {
        var refs: [Reference] = []
        return HTMLDocumentConverter.convert(html, references: &refs)
    }

    @Test func markdownRendererStyleList() {
        let c = convert("""
            <p>Text<sup id="fnref:1"><a href="#fn:1" class="footnote">1</a></sup> more<sup id="fnref:2"><a href="#fn:2">2</a></sup>.</p>
            <div class="footnotes"><ol>
            <li id="fn:1"><p>First note. <a href="#fnref:1" class="reversefootnote">&#8617;</a></p></li>
            <li id="fn:2"><p>Second, <a href="https://example.org">linked</a>.</p><p>Two paragraphs. <a href="#fnref:2">&#8617;</a></p></li>
            </ol></div>
            """)
        #expect(c.blocks.map(\.plainText) == ["Text[1] more[2]."])
        #expect(c.footnotes.map(\.label) == ["1", "2"])
        #expect(c.footnotes[0].plainText == "First note.")
        #expect(c.footnotes[1].blocks.count == 2)
        #expect(c.footnotes[1].plainText == "Second, linked.\n\nTwo paragraphs.")
    }

    @Test func bloggerBracketsWithNamedAnchorsInOneBlock() {
        let c = convert("""
            Body one<a href="#fn1" name="r1">[1]</a>, body two<a href="#fn2" name="r2">[2]</a>.<br /><br />
            <a name="fn1"></a>[1] Note one.<br /><a name="fn2"></a>[2] Note two.
            """)
        #expect(c.blocks.map(\.plainText) == ["Body one[1], body two[2]."])
        #expect(c.footnotes.map(\.plainText) == ["Note one.", "Note two."])
    }

    @Test func plainBracketsWithNotesAtTheEnd() {
        let c = convert("<p>A claim [1] and another [2].</p><p>Unrelated [3] text.</p><hr><p>[1] Source one.<br>[2] Source two.</p>")
        #expect(c.blocks.map(\.plainText) == ["A claim[1] and another[2].", "Unrelated [3] text."])
        #expect(c.footnotes.map(\.label) == ["1", "2"])
        #expect(c.footnotes.map(\.plainText) == ["Source one.", "Source two."])
    }

    @Test func numbersAloneAreLeftAlone() {
        let c = convert("<p>Chapter [1] of the book, x<sup>2</sup>.</p><p>The end.</p>")
        #expect(c.footnotes.isEmpty)
        #expect(c.blocks.map(\.plainText) == ["Chapter [1] of the book, x2.", "The end."])
    }

    @Test func tableOfContentsLinksAreNotMarkers() {
        let c = convert("<p><a href='#part2'>Part two</a></p><h2 id='part2'>Part two</h2><p>Text.</p>")
        #expect(c.footnotes.isEmpty)
        #expect(c.blocks.count == 3)
    }
}
