import Foundation
import GRDB

/// What `quire check` finds in a store: whether its schema is Quire's, and whether its file
/// and its search index are whole. Nothing in the store is changed, and none of its SQL runs.
public struct StoreCheck: Sendable {
    /// What differs from the schema Quire's migrations make; empty when nothing does.
    public var schemaDifferences: [String] = []
    /// What SQLite's `integrity_check` reports, at most 100 lines; empty when the file is whole.
    public var integrityProblems: [String] = []
    /// FTS5's own check of the search index. It is not run when the schema differs or the file
    /// cannot be written (the check needs a write transaction, though it writes nothing).
    public var searchIndex = IndexCheck.notRun

    public enum IndexCheck: Sendable, Equatable { case notRun, sound, damaged(String) }
    /// How many of Quire's migrations the store records as applied, of how many there are.
    public var migrations: (applied: Int, known: Int) = (0, 0)

    public var isSound: Bool {
        schemaDifferences.isEmpty && integrityProblems.isEmpty && { if case .damaged = searchIndex { false } else { true } }()
    }

    /// Checks the store at `path`, which must exist.
    public static func run(path: String) throws -> StoreCheck {
        guard try StoreFile.requireRegular(path) else {
            throw StoreFileError(path: path, problem: "there is no store there")
        }
        var config = ArchiveStore.configuration(checkingSchema: false)
        config.readonly = true
        let folder = (path as NSString).deletingLastPathComponent
        let location = access(folder.isEmpty ? "." : folder, W_OK) == 0 ? path : "file:\(path)?immutable=1"
        var check = StoreCheck()
        let reader = try DatabaseQueue(path: location, configuration: config)
        defer { try? reader.close() }
        try reader.read { db in
            check.schemaDifferences = try StoreSchema.differences(db)
            let known = Schema.migrator.migrations
            let applied = (try? String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")) ?? []
            check.migrations = (known.filter(applied.contains).count, known.count)
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check(100)")
            check.integrityProblems = rows == ["ok"] ? [] : rows
        }
        guard check.schemaDifferences.isEmpty, check.migrations.applied == check.migrations.known,
              access(path, W_OK) == 0, location == path else { return check }
        // FTS5 checks its index only inside a write transaction; it is rolled back.
        let writer = try DatabaseQueue(path: path, configuration: ArchiveStore.configuration())
        defer { try? writer.close() }
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.deferred) {
                do {
                    try db.execute(sql: "INSERT INTO post_fts(post_fts) VALUES ('integrity-check')")
                    check.searchIndex = .sound
                } catch let error as DatabaseError {
                    check.searchIndex = .damaged(error.message ?? "\(error)")
                }
                return .rollback
            }
        }
        return check
    }
}
