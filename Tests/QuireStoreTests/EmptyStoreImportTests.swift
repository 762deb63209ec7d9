import Foundation
import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// An import into an empty store on disk builds the search index on a thread of its own and
/// writes with the rollback journal (ArchiveStore+Importing.swift). What it leaves must be what
/// an import in line leaves, and a failed one must leave the store as it was.
@Suite struct EmptyStoreImportTests {
    /// A folder that is removed when the test ends, holding one store file.
    final class StoreFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-empty-\(UUID().uuidString)")
        var path: String { url.appendingPathComponent("archive.sqlite").path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        /// Files in the folder other than the store and its WAL companions.
        func strayFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { !["archive.sqlite", "archive.sqlite-wal", "archive.sqlite-shm"].contains($0) }
        }
    }

    /// The rows of a table. FTS5's structure record (`_data` row 10) starts with a counter of
    /// the times it was written (4 bytes), which differs with how the index was filled: the
    /// rest of it is compared.
    static func rows(_ s: ArchiveStore, _ table: String) throws -> [[DatabaseValue]] {
        try s.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row in
                var values = Array(row.databaseValues)
                if table == "post_fts_data", row[0] as Int64 == 10, let block = row[1] as Data? {
                    values[1] = block.dropFirst(4).databaseValue
                }
                return values
            }
        }
    }

    /// FTS5's own check that the index holds exactly what the posts say (rank 1: against the content).
    static func indexIsConsistent(_ s: ArchiveStore) throws {
        try s.writer.write { db in try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('integrity-check', 1)") }
    }

    static func journalMode(_ s: ArchiveStore) throws -> String? {
        try s.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    @Test func theIndexIsTheOneAnImportInLineBuilds() throws {
        let posts = RankTests.posts(count: 1500, seed: 21, longWords: 40)
        let inLine = try store(with: posts)
        let folder = try StoreFolder()
        let aside = try ArchiveStore(path: folder.path)
        _ = try aside.importBatches([ImportBatch(format: "test", posts: posts)])
        for table in SearchIndexBuilder.tables {
            let expected = try Self.rows(inLine, table)
            #expect(expected.count > 0, "\(table) is empty")
            #expect(try Self.rows(aside, table) == expected, "\(table) differs")
        }
        try Self.indexIsConsistent(aside)
        for q in RankTests.queries + ["zephyr", "harb*"] {
            #expect(try aside.search(q, limit: 50).map(\.post.id) == inLine.search(q, limit: 50).map(\.post.id), "\(q)")
        }
        #expect(try Self.journalMode(aside) == "wal")
        let stray = try folder.strayFiles()
        #expect(stray.isEmpty, "left behind: \(stray)")
    }

    /// A post seen twice in one import (the second replaces the first) is indexed once, with its
    /// second text.
    @Test func aPostReplacedWithinTheImportIsIndexedOnce() throws {
        let folder = try StoreFolder()
        let s = try ArchiveStore(path: folder.path)
        let first = makePost("Twice", "2012-03-04", body: ["the first text says marmalade"], key: "k:twice")
        let second = makePost("Twice", "2012-03-04", body: ["the second text says porridge"], key: "k:twice")
        let others = RankTests.posts(count: 200, seed: 4)
        let summary = try s.importing { writer in
            try writer.write(ImportBatch(format: "test", posts: [first] + others))
            try writer.write(ImportBatch(format: "test", posts: [second]))
            try writer.endSource("test")
        }
        #expect(summary.imported == 201 && summary.updated == 1)
        #expect(try s.search("marmalade", limit: 10).isEmpty)
        #expect(try s.search("porridge", limit: 10).map(\.post.title) == ["Twice"])
        try Self.indexIsConsistent(s)
    }

    struct Stop: Error {}

    @Test func aFailedImportLeavesTheStoreEmptyAndUsable() throws {
        let folder = try StoreFolder()
        let s = try ArchiveStore(path: folder.path)
        #expect(throws: Stop.self) {
            _ = try s.importing { writer in
                try writer.write(ImportBatch(format: "test", posts: RankTests.posts(count: 500, seed: 8)))
                throw Stop()
            }
        }
        #expect(try s.isEmpty())
        #expect(try Self.rows(s, "post_fts_docsize").isEmpty)
        #expect(try Self.journalMode(s) == "wal")
        let stray = try folder.strayFiles()
        #expect(stray.isEmpty, "left behind: \(stray)")
        // The same store object takes the next import, and a later one goes in line.
        _ = try s.importBatches([ImportBatch(format: "test", posts: RankTests.posts(count: 100, seed: 8))])
        _ = try s.importBatches([ImportBatch(format: "test", posts: [makePost("Later", "2015-01-01", body: ["quince"])])])
        #expect(try s.search("quince", limit: 5).map(\.post.title) == ["Later"])
        #expect(try s.search("harbour", limit: 500).count > 0)
        try Self.indexIsConsistent(s)
    }

    /// Another connection reading the store keeps it in WAL mode: the import still runs, at once.
    @Test func anotherOpenConnectionKeepsTheWAL() throws {
        let folder = try StoreFolder()
        let s = try ArchiveStore(path: folder.path)
        let other = try ArchiveStore(path: folder.path)
        #expect(try other.isEmpty())
        let start = Date()
        _ = try s.importBatches([ImportBatch(format: "test", posts: RankTests.posts(count: 300, seed: 2))])
        // Not a speed target: the import takes 0.1-0.2 s here, and one that waited for the other
        // connection would take the whole busy timeout (5 s) before anything else.
        #expect(Date().timeIntervalSince(start) < Double(ArchiveStore.busyTimeoutMilliseconds) / 1000, "the import waited for the other connection")
        #expect(try Self.journalMode(s) == "wal")
        #expect(try other.search("harbour", limit: 500).count > 0)
        try Self.indexIsConsistent(other)
    }
}
