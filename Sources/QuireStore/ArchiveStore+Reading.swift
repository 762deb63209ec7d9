import Foundation
import GRDB
import QuireModel

extension ArchiveStore: ArchiveReading {
    // MARK: Lists

    static let summaryColumns = "p.id, p.slug, p.title, p.sort_key, p.utc_offset, p.comment_count"

    static func summary(_ row: Row) -> PostSummary {
        let offset: Int? = row["utc_offset"]
        let date = PostDate(sortKey: row["sort_key"], utcOffsetMinutes: offset) ?? PostDate(year: 1970, month: 1, day: 1)
        return PostSummary(id: row["id"], slug: row["slug"], title: row["title"], date: date,
                           commentCount: row["comment_count"])
    }

    public func years() throws -> [YearCount] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT year, month, posts AS n FROM month_count")
            var byYear: [Int: [Int]] = [:]
            for row in rows {
                let year: Int = row["year"], month: Int = row["month"], n: Int = row["n"]
                byYear[year, default: Array(repeating: 0, count: 12)][month - 1] += n
            }
            return byYear.keys.sorted(by: >).map { YearCount(year: $0, count: byYear[$0]!.reduce(0, +), months: byYear[$0]!) }
        }
    }

    /// The FROM/WHERE part of a list query and its arguments. With labels, the first label's
    /// rows in `post_label` drive the query, already in date order.
    static func filterClause(_ filter: PostFilter, _ db: Database) throws -> (from: String, conditions: [String], args: StatementArguments, key: String, id: String)? {
        var conditions: [String] = []
        var args: StatementArguments = []
        var from = "post p"
        var key = "p.sort_key", id = "p.id"
        var labelIDs: [Int64] = []
        for name in filter.labels {
            guard let labelID = try Int64.fetchOne(db, sql: "SELECT id FROM label WHERE name = ?", arguments: [name]) else { return nil }
            labelIDs.append(labelID)
        }
        if let first = labelIDs.first {
            from = "post_label pl JOIN post p ON p.id = pl.post_id"
            key = "pl.sort_key"; id = "pl.post_id"
            conditions.append("pl.label_id = ?"); args += [first]
            for other in labelIDs.dropFirst() {
                conditions.append("EXISTS (SELECT 1 FROM post_label x WHERE x.post_id = p.id AND x.label_id = ?)")
                args += [other]
            }
        }
        if let year = filter.year { conditions.append("p.year = ?"); args += [year] }
        if let month = filter.month { conditions.append("p.month = ?"); args += [month] }
        if !filter.excluding.isEmpty {
            // One JSON array, one statement, whatever the number of posts left out.
            conditions.append("p.id NOT IN (SELECT value FROM json_each(?))")
            args += ["[" + filter.excluding.map(String.init).joined(separator: ",") + "]"]
        }
        return (from, conditions, args, key, id)
    }

    public func posts(_ filter: PostFilter, after cursor: PostCursor?, limit: Int) throws -> [PostSummary] {
        try page(filter, cursor: cursor, newerThanCursor: false, limit: limit)
    }

    public func posts(_ filter: PostFilter, before cursor: PostCursor, limit: Int) throws -> [PostSummary] {
        try page(filter, cursor: cursor, newerThanCursor: true, limit: limit)
    }

    /// One keyset page: older than the cursor newest first, or newer than it oldest first.
    func page(_ filter: PostFilter, cursor: PostCursor?, newerThanCursor: Bool, limit: Int) throws -> [PostSummary] {
        try writer.read { db in
            guard var clause = try Self.filterClause(filter, db) else { return [] }
            if let cursor {
                clause.conditions.append("(\(clause.key), \(clause.id)) \(newerThanCursor ? ">" : "<") (?, ?)")
                clause.args += [cursor.sortKey, cursor.id]
            }
            let order = newerThanCursor ? "ASC" : "DESC"
            let sql = "SELECT \(Self.summaryColumns) FROM \(clause.from)"
                + (clause.conditions.isEmpty ? "" : " WHERE " + clause.conditions.joined(separator: " AND "))
                + " ORDER BY \(clause.key) \(order), \(clause.id) \(order) LIMIT ?"
            clause.args += [max(0, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: clause.args).map(Self.summary)
        }
    }

    public func count(_ filter: PostFilter) throws -> Int {
        try writer.read { db in
            guard let clause = try Self.filterClause(filter, db) else { return 0 }
            let sql = "SELECT COUNT(*) FROM \(clause.from)"
                + (clause.conditions.isEmpty ? "" : " WHERE " + clause.conditions.joined(separator: " AND "))
            return try Int.fetchOne(db, sql: sql, arguments: clause.args) ?? 0
        }
    }

    public func labels(within: [String]) throws -> [LabelCount] {
        try writer.read { db in
            if within.isEmpty {
                return try Row.fetchAll(db, sql: """
                    SELECT l.name, c.posts AS n FROM label l JOIN label_count c ON c.label_id = l.id
                    ORDER BY n DESC, l.name COLLATE NOCASE
                    """).map { LabelCount(name: $0["name"], count: $0["n"]) }
            }
            var ids: [Int64] = []
            for name in within {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM label WHERE name = ?", arguments: [name]) else { return [] }
                ids.append(id)
            }
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            let intersect = ids.map { _ in "SELECT post_id FROM post_label WHERE label_id = ?" }.joined(separator: " INTERSECT ")
            let args = StatementArguments(ids) + StatementArguments(ids)
            return try Row.fetchAll(db, sql: """
                SELECT l.name, COUNT(*) AS n FROM post_label pl JOIN label l ON l.id = pl.label_id
                WHERE pl.post_id IN (\(intersect)) AND pl.label_id NOT IN (\(marks))
                GROUP BY l.id ORDER BY n DESC, l.name COLLATE NOCASE
                """, arguments: args).map { LabelCount(name: $0["name"], count: $0["n"]) }
        }
    }

    // MARK: One post

    public func post(_ id: PostID) throws -> StoredPost? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT content_z, slug FROM post WHERE id = ?", arguments: [id]) else { return nil }
            guard let body = PostBlob.json(row["content_z"]) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "post \(id) cannot be read back")
            }
            var post = try JSONDecoder().decode(Post.self, from: body)
            post.slug = row["slug"]
            var targets = Array(repeating: ReferenceTarget.none, count: post.references.count)
            let refs = try Row.fetchAll(db, sql: """
                SELECT r.ordinal, r.status, r.to_post, r.target, p.title FROM post_ref r
                LEFT JOIN post p ON p.id = r.to_post WHERE r.post_id = ?
                """, arguments: [id])
            for r in refs {
                let ordinal: Int = r["ordinal"]
                guard ordinal < targets.count else { continue }
                switch r["status"] as String {
                case "post":
                    if let to: Int64 = r["to_post"] { targets[ordinal] = .post(to, title: r["title"] ?? "") }
                case "dangling": targets[ordinal] = .dangling
                case "external": targets[ordinal] = .external(url: r["target"])
                default: break
                }
            }
            let backlinks = try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns) FROM post p
                WHERE p.id IN (SELECT post_id FROM post_ref WHERE to_post = ?) ORDER BY p.sort_key, p.id
                """, arguments: [id]).map(Self.summary)
            let fromComments = try Int64.fetchAll(db, sql: """
                SELECT post_id FROM post_ref WHERE to_post = ? GROUP BY post_id HAVING MIN(in_comment) = 1
                """, arguments: [id])
            return StoredPost(id: id, post: post, targets: targets, backlinks: backlinks,
                              commentBacklinks: Set(fromComments))
        }
    }

    public func neighbour(of id: PostID, newer: Bool, filter: PostFilter) throws -> PostSummary? {
        let key = try writer.read { db in
            try String.fetchOne(db, sql: "SELECT sort_key FROM post WHERE id = ?", arguments: [id])
        }
        guard let key else { return nil }
        return try page(filter, cursor: PostCursor(sortKey: key, id: id), newerThanCursor: newer, limit: 1).first
    }

    /// Finds posts by id, slug or exact title (ignoring case), in that order of preference.
    public func find(_ name: String) throws -> [PostSummary] {
        try writer.read { db in
            if let id = Int64(name), let row = try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM post p WHERE p.id = ?", arguments: [id]) {
                return [Self.summary(row)]
            }
            if let row = try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM post p WHERE p.slug = ?", arguments: [name.lowercased()]) {
                return [Self.summary(row)]
            }
            let exact = try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns) FROM post p WHERE p.title = ? COLLATE NOCASE ORDER BY p.sort_key",
                                         arguments: [name]).map(Self.summary)
            if !exact.isEmpty { return exact }
            return try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns) FROM post p WHERE p.title_key = ? ORDER BY p.sort_key",
                                    arguments: [MatchKey.title(name)]).map(Self.summary)
        }
    }

    /// The post with the most words (for benchmarks of the reader's layout).
    public func longestPost() throws -> PostID? {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM post ORDER BY word_count DESC LIMIT 1") }
    }

    // MARK: Counts

    public func stats() throws -> ArchiveStats {
        try writer.read { db in
            var s = ArchiveStats()
            let row = try Row.fetchOne(db, sql: """
                SELECT SUM(kind = 'post') AS posts, SUM(kind != 'post') AS pages,
                    TOTAL(footnote_count) AS notes, TOTAL(comment_count) AS comments,
                    TOTAL(pingback_count) AS pingbacks,
                    TOTAL(word_count) AS words, MIN(sort_key) AS first, MAX(sort_key) AS last FROM post
                """)!
            s.posts = row["posts"] ?? 0
            s.pages = row["pages"] ?? 0
            s.footnotes = Int(row["notes"] as Double)
            s.comments = Int(row["comments"] as Double)
            s.pingbacks = Int(row["pingbacks"] as Double)
            s.words = Int(row["words"] as Double)
            s.firstDate = (row["first"] as String?).map { String($0.prefix(10)) }
            s.lastDate = (row["last"] as String?).map { String($0.prefix(10)) }
            s.labels = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT label_id) FROM post_label") ?? 0
            s.draftsSkipped = try Int.fetchOne(db, sql: "SELECT TOTAL(drafts_skipped) FROM source").map { $0 } ?? 0
            // References in comments are counted apart: the others are what the posts' authors wrote.
            s.commentReferences = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM post_ref WHERE in_comment = 1 AND status = 'post'
                """) ?? 0
            for r in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM post_ref WHERE in_comment = 0 GROUP BY status") {
                switch r["status"] as String {
                case "post": s.referencesResolved = r["n"]
                case "dangling": s.referencesDangling = r["n"]
                case "external": s.externalLinks = r["n"]
                default: break
                }
            }
            return s
        }
    }
}
