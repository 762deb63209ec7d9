import CQuireSQL
import Foundation
import GRDB

/// Builds the search index of an import into an empty store on a thread of its own.
///
/// SQLite writes one database on one thread at a time, and indexing the text is most of what an
/// import writes: done in line, it kept the writing thread busy about 65 µs per post while the
/// rest of that thread's work took about 35. When the store holds no post yet, the index is
/// built instead in a database of the builder's own by its thread, while the writer goes on
/// with the posts, and its tables are copied into the store at the end of the same transaction.
/// The tables are those of the same FTS5 table definition (`Schema.ftsOptions`) built by the
/// same SQLite with the same tokenizer, so the copy is the index the writer would have built.
///
/// The builder's database is a file beside the store (on the same disk, which must hold its
/// copy anyway), removed from the folder as soon as both connections have it open: the space
/// comes back when they close it, even if the process is killed.
final class SearchIndexBuilder: @unchecked Sendable {
    enum Change: Sendable {
        case insert(id: Int64, title: String, plain: String, notes: String, comments: String)
        /// Removes what the index holds for a post, given exactly the text it was indexed with.
        case delete(id: Int64, title: String, plain: String, notes: String, comments: String)
    }

    /// Makes changes to a connection's `post_fts`: the builder's own, or the store's when an
    /// import indexes in line.
    struct Writer {
        let insert, delete: RawStatement

        init(_ db: Database) throws {
            insert = try RawStatement(db, "INSERT INTO post_fts (rowid, title, plain, notes, comments) VALUES (?, ?, ?, ?, ?)")
            delete = try RawStatement(db, """
                INSERT INTO post_fts (post_fts, rowid, title, plain, notes, comments) VALUES ('delete', ?, ?, ?, ?, ?)
                """)
        }

        func apply(_ change: Change) throws {
            switch change {
            case let .insert(id, title, plain, notes, comments):
                try insert.run([.int(id), .text(title), .text(plain), .text(notes), .text(comments)])
            case let .delete(id, title, plain, notes, comments):
                try delete.run([.int(id), .text(title), .text(plain), .text(notes), .text(comments)])
            }
        }
    }

    /// The shadow tables of `post_fts` (external content: no `_content`).
    static let tables = ["post_fts_data", "post_fts_idx", "post_fts_docsize"]
    /// The name the store's connection attaches the builder's database under.
    static let schemaName = "quire_index_build"

    /// Changes are handed over in batches of this many (one wake-up each), and at most
    /// `window` batches wait, so a slow builder holds the writer back instead of filling memory.
    static let batchSize = 64
    static let window = 16

    private let index: DatabaseQueue
    private let condition = NSCondition()
    private var batches: [[Change]] = []
    private var current: [Change] = []
    private var finished = false
    private var stopped = false
    private var attached = true
    private var failure: Error?
    private let done = DispatchSemaphore(value: 0)

    /// Makes the builder's database beside the store at `storePath`, attaches it to `db` (the
    /// import's connection, outside of a transaction) and starts the builder's thread.
    init(besideStoreAt storePath: String, hashSize: Int, attachingTo db: Database) throws {
        let url = URL(fileURLWithPath: storePath)
        let path = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).index-\(UUID().uuidString)").path
        // A database of the builder's own making, written without a journal, which SQLite's
        // defensive mode forbids; the rest of the store's settings hold.
        var config = ArchiveStore.configuration(checkingSchema: false, defensive: false)
        config.foreignKeysEnabled = false
        do {
            // Only its owner may read it, like the store: it holds the text of every post.
            try StoreFile.createPrivate(path)
            index = try DatabaseQueue(path: path, configuration: config)
            try index.writeWithoutTransaction { db in
                try db.execute(sql: """
                    PRAGMA journal_mode = OFF;
                    PRAGMA synchronous = OFF;
                    PRAGMA cache_size = -4096;
                    CREATE VIRTUAL TABLE post_fts USING fts5(\(Schema.ftsColumns), content='', \(Schema.ftsOptions));
                    INSERT INTO post_fts(post_fts, rank) VALUES ('hashsize', \(hashSize));
                    """)
            }
            try db.execute(sql: "ATTACH DATABASE ? AS \(Self.schemaName)", arguments: [path])
        } catch {
            unlink(path)
            throw error
        }
        unlink(path)
        let thread = Thread { [self] in build() }
        thread.name = "quire-index-builder"
        thread.start()
    }

    /// Queues one change. Throws the builder's error once it has failed.
    func add(_ change: Change) throws {
        current.append(change)
        if current.count >= Self.batchSize { try handOver() }
    }

    /// Waits for every queued change to be indexed, then replaces the store's (empty) index
    /// tables with the built ones. `db` is the store's connection, inside the import's transaction.
    func finish(into db: Database) throws {
        try handOver()
        stop()
        if let failure = condition.withLock({ failure }) { throw failure }
        // The shadow tables are written directly, which SQLite's defensive mode forbids
        // ordinary SQL to do; the store's schema was checked when this connection opened.
        let connection = UnsafeMutableRawPointer(db.sqliteConnection)
        let rc = quire_set_defensive(connection, 0)
        guard rc == 0 else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "the search index cannot be written") }
        defer { _ = quire_set_defensive(connection, 1) }
        for table in Self.tables {
            // `SELECT *` into an empty table of the same shape: SQLite copies the records as
            // they are, without decoding them.
            try db.execute(sql: "DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM \(Self.schemaName).\(table)")
        }
    }

    /// Stops the builder's thread if it runs, and detaches its database from `db` when given
    /// (outside of a transaction). Safe to call more than once.
    func close(detachingFrom db: Database?) {
        condition.withLock { if failure == nil && !finished { failure = CancellationError() } }
        stop()
        if let db, attached {
            try? db.execute(sql: "DETACH DATABASE \(Self.schemaName)")
            attached = false
        }
        try? index.close()
    }

    /// Lets the thread drain what is queued (or drop it, after a failure) and waits for it to end.
    private func stop() {
        let wait = condition.withLock {
            let first = !stopped
            stopped = true
            finished = true
            if failure != nil { batches.removeAll() }
            condition.broadcast()
            return first
        }
        if wait { done.wait() }
    }

    private func handOver() throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.window && failure == nil { condition.wait() }
        if let failure { throw failure }
        if !current.isEmpty { batches.append(current) }
        current = []
        condition.broadcast()
    }

    private func next() -> [Change]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        guard failure == nil, !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    private func build() {
        do {
            try index.writeWithoutTransaction { db in
                try db.inTransaction {
                    let writer = try Writer(db)
                    while let batch = next() {
                        for change in batch { try writer.apply(change) }
                    }
                    return condition.withLock { failure == nil } ? .commit : .rollback
                }
            }
        } catch {
            condition.withLock {
                if failure == nil { failure = error }
                batches.removeAll()
                condition.broadcast()
            }
        }
        done.signal()
    }
}
