import Testing
import QuireModel
@testable import QuireUI

/// The places a new user got stuck in: each can be left the way every other place is.
@Suite struct TrapTests {
    // MARK: The search line

    @Test func escLeavesAnEmptySearchLineForTheScreenBefore() {
        let s = session()
        s.press(.char("2"), .char("3"))
        #expect(s.state.screen == .search && s.state.search.editing)
        s.press(.escape)
        #expect(s.state.screen == .labels)
    }

    @Test func escLeavesALineWithoutResultsAndTypedKeysStayText() {
        let s = session()
        s.press(.char("/"))
        s.type("zz 1 2 4 q")
        #expect(s.state.search.query == "zz 1 2 4 q")
        #expect(s.state.search.hits.isEmpty)
        s.press(.down)
        #expect(s.state.search.editing)
        #expect(s.state.message?.text.contains("Esc leaves the line") == true)
        s.press(.tab)
        #expect(s.state.search.editing)
        s.press(.escape)
        #expect(s.state.screen == .archive && !s.state.quitRequested)
    }

    @Test func escWithResultsMovesIntoThemAndQGoesBackNotOut() {
        let s = session()
        s.press(.char("4"), .char("3"))
        s.type("russia")
        s.press(.escape)
        #expect(s.state.screen == .search && !s.state.search.editing)
        #expect(s.lines.last?.contains("1/2") == true)
        // q on the results is a level back, as everywhere; Q quits.
        #expect(s.press(.char("q")).isEmpty)
        #expect(s.state.screen == .bookmarks && !s.state.quitRequested)
    }

    @Test func theArrowsHomeAndEndMoveInTheQuery() {
        let s = session()
        s.press(.char("3"))
        s.type("missle")
        s.press(.left, .left)
        s.type("i")
        #expect(s.state.search.query == "missile")
        s.press(.home)
        s.type("\"")
        s.press(.end)
        s.type("\"")
        #expect(s.state.search.query == "\"missile\"")
        s.press(.home, .delete)
        #expect(s.state.search.query == "missile\"")
        s.press(.ctrl("e"), .backspace)
        #expect(s.state.search.query == "missile")
        #expect(s.state.search.hits.count == 2)
        // The cursor is drawn where typing goes.
        s.press(.ctrl("a"), .right)
        let canvas = s.render()
        #expect(canvas[1, 10].style == .cursor)
    }

    @Test func threeFromAPostOpenedFromTheResultsIsTheSearchLine() {
        let s = session()
        s.press(.char("3"))
        s.type("missile")
        s.press(.enter)
        #expect(s.reader != nil)
        s.press(.char("3"))
        #expect(s.reader == nil && s.state.search.editing)
        // What is typed next is a query, not a command of the reader: m does not bookmark.
        s.type("mo")
        #expect(s.state.search.query == "missilemo")
        #expect(s.state.marks.bookmarks.isEmpty)
    }

    @Test func slashFromEveryListIsTheSearchLine() {
        for screen in ["1", "2", "4", "5", "6"] {
            let s = session()
            s.press(.char(Character(screen)), .char("/"))
            #expect(s.state.screen == .search && s.state.search.editing, "from \(screen)")
            s.press(.escape)
            #expect(s.state.screen.rawValue == Int(screen), "Esc back to \(screen)")
        }
    }

    // MARK: Labels

    @Test func escClosesTheNarrowByListAndNeverQuits() {
        let s = session()
        s.press(.char("2"), .enter, .char("+"))
        #expect(s.lines[1].contains("Narrow"))
        s.press(.escape)
        guard case .posts = s.state.labels.top else { Issue.record("still narrowing"); return }
        s.press(.escape)
        #expect(s.state.labels.levels.count == 1)
        #expect(s.press(.escape).isEmpty)
        #expect(!s.state.quitRequested && s.state.screen == .labels)
    }

    @Test func theLabelOrderComesBackAtTheNextStart() {
        let store = MemoryStateStore()
        let s = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        s.press(.char("2"), .char("s"))
        #expect(s.state.labels.sortByName)
        s.press(.char("Q"))
        let again = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        again.press(.char("2"))
        #expect(again.state.labels.sortByName)
        #expect(again.lines[1].contains("by name"))
    }

    // MARK: Search state after a restart

    @Test func aQueryComesBackAsItWasTyped() {
        let store = MemoryStateStore()
        let s = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        s.press(.char("3"))
        s.type("missile")
        s.press(.enter)
        s.press(.char("Q"))
        #expect(store.marks.last?.origin == .search("missile"))
        let again = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(resume: true), rows: 24, cols: 80, stateStore: store)
        #expect(again.reader?.layout.hitLines.isEmpty == false)
        again.press(.char("q"))
        #expect(again.state.search.query == "missile")
        #expect(again.lines[1] == " Search: missile")
    }

    @Test func theBreadcrumbDoesNotQuoteAQuotedQuery() {
        let s = session(cols: 100)
        s.press(.char("3"))
        s.type("\"missile defense\"")
        #expect(s.lines[0].hasSuffix("› \"missile defense\""))
        #expect(!s.lines[0].contains("\u{201C}"))
        let plain = session(cols: 100)
        plain.press(.char("3"))
        plain.type("russia")
        #expect(plain.lines[0].hasSuffix("› \u{201C}russia\u{201D}"))
    }

    // MARK: Snippets

    static func parts(_ text: String) -> [MarkedText.Part] {
        // *word* marks a hit.
        text.split(separator: "*", omittingEmptySubsequences: false).enumerated().map { MarkedText.Part(text: String($1), isHit: $0 % 2 == 1) }
    }

    @Test func aSnippetIsCutBetweenWordsWithAnEllipsis() {
        let spans = SearchScreen.fit(Self.parts("…the *missile* defense plan, which Washington describes as a hedge against the threat…"), width: 40)
        let text = spans.map(\.text).joined()
        #expect(text == "…the missile defense plan, which…")
        #expect(spans.contains { $0.isHit && $0.text == "missile" })
        #expect(spans.displayWidth <= 40)
    }

    @Test func aSnippetKeepsItsFirstHitInView() {
        let long = String(repeating: "words before the hit ", count: 6) + "*missile* and after"
        let text = SearchScreen.fit(Self.parts(long), width: 40).map(\.text).joined()
        #expect(text.hasPrefix("…") && text.contains("missile"))
        #expect(DisplayWidth.of(text) <= 40)
        // A snippet that fits is left as it is.
        #expect(SearchScreen.fit(Self.parts("short *hit* here"), width: 40).map(\.text).joined() == "short hit here")
    }

    @Test func searchRowsEndBetweenWordsOnScreen() {
        let s = session(cols: 40)
        s.press(.char("3"))
        s.type("russia")
        for row in [4, 6] {
            let line = s.lines[row]
            #expect(line.hasSuffix("…") || DisplayWidth.of(line) < 39, "|\(line)|")
        }
    }
}
