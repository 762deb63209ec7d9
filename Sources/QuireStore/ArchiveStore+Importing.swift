import Foundation
import GRDB

extension ArchiveStore {
    /// Runs `body` in one write transaction: everything it writes lands, or nothing does if it
    /// throws. Afterwards every reference is resolved again, so a post imported now resolves
    /// references that were dangling before.
    ///
    /// `body` runs on a thread of its own while this one writes: the posts it hands to the
    /// writer are prepared (encoded, compressed) on every core and written here in order.
    ///
    /// Filling a store that holds no post yet (the first import, usually the largest) goes
    /// quicker two ways. The search index is built on one more thread (`SearchIndexBuilder`).
    /// And when no other connection has the store open, the import writes it with SQLite's
    /// rollback journal instead of the WAL: pages added to a file need no journal, so each is
    /// written once, where the WAL writes it twice (once to the log, once when the log is
    /// copied back at the end, which took most of a second at 100,000 posts). The store goes
    /// back to WAL mode afterwards. While such an import runs, other programs cannot read the
    /// store (they wait for it, and say it is locked if that takes long); there is nothing in
    /// it to read yet.
    ///
    /// Not to be called while another thread uses this store.
    public func importing(_ body: (ImportWriter) throws -> Void) throws -> ImportSummary {
        guard let importPath else {
            return try writer.write { db in try Self.importTransaction(db, searchIndex: nil, body) }
        }
        // The store's own connections are closed for an import into an empty store, so that
        // it may leave WAL mode (SQLite refuses while another connection has the WAL open).
        let wasEmpty = try isEmpty()
        var reopen = false
        if wasEmpty, let pool = writer as? DatabasePool {
            reopen = (try? pool.close()) != nil
        }
        defer {
            if reopen, let pool = try? DatabasePool(path: importPath, configuration: Self.configuration()) { writer = pool }
        }
        // A connection of the import's own, closed when it ends. The index builder fills the
        // index's tables behind FTS5's back, and FTS5 keeps what it read of them cached on the
        // connection that used it: this connection never uses it, and every other one sees the
        // change (another connection committed it) and reads the tables again.
        let connection = try DatabaseQueue(path: importPath, configuration: Self.configuration())
        defer { try? connection.close() }
        return try connection.writeWithoutTransaction { db in
            var rollbackJournal = false
            if reopen {
                // Another program reading the store keeps it in WAL mode: then at once.
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                rollbackJournal = (try? String.fetchOne(db, sql: "PRAGMA main.journal_mode = DELETE")) == "delete"
                try db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
            }
            defer { if rollbackJournal { _ = try? String.fetchOne(db, sql: "PRAGMA main.journal_mode = WAL") } }
            // The builder's database is attached before the transaction (SQLite attaches
            // outside of one only); whether the store is empty is decided again inside it.
            var builder: SearchIndexBuilder?
            if wasEmpty {
                builder = try SearchIndexBuilder(besideStoreAt: importPath, hashSize: Self.ftsHashSize, attachingTo: db)
            }
            defer { builder?.close(detachingFrom: db) }
            var summary = ImportSummary()
            // Not BEGIN IMMEDIATE: that would lock the attached database too, which the
            // builder writes. The first statement takes the store's write lock instead (waiting
            // for another import as IMMEDIATE would), before anything is read.
            try db.inTransaction(.deferred) {
                try db.execute(sql: "DELETE FROM main.month_count WHERE 0")
                if let unused = builder, try !Self.holdsNoPost(db) {
                    unused.close(detachingFrom: nil)
                    builder = nil
                }
                summary = try Self.importTransaction(db, searchIndex: builder, body)
                return .commit
            }
            return summary
        }
    }

    /// Whether neither the posts nor the search index hold anything.
    static func holdsNoPost(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT NOT EXISTS (SELECT 1 FROM post) AND NOT EXISTS (SELECT 1 FROM post_fts_docsize)
            """) ?? false
    }

    private static func importTransaction(_ db: Database, searchIndex builder: SearchIndexBuilder?,
                                          _ body: (ImportWriter) throws -> Void) throws -> ImportSummary {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        // A larger page cache while the import runs: the indexes of every table are
        // written all over, and a small cache spills and rewrites their pages again and again.
        try db.execute(sql: "PRAGMA cache_size = -16384")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        if builder == nil {
            // FTS5 keeps new terms in memory up to this size before writing a segment: fewer,
            // larger segments to write and merge (the default, 1 MB, takes twice as long).
            try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('hashsize', \(ftsHashSize))")
        }
        let importWriter = ImportWriter(db: db, searchIndex: builder)
        try importWriter.run(body)
        // While the index builder finishes its last posts (it is the last to end).
        try db.execute(sql: "DELETE FROM label WHERE id NOT IN (SELECT label_id FROM post_label)")
        try resolveReferences(db)
        try countPosts(db)
        try builder?.finish(into: db)
        return importWriter.summary
    }
}
