import Foundation
import GRDB
import GRDBSQLite

/// One of the import's compiled statements, bound and stepped through SQLite's C interface.
///
/// An import runs a handful of statements per post, 100,000 posts at a time. Through GRDB each
/// run builds an array of boxed arguments and goes through its checks and hooks, which cost
/// more than SQLite's own work for these small rows. The statement is still compiled and
/// finalized by GRDB; it must only be used inside the transaction that compiled it.
struct RawStatement {
    let statement: Statement
    let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds the parameters in order from 1 (`nil` binds NULL), runs the statement to its end
    /// and resets it.
    func run(_ values: [RawValue]) throws {
        try bind(values)
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else { throw error(rc) }
    }

    /// Binds the parameters, steps once and hands the first row to `read` (nil if there is none).
    func first<T>(_ values: [RawValue], _ read: (Row) -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else { throw error(rc) }
        return read(Row(handle))
    }

    /// Calls `read` for every row.
    func each(_ values: [RawValue], _ read: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc) }
            try read(Row(handle))
        }
    }

    /// The current row of a stepped statement.
    struct Row {
        let handle: OpaquePointer
        init(_ handle: OpaquePointer) { self.handle = handle }
        func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
        func text(_ i: Int32) -> String {
            guard let bytes = sqlite3_column_text(handle, i) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self)
        }
        func data(_ i: Int32) -> Data {
            guard let bytes = sqlite3_column_blob(handle, i) else { return Data() }
            return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, i)))
        }
        /// A blob, or nil for NULL.
        func optionalData(_ i: Int32) -> Data? {
            sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : data(i)
        }
    }

    private func bind(_ values: [RawValue]) throws {
        for (offset, value) in values.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, i)
            case .int(let n): rc = sqlite3_bind_int64(handle, i, n)
            case .text(var s):
                rc = s.withUTF8 { utf8 in
                    // A NULL pointer would bind NULL, not the empty string.
                    sqlite3_bind_text(handle, i, utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? Self.empty,
                                      Int32(utf8.count), Self.transient)
                }
            case .blob(let data):
                rc = data.withUnsafeBytes { sqlite3_bind_blob(handle, i, $0.baseAddress ?? UnsafeRawPointer(Self.empty), Int32($0.count), Self.transient) }
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    private func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }

    /// SQLite copies the bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    nonisolated(unsafe) private static let empty: UnsafePointer<CChar> = ("" as StaticString).utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) { $0 }
}

/// A value bound to a `RawStatement`.
enum RawValue {
    case null
    case int(Int64)
    case text(String)
    case blob(Data)

    static func int(_ n: Int) -> RawValue { .int(Int64(n)) }
    static func optional(_ s: String?) -> RawValue { s.map(RawValue.text) ?? .null }
    static func optional(_ n: Int?) -> RawValue { n.map { .int(Int64($0)) } ?? .null }
}
