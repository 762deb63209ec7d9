import QuireModel

/// The Search screen: a query line and its ranked results.
public struct SearchState: Hashable, Sendable {
    public var query = ""
    public var hits: [SearchHit] = []
    /// The query the hits belong to.
    public var resultsFor: String?
    /// Keys go to the query line (true) or to the results.
    public var editing = true
    public var cursor = ListCursor()
    /// Enter or ↓ pressed before the results for the query arrived: run once they do.
    public var afterResults: Command?
    /// Where typing goes in the query, in characters; nil at its end.
    public var caret: Int?
    public init() {}

    /// The cursor's place in the query.
    public var caretIndex: Int { min(caret ?? query.count, query.count) }

    public static let limit = 100
}
