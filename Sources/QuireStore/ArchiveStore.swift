import Foundation
import CQuireSQL
import GRDB
import QuireModel

/// The local post store: one SQLite file (WAL mode) holding a whole archive.
public final class ArchiveStore {
    /// The store's connections. Replaced only by an import into an empty store (see `importing`).
    var writer: any DatabaseWriter
    /// The store's file, when imports may open a connection of their own to it (see `importing`).
    let importPath: String?

    /// Opens (creating if needed) the store at `path`. A store made by an older Quire is brought
    /// up to date first; when that rebuilds the search index, `reindexing` hears how far it is.
    ///
    /// A new store is a file only its owner may read (0600: it may hold drafts), in a folder
    /// made for it only its owner may enter (0700); folders that exist keep their modes. A
    /// path that names something other than a regular file (a device, a pipe, a folder) is
    /// refused: SQLite would write its journal beside it (`/dev/null-journal`).
    public init(path: String, reindexing: (@Sendable (SearchIndexProgress) -> Void)? = nil) throws {
        try StoreFile.prepare(path)
        writer = try DatabasePool(path: path, configuration: Self.configuration())
        importPath = path
        // Migrating takes the write lock: a reader opening the store while an import runs must
        // not wait for it when there is nothing to migrate.
        if try !writer.read({ try Schema.migrator.hasCompletedMigrations($0) }) {
            try Schema.migrator(reindexing: reindexing).migrate(writer)
        }
    }

    /// Opens an existing store that cannot be written (a read-only file or folder): every
    /// query works, imports fail. The store must already have the current schema.
    public init(readingOnly path: String) throws {
        try StoreFile.requireRegular(path)
        var config = Self.configuration()
        config.readonly = true
        // A read-only folder cannot hold the WAL's shared-memory file: read the file as it is.
        let canCreateSHM = access((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, W_OK) == 0
        let location = canCreateSHM ? path : "file:\(path)?immutable=1"
        writer = try DatabaseQueue(path: location, configuration: config)
        importPath = nil
        let pending = try writer.read { db in try !Schema.migrator.hasCompletedMigrations(db) }
        if pending {
            throw DatabaseError(resultCode: .SQLITE_READONLY, message: "the store was made by an older Quire and is read-only, so it cannot be brought up to date")
        }
    }

    /// Whether the file at `path` exists but this process may not write it.
    public static func isReadOnlyFile(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        importPath = nil
        try Schema.migrator.migrate(writer)
    }

    /// A store in memory, for tests.
    public static func inMemory() throws -> ArchiveStore {
        try ArchiveStore(writer: DatabaseQueue(configuration: configuration()))
    }

    /// How long a connection waits for another one's lock before it reports the store locked.
    static let busyTimeoutMilliseconds = 5000

    /// The most virtual machine operations one statement may run before it is stopped: 70
    /// times the largest statement measured on a 100,000-post store (2.8 million, an import;
    /// `quire check`'s index check, 12.9 million; doc/hardening.md). Only a runaway gets this
    /// far, after a second or a few (3.1 s per 100 million on a busy 2-core machine).
    public static let statementBudget: UInt64 = 200_000_000

    /// Every connection's settings: Quire's SQL functions, and a store's own SQL held to
    /// nothing it could use against the reader (see `quire_guard_connection` and `StoreSchema`).
    ///
    /// - Parameters:
    ///   - checkingSchema: refuse a store whose schema is not what Quire's migrations make.
    ///     Off for `quire check` (which reports what differs) and for databases of Quire's own
    ///     making (the expected schema, the index builder's).
    ///   - defensive: SQLite's defensive mode, off only for the index builder's own database,
    ///     which is written without a journal.
    static func configuration(checkingSchema: Bool = true, defensive: Bool = true,
                              statementBudget: UInt64 = statementBudget) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Double(busyTimeoutMilliseconds) / 1000)
        config.prepareDatabase { db in
            let connection = UnsafeMutableRawPointer(db.sqliteConnection)
            var rc = quire_guard_connection(connection, defensive ? 1 : 0, statementBudget)
            guard rc == 0 else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "the store's connection could not be secured") }
            // Pages whose cells claim more room than the page has are reported as damage
            // instead of being read past.
            try db.execute(sql: "PRAGMA cell_size_check = ON")
            // Rows of about 2 KB fit in an 8 KB page; with 4 KB pages most would spill into an
            // overflow page of their own. Only takes effect on a new, empty file.
            try db.execute(sql: "PRAGMA page_size = 8192")
            // quire_text(content_z), the text the search index reads, quire_rank, the ranking of
            // `search`, the tokenizer that keeps prefixes unstemmed and cuts unspaced scripts into
            // pairs of characters, and quire_hit_columns: in C (quire_sql.h, quire_search.h).
            rc = quire_text_register(connection)
            if rc == 0 { rc = quire_rank_register(connection, "post_fts_docsize") }
            if rc == 0 { rc = quire_prefix_register(connection) }
            if rc == 0 { rc = quire_hits_register(connection) }
            guard rc == 0 else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "Quire's SQL functions could not be registered") }
            if checkingSchema { try StoreSchema.verify(db) }
        }
        return config
    }

    /// Whether the store holds no post yet.
    public func isEmpty() throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM post LIMIT 1)") == 0 }
    }
}

/// Where the store lives when no `--store` is given.
public enum StoreLocation {
    /// `$QUIRE_STORE`, else `$XDG_DATA_HOME/quire/archive.sqlite`, else `~/.local/share/quire/archive.sqlite`.
    /// `named` tells whether the user chose the path (then the demo archive is never imported into it).
    public static func resolve(option: String?, environment: [String: String]) -> (path: String, named: Bool) {
        if let option, !option.isEmpty { return (option, true) }
        if let env = environment["QUIRE_STORE"], !env.isEmpty { return (env, true) }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".local/share")
        }
        return ((base as NSString).appendingPathComponent("quire/archive.sqlite"), false)
    }
}
