import CQuireSQL
import Foundation
import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// A store file from someone else is data, not code: a store whose schema is not exactly what
/// Quire's migrations make is refused before any of its SQL runs; every connection runs with
/// SQLite's defences on and a statement budget; new stores are private files.
@Suite struct UntrustedStoreTests {
    /// A store with two posts in a folder of its own, and SQL run on it by a plain SQLite
    /// connection (none of Quire's defences), as another program would.
    final class Fixture: @unchecked Sendable {
        let dir: URL
        let path: String

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-untrusted-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            path = dir.appendingPathComponent("store.sqlite").path
            let store = try ArchiveStore(path: path)
            _ = try store.importBatches([ImportBatch(format: "test", posts: [
                makePost("First Post", "2007-01-02 10:00:00", labels: ["a"]),
                makePost("Second Post", "2008-03-04 10:00:00", labels: ["b"]),
            ])])
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        /// Runs SQL on the store as a program without Quire's checks would.
        func tamper(_ sql: String) throws {
            let db = try DatabaseQueue(path: path)
            try db.writeWithoutTransaction { try $0.execute(sql: sql) }
            try db.close()
        }

        func count(_ table: String) throws -> Int {
            let db = try DatabaseQueue(path: path)
            defer { try? db.close() }
            return try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
        }
    }

    /// Opening for writing and for reading both fail with the schema error.
    func expectRefused(_ f: Fixture, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for open in [{ _ = try ArchiveStore(path: f.path) }, { _ = try ArchiveStore(readingOnly: f.path) }] {
            do {
                try open()
                Issue.record("the store was opened", sourceLocation: sourceLocation)
            } catch let error as StoreSchemaError {
                let all = error.differences.joined(separator: "; ")
                for word in words { #expect(all.contains(word), "\(all)", sourceLocation: sourceLocation) }
            } catch {
                Issue.record("not a schema error: \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The view the search index reads, replaced by one that never ends: the store is refused
    /// at once, before a query could touch the view (it used to hang `quire archive`).
    @Test func aViewReplacedByAnEndlessOneIsRefused() throws {
        let f = try Fixture()
        try f.tamper("""
            DROP VIEW post_text;
            CREATE VIEW post_text AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
                SELECT p.id, p.title, (SELECT COUNT(*) FROM n) AS plain, p.notes FROM post p;
            """)
        expectRefused(f, mentioning: ["view 'post_text' is not the one Quire makes"])
    }

    /// A trigger that would fire during an import: the store is refused, so it never fires.
    @Test func aTriggerIsRefusedAndNeverFires() throws {
        let f = try Fixture()
        try f.tamper("""
            CREATE TABLE fired (at TEXT);
            CREATE TRIGGER on_import AFTER INSERT ON post BEGIN INSERT INTO fired VALUES ('import'); END;
            CREATE TRIGGER on_label AFTER INSERT ON label BEGIN INSERT INTO fired VALUES ('label'); END;
            """)
        expectRefused(f, mentioning: ["extra trigger 'on_import' on 'post'", "extra trigger 'on_label'", "extra table 'fired'"])
        #expect(throws: StoreSchemaError.self) {
            let store = try ArchiveStore(path: f.path)
            _ = try store.importBatches([ImportBatch(format: "test", posts: [makePost("Third", "2009-01-01 10:00:00")])])
        }
        #expect(try f.count("fired") == 0)
    }

    /// Anything else that differs: an index of its own, a table's SQL changed, a table missing,
    /// a virtual table of another module, a migration this Quire does not know.
    @Test func everyOtherDifferenceIsRefused() throws {
        let cases: [(sql: String, words: [String])] = [
            ("CREATE INDEX mine ON post(title)", ["extra index 'mine' on 'post'"]),
            ("DROP TABLE month_count", ["missing table 'month_count'"]),
            ("DROP TABLE label_count; CREATE TABLE label_count (label_id INTEGER PRIMARY KEY, posts INTEGER, extra)",
             ["table 'label_count' is not the one Quire makes"]),
            ("CREATE VIRTUAL TABLE other USING fts5(x)", ["extra table 'other'", "extra table 'other_data'"]),
            ("INSERT INTO grdb_migrations VALUES ('v99-from-the-future')", ["newer Quire", "'v99-from-the-future'"]),
            ("DELETE FROM grdb_migrations WHERE identifier LIKE 'v4%'", ["extra table 'month_count'", "extra table 'label_count'"]),
            ("DROP TABLE grdb_migrations; CREATE VIEW grdb_migrations AS SELECT 'v1-posts-labels-references-fts' AS identifier",
             ["no list of applied migrations"]),
        ]
        for (sql, words) in cases {
            let f = try Fixture()
            try f.tamper(sql)
            expectRefused(f, mentioning: words)
        }
    }

    /// SQLite's own statistics (what `ANALYZE` or `PRAGMA optimize` in any SQLite shell leaves)
    /// steer only the query planner: such a store still opens.
    @Test func statisticsTablesAreAccepted() throws {
        let f = try Fixture()
        try f.tamper("ANALYZE")
        let store = try ArchiveStore(readingOnly: f.path)
        #expect(try store.stats().posts == 2)
    }

    /// The check follows the migrator: a store made by an older Quire (its first three
    /// migrations) is recognised and brought up to date; with a trigger it is refused before
    /// the remaining migration could fire it.
    @Test func anOlderStoreIsMigratedUnlessTampered() throws {
        for tampered in [false, true] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-older-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("old.sqlite").path
            let old = try DatabaseQueue(path: path, configuration: ArchiveStore.configuration(checkingSchema: false))
            try Schema.migrator.migrate(old, upTo: "v3-store-identity")
            if tampered {
                try old.write { try $0.execute(sql: "CREATE TABLE fired (x); CREATE TRIGGER t AFTER INSERT ON post BEGIN INSERT INTO fired VALUES (1); END") }
            }
            try old.close()
            if tampered {
                #expect(throws: StoreSchemaError.self) { _ = try ArchiveStore(path: path) }
            } else {
                let store = try ArchiveStore(path: path)
                #expect(try store.writer.read { try Schema.migrator.hasCompletedMigrations($0) })
                #expect(try store.writer.read { try StoreSchema.differences($0) }.isEmpty)
            }
        }
    }

    /// GRDB runs a migration a store lacks whenever it meets one, so a store made between two
    /// migrations' arrival (with a later one applied first) has its columns in another order.
    /// The expected schema follows the order the store records, and such a store opens.
    @Test func aMigrationAppliedLateIsFollowed() throws {
        let ids = Schema.migrator.migrations
        guard ids.count >= 3 else { return }
        let late = ids[ids.count - 2], last = ids[ids.count - 1]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-late-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("late.sqlite").path
        let old = try DatabaseQueue(path: path, configuration: ArchiveStore.configuration(checkingSchema: false))
        try Schema.migrator.migrate(old, upTo: ids[ids.count - 3])
        // The last migration alone, as a Quire that did not have the one before it would.
        try old.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [late]) }
        try Schema.migrator.migrate(old, upTo: last)
        try old.write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [late]) }
        try old.close()
        let store = try ArchiveStore(path: path)
        #expect(try store.writer.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }.suffix(2) == [last, late])
        _ = try store.importBatches([ImportBatch(format: "test", posts: [makePost("Late", "2010-01-01 10:00:00")])])
        #expect(try ArchiveStore(readingOnly: path).stats().posts == 1)
    }

    /// Spacing is not compared (SQLite keeps a statement's text as written); everything else is.
    @Test func spacingAloneIsNotADifference() {
        let normalized = StoreSchema.spacingNormalized
        #expect(normalized("CREATE VIEW v AS\n    SELECT a , b FROM t WHERE x = 'a  b'") == "CREATE VIEW v AS SELECT a,b FROM t WHERE x = 'a  b'")
        #expect(normalized("fts5(\n  title, plain,\n  content='x'\n)") == normalized("fts5(title,plain, content='x')"))
        #expect(normalized("SELECT a FROM t") != normalized("SELECT a FROMt"))
        #expect(normalized("x = 'a  b'") != normalized("x = 'a b'"))
        #expect(normalized("\"my  col\" [a  b] `c  d`") == "\"my  col\" [a  b] `c  d`")
    }

    /// A statement that never ends is stopped once it passes its budget, and the connection
    /// goes on working. (The budget here is small so that the test takes milliseconds; the
    /// product's is `ArchiveStore.statementBudget`.)
    @Test func aRunawayStatementIsStopped() throws {
        let db = try DatabaseQueue(configuration: ArchiveStore.configuration(statementBudget: 2_000_000))
        let store = try ArchiveStore(writer: db)
        let started = Date()
        do {
            _ = try db.read { try Int.fetchOne($0, sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n") }
            Issue.record("the endless statement returned")
        } catch let error as DatabaseError {
            #expect(error.resultCode == .SQLITE_INTERRUPT, "\(error)")
        }
        // Generous: only a hang guard; two million operations take milliseconds.
        #expect(Date().timeIntervalSince(started) < 30)
        _ = try store.importBatches([ImportBatch(format: "test", posts: [makePost("After", "2010-01-01 10:00:00")])])
        #expect(try store.stats().posts == 1)
        // Each statement has a budget of its own: fifty of a few hundred thousand operations
        // each add up to several budgets, and none is stopped.
        for _ in 0..<50 {
            let rows = try db.read { try Int.fetchOne($0, sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT COUNT(*) FROM n") }
            #expect(rows == 20000)
        }
    }

    /// A trigger's work counts with the statement that fired it, so a trigger cannot hand each
    /// of its rows a new budget.
    @Test func aTriggerCountsWithItsStatement() throws {
        let db = try DatabaseQueue(configuration: ArchiveStore.configuration(checkingSchema: false, statementBudget: 2_000_000))
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE t (x); CREATE TABLE u (x);
                CREATE TRIGGER each_row AFTER INSERT ON t BEGIN
                    INSERT INTO u WITH RECURSIVE m(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM m WHERE j < 100) SELECT j FROM m;
                END;
                """)
            // One row: far below the budget.
            try db.execute(sql: "INSERT INTO t VALUES (1)")
        }
        // 100,000 rows, each firing the trigger: about a hundred million operations in all.
        do {
            try db.write { db in
                try db.execute(sql: "INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT i FROM n")
            }
            Issue.record("the statement and its triggers ran to the end")
        } catch let error as DatabaseError {
            #expect(error.resultCode == .SQLITE_INTERRUPT, "\(error)")
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM u") } == 100)
    }

    /// Ordinary SQL cannot corrupt the file: no writable schema, no direct writes to the
    /// search index's shadow tables.
    @Test func defensiveModeIsOn() throws {
        let f = try Fixture()
        let store = try ArchiveStore(path: f.path)
        #expect(throws: DatabaseError.self) {
            try store.writer.write { try $0.execute(sql: "DELETE FROM post_fts_data") }
        }
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA writable_schema = ON")
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE sqlite_schema SET sql = 'x' WHERE name = 'post'") }
        }
        #expect(try store.writer.read { try String.fetchOne($0, sql: "PRAGMA cell_size_check") } == "1")
        #expect(try store.writer.read { try String.fetchOne($0, sql: "PRAGMA trusted_schema") } == "0")
    }

    /// A new store is 0600 in folders made 0700, its WAL and shared-memory files too; a folder
    /// that exists keeps its mode.
    @Test func newStoresArePrivate() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("quire-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: base) }
        let path = base.appendingPathComponent("new/deeper/store.sqlite").path
        let store = try ArchiveStore(path: path)
        _ = try store.importBatches([ImportBatch(format: "test", posts: [makePost("Secret Draft", "2010-01-01 10:00:00")])])
        _ = try store.stats()
        func mode(_ p: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(base.path) == 0o755)
        #expect(try mode(base.appendingPathComponent("new").path) == 0o700)
        #expect(try mode(base.appendingPathComponent("new/deeper").path) == 0o700)
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(try mode(file) == 0o600, "\(file)")
        }
    }

    /// A device, a pipe or a folder is not a store: refused without creating anything beside
    /// it (`--store /dev/null` used to create /dev/null-journal) and without waiting on a pipe.
    @Test func onlyRegularFilesAreStores() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("quire-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let fifo = base.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let journalExisted = FileManager.default.fileExists(atPath: "/dev/null-journal")
        for (path, word) in [("/dev/null", "a device"), (fifo, "a pipe"), (base.path, "a folder")] {
            for open in [{ _ = try ArchiveStore(path: path) }, { _ = try ArchiveStore(readingOnly: path) }] {
                do {
                    try open()
                    Issue.record("\(path) was opened")
                } catch {
                    #expect("\(error)".contains(word), "\(path): \(error)")
                }
            }
        }
        if !journalExisted { #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["pipe"])
    }

    /// quire_text stays innocuous (the search index's view calls it, and with trusted_schema
    /// off only innocuous functions may run inside a view): its allocation is bounded by the
    /// blob it reads, at most 32,768 bytes per byte of stream, however large the size it claims.
    @Test func quireTextIsBoundedByItsBlob() throws {
        for format in [QUIRE_BLOB_ZSTD, QUIRE_BLOB_ZLIB] {
            let sixBytes: [UInt8] = [UInt8(format), 0x00, 0x00, 0x00, 0x20, 0x28]  // claims 512 MiB
            #expect(quire_blob_unpacked_size(sixBytes, sixBytes.count) == -1)
            let largestFromOneByte: [UInt8] = [UInt8(format), 0x00, 0x80, 0x00, 0x00, 0x28]  // claims 32 KiB
            let allowed = quire_blob_unpacked_size(largestFromOneByte, largestFromOneByte.count)
            #expect(allowed == (format == QUIRE_BLOB_ZSTD ? 32768 : -1))
        }
        let store = try ArchiveStore.inMemory()
        _ = try store.importBatches([ImportBatch(format: "test", posts: [makePost("Findable", "2010-01-01 10:00:00", body: ["needle"])])])
        #expect(try store.search("needle", limit: 5).count == 1)
    }
}
