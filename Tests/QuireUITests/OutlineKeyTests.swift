import Testing
import QuireModel
@testable import QuireUI

/// The outline (t): the post's headings and the sections after its text.
@Suite struct OutlineKeyTests {
    @Test func listsHeadingsAndJumps() {
        let s = ReaderSession(archive: LinkFixtures.archive(), options: ReaderOptions(openPost: LinkFixtures.linksID), rows: 24, cols: 80)
        s.press(.char("t"))
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › Links and Headings › Outline",
            " Outline; Enter jumps to a heading",
            " ▸ Links and Headings                                                        0%",
            "   First part                                                                4%",
            "     Details                                                                11%",
            "   Second part                                                              86%",
            "   References                                                               91%",
            "   Comments                                                                 97%",
        ] + Array(repeating: "", count: 15) + [
            " Enter jump  Esc back  ? help                                           1/6 16%",
        ])
        s.press(.down, .down, .down, .enter)
        let second = s.reader!.layout.outline[3]
        #expect(second.title == "Second part")
        #expect(s.reader?.scroll == min(second.line, s.reader!.maxScroll(height: s.state.bodyHeight)))
        #expect(s.reader?.panel == nil)
        #expect(s.state.message?.text == "Second part; ← goes back")
        s.press(.backspace)
        #expect(s.reader?.scroll == 0)
        s.press(.char("t"), .escape)
        #expect(s.reader?.panel == nil)
    }

    @Test func theOutlineStartsAtTheHeadingInView() {
        let s = ReaderSession(archive: LinkFixtures.archive(), options: ReaderOptions(openPost: LinkFixtures.linksID), rows: 24, cols: 80)
        s.press(.char("G"), .char("t"))
        guard case .outline(let cursor) = s.reader?.panel else { Issue.record("no outline"); return }
        #expect(cursor.selection == s.reader!.layout.outline.count - 1)
    }
}
