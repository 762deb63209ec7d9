import Foundation
import GRDB
import QuireModel

/// How far a rebuild of the search index has got.
public struct SearchIndexProgress: Hashable, Sendable {
    public var done: Int
    public var total: Int
}

/// Fills an empty `post_fts` from the posts, and each post's `comments_z` from its JSON: the
/// migration that brought comments and unspaced scripts into the index runs it once per store.
/// Post by post rather than FTS5's one-statement 'rebuild', so that it can say how far it is.
enum SearchIndexRebuild {
    static let batch = 500

    static func run(_ db: Database, progress: (@Sendable (SearchIndexProgress) -> Void)?) throws {
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0
        progress?(SearchIndexProgress(done: 0, total: total))
        try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('hashsize', \(ArchiveStore.ftsHashSize))")
        let index = try SearchIndexBuilder.Writer(db)
        let setComments = try RawStatement(db, "UPDATE post SET comments_z = ? WHERE id = ?")
        let read = try RawStatement(db, "SELECT id, title, content_z, notes FROM post WHERE id > ? ORDER BY id LIMIT \(batch)")
        // Without comments, a post's JSON holds exactly this (no comment has a key of that name).
        let noComments = Data(#""comments":[]"#.utf8)
        var last: Int64 = -1, done = 0
        while true {
            var posts: [(id: Int64, title: String, blob: Data, notes: String)] = []
            try read.each([.int(last)]) { posts.append(($0.int64(0), $0.text(1), $0.data(2), $0.text(3))) }
            guard let end = posts.last else { break }
            for post in posts {
                guard let unpacked = PostBlob.unpack(post.blob) else {
                    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "post \(post.id) cannot be read")
                }
                let nul = unpacked.firstIndex(of: 0) ?? unpacked.endIndex
                let plain = String(decoding: unpacked[..<nul], as: UTF8.self)
                let json = nul < unpacked.endIndex ? unpacked[(nul + 1)...] : Data()
                var comments = ""
                if json.range(of: noComments) == nil, let decoded = try? JSONDecoder().decode(Post.self, from: json) {
                    comments = CommentText.of(decoded.comments)
                }
                if !comments.isEmpty {
                    try setComments.run([.blob(try PostBlob.pack(text: comments, json: Data())), .int(post.id)])
                }
                try index.apply(.insert(id: post.id, title: post.title, plain: plain, notes: post.notes, comments: comments))
            }
            done += posts.count
            last = end.id
            progress?(SearchIndexProgress(done: done, total: total))
        }
    }
}
