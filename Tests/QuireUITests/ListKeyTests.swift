import Testing
import QuireModel
@testable import QuireUI

/// Key sequences on the list screens: the archive tree, labels and search.
@Suite struct ListKeyTests {
    @Test func expandYearAndMonthThenOpenAPost() {
        let s = session()
        s.press(.enter)             // 2007
        s.press(.down, .enter)      // October
        s.press(.down, .enter)      // newest post of October
        #expect(s.reader?.post.id == Fixtures.seedID)
        #expect(s.reader?.origin == .archive)
    }

    @Test func leftMovesToTheParentThenCollapses() {
        let s = session()
        let october = YearMonth(year: 2007, month: 10)
        s.press(.enter, .down, .enter, .down)
        #expect(s.state.archive.selectedRow == .post(october, 0))
        s.press(.left)
        #expect(s.state.archive.selectedRow == .month(october))
        #expect(s.state.archive.expandedMonths.contains(october))
        s.press(.char("h"))
        #expect(!s.state.archive.expandedMonths.contains(october))
        s.press(.char("h"))
        #expect(s.state.archive.selectedRow == .year(2007))
        s.press(.char("h"))
        #expect(s.state.archive.expandedYears.isEmpty)
    }

    @Test func searchAsYouType() {
        let s = session()
        s.press(.char("/"))
        #expect(s.state.screen == .search && s.state.search.editing)
        var counts: [Int] = []
        for c in "russia" {
            s.type(String(c))
            #expect(s.state.search.resultsFor == s.state.search.query)
            counts.append(s.state.search.hits.count)
        }
        #expect(counts.last == 2)
        s.type(" train")
        #expect(s.state.search.hits.isEmpty)
        s.press(.backspace, .backspace, .backspace, .backspace, .backspace, .backspace)
        #expect(s.state.search.query == "russia")
        #expect(s.state.search.hits.count == 2)
        // Letters that are keys elsewhere are text in the query line.
        s.press(.ctrl("u"))
        s.type("q")
        #expect(s.state.search.query == "q")
    }

    @Test func enterInTheQueryLineOpensTheTopResultWithHitsHighlighted() throws {
        let s = session()
        s.press(.char("3"))
        s.type("missile")
        s.press(.enter)
        let r = try #require(s.reader)
        #expect(r.post.id == s.state.search.hits.first?.post.id)
        #expect(r.origin == .search("missile"))
        #expect(!r.layout.hitLines.isEmpty)
        // The post opens at its first hit; n goes on to the next.
        #expect(r.currentHit == 0)
        #expect(r.layout.hitLines[0] >= r.scroll && r.layout.hitLines[0] < r.scroll + s.state.bodyHeight)
        s.press(.char("n"))
        #expect(s.reader?.currentHit == 1)
    }

    @Test func downMovesIntoTheResultsAndUpReturnsToTheQuery() {
        let s = session()
        s.press(.char("3"))
        s.type("russia")
        s.press(.down)
        #expect(!s.state.search.editing)
        s.press(.char("j"))
        #expect(s.state.search.cursor.selection == 1)
        s.press(.enter)
        #expect(s.reader?.post.id == s.state.search.hits[1].post.id)
        s.press(.char("q"), .char("k"), .char("k"))
        #expect(s.state.search.editing)
    }

    @Test func labelNarrowingIsAnAnd() throws {
        let s = session()
        s.press(.char("2"))
        let rows = s.lines
        let politics = try #require(rows.firstIndex { $0.hasPrefix(" politics") })
        for _ in 0..<(politics - 2) { s.press(.down) }
        s.press(.enter)
        guard case .posts(let lp) = s.state.labels.top else { Issue.record("expected posts"); return }
        #expect(lp.labels == ["politics"])
        #expect(lp.page.total == 2)

        s.press(.char("+"))
        guard case .labels(let narrowing) = s.state.labels.top else { Issue.record("expected labels"); return }
        #expect(narrowing.within == ["politics"])
        #expect(Set(narrowing.items?.map(\.name) ?? []) == ["russia", "europe"])
        let europe = try #require(s.lines.firstIndex { $0.hasPrefix(" europe") })
        for _ in 0..<(europe - 2) { s.press(.down) }
        s.press(.enter)
        guard case .posts(let both) = s.state.labels.top else { Issue.record("expected posts"); return }
        #expect(both.labels == ["politics", "europe"])
        #expect(both.page.total == 1)
        #expect(both.page.items.map(\.id) == [Fixtures.targetID])

        s.press(.char("h"), .char("h"))
        guard case .posts(let back) = s.state.labels.top else { Issue.record("expected posts"); return }
        #expect(back.labels == ["politics"])
    }

    @Test func sortTogglesBetweenCountAndName() {
        let s = session()
        s.press(.char("2"))
        #expect(s.lines[2].hasPrefix(" europe"))
        s.press(.char("G"), .char("s"))
        #expect(s.state.labels.sortByName)
        // The selected label stays selected.
        guard case .labels(let list) = s.state.labels.top else { return }
        #expect(list.sorted(byName: true)[list.cursor.selection].name == "misc")
    }

    @Test func qQuitsFromATopScreen() {
        #expect(session().press(.char("q")) == [.quit])
    }

    @Test func unknownKeyHintsAtHelp() {
        let s = session()
        s.press(.char("z"))
        #expect(s.state.message?.text.contains("?") == true)
    }

    @Test func helpOpensAndCloses() {
        let s = session()
        s.press(.char("?"))
        #expect(s.state.help != nil)
        s.press(.char("j"))
        #expect(s.state.help?.scroll == 1)
        s.press(.char("q"))
        #expect(s.state.help == nil)
        #expect(session().press(.char("?"), .escape).isEmpty)
    }
}

/// Lists come from the archive a page at a time, whatever its size.
@Suite struct PagingTests {
    static func bigArchive() -> FakeArchive {
        FakeArchive((1...1000).map { n in
            (PostID(n), Post(sourceKey: "p\(n)", slug: "p\(n)", title: "Post \(n)",
                             date: PostDate(year: 2010, month: 5, day: 1 + n % 28, hour: n % 24, minute: n % 60),
                             labels: ["bulk"]))
        })
    }

    @Test func aMonthOfAThousandPostsIsPaged() throws {
        let archive = Self.bigArchive()
        let s = session(archive: archive)
        s.press(.enter, .down, .enter)
        #expect(s.state.archive.rows.count == 1002)
        #expect(archive.pageRequests.count == 1)
        #expect(archive.pageRequests.allSatisfy { $0.limit <= PostPage.pageSize })
        s.press(.char("G"))
        let lastRow = try #require(s.lines.dropLast().last)
        let oldest = try archive.posts(PostFilter(), before: PostPage.endCursor, limit: 1).first!
        #expect(lastRow.contains(oldest.title))
        #expect(archive.pageRequests.count == 3) // first page, last page (and the check above)
        s.press(.char("g"))
        #expect(s.lines[3].contains("Post"))
    }

    @Test func labelPostsArePagedWhileScrolling() {
        let archive = Self.bigArchive()
        let s = session(archive: archive)
        s.press(.char("2"), .enter)
        for _ in 0..<20 { s.press(.pageDown) }
        guard case .posts(let lp) = s.state.labels.top else { Issue.record("expected posts"); return }
        #expect(lp.page.total == 1000)
        #expect(lp.page.item(at: lp.cursor.selection) != nil)
        #expect(lp.page.items.count <= PostPage.maxWindow)
        #expect(archive.pageRequests.allSatisfy { $0.limit <= PostPage.pageSize })
    }
}

/// → and l expand, then step in; Enter toggles.
@Suite struct ExpandKeyTests {
    @Test func rightExpandsThenStepsIntoTheYear() {
        let s = session()
        s.press(.right)
        #expect(s.state.archive.expandedYears == [2007])
        #expect(s.state.archive.selectedRow == .year(2007))
        s.press(.right)
        #expect(s.state.archive.selectedRow == .month(YearMonth(year: 2007, month: 10)))
        s.press(.char("l"), .char("l"), .char("l"))
        #expect(s.reader?.post.id == Fixtures.seedID)
    }

    @Test func enterTogglesAYear() {
        let s = session()
        s.press(.enter, .enter)
        #expect(s.state.archive.expandedYears.isEmpty)
    }

    @Test func ctrlCQuits() {
        #expect(session().press(.ctrl("c")) == [.quit])
    }
}

/// Keys that arrive together (typeahead, a paste) search once, before any key that needs results.
@Suite struct TypeaheadTests {
    @Test func aPastedQueryAndEnterOpensTheTopResult() {
        let s = session()
        s.press(.char("3"))
        s.handle("missile".map { Event.key(.char($0)) } + [.key(.enter)])
        // The last word, typed without a space after it, also matches as a prefix.
        #expect(s.reader?.origin == .search("missile"))
    }

    @Test func typeaheadSearchesOnceForTheLastQuery() {
        let archive = Fixtures.archive()
        let s = session(archive: archive)
        s.press(.char("3"))
        s.handle("russia".map { Event.key(.char($0)) })
        #expect(archive.searches == ["russia*"])
        #expect(s.state.search.resultsFor == "russia")
        #expect(s.state.search.hits.count == 2)
    }
}
