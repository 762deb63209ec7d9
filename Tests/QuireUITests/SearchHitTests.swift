import Testing
import QuireModel
@testable import QuireUI

/// Opening search hits (at the first hit, at the comment holding it) and typing unspaced scripts
/// into the query line.
@Suite struct SearchHitTests {
    @Test func aHitInACommentSaysSoAndOpensAtThatComment() throws {
        let s = session(rows: 14, cols: 60)
        s.press(.char("3"))
        s.type("disagree")
        expectScreen(s.render(), [
            " 1 2 3 Search 4 5 6 › “disagree”",
            " Search: disagree",
            " 1 result",
            " N 2007-10-05  Why Does Russia Object to NMD in the EU?",
            "   in a comment by Boris: I disagree.",
            "", "", "", "", "", "", "", "",
            " Enter open top  ↓ results  Esc leave  F1 help",
        ])
        s.press(.enter)
        expectScreen(s.render(), [
            " 1 2 3 Search 4 5 6 › Why Does Russia Object to NMD in the…",
            " Paragraph 30 about missile defense in Europe and what",
            " Russia thinks of it.",
            "",
            " Referenced by",
            " ← 2007-10-12  Missile Defense Talks With Russia Fail",
            "",
            " 2 comments",
            " Anna · 2007-10-06",
            " Good point.",
            "",
            "   Boris · 2007-10-07",
            "   I disagree.",
            " Tab link  ← back  / find  ? help          line 92/103 100%",
        ])
        let r = try #require(s.reader)
        #expect(r.currentHit.map { r.layout.hitLines[$0] } == r.layout.commentLines[1] + 1)
        let canvas = s.render()
        let row = 12, col = canvas.text(row: row).distance(from: canvas.text(row: row).startIndex,
                                                         to: canvas.text(row: row).range(of: "disagree")!.lowerBound)
        #expect(canvas[row, col].style.role == .hit)
    }

    @Test func theCommenterIsAHitTooAndTheCommentOpensFromItsAuthor() throws {
        let s = session(rows: 10, cols: 60)
        s.press(.char("3"))
        s.type("anna")
        #expect(s.lines[4] == "   in a comment by Anna: Good point.")
        s.press(.enter)
        let r = try #require(s.reader)
        let anna = r.layout.commentLines[0]
        #expect(r.scroll <= anna && anna < r.scroll + s.state.bodyHeight)
        #expect(r.layout.lines[anna].hasHit)
    }

    @Test func aPostOpensAtItsFirstHitAndNGoesOnFromThere() throws {
        let s = session(rows: 14, cols: 60)
        s.press(.char("3"))
        s.type("25")
        s.press(.enter)
        expectScreen(s.render(), [
            " 1 2 3 Search 4 5 6 › Why Does Russia Object to NMD in the…",
            "",
            " Paragraph 25 about missile defense in Europe and what",
            " Russia thinks of it.",
            "",
            " Paragraph 26 about missile defense in Europe and what",
            " Russia thinks of it.",
            "",
            " Paragraph 27 about missile defense in Europe and what",
            " Russia thinks of it.",
            "",
            " Paragraph 28 about missile defense in Europe and what",
            " Russia thinks of it.",
            " Tab link  ← back  / find  L links  ? help  line 76/103 84%",
        ])
        #expect(s.reader?.currentHit == 0)
        s.press(.char("n"))
        #expect(s.state.message?.text == "Hit 1 of 1 (wrapped)")
    }

    @Test func japaneseTypedIntoTheQueryLineIsSearchedAsItIsTyped() throws {
        let archive = Fixtures.archive()
        let s = session(rows: 14, cols: 60, archive: archive)
        s.press(.char("3"))
        s.type("公")
        #expect(s.state.search.hits.map(\.post.title) == ["東京の春"])
        s.type("園")
        #expect(archive.searches.suffix(2) == ["公", "公園"], "each character typed searches at once")
        expectScreen(s.render(), [
            " 1 2 3 Search 4 5 6 › “公園”",
            " Search: 公園",
            " 1 result",
            " N 2007-09-20  東京の春",
            "   も美しいです。桜の花が咲いて、多くの人が公園に集まりま…",
            "", "", "", "", "", "", "", "",
            " Enter open top  ↓ results  Esc leave  F1 help",
        ])
        s.press(.enter)
        let canvas = s.render()
        #expect(canvas.text(row: 5).hasPrefix(" 東京の春はとても美しいです。桜の花が咲いて、多くの人が公園"))
        // Both characters of the word are marked, nothing around them.
        let hits = (0..<canvas.width).filter { canvas[5, $0].style.role == .hit }
        #expect(hits.count == 4, "two wide characters")
        #expect(s.state.message?.text == "Hit 1 of 2; n and N go to the others")
    }

    @Test func thaiMarksTypedAfterTheirConsonantJoinIt() {
        let s = session(rows: 14, cols: 60)
        s.press(.char("3"))
        s.press(.char("น"), .char("\u{0E35}"), .char("\u{0E49}"))
        #expect(s.state.search.query == "นี้")
        #expect(s.state.search.query.count == 1)
        // Control and format characters still type nothing.
        s.press(.char("\u{202E}"), .char("\u{7}"))
        #expect(s.state.search.query == "นี้")
    }
}
