import Foundation
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
            if let match = query.ftsExpression {
                // First the best `limit` ids: SQLite keeps only that many rows while sorting by
                // the rank, where FTS5's own `ORDER BY rank` sorts every hit.
                let ranked = try Int64.fetchAll(db, sql: """
                    SELECT post_fts.rowid FROM post_fts
                    WHERE post_fts MATCH ?\(filters.map { " AND (post_fts.rowid + 0) " + $0 }.joined())
                    ORDER BY \(Self.rankFunction), post_fts.rowid LIMIT ?
                    """, arguments: [match] + filterArgs + [max(0, limit)])
                guard !ranked.isEmpty else { return [] }
                // Then their summaries and snippets. FTS5 finds each id in a word's list of
                // posts quickly, but builds a prefix's list anew for each id (milliseconds when
                // the prefix matches most of the archive): a query with a prefix gets the
                // snippets made here, from the text, which match words by prefix anyway.
                // FTS5's snippet() weighs every hit against every other: a post holding the word
                // a hundred thousand times would take minutes, so long posts get one made here too.
                let idList = ranked.map(String.init).joined(separator: ", ")
                let rows: [Row]
                if query.positiveTerms.contains(where: { $0.kind == .prefix }) {
                    rows = try Row.fetchAll(db, sql: """
                        SELECT \(Self.summaryColumns), NULL AS snippet, quire_text(p.content_z) AS text
                        FROM post p WHERE p.id IN (\(idList))
                        """)
                } else {
                    rows = try Row.fetchAll(db, sql: """
                        SELECT \(Self.summaryColumns),
                            CASE WHEN p.word_count <= \(Self.longWords)
                            THEN snippet(post_fts, -1, '\(Self.hitStart)', '\(Self.hitEnd)', '…', 16) END AS snippet,
                            CASE WHEN p.word_count > \(Self.longWords) THEN quire_text(p.content_z) END AS text
                        FROM post_fts JOIN post p ON p.id = post_fts.rowid
                        WHERE post_fts MATCH ? AND post_fts.rowid IN (\(idList))
                        """, arguments: [match])
                }
                let rowsByID = Dictionary(rows.map { (Int64($0["id"] as Int64), $0) }, uniquingKeysWith: { a, _ in a })
                return ranked.compactMap { rowsByID[$0] }.map { Self.hit($0, query) }
            }
            // Only filters and exclusions: newest first, excluded posts left out.
            var conditions = filters.map { "p.id " + $0 }
            var args = filterArgs
            if let not = query.negativeExpression {
                conditions.append("p.id NOT IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)")
                args += [not]
            }
            let sql = """
                SELECT \(Self.summaryColumns), substr(quire_text(p.content_z), 1, 160) AS snippet FROM post p
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY p.sort_key DESC, p.id DESC LIMIT ?
                """
            args += [max(0, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { Self.hit($0, query) }
        }
    }

    /// A search hit from a row of summary columns and `snippet`, or, where FTS5 made none,
    /// the post's `text` to make one from here.
    static func hit(_ row: Row, _ query: SearchQuery) -> SearchHit {
        let post = summary(row)
        if let snippet: String = row["snippet"] { return SearchHit(post: post, snippet: markedSnippet(snippet)) }
        let text: String = row["text"] ?? ""
        return SearchHit(post: post, snippet: snippet(of: text, around: query.highlightWords))
    }

    /// The rank of a hit: bm25 with titles weighted ten times the body (the table's stored
    /// rank too, for other programs), computed by quire_rank: the same scores, with row
    /// lengths from memory.
    static let rankFunction = "quire_rank(post_fts, 10.0, 1.0, 1.0)"

    /// Words past which snippets are made by `snippet(of:around:)` (FTS5's cost grows with them).
    static let longWords = 10_000

    /// About sixteen words around the first hit of a long post, hits marked: a word matches as
    /// a prefix, roughly as the stemmer does. Without a hit, the start of the text.
    static func snippet(of text: String, around words: [String]) -> MarkedText {
        let stems = words.map { $0.hasSuffix("*") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
        var first = text.endIndex
        for stem in stems {
            // The first place the stem starts a word.
            var from = text.startIndex
            while let r = text.range(of: stem, options: .caseInsensitive, range: from..<text.endIndex), r.lowerBound < first {
                if r.lowerBound == text.startIndex || !(text[text.index(before: r.lowerBound)].isLetter || text[text.index(before: r.lowerBound)].isNumber) {
                    first = r.lowerBound
                    break
                }
                from = r.upperBound
            }
        }
        if first == text.endIndex { first = text.startIndex }
        // Back to the start of a word, a few words before the hit.
        var start = first
        var spaces = 0
        while start > text.startIndex, spaces < 4 {
            let before = text.index(before: start)
            if text[before].isWhitespace { spaces += 1; if spaces == 4 { break } }
            start = before
        }
        let window = text[start...].prefix(160).split(whereSeparator: { $0 == " " || $0.isNewline }).prefix(16)
        var parts: [MarkedText.Part] = []
        if start > text.startIndex { parts.append(.init(text: "…", isHit: false)) }
        for (i, word) in window.enumerated() {
            let plain = word.replacingOccurrences(of: "\n", with: " ")
            let lower = plain.lowercased()
            let isHit = stems.contains { lower.hasPrefix($0.lowercased()) }
            parts.append(.init(text: (i > 0 ? " " : ""), isHit: false))
            parts.append(.init(text: plain, isHit: isHit))
        }
        if !text[start...].dropFirst(160).isEmpty { parts.append(.init(text: "…", isHit: false)) }
        return MarkedText(parts: parts.filter { !$0.text.isEmpty })
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
