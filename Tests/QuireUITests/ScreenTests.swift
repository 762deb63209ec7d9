import Testing
import QuireModel
@testable import QuireUI

/// Every screen at 80×24 and 40×12: state in, expected lines out.
@Suite struct ScreenTests {
    @Test func archiveTree80() {
        let s = session()
        s.press(.enter, .down, .enter)
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › 2007 › October",
            " ▾ 2007  ········▄█··  ████████████████████████                         3 posts",
            "   ▾ October           ████████████████████████                         2 posts",
            "     N 2007-10-12  Missile Defense Talks With Russia Fail",
            "     N 2007-10-05  Why Does Russia Object to NMD in the EU?",
            "   ▸ September         ████████████                                      1 post",
            " ▸ 2006  ·····▄·····▄  ████████████████                                 2 posts",
            "",
            " Busiest labels",
            "   europe    2  ██████████████████████████████",
            "   politics  2  ██████████████████████████████",
            "   russia    2  ██████████████████████████████",
            "   travel    2  ██████████████████████████████",
            "   misc      1  ███████████████",
        ] + Array(repeating: "", count: 9) + [
            " Enter open  ← collapse  / search  q quit  ? help                      2/11 18%",
        ])
    }

    @Test func archiveTree40() {
        let s = session(rows: 12, cols: 40)
        s.press(.enter, .down, .enter)
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › 2007 › October",
            " ▾ 2007  ········▄█··           3 posts",
            "   ▾ October                    2 posts",
            "     N 10-12  Missile Defense Talks With",
            "     N 10-05  Why Does Russia Object to",
            "   ▸ September                   1 post",
            " ▸ 2006  ·····▄·····▄           2 posts",
            "", "", "", "",
            " Enter open  ? help             2/6 33%",
        ])
    }

    @Test func selectedRowIsReversedAcrossTheWidth() {
        let c = session(rows: 12, cols: 40).render()
        #expect((0..<40).allSatisfy { c[1, $0].style.attrs.contains(.reverse) })
        #expect(!(0..<40).contains { c[2, $0].style.attrs.contains(.reverse) })
    }

    @Test func labels80() {
        let s = session()
        s.press(.char("2"))
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History",
            " 5 labels, by count",
            " europe                                                                       2",
            " politics                                                                     2",
            " russia                                                                       2",
            " travel                                                                       2",
            " misc                                                                         1",
        ] + Array(repeating: "", count: 16) + [
            " s sort  Enter open  / search  q quit  ? help                           1/5 20%",
        ])
    }

    @Test func labels40AndALabelsPosts() {
        let s = session(rows: 12, cols: 40)
        s.press(.char("2"))
        expectScreen(s.render(), [
            " 1 2 Labels 3 4 5 6",
            " 5 labels, by count",
            " europe                               2",
            " politics                             2",
            " russia                               2",
            " travel                               2",
            " misc                                 1",
            "", "", "", "",
            " s sort  Enter open  ? help     1/5 20%",
        ])
        s.press(.down, .enter)
        expectScreen(s.render(), [
            " 1 2 Labels 3 4 5 6 › politics",
            " politics: 2 posts",
            " N 10-12  Missile Defense Talks With Rus",
            " N 10-05  Why Does Russia Object to NMD",
            "", "", "", "", "", "", "",
            " + narrow  Enter open  ? help   1/2 50%",
        ])
    }

    @Test func labelPosts80() {
        let s = session()
        s.press(.char("2"), .down, .enter)
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › politics",
            " politics: 2 posts",
            " N 2007-10-12  Missile Defense Talks With Russia Fail",
            " N 2007-10-05  Why Does Russia Object to NMD in the EU?",
        ] + Array(repeating: "", count: 19) + [
            " + narrow  Enter open  ← back  / search  q back  ? help                 1/2 50%",
        ])
    }

    @Test func search80() {
        let s = session()
        s.press(.char("3"))
        s.type("russia")
        s.press(.down)
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › “russia”",
            " Search: russia",
            " 2 results",
            " N 2007-10-12  Missile Defense Talks With Russia Fail",
            "    Defense Talks With Russia Fail In a tense start to talks on a range o",
            " N 2007-10-05  Why Does Russia Object to NMD in the EU?",
            "   Why Does Russia Object to NMD in the EU? Paragraph 1 about missile def",
        ] + Array(repeating: "", count: 16) + [
            " Enter open  / search  q back  ? help                                   1/2 50%",
        ])
    }

    @Test func search40WhileTyping() {
        let s = session(rows: 12, cols: 40)
        s.press(.char("3"))
        expectScreen(s.render(), [
            " 1 2 3 Search 4 5 6",
            " Search:",
            " Type to search: words, \"a phrase\", pr…",
            "", "", "", "", "", "", "", "",
            " Enter open top  ↓ results  F1 help",
        ])
        s.type("russia")
        expectScreen(s.render(), [
            " 1 2 3 Search 4 5 6 › “russia”",
            " Search: russia",
            " 2 results",
            " N 07-10-12  Missile Defense Talks With",
            "    Defense Talks With Russia Fail In…",
            " N 07-10-05  Why Does Russia Object to N",
            "   Why Does Russia Object to NMD in…",
            "", "", "", "",
            " Enter open top  ↓ results  F1 help",
        ])
    }

    @Test func snippetHitsAreHighlighted() {
        let s = session()
        s.press(.char("3"))
        s.type("russia")
        let c = s.render()
        let row = 4
        let text = c.text(row: row)
        let start = text.distance(from: text.startIndex, to: text.range(of: "Russia")!.lowerBound)
        #expect(c[row, start].style.role == .hit)
        #expect(c[row, start - 2].style.role != .hit)
    }

    @Test func readerWithInlineFootnote80() {
        let s = session(open: Fixtures.seedID)
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › Missile Defense Talks With Russia Fail",
            " Missile Defense Talks With Russia Fail",
            " Friday, October 12, 2007",
            " Labels: politics, russia",
            "",
            " In a tense start to talks on a range of thorny issues, President Vladimir",
            " Putin on Friday warned U.S. officials to back off a plan to install missile",
            " defenses in eastern Europe.",
            "",
            " [...]",
            "",
            " Putin said the treaty must be made \"universal in nature.\"",
            "",
            " This is not going to ever make a breakthrough. Russia does not want to make a",
            " compromise on this[1]. See also my post \"The Lost Post\"{2}. gah.",
            "     [1] Please read my post \"Why Does Russia Object to NMD in the EU?\"{1}",
            "",
            " Unrelated closing words, long enough to wrap onto a second line when the",
            " window is narrow.",
            "",
            " References",
            " {1} Why Does Russia Object to NMD in the EU?",
            " {2} “The Lost Post” — not in the archive",
            " Tab link  ← back  / find  L links  q close  ? help               line 1/25 88%",
        ])
    }

    @Test func readerStyles() {
        let s = session(open: Fixtures.seedID)
        var c = s.render()
        #expect(c[9, 1].style == .elision)                       // [...]
        #expect(c[15, 9].style.attrs.contains(.dim))             // the note's text
        #expect(c[14, 19].style == .marker)                      // [1]
        #expect(c[14, 42].style == .dangling)                    // "The Lost Post"
        #expect(c[15, 30].style == .postLink)                    // the note's reference, to a post of the archive
        s.press(.tab, .tab, .tab)
        c = s.render()
        #expect(c[15, 30].style == .linkSelected)
        #expect(c[14, 19].style == .marker)
    }

    @Test func readerWithInlineFootnote40() {
        let s = session(rows: 12, cols: 40, open: Fixtures.seedID)
        s.press(.tab)
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › Missile Defense…",
            " [...]",
            "",
            " Putin said the treaty must be made",
            " \"universal in nature.\"",
            "",
            " This is not going to ever make a",
            " breakthrough. Russia does not want to",
            " make a compromise on this[1]. See also",
            " my post \"The Lost Post\"{2}. gah.",
            "     [1] Please read my post \"Why Does",
            " Tab link  ? help        line 11/35 57%",
        ])
    }

    @Test func readerEnd40ShowsTheLinkTableAndComments() {
        let s = session(rows: 12, cols: 40, open: Fixtures.seedID)
        s.press(.char("G"))
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › Missile Defense…",
            " window is narrow.",
            "",
            " References",
            " {1} Why Does Russia Object to NMD in",
            "     the EU?",
            " {2} “The Lost Post” — not in the",
            "     archive",
            "",
            " Comments",
            " No comments.",
            " Tab link  ? help       line 26/35 100%",
        ])
    }

    @Test func readerCJK80() {
        let s = session(open: Fixtures.cjkID)
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › 東京の春",
            " 東京の春",
            " Thursday, September 20, 2007",
            " Labels: travel",
            "",
            " 東京の春はとても美しいです。桜の花が咲いて、多くの人が公園に集まります。[a]",
            "     [a] 上野公園のこと。",
            "",
            " 漢字とかなの混ざった文章は、単語の間に空白がなくても折り返せます。",
            "",
            " Comments",
            " No comments.",
        ] + Array(repeating: "", count: 11) + [
            " Tab link  ← back  / find  L links  q close  ? help                         all",
        ])
    }

    @Test func readerCJK40() {
        let s = session(rows: 12, cols: 40, open: Fixtures.cjkID)
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › 東京の春",
            " 東京の春",
            " Thursday, September 20, 2007",
            " Labels: travel",
            "",
            " 東京の春はとても美しいです。桜の花が咲",
            " いて、多くの人が公園に集まります。[a]",
            "     [a] 上野公園のこと。",
            "",
            " 漢字とかなの混ざった文章は、単語の間に",
            " 空白がなくても折り返せます。",
            " Tab link  ? help         line 1/13 76%",
        ])
    }

    @Test func readerCJKAtAnOddWidthNeverSplitsAWideCharacter() {
        let s = session(rows: 12, cols: 31, open: Fixtures.cjkID)
        let c = s.render()
        for row in 1..<11 {
            let text = c.text(row: row)
            #expect(DisplayWidth.of(text) == 31, "row \(row) is \(DisplayWidth.of(text)) wide")
            #expect(c[row, 30].width != 2)
        }
    }

    @Test func escapeSequencesInAPostNeverReachTheCanvas() {
        let s = session(open: Fixtures.unicodeID)
        let c = s.render()
        #expect(c.lines[7] == " Danger red text  and  done.")
        #expect(c.cells.allSatisfy { $0.char.unicodeScalars.allSatisfy { !Sanitizer.isUnsafe($0) } })
        #expect(!c.lines.joined().contains("[31m"))
        #expect(c.lines[5] == " Coffee ☕ and a family 👨 and a flag FR and café with é combining.")
    }

    @Test func help80() {
        let s = session()
        s.press(.char("?"))
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › Help",
            " Quire: keys",
            "",
            " Everywhere",
            "   1              Archive: posts by year and month",
            "   2              Labels with their post counts",
            "   3              Search the archive",
            "   4              Bookmarks",
            "   5              Posts: every post, newest first",
            "   6 V            History: the posts you opened, newest first",
            "   ? F1           Show or hide this help",
            "   q              Close this screen; quit from a top screen",
            "   Q Ctrl-C       Quit at once",
            "   Ctrl-L         Redraw the screen",
            "   Ctrl-Z         Suspend (resume with fg)",
            "",
            " Moving",
            "   ↓ j            Down one line",
            "   ↑ k            Up one line",
            "   PgDn Space     Down one page",
            "   PgUp b         Up one page",
            "   Ctrl-D         Down half a page",
            "   Ctrl-U         Up half a page",
            " ? close                                                         line 1/140 15%",
        ])
    }

    @Test func help40() {
        let s = session(rows: 12, cols: 40)
        s.press(.char("?"))
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › Help",
            " Quire: keys",
            "",
            " Everywhere",
            "   1         Archive: posts by year and",
            "             month",
            "   2         Labels with their post",
            "             counts",
            "   3         Search the archive",
            "   4         Bookmarks",
            "   5         Posts: every post, newest",
            " ? close                  line 1/221 4%",
        ])
    }

    @Test(arguments: [80, 40])
    func helpListsEveryBindingOfTheKeyTable(cols: Int) {
        let text = HelpScreen.lines(width: cols).map(\.plainText).joined(separator: "\n")
        for binding in KeyMap.standard.bindings {
            for key in binding.keys { #expect(text.contains(key.name), "\(key.name) missing from help") }
            #expect(text.contains(String(binding.help.prefix(12))), "\(binding.help) missing from help")
        }
        #expect(text.contains("Shift-→"))
    }

    @Test func tooSmallSaysSo() {
        let s = session(rows: 5, cols: 19)
        expectScreen(s.render(), ["", "", "terminal too small", "", ""])
        s.handle(.resize(rows: 6, cols: 20))
        #expect(s.lines[0].hasPrefix(" 1 Archive"))
        s.handle(.resize(rows: 2, cols: 8))
        expectScreen(s.render(), ["terminal", "  too"])
    }

    @Test func smallestUsableSizeDrawsEveryScreen() {
        let s = session(rows: 6, cols: 20, open: Fixtures.seedID)
        #expect(s.lines.count == 6)
        #expect(s.lines[1] == " Missile Defense")
        s.press(.char("q"), .char("2"))
        #expect(s.lines[2].hasPrefix(" europe"))
        s.press(.char("3"))
        #expect(s.lines[1].hasPrefix(" Search:"))
    }
}
