import Foundation
import GRDB
import QuireModel

extension ArchiveStore {
    // MARK: Importing

    /// Writes every batch in one transaction (see `importing`). `sources` names each batch
    /// (the path the user gave) for `quire stats`.
    public func importBatches(_ batches: [ImportBatch], sources: [String]? = nil) throws -> ImportSummary {
        try importing { writer in
            for (index, batch) in batches.enumerated() {
                try writer.write(batch)
                try writer.endSource(sources.map { $0[index] } ?? batch.format)
            }
        }
    }

    /// Runs `body` in one write transaction: everything it writes lands, or nothing does if it
    /// throws. Afterwards the new posts are indexed and every reference is resolved again, so
    /// a post imported now resolves references that were dangling before.
    public func importing(_ body: (ImportWriter) throws -> Void) throws -> ImportSummary {
        try writer.write { db in
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS fts_pending (id INTEGER PRIMARY KEY); DELETE FROM fts_pending")
            let importWriter = ImportWriter(db: db)
            try body(importWriter)
            try Self.indexPending(db)
            try db.execute(sql: "DELETE FROM label WHERE id NOT IN (SELECT label_id FROM post_label)")
            try Self.resolveReferences(db)
            return importWriter.summary
        }
    }

    enum UpsertResult { case imported, updated, unchanged }

    static func upsert(_ prepared: PreparedPost, format: String, _ db: Database) throws -> UpsertResult {
        let post = prepared.post
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, title, content_z, notes FROM post WHERE source_key = ?"),
                                        arguments: [post.sourceKey])
        let existingBlob: Data? = existing?["content_z"]
        if let existingBlob, Deflate.json(existingBlob) == prepared.json { return .unchanged }
        let id: Int64? = existing?["id"]
        let slug = try uniqueSlug(post.slug, excluding: id, db)
        let args: StatementArguments = [
            post.sourceKey, format, post.kind, slug, post.title, MatchKey.title(post.title),
            post.date.sortKey, post.date.year, post.date.month, post.date.utcOffsetMinutes, post.author,
            post.permalink, post.commentCount, post.footnotes.count, prepared.words, prepared.notes, prepared.packed,
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
        try db.run("INSERT INTO fts_pending(id) VALUES (?)", [postID])
        try insertChildren(of: post, id: postID, slug: slug, db)
        return id == nil ? .imported : .updated
    }

    /// Adds the new and changed posts to the search index in one statement. Writing them one
    /// by one would flush FTS5's in-memory index at every statement of the import, because
    /// each statement opens a savepoint and FTS5 writes its pending terms out at each one.
    static func indexPending(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO post_fts(rowid, title, plain, notes)
            SELECT id, title, quire_text(content_z), notes FROM post WHERE id IN (SELECT id FROM fts_pending);
            DELETE FROM fts_pending;
            """)
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
            let t = ref.target.trimmed
            if t.hasPrefix("/") && !t.hasPrefix("//") { return "path:" + MatchKey.path(ofURLKey: MatchKey.url("x" + t)) }
            return MatchKey.url(t)
        }
    }

    /// Keys for one address of a post: the full URL key and its path alone (for relative links).
    static func aliasKeys(_ address: String) -> [String] {
        let a = address.trimmed
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

    static func recordSource(_ path: String, format: String, posts: Int, skipped counts: [String: Int], _ db: Database) throws {
        let skipped = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO source(path, format, imported_at, posts, drafts_skipped, skipped) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET format = excluded.format, imported_at = excluded.imported_at,
                posts = excluded.posts, drafts_skipped = excluded.drafts_skipped, skipped = excluded.skipped
            """, arguments: [path, format, ISO8601DateFormatter().string(from: Date()), posts,
                             counts["draft"] ?? 0, skipped])
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

/// A post with everything the store writes for it computed ahead of the transaction.
struct PreparedPost: Sendable {
    var post: Post
    var json: Data
    var packed: Data
    var notes: String
    var words: Int

    init(_ post: Post) throws {
        let encoder = JSONEncoder()
        // Sorted keys make the encoding repeatable, so an unchanged post compares equal byte for byte.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.post = post
        json = try encoder.encode(post)
        let plain = post.document.plainText
        packed = Deflate.pack(text: plain, json: json)
        notes = post.footnotes.map(\.plainText).joined(separator: "\n")
        words = plain.wordCount
    }

    /// Prepares posts on every core, keeping their order.
    static func prepareAll(_ posts: [Post]) throws -> [PreparedPost] {
        let slots = Slots(count: posts.count)
        let chunk = 32
        DispatchQueue.concurrentPerform(iterations: (posts.count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(posts.count, (c + 1) * chunk) {
                slots.set(i, Result { try PreparedPost(posts[i]) })
            }
        }
        return try slots.values.map { try $0.get() }
    }

    /// Results written from several threads, each slot by one thread only.
    final class Slots: @unchecked Sendable {
        private var slots: [Result<PreparedPost, Error>?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<PreparedPost, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
        var values: [Result<PreparedPost, Error>] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}

/// Writes posts inside the transaction of `ArchiveStore.importing`, a chunk at a time, so an
/// import of any size holds only one chunk in memory.
public final class ImportWriter {
    let db: Database
    public private(set) var summary = ImportSummary()
    /// What the current source has produced so far.
    private var source = ImportBatch(format: "")
    private var sourcePosts = 0

    init(db: Database) { self.db = db }

    /// Writes a chunk of posts; its warnings and skip counts add to the current source's.
    public func write(_ chunk: ImportBatch) throws {
        for post in try PreparedPost.prepareAll(chunk.posts) {
            switch try ArchiveStore.upsert(post, format: chunk.format, db) {
            case .imported: summary.imported += 1
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            }
        }
        summary.skipped.merge(chunk.skipped, uniquingKeysWith: +)
        summary.warnings += chunk.warnings.count
        if source.format.isEmpty { source.format = chunk.format }
        source.skipped.merge(chunk.skipped, uniquingKeysWith: +)
        sourcePosts += chunk.posts.count
    }

    /// Records the source whose chunks were written since the last call, for `quire stats`.
    public func endSource(_ path: String) throws {
        try ArchiveStore.recordSource(path, format: source.format.isEmpty ? "none" : source.format,
                                      posts: sourcePosts, skipped: source.skipped, db)
        source = ImportBatch(format: "")
        sourcePosts = 0
    }
}
