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
    public init() {}

    public static let limit = 100
}
