import Testing
import QuireModel
@testable import QuireUI

/// Read and unread, bookmarks, the Bookmarks screen, positions and the last place.
@Suite struct MarksKeyTests {
    @Test func seeingTheEndOfTheTextMarksAPostRead() {
        let s = session(rows: 12, cols: 80, open: Fixtures.targetID)
        #expect(!s.state.marks.read.contains(Fixtures.targetID))
        // The comments come after the text: the end of the text is enough.
        let end = s.reader!.layout.textEndLine
        while s.reader!.scroll + s.state.bodyHeight <= end { s.press(.pageDown) }
        #expect(s.state.marks.read.contains(Fixtures.targetID))
        #expect(s.reader!.scroll < s.reader!.maxScroll(height: s.state.bodyHeight))
    }

    @Test func aShortPostIsReadOnOpening() {
        let s = session(open: Fixtures.tripID)
        #expect(s.state.marks.read.contains(Fixtures.tripID))
    }

    @Test func rTogglesReadAndAPostMarkedUnreadStaysUnread() {
        let s = session(open: Fixtures.tripID)
        s.press(.char("r"))
        #expect(!s.state.marks.read.contains(Fixtures.tripID))
        #expect(s.state.message?.text == "Marked unread")
        s.press(.char("j"), .char("k"))
        #expect(!s.state.marks.read.contains(Fixtures.tripID))
        s.press(.char("r"))
        #expect(s.state.marks.read.contains(Fixtures.tripID))
    }

    @Test func rOnAListRowAndUnreadCountsInTheLists() {
        let s = session()
        #expect(!s.lines[1].contains("unread"))
        s.press(.enter, .down, .enter, .down)   // 2007 › October › its newest post
        s.press(.char("r"))
        #expect(s.state.marks.read == [Fixtures.seedID])
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › 2007 › October",
            " ▾ 2007  ········▄█··  ████████████████████████              2 unread · 3 posts",
            "   ▾ October           ████████████████████████              1 unread · 2 posts",
            "       2007-10-12  Missile Defense Talks With Russia Fail",
            "     N 2007-10-05  Why Does Russia Object to NMD in the EU?",
            "   ▸ September         ████████████                           1 unread · 1 post",
            " ▸ 2006  ·····▄·····▄  ████████████████                      2 unread · 2 posts",
            "",
            " Busiest labels",
            "   europe    2  ██████████████████████████████",
            "   politics  2  ██████████████████████████████",
            "   russia    2  ██████████████████████████████",
            "   travel    2  ██████████████████████████████",
            "   misc      1  ███████████████",
        ] + Array(repeating: "", count: 9) + [
            " Marked read                                                           3/11 27%",
        ])
        // The read post's title is dimmed.
        let c = s.render()
        #expect(c[3, 20].style.attrs.contains(.dim))
        #expect(!c[4, 20].style.attrs.contains(.dim))
        s.press(.char("2"))
        #expect(s.lines[2].hasSuffix("2 unread · 2 posts"))   // europe: neither of its posts read
        #expect(s.lines.contains { $0.hasPrefix(" politics") && $0.hasSuffix("1 unread · 2 posts") })
        s.press(.char("1"), .char("r"))
        #expect(s.state.marks.read.isEmpty)
        #expect(!s.lines[1].contains("unread"))
    }

    @Test func mBookmarksAndTheBookmarksScreenListsThem() {
        let s = session(open: Fixtures.targetID)
        s.press(.char("m"))
        #expect(s.state.marks.bookmarks.map(\.id) == [Fixtures.targetID])
        #expect(s.state.message?.text == "Bookmarked; 4 lists the bookmarks")
        s.press(.char("q"), .char("3"))
        s.type("russia")
        s.press(.down)
        s.press(.char("m"))   // the selected result: the seed post
        s.press(.char("4"))
        expectScreen(s.render(), [
            " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History",
            " 2 bookmarks, newest first",
            " N 2007-10-12  Missile Defense Talks With Russia Fail",
            " N 2007-10-05  Why Does Russia Object to NMD in the EU?",
        ] + Array(repeating: "", count: 19) + [
            " Enter open  / search  q quit  ? help                                   1/2 50%",
        ])
        s.press(.down, .enter)
        #expect(s.reader?.post.id == Fixtures.targetID)
        #expect(s.reader?.origin == .bookmarks)
        s.press(.char("q"))
        #expect(s.state.screen == .bookmarks && s.reader == nil)
        s.press(.char("m"))
        #expect(s.state.marks.bookmarks.map(\.id) == [Fixtures.seedID])
        #expect(s.state.bookmarks.selection == 0)
        s.press(.char("m"))
        #expect(s.lines[1] == " No bookmarks yet.")
        #expect(s.press(.char("q")) == [.quit])
    }

    @Test func bookmarksAreStarredInTheLists() {
        let s = session()
        s.press(.enter, .down, .enter, .down, .char("m"))
        #expect(s.lines[3].hasSuffix("Missile Defense Talks With Russia Fail ★"))
    }

    @Test func reopeningAPostComesBackWhereYouStopped() throws {
        let store = MemoryStateStore()
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.targetID),
                              rows: 24, cols: 80, stateStore: store)
        s.press(.pageDown, .pageDown)
        let scroll = try #require(s.reader?.scroll)
        let top = s.lines[1]
        s.press(.char("q"))
        // Leaving the post saved the place.
        #expect(store.marks.positions[Fixtures.targetID] != nil)
        let again = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.targetID),
                                  rows: 24, cols: 80, stateStore: store)
        #expect(again.reader?.scroll == scroll)
        #expect(again.lines[1] == top)
        #expect(again.state.message?.text == "Back where you stopped; g goes to the top")
        // A narrower window: the same words at the top, wrapped anew.
        let narrow = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.targetID),
                                   rows: 12, cols: 40, stateStore: store)
        #expect(narrow.lines[1].hasPrefix(String(top.prefix(12))))
    }

    @Test func theLastPlaceIsRestoredUnlessFresh() {
        let store = MemoryStateStore()
        let s = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        s.press(.char("2"))
        let row = s.lines.firstIndex { $0.hasPrefix(" russia") }!
        for _ in 0..<(row - 2) { s.press(.down) }
        s.press(.enter, .down, .enter)
        #expect(s.reader?.post.id == Fixtures.targetID)
        _ = s.press(.char("Q"))
        #expect(store.marks.last == LastPlace(screen: .labels, post: Fixtures.targetID, origin: .labels(["russia"])))

        let resumed = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(resume: true), rows: 24, cols: 80,
                                    stateStore: store)
        #expect(resumed.state.screen == .labels)
        #expect(resumed.reader?.post.id == Fixtures.targetID)
        resumed.press(.char("q"))
        #expect(resumed.lines[1].hasPrefix(" russia: 2 posts"))

        let fresh = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(resume: false), rows: 24, cols: 80,
                                  stateStore: store)
        #expect(fresh.state.screen == .archive && fresh.reader == nil)
    }

    @Test func aResumedSearchShowsItsResults() {
        let store = MemoryStateStore(ReadingMarks(last: LastPlace(screen: .search, post: Fixtures.seedID, origin: .search("missi*"))))
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(resume: true), rows: 24, cols: 80,
                              stateStore: store)
        #expect(s.reader?.post.id == Fixtures.seedID)
        #expect(s.reader?.layout.hitLines.isEmpty == false)
        s.press(.char("q"))
        #expect(s.state.search.query == "missi*" && s.state.search.hits.count == 2)
        #expect(!s.state.search.editing)
    }

    @Test func savesOnlyWhenSomethingWorthSavingChanged() {
        let store = MemoryStateStore()
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.targetID),
                              rows: 24, cols: 80, stateStore: store)
        let atStart = store.saves
        s.press(.down, .down, .down)
        // Scrolling alone is saved when the post is left or the reader quits.
        #expect(store.saves == atStart)
        s.press(.char("m"))
        #expect(store.saves == atStart + 1)
        s.press(.char("Q"))
        #expect(store.saves == atStart + 2)
        #expect(store.marks.positions[Fixtures.targetID] != nil)
    }

    @Test func aStateThatCouldNotBeReadIsSaidAtTheStart() {
        let store = MemoryStateStore()
        store.loadProblem = "the reading state x could not be read"
        let s = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        #expect(s.state.message == StatusMessage("the reading state x could not be read", isError: true))
    }
}
