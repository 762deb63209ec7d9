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
