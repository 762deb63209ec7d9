import Foundation
import QuireCorpus
import QuireModel
import Testing
@testable import QuireStore

/// Every post that holds a query's text is found, on a generated blog in Japanese, Chinese, Thai
/// and Korean, compared with a plain substring scan of the same posts.
@Suite struct SearchRecallTests {
    @Test func everyPostHoldingTheTextIsFoundAndNoOther() throws {
        let corpus = UnspacedCorpusGenerator(posts: 600, seed: 7)
        let posts = (0..<corpus.count).map { i -> Post in
            let g = corpus.post(i)
            return Post(sourceKey: "gen:\(i)", slug: g.slug, title: g.title, date: g.date, labels: g.labels,
                        document: Document(blocks: g.paragraphs.map { .paragraph([.text($0, [])]) }))
        }
        let s = try store(with: posts)
        let queries = corpus.benchmarkQueries().map(\.text)
        let expected = SubstringScan.posts(holding: queries, count: corpus.count, post: corpus.post)
        var postings = 0
        for (q, query) in queries.enumerated() {
            let found = Set(try s.allMatches(query).compactMap { Int($0.title.split(separator: " ").last ?? "") })
            postings += expected[q].count
            #expect(expected[q].subtracting(found).isEmpty, "\(query): \(expected[q].subtracting(found).count) of \(expected[q].count) posts missed")
            #expect(found.subtracting(expected[q]).isEmpty, "\(query): \(found.subtracting(expected[q]).count) posts found that do not hold it")
        }
        // Not a vacuous pass: nearly every query is in some posts, and many in all.
        #expect(expected.filter { !$0.isEmpty }.count >= queries.count - 2, "\(zip(queries, expected.map(\.count)).map { "\($0) \($1)" })")
        #expect(postings > 2_000)
    }
}

extension SearchRecallTests {
    /// quire_rank scores pairs of characters (and the colocated last character of a run) as
    /// FTS5's bm25 does.
    @Test func unspacedHitsAreRankedAsBm25RanksThem() throws {
        let corpus = UnspacedCorpusGenerator(posts: 200, seed: 3)
        let s = try store(with: (0..<corpus.count).map { i in
            let g = corpus.post(i)
            return makePost(g.title, g.date.sortKey, body: g.paragraphs, key: "rank:\(i)")
        })
        for q in ["家計", "自己破産", "家", "ตลาด", "도서관", "iPhone15の使い方", "公园 -烤鸭"] {
            let rows = try RankTests.scores(s, try #require(SearchQuery(parsing: q).ftsExpression))
            #expect(!rows.isEmpty, "\(q)")
            for (rowid, bm25, rank) in rows {
                #expect(abs(bm25 - rank) <= 1e-9 * max(1, abs(bm25)), "\(q): post \(rowid) scored \(rank), bm25 says \(bm25)")
            }
        }
    }

    /// Any text in any script is a valid query: seeded random strings of CJK, Thai (marks
    /// alone too), Latin and FTS5's own syntax.
    @Test func randomMixedScriptQueriesAlwaysRun() throws {
        let s = try store(with: UnspacedPosts.all)
        let pieces = ["家", "計", "の", "ก", "\u{0E35}", "\u{0E49}", "ำ", "한", " ", "\"", "*", "-", ":", "title:", "label:",
                      "a", "Python", "(", ")", "+", "NEAR", "OR", "\u{3099}", "、", "ｶ", "\u{FE0F}", "1"]
        var random = SeededRandom(seed: 42)
        for _ in 0..<400 {
            let query = (0..<(1 + random.below(8))).map { _ in pieces[random.below(pieces.count)] }.joined()
            #expect(throws: Never.self, "\(query)") { _ = try s.search(query, limit: 5) }
        }
    }
}
