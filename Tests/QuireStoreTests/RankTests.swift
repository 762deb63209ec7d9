import Foundation
import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// quire_rank must score every hit exactly as FTS5's bm25 with the same weights, also after
/// the archive changes under a connection that has already ranked a query.
@Suite struct RankTests {
    /// Posts of varied lengths over a small vocabulary, so most words hit many posts.
    static func posts(count: Int, seed: UInt64, longWords: Int = 0) -> [Post] {
        let words = ["harbour", "lantern", "orchard", "copper", "meadow", "signal", "thistle", "quarry", "ember", "willow"]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { i in
            let length = 3 + next(60) + longWords
            let body = (0..<length).map { _ in words[next(words.count)] }.joined(separator: " ") + (i % 3 == 0 ? " zephyr" : "")
            let title = "\(words[next(words.count)]) \(i)"
            return makePost(title, String(format: "2010-01-%02d", 1 + i % 28), body: [body],
                            notes: i % 5 == 0 ? [words[next(words.count)]] : [], key: "rank:\(i)")
        }
    }

    static let queries = ["harbour", "lantern orchard", "\"copper meadow\"", "sig*", "title:ember", "willow -zephyr", "zephyr thistle"]

    /// (rowid, bm25, quire_rank) of every hit of `match`, by rowid.
    static func scores(_ s: ArchiveStore, _ match: String) throws -> [(Int64, Double, Double)] {
        try s.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT rowid, bm25(post_fts, 10.0, 1.0, 1.0) AS a, quire_rank(post_fts, 10.0, 1.0, 1.0) AS b
                FROM post_fts WHERE post_fts MATCH ? ORDER BY rowid
                """, arguments: [match]).map { ($0["rowid"], $0["a"], $0["b"]) }
        }
    }

    static func expectSameScores(_ s: ArchiveStore, minimumHits: Int = 1) throws {
        for q in queries {
            guard let match = SearchQuery(parsing: q).ftsExpression else { Issue.record("no expression for \(q)"); continue }
            let rows = try scores(s, match)
            #expect(rows.count >= minimumHits, "\(q) hits \(rows.count) posts")
            for (rowid, bm25, rank) in rows {
                #expect(abs(bm25 - rank) <= 1e-9 * max(1, abs(bm25)), "\(q): post \(rowid) scored \(rank), bm25 says \(bm25)")
            }
        }
    }

    @Test func scoresEqualBm25() throws {
        let s = try store(with: Self.posts(count: 300, seed: 7))
        try Self.expectSameScores(s, minimumHits: 5)
    }

    @Test func searchOrderIsBm25Order() throws {
        let s = try store(with: Self.posts(count: 300, seed: 11))
        for q in Self.queries {
            let match = SearchQuery(parsing: q).ftsExpression!
            let expected = try s.writer.read { db in
                try Int64.fetchAll(db, sql: "SELECT rowid FROM post_fts WHERE post_fts MATCH ? ORDER BY bm25(post_fts, 10.0, 1.0, 1.0), rowid LIMIT 20",
                                   arguments: [match])
            }
            let got = try s.search(q, limit: 20).map(\.post.id)
            // Equal scores may come in either order: compare the sets of scores, then the ids
            // where no score ties.
            #expect(got.count == expected.count, "\(q)")
            let scores = Dictionary(uniqueKeysWithValues: try Self.scores(s, match).map { ($0.0, $0.1) })
            #expect(got.map { scores[$0]! } == expected.map { scores[$0]! }, "\(q): hits come in bm25 order")
        }
    }

    /// The same connection ranks, then imports longer versions of the posts (same rowids,
    /// new lengths), then ranks again.
    @Test func followsChangesOnTheSameConnection() throws {
        let s = try store(with: Self.posts(count: 200, seed: 3))
        try Self.expectSameScores(s)
        _ = try s.importBatches([ImportBatch(format: "test", posts: Self.posts(count: 200, seed: 3, longWords: 400))])
        try Self.expectSameScores(s)
    }

    /// One store ranks; another process's connection (here, a second store object on the
    /// same file) imports; the first sees the new lengths.
    @Test func followsChangesByAnotherConnection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-rank-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("archive.sqlite").path
        let reader = try ArchiveStore(path: path)
        _ = try reader.importBatches([ImportBatch(format: "test", posts: Self.posts(count: 150, seed: 5))])
        try Self.expectSameScores(reader)
        let writer = try ArchiveStore(path: path)
        _ = try writer.importBatches([ImportBatch(format: "test", posts: Self.posts(count: 250, seed: 9, longWords: 200))])
        try Self.expectSameScores(reader)
    }
}
