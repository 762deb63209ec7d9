import GRDB
import QuireModel

extension ArchiveStore {
    // MARK: Search

    /// Snippet markers: control characters never survive into stored text, so they cannot clash.
    static let hitStart = "\u{1}", hitEnd = "\u{2}"

    public func search(_ text: String, limit: Int) throws -> [SearchHit] {
        try search(SearchQuery(parsing: text), limit: limit)
    }

    /// Ranked hits (bm25, title weighted ten times the body) with a snippet around the hits.
    public func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        guard !query.isEmpty else { return [] }
        return try writer.read { db in
            // Filters name posts by id, so they apply the same way with and without an FTS match.
            // `rowid + 0` keeps FTS5 from looking every listed id up in the index one by one.
            var filters: [String] = []
            var filterArgs: StatementArguments = []
            for label in query.labels {
                filters.append("IN (SELECT pl.post_id FROM post_label pl JOIN label l ON l.id = pl.label_id WHERE l.name = ?)")
                filterArgs += [label]
            }
            if !query.years.isEmpty {
                filters.append("IN (SELECT id FROM post WHERE year IN (\(query.years.map { _ in "?" }.joined(separator: ", "))))")
                filterArgs += StatementArguments(query.years)
            }
            let sql: String
            var args: StatementArguments
            if let match = query.ftsExpression {
                sql = """
                    SELECT \(Self.summaryColumns),
                        snippet(post_fts, -1, '\(Self.hitStart)', '\(Self.hitEnd)', '…', 16) AS snippet
                    FROM post_fts JOIN post p ON p.id = post_fts.rowid
                    WHERE post_fts MATCH ?\(filters.map { " AND (post_fts.rowid + 0) " + $0 }.joined())
                    ORDER BY post_fts.rank LIMIT ?
                    """
                args = [match] + filterArgs + [max(0, limit)]
            } else {
                // Only filters and exclusions: newest first, excluded posts left out.
                var conditions = filters.map { "p.id " + $0 }
                args = filterArgs
                if let not = query.negativeExpression {
                    conditions.append("p.id NOT IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)")
                    args += [not]
                }
                sql = """
                    SELECT \(Self.summaryColumns), substr(quire_text(p.content_z), 1, 160) AS snippet FROM post p
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                    ORDER BY p.sort_key DESC, p.id DESC LIMIT ?
                    """
                args += [max(0, limit)]
            }
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                SearchHit(post: Self.summary(row), snippet: Self.markedSnippet(row["snippet"] ?? ""))
            }
        }
    }

    /// Splits a snippet with hit markers into parts, on one line.
    static func markedSnippet(_ s: String) -> MarkedText {
        var parts: [MarkedText.Part] = []
        var current = ""
        var inHit = false
        for ch in s {
            if String(ch) == hitStart || String(ch) == hitEnd {
                if !current.isEmpty { parts.append(.init(text: current, isHit: inHit)); current = "" }
                inHit = String(ch) == hitStart
            } else {
                current.append(ch.isNewline ? " " : ch)
            }
        }
        if !current.isEmpty { parts.append(.init(text: current, isHit: inHit)) }
        return MarkedText(parts: parts)
    }
}
