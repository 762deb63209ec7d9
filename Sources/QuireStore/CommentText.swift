import QuireModel

/// A post's comments as the search index holds them (`post.comments_z`): one record per comment,
/// in the post's order, each its author and its text. Removed comments keep an empty record, so
/// that a record's number is the comment's place in `Post.comments`.
enum CommentText {
    /// Between records, and between a record's author and its text. Control characters never
    /// survive in stored text, so they cannot clash; to the index they are spaces.
    static let recordSeparator: Character = "\u{1E}", authorSeparator: Character = "\u{1F}"

    /// The comments' text, or "" when there is none.
    static func of(_ comments: [Comment]) -> String {
        guard !comments.isEmpty else { return "" }
        return comments.map { c -> String in
            guard !c.removed else { return "" }
            let body = c.blocks.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n")
            return clean(c.author) + String(authorSeparator) + clean(body)
        }.joined(separator: String(recordSeparator))
    }

    /// The records of a comments' text: the author and text of each comment.
    static func records(_ text: String) -> [(author: String, text: String)] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: recordSeparator, omittingEmptySubsequences: false).map { record in
            guard let mark = record.firstIndex(of: authorSeparator) else { return ("", "") }
            return (String(record[..<mark]), String(record[mark...].dropFirst()))
        }
    }

    private static func clean(_ s: String) -> String {
        guard s.contains(where: { $0 == recordSeparator || $0 == authorSeparator }) else { return s }
        return String(s.map { $0 == recordSeparator || $0 == authorSeparator ? " " : $0 })
    }
}
