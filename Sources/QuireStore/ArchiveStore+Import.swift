import Foundation
import GRDB
import QuireModel

extension ArchiveStore {
    // MARK: Importing

    /// Writes every batch in one transaction, then resolves all references again, so a post
    /// imported now resolves references that were dangling before. `sources` names each batch
    /// (the path the user gave) for `quire stats`.
    public func importBatches(_ batches: [ImportBatch], sources: [String]? = nil) throws -> ImportSummary {
        var summary = ImportSummary()
        let encoder = JSONEncoder()
        // Sorted keys make the encoding repeatable, so an unchanged post compares equal byte for byte.
        encoder.outputFormatting = [.sortedKeys]
        try writer.write { db in
            for (index, batch) in batches.enumerated() {
                for post in batch.posts {
                    switch try Self.upsert(post, format: batch.format, encoder: encoder, db) {
                    case .imported: summary.imported += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    }
                }
                summary.skipped.merge(batch.skipped, uniquingKeysWith: +)
                summary.warnings += batch.warnings.count
                let name = sources.map { $0[index] } ?? batch.format
                try Self.recordSource(name, batch: batch, db)
            }
            try db.execute(sql: "DELETE FROM label WHERE id NOT IN (SELECT label_id FROM post_label)")
            try Self.resolveReferences(db)
        }
        return summary
    }

    enum UpsertResult { case imported, updated, unchanged }

    static func upsert(_ post: Post, format: String, encoder: JSONEncoder, _ db: Database) throws -> UpsertResult {
        let body = try encoder.encode(post)
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, title, content_z, notes FROM post WHERE source_key = ?"),
                                        arguments: [post.sourceKey])
        let existingBlob: Data? = existing?["content_z"]
        if let existingBlob, Deflate.json(existingBlob) == body { return .unchanged }
        let id: Int64? = existing?["id"]
        let slug = try uniqueSlug(post.slug, excluding: id, db)
        let plain = post.document.plainText
        let notes = post.footnotes.map(\.plainText).joined(separator: "\n")
        let words = plain.split(whereSeparator: { $0.isWhitespace }).count
        let args: StatementArguments = [
            post.sourceKey, format, post.kind, slug, post.title, MatchKey.title(post.title),
            post.date.sortKey, post.date.year, post.date.month, post.date.utcOffsetMinutes, post.author,
            post.permalink, post.commentCount, post.footnotes.count, words, notes,
            Deflate.pack(text: plain, json: body),
        ]
        let postID: Int64
        if let id, let existing {
            // The index is told exactly what it held, so it can remove the old terms.
            try db.run("INSERT INTO post_fts(post_fts, rowid, title, plain, notes) VALUES ('delete', ?, ?, ?, ?)",
                           [id, existing["title"] as String, existingBlob.flatMap(Deflate.text) ?? "",
                                       existing["notes"] as String])
            try db.run("""
                UPDATE post SET source_key = ?, format = ?, kind = ?, slug = ?, title = ?, title_key = ?,
                    sort_key = ?, year = ?, month = ?, utc_offset = ?, author = ?, permalink = ?,
                    comment_count = ?, footnote_count = ?, word_count = ?, notes = ?, content_z = ?
                WHERE id = ?
                """, args + [id])
            for table in ["post_label", "alias", "footnote", "post_ref"] {
                try db.run("DELETE FROM \(table) WHERE post_id = ?", [id])
            }
            postID = id
        } else {
            try db.run("""
                INSERT INTO post (source_key, format, kind, slug, title, title_key, sort_key, year, month,
                    utc_offset, author, permalink, comment_count, footnote_count, word_count, notes, content_z)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, args)
            postID = db.lastInsertedRowID
        }
        try db.run("INSERT INTO post_fts(rowid, title, plain, notes) VALUES (?, ?, ?, ?)",
                       [postID, post.title, plain, notes])
        try insertChildren(of: post, id: postID, slug: slug, db)
        return id == nil ? .imported : .updated
    }

    static func insertChildren(of post: Post, id: Int64, slug: String, _ db: Database) throws {
        var seenLabels = Set<String>()
        for label in post.labels where seenLabels.insert(label.lowercased()).inserted {
            try db.run("INSERT INTO label(name) VALUES (?) ON CONFLICT(name) DO NOTHING", [label])
            try db.run("""
                INSERT INTO post_label(label_id, sort_key, post_id)
                SELECT id, ?, ? FROM label WHERE name = ?
                """, [post.date.sortKey, id, label])
        }
        var keys = Set([slug.lowercased(), post.slug.lowercased()])
        for address in [post.permalink].compactMap({ $0 }) + post.aliases {
            keys.formUnion(aliasKeys(address))
        }
        for key in keys {
            try db.run("INSERT OR IGNORE INTO alias(key, post_id) VALUES (?, ?)", [key, id])
        }
        for (ordinal, note) in post.footnotes.enumerated() {
            try db.run("INSERT INTO footnote(post_id, ordinal, label, text) VALUES (?, ?, ?, ?)",
                           [id, ordinal, note.label, note.plainText])
        }
        for (ordinal, ref) in post.references.enumerated() {
            try db.run("""
                INSERT INTO post_ref(post_id, ordinal, kind, target, target_key, text, explicit)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [id, ordinal, ref.kind.rawValue, ref.target, targetKey(ref), ref.text, ref.explicit])
        }
    }

    /// The key a reference is looked up by in `alias` (or `post.title_key` for titles).
    static func targetKey(_ ref: Reference) -> String {
        switch ref.kind {
        case .title: return MatchKey.title(ref.target)
        case .path: return ref.target.lowercased()
        case .url:
            let t = ref.target.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("/") && !t.hasPrefix("//") { return "path:" + MatchKey.path(ofURLKey: MatchKey.url("x" + t)) }
            return MatchKey.url(t)
        }
    }

    /// Keys for one address of a post: the full URL key and its path alone (for relative links).
    static func aliasKeys(_ address: String) -> [String] {
        let a = address.trimmingCharacters(in: .whitespaces)
        if a.contains("://") || a.hasPrefix("//") {
            let key = MatchKey.url(a)
            return [key, "path:" + MatchKey.path(ofURLKey: key)]
        }
        if a.hasPrefix("/") { return ["path:" + MatchKey.path(ofURLKey: MatchKey.url("x" + a))] }
        return [a.lowercased()]
    }

    static func uniqueSlug(_ wanted: String, excluding id: Int64?, _ db: Database) throws -> String {
        var candidate = wanted
        var n = 1
        while let other = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM post WHERE slug = ?"), arguments: [candidate]),
              other != id {
            n += 1
            candidate = "\(wanted)-\(n)"
        }
        return candidate
    }

    static func recordSource(_ path: String, batch: ImportBatch, _ db: Database) throws {
        let skipped = batch.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO source(path, format, imported_at, posts, drafts_skipped, skipped) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET format = excluded.format, imported_at = excluded.imported_at,
                posts = excluded.posts, drafts_skipped = excluded.drafts_skipped, skipped = excluded.skipped
            """, arguments: [path, batch.format, ISO8601DateFormatter().string(from: Date()), batch.posts.count,
                             batch.skipped["draft"] ?? 0, skipped])
    }

    /// Points every reference at the post it names, or marks it dangling, external or plain.
    static func resolveReferences(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE post_ref SET to_post = CASE kind
                WHEN 'title' THEN (SELECT p.id FROM post p WHERE p.title_key = post_ref.target_key
                                   AND p.id != post_ref.post_id ORDER BY p.sort_key, p.id LIMIT 1)
                ELSE (SELECT a.post_id FROM alias a WHERE a.key = post_ref.target_key
                      AND a.post_id != post_ref.post_id ORDER BY a.post_id LIMIT 1)
                END;
            UPDATE post_ref SET status = CASE
                WHEN to_post IS NOT NULL THEN 'post'
                WHEN explicit OR kind = 'path' THEN 'dangling'
                WHEN kind = 'url' THEN 'external'
                ELSE 'none' END;
            """)
    }
}

extension Database {
    /// Executes a statement compiled once per connection: imports run the same few statements
    /// for every post.
    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
