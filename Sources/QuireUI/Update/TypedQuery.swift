import QuireModel

/// The query that search-as-you-type runs for what is in the query line.
enum TypedQuery {
    /// The query with its last word also matching as a prefix, once that word has three
    /// letters or digits and no space follows it: "missi" finds "missile" while it is typed.
    /// Words with syntax of their own (quotes, `field:`, `-`, `*`) are left as they are.
    static func effective(_ query: String) -> String {
        guard let last = query.last, !last.isWhitespace else { return query }
        // Inside an open phrase the last word is part of the phrase, not a word of its own.
        guard query.filter({ $0 == "\"" }).count % 2 == 0 else { return query }
        let start = query.lastIndex(where: \.isWhitespace).map { query.index(after: $0) } ?? query.startIndex
        let word = query[start...]
        guard word.count >= 3, word.allSatisfy({ $0.isLetter || $0.isNumber }) else { return query }
        return query + "*"
    }
}
