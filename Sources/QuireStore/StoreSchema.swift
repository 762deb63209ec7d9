import Foundation
import GRDB

/// The schema a store must have to be opened: exactly what Quire's migrations make.
///
/// A store is one file, so people share them, and a file from someone else may carry SQL of its
/// author's: a view that never ends, a trigger that fires on an import. Every connection
/// compares the file's `sqlite_schema` with the schema the migrations it records as applied
/// make, built by running those migrations on a database in memory (so every migration added
/// later is covered without a list to keep), and refuses a store that differs in any table,
/// index, view, trigger or the SQL of one. The search index's shadow tables are compared too.
public enum StoreSchema {
    /// One row of `sqlite_schema`, without its root page.
    struct Object: Hashable, Comparable {
        var type: String
        var name: String
        var table: String
        var sql: String?

        static func < (a: Object, b: Object) -> Bool { (a.name, a.type) < (b.name, b.type) }

        var described: String { type == "index" && sql == nil ? "index \(quoted(name))" : "\(type) \(quoted(name))" }
    }

    /// What differs between a store's schema and the expected one, in words; empty when the
    /// store is exactly what Quire makes.
    public static func differences(_ db: Database) throws -> [String] {
        let found = try objects(db)
        if found.isEmpty { return [] }  // A new, empty file.
        let registered = Schema.migrator.migrations
        // The list of applied migrations is read only once it is known to be the plain table
        // GRDB makes, not a view of someone else's.
        let listOfMigrations = try expected(applied: registered).first { $0.name == migrationsTable }
        guard let listOfMigrations, found.contains(listOfMigrations) else {
            return ["it has no list of applied migrations (\(migrationsTable)) as Quire makes it: it was not made by Quire"]
        }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM \(migrationsTable) ORDER BY rowid")
        let unknown = applied.filter { !registered.contains($0) }
        if !unknown.isEmpty {
            return ["it was made by a newer Quire or another program: unknown migration" + (unknown.count == 1 ? " " : "s ")
                    + unknown.prefix(5).map(quoted).joined(separator: ", ")]
        }
        return compare(found: found, expected: try expected(applied: applied))
    }

    /// Throws `StoreSchemaError` unless the store's schema is exactly what Quire makes (or the
    /// file is new and empty).
    static func verify(_ db: Database) throws {
        let differences = try differences(db)
        if !differences.isEmpty { throw StoreSchemaError(differences: differences) }
    }

    /// The objects of `sqlite_schema`, sorted. SQLite's statistics tables (made by `ANALYZE`
    /// or `PRAGMA optimize`, which any SQLite shell may run) only steer the query planner and
    /// are left out.
    static func objects(_ db: Database) throws -> [Object] {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM main.sqlite_schema").compactMap { row -> Object? in
            let sql: String? = row[3]
            if row[0] == "table", let name: String = row[1], let sql, statisticsTables[name] == sql { return nil }
            return Object(type: row[0] ?? "", name: row[1] ?? "", table: row[2] ?? "", sql: sql.map(spacingNormalized))
        }.sorted()
    }

    /// SQL with its spacing made canonical, so that two texts that differ only in where a line
    /// breaks or how far it is indented compare equal: SQLite keeps a statement's text as it was
    /// written (a store whose table was recreated by hand with the same definition, or edited by
    /// `ALTER TABLE`, spaces it differently). Outside quotes, each run of whitespace becomes one
    /// space, or nothing next to `(`, `)`, `,` and `;`, which never join with what is beside
    /// them into another token; inside quotes ('', "", ``, []) nothing changes.
    static func spacingNormalized(_ sql: String) -> String {
        var out = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var pendingSpace = false
        let tight: Set<Unicode.Scalar> = ["(", ")", ",", ";"]
        for c in sql.unicodeScalars {
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
                continue
            }
            if c.properties.isWhitespace { pendingSpace = true; continue }
            if pendingSpace, let last = out.last, !tight.contains(last), !tight.contains(c) { out.append(" ") }
            pendingSpace = false
            out.append(c)
            switch c {
            case "'", "\"", "`": quote = c
            case "[": quote = "]"
            default: break
            }
        }
        return String(out)
    }

    /// Where GRDB records the migrations it applied.
    static let migrationsTable = "grdb_migrations"

    static let statisticsTables = [
        "sqlite_stat1": "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
        "sqlite_stat4": "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
    ]

    static func compare(found: [Object], expected: [Object]) -> [String] {
        var out: [String] = []
        let expectedByName = Dictionary(expected.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let foundNames = Set(found.map(\.name))
        for object in found {
            guard let wanted = expectedByName[object.name] else {
                let on = object.type == "trigger" || object.type == "index" ? " on \(quoted(object.table))" : ""
                out.append("extra \(object.described)\(on)")
                continue
            }
            if wanted.type != object.type {
                out.append("\(quoted(object.name)) is a \(object.type), not a \(wanted.type)")
            } else if wanted != object {
                out.append("\(object.described) is not the one Quire makes")
            }
        }
        for object in expected where !foundNames.contains(object.name) {
            out.append("missing \(object.described)")
        }
        return out
    }

    /// The schema that Quire's migrations `applied` make, run in that order (the order the store
    /// records; GRDB runs a migration missing from a store whenever it meets one, so a store
    /// that skipped one and got it later has its columns in that order). Made on a database in
    /// memory, once per process and list: each migration is run alone by marking every other
    /// one not run yet as applied for the while.
    static func expected(applied: [String]) throws -> [Object] {
        try cache.value(applied) {
            let migrator = Schema.migrator
            let db = try DatabaseQueue(configuration: ArchiveStore.configuration(checkingSchema: false))
            // The statement GRDB makes its list with, so that the table is the same.
            try db.write { try $0.execute(sql: "CREATE TABLE IF NOT EXISTS \(migrationsTable) (identifier TEXT NOT NULL PRIMARY KEY)") }
            guard let last = migrator.migrations.last else { return [] }
            var done: [String] = []
            for migration in applied {
                let others = migrator.migrations.filter { $0 != migration && !done.contains($0) }
                func mark(_ sql: String) throws {
                    try db.write { db in for other in others { try db.execute(sql: sql, arguments: [other]) } }
                }
                try mark("INSERT INTO \(migrationsTable) (identifier) VALUES (?)")
                try migrator.migrate(db, upTo: last)
                try mark("DELETE FROM \(migrationsTable) WHERE identifier = ?")
                done.append(migration)
            }
            return try db.read { try objects($0) }
        }
    }

    private static let cache = ExpectedSchemas()

    /// A name as it appears in a message: quoted, and cut when long.
    static func quoted(_ name: String) -> String {
        "'" + (name.count > 80 ? String(name.prefix(80)) + "…" : name) + "'"
    }
}

/// The expected schemas made so far, by list of applied migrations.
private final class ExpectedSchemas: @unchecked Sendable {
    private let lock = NSLock()
    private var schemas: [[String]: [StoreSchema.Object]] = [:]

    func value(_ applied: [String], make: () throws -> [StoreSchema.Object]) throws -> [StoreSchema.Object] {
        if let known = lock.withLock({ schemas[applied] }) { return known }
        let made = try make()
        lock.withLock { schemas[applied] = made }
        return made
    }
}

/// A store whose schema is not the one Quire's migrations make: it is not opened.
public struct StoreSchemaError: Error, CustomStringConvertible {
    public var differences: [String]

    public var description: String {
        let more = differences.count > 1 ? " (and \(differences.count - 1) more)" : ""
        return "its schema is not the one Quire makes, so it is not opened (a store may carry SQL of its own, "
            + "which Quire never runs): \(differences.first ?? "")\(more); quire check lists what differs"
    }
}
