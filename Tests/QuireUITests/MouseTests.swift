import Testing
import QuireModel
@testable import QuireUI

/// The mouse: the wheel scrolls, a click selects a row (a second one opens it), switches
/// screens from the top bar, or follows a link in a post.
@Suite struct MouseTests {
    func click(_ s: ReaderSession, row: Int, col: Int) { s.handle(.mouse(MouseEvent(.click, row: row, col: col))) }

    @Test func theWheelScrollsThePost() {
        let s = session(open: Fixtures.targetID)
        s.handle(.mouse(MouseEvent(.wheelDown, row: 5, col: 5)))
        #expect(s.reader?.scroll == 3)
        s.handle(.mouse(MouseEvent(.wheelUp, row: 5, col: 5)))
        #expect(s.reader?.scroll == 0)
    }

    @Test func aClickSelectsARowAndASecondOpensIt() {
        let s = session()
        click(s, row: 1, col: 5)              // 2007, selected already: it opens
        #expect(s.state.archive.expandedYears == [2007])
        click(s, row: 2, col: 5)              // October
        #expect(s.state.archive.selectedRow == .month(YearMonth(year: 2007, month: 10)))
        #expect(s.state.archive.expandedMonths.isEmpty)
        click(s, row: 2, col: 5)
        #expect(s.state.archive.expandedMonths.count == 1)
        click(s, row: 4, col: 30)
        #expect(s.reader == nil)
        click(s, row: 4, col: 30)
        #expect(s.reader?.post.id == Fixtures.targetID)
    }

    @Test func clicksOutsideTheRowsDoNothing() {
        let s = session()
        click(s, row: 20, col: 5)
        click(s, row: 23, col: 5)
        #expect(s.state.archive.cursor.selection == 0 && s.state.archive.expandedYears.isEmpty)
    }

    @Test func aClickOnTheTopBarSwitchesScreens() {
        let s = session()
        let labels = s.lines[0].range(of: "2 Labels")!.lowerBound.utf16Offset(in: s.lines[0])
        click(s, row: 0, col: labels + 2)
        #expect(s.state.screen == .labels)
        let bookmarks = s.lines[0].range(of: "4 Bookmarks")!.lowerBound.utf16Offset(in: s.lines[0])
        click(s, row: 0, col: bookmarks)
        #expect(s.state.screen == .bookmarks)
    }

    @Test func aClickOnAReferenceFollowsIt() throws {
        let s = session(open: Fixtures.seedID)
        let row = try #require(s.lines.firstIndex { $0.contains("Why Does Russia Object") && $0.contains("{1}") })
        let col = s.lines[row].distance(from: s.lines[row].startIndex, to: s.lines[row].range(of: "Why Does")!.lowerBound)
        click(s, row: row, col: col + 2)
        #expect(s.reader?.post.id == Fixtures.targetID)
        #expect(s.reader?.back.count == 1)
    }

    @Test func aClickOnPlainTextDoesNothing() {
        let s = session(open: Fixtures.seedID)
        click(s, row: 5, col: 3)
        #expect(s.reader?.post.id == Fixtures.seedID && s.reader?.selectedLink == nil)
    }

    @Test func aClickOnASearchResultWhileTypingOpensIt() {
        let s = session()
        s.press(.char("3"))
        s.type("russia")
        click(s, row: 5, col: 10)   // the second result's title row
        #expect(s.reader?.post.id == s.state.search.hits[1].post.id)
    }

    @Test func aQuestionIsAnsweredNoByAClick() {
        let s = ReaderSession(archive: LinkFixtures.archive(), options: ReaderOptions(openPost: LinkFixtures.linksID), rows: 24, cols: 80)
        s.press(.char("L"), .char("o"))
        #expect(s.state.pendingURL != nil)
        click(s, row: 3, col: 3)
        #expect(s.state.pendingURL == nil)
        #expect(s.state.message?.text == "Not opened")
    }
}
