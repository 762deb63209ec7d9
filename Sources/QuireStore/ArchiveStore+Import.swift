import Foundation
import GRDB
import QuireModel
import QuireSupport

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

    /// Bytes of new index terms FTS5 holds in memory during an import.
    static let ftsHashSize = 16 << 20

    enum UpsertResult { case imported, updated, unchanged }

    /// The statements an import runs for every post, compiled once per import. The ones every
    /// post runs go through SQLite's C interface (`RawStatement`).
    final class Statements {
        let existing, slugTaken, insertPost, updatePost, postLabel, alias, footnote, postRef: RawStatement
        let deleteChildren: [RawStatement]
        /// The search index's changes, when they are made in line (no `SearchIndexBuilder`).
        let index: SearchIndexBuilder.Writer
        /// The next number to try after each slug wanted in this import (see `uniqueSlug`).
        var nextSlugNumber: [String: Int] = [:]

        init(_ db: Database) throws {
            existing = try RawStatement(db, "SELECT id, title, content_z, notes, comments_z, slug FROM post WHERE source_key = ?")
            slugTaken = try RawStatement(db, "SELECT id FROM post WHERE slug = ?")
            insertPost = try RawStatement(db, """
                INSERT INTO post (source_key, format, kind, slug, title, title_key, sort_key, year, month,
                    utc_offset, author, permalink, comment_count, footnote_count, word_count, notes, content_z,
                    pingback_count, comments_z)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            updatePost = try RawStatement(db, """
                UPDATE post SET source_key = ?, format = ?, kind = ?, slug = ?, title = ?, title_key = ?,
                    sort_key = ?, year = ?, month = ?, utc_offset = ?, author = ?, permalink = ?,
                    comment_count = ?, footnote_count = ?, word_count = ?, notes = ?, content_z = ?,
                    pingback_count = ?, comments_z = ?
                WHERE id = ?
                """)
            index = try SearchIndexBuilder.Writer(db)
            postLabel = try RawStatement(db, "INSERT INTO post_label(label_id, sort_key, post_id) VALUES (?, ?, ?)")
            alias = try RawStatement(db, "INSERT OR IGNORE INTO alias(key, post_id) VALUES (?, ?)")
            footnote = try RawStatement(db, "INSERT INTO footnote(post_id, ordinal, label, text) VALUES (?, ?, ?, ?)")
            postRef = try RawStatement(db, """
                INSERT INTO post_ref(post_id, ordinal, kind, target, target_key, text, explicit, in_comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            deleteChildren = try ["post_label", "alias", "footnote", "post_ref"].map {
                try RawStatement(db, "DELETE FROM \($0) WHERE post_id = ?")
            }
        }
    }

    /// A post as the store holds it, for an import that brings it again.
    struct PostOnRecord {
        var id: Int64, title: String, blob: Data, notes: String, comments: Data?, slug: String
    }

    static func upsert(_ prepared: PreparedPost, format: String, labels: inout LabelIDs, _ sql: Statements,
                       searchIndex: SearchIndexBuilder?, _ db: Database) throws -> UpsertResult {
        let post = prepared.post
        let existing = try sql.existing.first([.text(post.sourceKey)]) {
            PostOnRecord(id: $0.int64(0), title: $0.text(1), blob: $0.data(2), notes: $0.text(3), comments: $0.optionalData(4),
                         slug: $0.text(5))
        }
        if let existing, PostBlob.json(existing.blob) == prepared.json { return .unchanged }
        let id = existing?.id
        let slug = try uniqueSlug(post.slug, current: existing?.slug, sql.slugTaken, next: &sql.nextSlugNumber)
        let values: [RawValue] = [
            .text(post.sourceKey), .text(format), .text(post.kind), .text(slug), .text(post.title), .text(prepared.titleKey),
            .text(prepared.sortKey), .int(post.date.year), .int(post.date.month), .optional(post.date.utcOffsetMinutes),
            .optional(post.author), .optional(post.permalink), .int(post.commentCount), .int(post.footnotes.count),
            .int(prepared.words), .text(prepared.notes), .blob(prepared.packed), .int(post.pingbacks.count),
            prepared.commentsPacked.map { .blob($0) } ?? .null,
        ]
        let postID: Int64
        if let existing {
            // The index is told exactly what it held, so it can remove the old terms.
            try change(.delete(id: existing.id, title: existing.title, plain: PostBlob.text(existing.blob) ?? "",
                               notes: existing.notes, comments: existing.comments.flatMap(PostBlob.text) ?? ""), searchIndex, sql)
            try sql.updatePost.run(values + [.int(existing.id)])
            for delete in sql.deleteChildren { try delete.run([.int(existing.id)]) }
            postID = existing.id
        } else {
            try sql.insertPost.run(values)
            postID = db.lastInsertedRowID
        }
        // Indexed post by post, from the text at hand. No statement of the import opens a
        // savepoint (each inserts one row), so FTS5 keeps collecting terms in memory across them.
        try change(.insert(id: postID, title: post.title, plain: prepared.plain, notes: prepared.notes,
                           comments: prepared.comments), searchIndex, sql)
        for label in prepared.labels {
            try sql.postLabel.run([.int(try labels.id(of: label.name, key: label.key, db)), .text(prepared.sortKey), .int(postID)])
        }
        var keys = prepared.addressKeys
        keys.insert(slug.lowercased())
        for key in keys {
            try sql.alias.run([.text(key), .int(postID)])
        }
        for (ordinal, note) in post.footnotes.enumerated() {
            try sql.footnote.run([.int(postID), .int(ordinal), .text(note.label), .text(prepared.footnoteTexts[ordinal])])
        }
        for (ordinal, ref) in post.references.enumerated() {
            try sql.postRef.run([.int(postID), .int(ordinal), .text(ref.kind.rawValue), .text(ref.target),
                                 .text(prepared.referenceKeys[ordinal]), .text(ref.text), .int(ref.explicit ? 1 : 0),
                                 .int(ref.inComment ? 1 : 0)])
        }
        return id == nil ? .imported : .updated
    }

    /// A change to the search index: handed to the builder when there is one, else made in line.
    private static func change(_ change: SearchIndexBuilder.Change, _ builder: SearchIndexBuilder?, _ sql: Statements) throws {
        if let builder { try builder.add(change) } else { try sql.index.apply(change) }
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

    /// Label ids by name, as the label table compares names (ASCII letters in either case are
    /// the same), for one import: a label is looked up once, not once per post.
    struct LabelIDs {
        private var ids: [String: Int64] = [:]

        mutating func id(of name: String, key: String, _ db: Database) throws -> Int64 {
            if let id = ids[key] { return id }
            try db.run("INSERT INTO label(name) VALUES (?) ON CONFLICT(name) DO NOTHING", [name])
            guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM label WHERE name = ?"), arguments: [name]) else {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "label \(name) was not stored")
            }
            ids[key] = id
            return id
        }

        /// SQLite's NOCASE folding: ASCII capitals only.
        static func nocase(_ name: String) -> String {
            guard name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
            return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
    }

    /// `wanted`, or `wanted-2`, `wanted-3`... whichever no other post has; a post imported
    /// again keeps the one it has (`current`) when it is one of those. Each number tried is a
    /// query: thousands of posts that want one slug (a blog of "Untitled" posts) once took a
    /// query for every post before each, so the search goes on from where the last one for
    /// that slug stopped.
    static func uniqueSlug(_ wanted: String, current: String?, _ slugTaken: RawStatement,
                           next: inout [String: Int]) throws -> String {
        if let current, current == wanted || isNumbered(current, wanted) { return current }
        var candidate = wanted
        var n = 1
        while try slugTaken.first([.text(candidate)], { $0.int64(0) }) != nil {
            n = n == 1 ? (next[wanted] ?? 2) : n + 1
            candidate = "\(wanted)-\(n)"
        }
        if n > 1 { next[wanted] = n + 1 }
        return candidate
    }

    /// Whether `slug` is `wanted-N` for a number N of 2 or more.
    private static func isNumbered(_ slug: String, _ wanted: String) -> Bool {
        guard slug.hasPrefix(wanted + "-") else { return false }
        let number = slug.dropFirst(wanted.count + 1)
        return !number.isEmpty && number.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (Int(number) ?? 0) >= 2
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

    /// Counts posts per month and per label again (see `month_count`, `label_count`).
    static func countPosts(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM month_count;
            INSERT INTO month_count (year, month, posts) SELECT year, month, COUNT(*) FROM post GROUP BY year, month;
            DELETE FROM label_count;
            INSERT INTO label_count (label_id, posts) SELECT label_id, COUNT(*) FROM post_label GROUP BY label_id;
            """)
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
            """)
        try ShiftedDates.resolve(db)
        try db.execute(sql: """
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
    var plain: String
    var notes: String
    /// The comments as the search index holds them (`CommentText`), packed as a post's text is
    /// (nil when there are none).
    var comments: String
    var commentsPacked: Data?
    var words: Int
    var titleKey: String
    var sortKey: String
    /// The post's labels, once each (compared case-insensitively), with their key in `LabelIDs`.
    var labels: [(name: String, key: String)]
    /// Alias keys from the post's own slug and addresses (the stored slug's is added on writing).
    var addressKeys: Set<String>
    var footnoteTexts: [String]
    var referenceKeys: [String]

    init(_ post: Post) throws {
        var post = post
        // What is written must decode again: JSONDecoder refuses deeper nesting than the
        // importers keep, so a post handed over deeper is flattened the same way here.
        post.limitNesting()
        self.post = post
        // What JSONEncoder writes with sorted keys: repeatable, so an unchanged post compares
        // equal byte for byte.
        json = PostJSON.encode(post)
        plain = post.document.plainText
        // The stored blob is the text, a NUL, then the JSON: a NUL in the text would end it
        // early and leave JSON that does not decode. The readers clean text of controls; a
        // post that still holds one is not written broken.
        if plain.utf8.contains(0) { plain = plain.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
        packed = try PostBlob.pack(text: plain, json: json)
        footnoteTexts = post.footnotes.map(\.plainText)
        notes = footnoteTexts.joined(separator: "\n")
        comments = CommentText.of(post.comments)
        commentsPacked = comments.isEmpty ? nil : try PostBlob.pack(text: comments, json: Data())
        words = plain.wordCount
        titleKey = MatchKey.title(post.title)
        sortKey = post.date.sortKey
        var seen = Set<String>()
        labels = post.labels.filter { seen.insert($0.lowercased()).inserted }.map { ($0, ArchiveStore.LabelIDs.nocase($0)) }
        var keys: Set<String> = [post.slug.lowercased()]
        for address in [post.permalink].compactMap({ $0 }) + post.aliases {
            keys.formUnion(ArchiveStore.aliasKeys(address))
        }
        addressKeys = keys
        referenceKeys = post.references.map(ArchiveStore.targetKey)
    }
}

/// Writes posts inside the transaction of `ArchiveStore.importing`. The reader hands chunks
/// over on its own thread; they are prepared on every core and written, in order, on the
/// thread that holds the transaction. At most `window` groups of posts are in flight, so an
/// import of any size holds only a few chunks in memory.
public final class ImportWriter {
    let db: Database
    /// Where the search index is built, when not in line (see `SearchIndexBuilder`).
    let searchIndex: SearchIndexBuilder?
    public private(set) var summary = ImportSummary()
    /// What the current source has produced so far.
    private var source = ImportBatch(format: "")
    private var sourcePosts = 0
    private var labels = ArchiveStore.LabelIDs()
    private var statements: ArchiveStore.Statements?
    /// Steps from the reading thread to the writing one, while `run` runs.
    private var steps: OrderedWork<Step>?

    /// Posts are prepared in groups of this many, one group per job: each hand-over between
    /// threads costs a wake-up, and with groups of 16 the writer slept and woke about 8,000
    /// times in an import of 100,000 posts (2 s of its time).
    static let group = 64
    /// Groups in flight between the reader and the writer.
    static let window = 16

    enum Step: Sendable {
        case posts(Result<[PreparedPost], Error>, format: String)
        /// The rest of a chunk (warnings, skip counts), after its posts.
        case chunk(ImportBatch)
        case endSource(String)
    }

    /// The reader's thread found the writer gone (it failed; its error is the one reported).
    struct Stopped: Error {}

    init(db: Database, searchIndex: SearchIndexBuilder?) {
        self.db = db
        self.searchIndex = searchIndex
    }

    /// Writes a chunk of posts; its warnings and skip counts add to the current source's.
    /// Called from the reading thread: returns once the chunk is queued.
    public func write(_ chunk: ImportBatch) throws {
        guard let steps else { throw Stopped() }
        var start = 0
        while start < chunk.posts.count {
            let posts = Array(chunk.posts[start..<min(chunk.posts.count, start + Self.group)])
            let format = chunk.format
            guard steps.submit({ .posts(Result { try posts.map(PreparedPost.init) }, format: format) }) else { throw Stopped() }
            start += Self.group
        }
        var meta = chunk
        meta.posts = []
        let rest = meta
        guard steps.submit({ .chunk(rest) }) else { throw Stopped() }
    }

    /// Records the source whose chunks were written since the last call, for `quire stats`.
    public func endSource(_ path: String) throws {
        guard let steps, steps.submit({ .endSource(path) }) else { throw Stopped() }
    }

    /// Runs `body` on a thread of its own and writes what it hands over on this thread, which
    /// holds the transaction. The first error stops both sides: the writer's if it failed,
    /// else the reader's.
    func run(_ body: (ImportWriter) throws -> Void) throws {
        let steps = OrderedWork<Step>(window: Self.window)
        self.steps = steps
        // The statements are finalised here, on the transaction's thread.
        defer { self.steps = nil; statements = nil }
        try withoutActuallyEscaping(body) { body in
            let reader = Reader(body: body, writer: self, steps: steps)
            let thread = Thread { reader.run() }
            thread.name = "quire-import-reader"
            thread.stackSize = 16 << 20
            thread.start()
            var failure: Error?
            while let step = steps.next() {
                do { try apply(step) } catch { failure = error; steps.cancel(); break }
            }
            // The reader must be finished, and must have let go of `body`, before it goes out of scope.
            reader.done.wait()
            if let failure { throw failure }
            if let error = reader.error { throw error }
        }
    }

    private func apply(_ step: Step) throws {
        switch step {
        case .posts(let prepared, let format):
            for post in try prepared.get() {
                if statements == nil { statements = try ArchiveStore.Statements(db) }
                switch try ArchiveStore.upsert(post, format: format, labels: &labels, statements!,
                                                 searchIndex: searchIndex, db) {
                case .imported: summary.imported += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
                sourcePosts += 1
            }
        case .chunk(let chunk):
            summary.skipped.merge(chunk.skipped, uniquingKeysWith: +)
            summary.warnings += chunk.warnings.count
            if source.format.isEmpty { source.format = chunk.format }
            source.skipped.merge(chunk.skipped, uniquingKeysWith: +)
        case .endSource(let path):
            try ArchiveStore.recordSource(path, format: source.format.isEmpty ? "none" : source.format,
                                          posts: sourcePosts, skipped: source.skipped, db)
            source = ImportBatch(format: "")
            sourcePosts = 0
        }
    }

    /// The reading side of `run`: the body, called once on the reader's thread.
    private final class Reader: @unchecked Sendable {
        private var body: ((ImportWriter) throws -> Void)?
        private let writer: ImportWriter
        private let steps: OrderedWork<Step>
        private(set) var error: Error?
        let done = DispatchSemaphore(value: 0)

        init(body: @escaping (ImportWriter) throws -> Void, writer: ImportWriter, steps: OrderedWork<Step>) {
            self.body = body; self.writer = writer; self.steps = steps
        }

        func run() {
            call()
            done.signal()
        }

        private func call() {
            guard let body else { return }
            self.body = nil
            do {
                try body(writer)
                steps.close()
            } catch {
                self.error = error
                steps.cancel()
            }
        }
    }
}
