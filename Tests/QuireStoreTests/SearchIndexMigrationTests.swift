import Foundation
import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// A store made before comments and unspaced scripts were searched gets its index rebuilt once.
@Suite struct SearchIndexMigrationTests {
    final class Heard: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [SearchIndexProgress] = []
        var all: [SearchIndexProgress] { lock.withLock { list } }
        func add(_ p: SearchIndexProgress) { lock.withLock { list.append(p) } }
    }

    /// Writes `posts` into a new store at `path` with the schema before the rebuild, on a
    /// connection with SQLite's own porter tokenizer, as earlier versions indexed them.
    static func oldStore(at path: String, _ posts: [Post]) throws {
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v4-month-and-label-counts")
        try old.write { db in
            for (i, post) in posts.enumerated() {
                let prepared = try PreparedPost(post)
                try db.execute(sql: """
                    INSERT INTO post (id, source_key, format, kind, slug, title, title_key, sort_key, year, month,
                        comment_count, footnote_count, word_count, notes, content_z)
                    VALUES (?, ?, 'test', 'post', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                    """, arguments: [i + 1, post.sourceKey, post.slug, post.title, prepared.titleKey, prepared.sortKey,
                                     post.date.year, post.date.month, post.commentCount, prepared.words, prepared.notes,
                                     prepared.packed])
                try db.execute(sql: "INSERT INTO post_fts (rowid, title, plain, notes) VALUES (?, ?, ?, ?)",
                               arguments: [i + 1, post.title, prepared.plain, prepared.notes])
            }
        }
        // As before, a word inside a Japanese sentence was not found.
        let found = try old.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH '\"家計\"'") }
        #expect(found == 0)
        try old.close()
    }

    @Test func anOldStoreIsReindexedOnceWithProgressAndThenFindsEverything() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let posts = UnspacedPosts.all + [CommentSearchTests.postWithComments()]
        try Self.oldStore(at: path, posts)

        let heard = Heard()
        let store = try ArchiveStore(path: path, reindexing: { heard.add($0) })
        #expect(heard.all.first == SearchIndexProgress(done: 0, total: posts.count))
        #expect(heard.all.last == SearchIndexProgress(done: posts.count, total: posts.count))
        #expect(try store.search("家計", limit: 5).map(\.post.title) == ["家計の見直し"])
        #expect(try store.search("ตลาด", limit: 5).map(\.post.title) == ["ตลาดเช้า"])
        #expect(try store.search("budget", limit: 5).map(\.post.title) == ["Household Budget"])
        // The comments were read from the stored posts.
        #expect(try store.search("参考", limit: 5).first?.comment == SearchHit.InComment(index: 0, author: "田中"))
        #expect(try store.search("Lovelace", limit: 5).first?.comment?.index == 1)

        // Once only: opened again, nothing is rebuilt.
        let again = Heard()
        _ = try ArchiveStore(path: path, reindexing: { again.add($0) })
        #expect(again.all.isEmpty)
        #expect(try ArchiveStore(readingOnly: path).search("借金", limit: 5).count == 1)
        // An update through the rebuilt index leaves it whole.
        try store.writer.write { db in try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('integrity-check', 1)") }
    }
}
