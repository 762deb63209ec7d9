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
            var conditions: [String] = []
            var args: StatementArguments = []
            for label in query.labels {
                conditions.append("p.id IN (SELECT pl.post_id FROM post_label pl JOIN label l ON l.id = pl.label_id WHERE l.name = ?)")
                args += [label]
            }
            if !query.years.isEmpty {
                conditions.append("p.year IN (\(query.years.map { _ in "?" }.joined(separator: ", ")))")
                args += StatementArguments(query.years)
            }
            let sql: String
            if let match = query.ftsExpression {
                sql = """
                    SELECT \(Self.summaryColumns),
                        snippet(post_fts, -1, '\(Self.hitStart)', '\(Self.hitEnd)', '…', 16) AS snippet
                    FROM post_fts JOIN post p ON p.id = post_fts.rowid
                    WHERE post_fts MATCH ?\(conditions.map { " AND " + $0 }.joined())
                    ORDER BY bm25(post_fts, 10.0, 1.0, 1.0) LIMIT ?
                    """
                args = [match] + args + [max(0, limit)]
            } else {
                // Only filters and exclusions: newest first, excluded posts left out.
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
