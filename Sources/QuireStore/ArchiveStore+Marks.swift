import Foundation
import GRDB
import QuireModel

extension ArchiveStore {
    // MARK: Identity

    /// A name for this store that stays with it across moves, copies and re-imports: the
    /// random id made when the store was created. A store too old to have one, opened
    /// read-only so it cannot be given one, is named after its file instead.
    public func identity(path: String) throws -> String {
        let stored = try writer.read { db -> String? in
            guard try db.tableExists("store_info") else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'identity'")
        }
        if let stored { return stored }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        // FNV-1a: stable across runs, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in absolute.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "path-" + String(hash, radix: 16)
    }

    // MARK: Counts of some posts

    public func groupCounts(of ids: [PostID], within: [String]) throws -> GroupCounts {
        guard !ids.isEmpty else { return GroupCounts() }
        // The ids travel as one JSON array: one statement whatever their number.
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        return try writer.read { db in
            var byYear: [Int: [Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.year, p.month, COUNT(*) AS n FROM post p
                WHERE p.id IN (SELECT value FROM json_each(?)) GROUP BY p.year, p.month
                """, arguments: [list]) {
                let year: Int = row["year"], month: Int = row["month"], n: Int = row["n"]
                guard (1...12).contains(month) else { continue }
                byYear[year, default: Array(repeating: 0, count: 12)][month - 1] += n
            }
            let years = byYear.keys.sorted(by: >).map { YearCount(year: $0, count: byYear[$0]!.reduce(0, +), months: byYear[$0]!) }

            var withinIDs: [Int64] = []
            for name in within {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM label WHERE name = ?", arguments: [name]) else {
                    return GroupCounts(years: years, labels: [])
                }
                withinIDs.append(id)
            }
            var conditions = ["pl.post_id IN (SELECT value FROM json_each(?))"]
            var args: StatementArguments = [list]
            for id in withinIDs {
                conditions.append("pl.label_id != ?")
                conditions.append("EXISTS (SELECT 1 FROM post_label x WHERE x.post_id = pl.post_id AND x.label_id = ?)")
                args += [id, id]
            }
            let labels = try Row.fetchAll(db, sql: """
                SELECT l.name, COUNT(*) AS n FROM post_label pl JOIN label l ON l.id = pl.label_id
                WHERE \(conditions.joined(separator: " AND ")) GROUP BY l.id ORDER BY n DESC, l.name COLLATE NOCASE
                """, arguments: args).map { LabelCount(name: $0["name"], count: $0["n"]) }
            return GroupCounts(years: years, labels: labels)
        }
    }
}
