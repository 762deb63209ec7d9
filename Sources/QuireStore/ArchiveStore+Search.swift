import Foundation
import GRDB
import QuireModel

extension ArchiveStore {
    // MARK: Search

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
                return try rankedHits(db, query, match: match, filters: filters, filterArgs: filterArgs, limit: limit)
            }
            // Only filters and exclusions: newest first, excluded posts left out.
            var conditions = filters.map { "p.id " + $0 }
            var args = filterArgs
            if let not = query.negativeExpression {
                conditions.append("p.id NOT IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)")
                args += [not]
            }
            let sql = """
                SELECT \(Self.summaryColumns), substr(quire_text(p.content_z), 1, 400) AS text FROM post p
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY p.sort_key DESC, p.id DESC LIMIT ?
                """
            args += [max(0, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { Self.hit($0, query) }
        }
    }

    /// Every post a query's words find (labels and years ignored), unranked: for measuring recall.
    public func allMatches(_ text: String) throws -> [PostSummary] {
        guard let match = SearchQuery(parsing: text).ftsExpression else { return [] }
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns) FROM post_fts JOIN post p ON p.id = post_fts.rowid WHERE post_fts MATCH ?
                """, arguments: [match]).map(Self.summary)
        }
    }

    /// Bytes of the pages the search index takes in the store (its FTS5 tables).
    public func searchIndexBytes() throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'post\\_fts\\_%' ESCAPE '\\'") ?? 0
        }
    }

    /// The best `limit` posts matching `match` (and the filters, SQL conditions on a post id),
    /// each with a snippet: of its text, or of the comment holding the hit when only comments do.
    private func rankedHits(_ db: Database, _ query: SearchQuery, match: String, filters: [String],
                            filterArgs: StatementArguments, limit: Int) throws -> [SearchHit] {
        // First the best `limit` ids: SQLite keeps only that many rows while sorting by the
        // rank, where FTS5's own `ORDER BY rank` sorts every hit. With each, the columns its
        // hits are in (the rank has listed them already).
        let ranked = try Row.fetchAll(db, sql: """
            SELECT post_fts.rowid AS id, quire_hit_columns(post_fts) AS columns FROM post_fts
            WHERE post_fts MATCH ?\(filters.map { " AND (post_fts.rowid + 0) " + $0 }.joined())
            ORDER BY \(Self.rankFunction), post_fts.rowid LIMIT ?
            """, arguments: [match] + filterArgs + [max(0, limit)])
        guard !ranked.isEmpty else { return [] }
        let ids: [Int64] = ranked.map { $0["id"] }
        // Posts whose hits are all in their comments (the fourth column).
        let inComments = Set(ranked.filter { ($0["columns"] as Int64) & Self.textColumns == 0 }.map { $0["id"] as Int64 })
        let idList = ids.map(String.init).joined(separator: ", ")
        let commentList = inComments.map(String.init).joined(separator: ", ")  // SQLite reads `IN ()` as false
        let rows: [Row]
        // Then their summaries and snippets. FTS5 finds each id in a word's list of posts
        // quickly, but builds a prefix's list anew for each id (milliseconds when the prefix
        // matches most of the archive): a query with a prefix gets its snippets made here, from
        // the text, which match words by prefix anyway. So does a query with text of an unspaced
        // script: FTS5 marks the pairs of characters it matched, which overlap, and its snippets
        // mark them wrongly. FTS5's snippet() weighs every hit against every other: a post
        // holding the word a hundred thousand times would take minutes, so long posts get one
        // made here too. Otherwise FTS5 marks the hits, stems and all.
        if query.positiveTerms.contains(where: { $0.kind == .prefix }) || query.findsUnspacedText {
            rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns), NULL AS snippet, quire_text(p.content_z) AS text, p.notes AS notes,
                    CASE WHEN p.id IN (\(commentList)) THEN quire_text(p.comments_z) END AS comments, 0 AS marked
                FROM post p WHERE p.id IN (\(idList))
                """)
        } else {
            let snippet = { (column: Int) in "snippet(post_fts, \(column), '\(SearchSnippet.hitStart)', '\(SearchSnippet.hitEnd)', '…', 16)" }
            // The snippet comes from the text when it holds a hit: FTS5 would pick a comment
            // over the text if the comment scored better.
            rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns),
                    CASE WHEN p.word_count > \(Self.longWords) OR p.id IN (\(commentList)) THEN NULL
                        WHEN quire_hit_columns(post_fts) & 8 = 0 THEN \(snippet(-1))
                        WHEN quire_hit_columns(post_fts) & 2 THEN \(snippet(1))
                        WHEN quire_hit_columns(post_fts) & 4 THEN \(snippet(2))
                        ELSE \(snippet(0)) END AS snippet,
                    CASE WHEN p.word_count > \(Self.longWords) AND p.id NOT IN (\(commentList)) THEN quire_text(p.content_z) END AS text,
                    p.notes AS notes,
                    CASE WHEN p.id IN (\(commentList))
                        THEN highlight(post_fts, 3, '\(SearchSnippet.hitStart)', '\(SearchSnippet.hitEnd)') END AS comments,
                    1 AS marked
                FROM post_fts JOIN post p ON p.id = post_fts.rowid
                WHERE post_fts MATCH ? AND post_fts.rowid IN (\(idList))
                """, arguments: [match])
        }
        let rowsByID = Dictionary(rows.map { (Int64($0["id"] as Int64), $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { rowsByID[$0] }.map { Self.hit($0, query) }
    }

    /// Bits of `quire_hit_columns` for the post's own columns (title, text, footnotes).
    static let textColumns: Int64 = 0b111

    /// A search hit from a row of summary columns and `snippet`, or, where FTS5 made none,
    /// the post's `text` (and `notes`) to make one from here, or its `comments` when only they
    /// hold the hits.
    static func hit(_ row: Row, _ query: SearchQuery) -> SearchHit {
        let post = summary(row)
        if let snippet: String = row["snippet"] { return SearchHit(post: post, snippet: SearchSnippet.parts(snippet)) }
        let words = query.highlightWords
        if let comments: String = row["comments"],
           let (place, snippet) = SearchSnippet.comment(comments, marked: row["marked"] as Bool, words: words) {
            return SearchHit(post: post, snippet: snippet, comment: place)
        }
        let text: String = row["text"] ?? ""
        let inText = snippet(of: text, around: words)
        // A hit only in the footnotes shows them; only in the title, the start of the text.
        if !inText.parts.contains(where: \.isHit), let notes: String = row["notes"], !notes.isEmpty {
            let inNotes = snippet(of: notes, around: words)
            if inNotes.parts.contains(where: \.isHit) { return SearchHit(post: post, snippet: inNotes) }
        }
        return SearchHit(post: post, snippet: inText)
    }

    /// The rank of a hit: bm25 with titles weighted ten times the body and comments half (the
    /// table's stored rank too, for other programs), computed by quire_rank: the same scores,
    /// with row lengths from memory.
    static let rankFunction = "quire_rank(post_fts, \(Schema.columnWeights))"

    /// Words past which snippets are made by `snippet(of:around:)` (FTS5's cost grows with them).
    static let longWords = 10_000

    /// About sixteen words around the first hit of a text, hits marked: a spaced word matches
    /// when a search word starts it (roughly as the stemmer matches), a run of an unspaced
    /// script wherever it occurs. Without a hit, the start of the text.
    static func snippet(of text: String, around words: [String]) -> MarkedText {
        SearchSnippet.around(text, words: words)
    }
}
