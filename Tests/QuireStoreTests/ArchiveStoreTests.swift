import Testing
import QuireModel
@testable import QuireStore

@Suite struct ImportTests {
    @Test func reimportingChangesNothingAndEditsUpdateInPlace() throws {
        let s = try ArchiveStore.inMemory()
        let a = makePost("First", "2007-01-01"), b = makePost("Second", "2007-02-01")
        let first = try s.importBatches([ImportBatch(format: "test", posts: [a, b])])
        #expect(first.imported == 2)
        let id = try #require(try s.find("Second").first?.id)
        let again = try s.importBatches([ImportBatch(format: "test", posts: [a, b])])
        #expect(again.imported == 0 && again.updated == 0 && again.unchanged == 2)
        var edited = b
        edited.document = Document(blocks: [.paragraph([.text("New words.", [])])])
        let third = try s.importBatches([ImportBatch(format: "test", posts: [a, edited])])
        #expect(third.updated == 1 && third.unchanged == 1)
        #expect(try s.stats().posts == 2)
        #expect(try s.post(id)?.post.document.plainText == "New words.")
        #expect(try s.search("words", limit: 5).map(\.post.id) == [id])
        #expect(try s.search("some", limit: 5).count == 1)
    }

    @Test func aLaterImportResolvesAnEarlierDanglingReference() throws {
        let s = try store(with: [makePost("Citing", "2007-10-12", refs: [("Why Does Russia Object to NMD in the EU?", true)])])
        #expect(try s.stats().referencesDangling == 1)
        _ = try s.importBatches([ImportBatch(format: "test", posts: [makePost("Why does Russia object to NMD in the EU", "2007-06-01")])])
        let stats = try s.stats()
        #expect(stats.referencesDangling == 0 && stats.referencesResolved == 1)
        let target = try #require(try s.find("why does russia object to nmd in the EU").first)
        let citing = try #require(try s.find("Citing").first)
        #expect(try s.post(citing.id)?.targets == [.post(target.id, title: "Why does Russia object to NMD in the EU")])
        #expect(try s.post(target.id)?.backlinks.map(\.id) == [citing.id])
    }

    @Test func quotationsThatNameNoPostStayPlainText() throws {
        let s = try store(with: [makePost("Quoting", "2007-10-12", refs: [("universal in nature.", false)])])
        let id = try #require(try s.find("Quoting").first?.id)
        #expect(try s.post(id)?.targets == [ReferenceTarget.none])
        #expect(try s.stats().referencesDangling == 0)
    }

    @Test func slugsStayUniqueAcrossPostsWithOneTitle() throws {
        let s = try store(with: [makePost("Same", "2007-01-01", key: "a"), makePost("Same", "2008-01-01", key: "b")])
        #expect(Set(try s.posts(PostFilter(), after: nil, limit: 5).map(\.slug)) == ["same", "same-2"])
    }

    @Test func statsCountEverything() throws {
        let s = try store(with: [
            makePost("One", "2006-05-01", labels: ["a", "b"], notes: ["n1", "n2"]),
            makePost("Two", "2009-05-01", labels: ["b"], refs: [("One", true), ("Nowhere", true)]),
        ])
        let st = try s.stats()
        #expect(st.posts == 2 && st.labels == 2 && st.footnotes == 2)
        #expect(st.referencesResolved == 1 && st.referencesDangling == 1)
        #expect(st.firstDate == "2006-05-01" && st.lastDate == "2009-05-01")
    }
}

@Suite struct ListingTests {
    let s: ArchiveStore
    init() throws {
        var posts: [Post] = []
        for i in 0..<25 {
            let month = i % 12 + 1
            posts.append(makePost("Post \(i)", String(format: "%04d-%02d-%02d", 2005 + i / 12, month, 1 + i % 28),
                                  labels: i % 2 == 0 ? ["even"] : (i % 3 == 0 ? ["odd", "three"] : ["odd"])))
        }
        s = try store(with: posts)
    }

    @Test func keysetPagesCoverEveryPostOnceNewestFirst() throws {
        var seen: [PostSummary] = []
        var cursor: PostCursor?
        while true {
            let page = try s.posts(PostFilter(), after: cursor, limit: 10)
            if page.isEmpty { break }
            seen += page
            cursor = page.last!.cursor
        }
        #expect(seen.count == 25)
        #expect(Set(seen.map(\.id)).count == 25)
        #expect(seen.map(\.date) == seen.map(\.date).sorted(by: >))
        let above = try s.posts(PostFilter(), before: seen[12].cursor, limit: 3)
        #expect(above.map(\.id) == [seen[11].id, seen[10].id, seen[9].id])
    }

    @Test func filtersByYearMonthAndEveryLabel() throws {
        #expect(try s.count(PostFilter(year: 2005)) == 12)
        #expect(try s.count(PostFilter(year: 2005, month: 3)) == 1)
        #expect(try s.count(PostFilter(labels: ["even"])) == 13)
        #expect(try s.count(PostFilter(labels: ["odd", "three"])) == 4)
        #expect(try s.posts(PostFilter(labels: ["ODD", "three"]), after: nil, limit: 10).count == 4)
        #expect(try s.count(PostFilter(labels: ["missing"])) == 0)
        let page1 = try s.posts(PostFilter(labels: ["even"]), after: nil, limit: 5)
        let page2 = try s.posts(PostFilter(labels: ["even"]), after: page1.last!.cursor, limit: 5)
        #expect(Set(page1.map(\.id)).isDisjoint(with: page2.map(\.id)))
        #expect(page1.last!.date > page2.first!.date)
    }

    @Test func labelCountsNarrowWithinALabel() throws {
        #expect(try s.labels(within: []).map(\.name) == ["even", "odd", "three"])
        #expect(try s.labels(within: ["odd"]) == [LabelCount(name: "three", count: 4)])
    }

    @Test func yearsHaveMonthlyCounts() throws {
        let years = try s.years()
        #expect(years.map(\.year) == [2007, 2006, 2005])
        #expect(years.last?.months == Array(repeating: 1, count: 12))
        #expect(years.first?.count == 1)
    }

    @Test func neighboursFollowDateOrderWithinAFilter() throws {
        let newest = try #require(try s.posts(PostFilter(labels: ["even"]), after: nil, limit: 2))
        #expect(try s.neighbour(of: newest[0].id, newer: false, filter: PostFilter(labels: ["even"]))?.id == newest[1].id)
        #expect(try s.neighbour(of: newest[1].id, newer: true, filter: PostFilter(labels: ["even"]))?.id == newest[0].id)
        #expect(try s.neighbour(of: newest[0].id, newer: true, filter: PostFilter(labels: ["even"])) == nil)
    }
}

@Suite struct SearchTests {
    let s: ArchiveStore
    init() throws {
        s = try store(with: [
            makePost("Missile Defense Talks With Russia Fail", "2007-10-12", labels: ["russia"],
                     body: ["Putin warned about missile defenses in eastern Europe."], notes: ["Please read my post."]),
            makePost("Cooking Borscht", "2008-01-05", labels: ["food"], body: ["Beets, dill and patience. The defense rests."]),
            makePost("Café Culture in Zürich", "2009-06-01", labels: ["travel"], body: ["A crème brûlée and 京都 memories."]),
        ])
    }

    @Test func rankedHitsWithMarkedSnippets() throws {
        let hits = try s.search("missile defense", limit: 10)
        #expect(hits.first?.post.title == "Missile Defense Talks With Russia Fail")
        #expect(hits.count == 1)
        #expect(hits[0].snippet.parts.contains { $0.isHit })
    }

    @Test func syntaxPhrasesPrefixesExclusionsAndFilters() throws {
        #expect(try s.search("defense", limit: 10).count == 2)
        #expect(try s.search("defense -borscht", limit: 10).map(\.post.title) == ["Missile Defense Talks With Russia Fail"])
        #expect(try s.search("\"the defense rests\"", limit: 10).map(\.post.title) == ["Cooking Borscht"])
        #expect(try s.search("bee*", limit: 10).map(\.post.title) == ["Cooking Borscht"])
        #expect(try s.search("defense label:food", limit: 10).map(\.post.title) == ["Cooking Borscht"])
        #expect(try s.search("defense year:2007", limit: 10).count == 1)
        #expect(try s.search("title:borscht", limit: 10).count == 1)
        #expect(try s.search("title:beets", limit: 10).isEmpty)
        #expect(try s.search("cafe creme", limit: 10).count == 1, "diacritics are ignored")
        #expect(try s.search("-defense", limit: 10).map(\.post.title) == ["Café Culture in Zürich"])
        #expect(try s.search("label:travel", limit: 10).count == 1)
        #expect(try s.search("read", limit: 10).count == 1, "footnotes are searched")
    }

    @Test func anythingTypedIsAValidQuery() throws {
        let hostile = ["\"", "*", "-", "AND", "OR NOT", "NEAR(a b)", "a:b", "title:", "label:", "year:x",
                       "'; DROP TABLE post; --", "((", "\"unclosed phrase", "^", "{title}: x", "", "   ",
                       "\u{1B}[2J", "col:umn:s", "-\"\"", "a*b*c", "\u{0}"]
        for q in hostile {
            #expect(throws: Never.self) { _ = try s.search(q, limit: 5) }
        }
        #expect(try s.stats().posts == 3)
    }
}
