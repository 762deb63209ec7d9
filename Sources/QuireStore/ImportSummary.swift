import QuireModel

/// What one `importBatches` call changed.
public struct ImportSummary: Hashable, Sendable {
    public var imported = 0
    public var updated = 0
    public var unchanged = 0
    /// Entries the readers left out, by reason.
    public var skipped: [String: Int] = [:]
    public var warnings = 0
    public init() {}
}

/// Counts over the whole store, for `quire stats`.
public struct ArchiveStats: Hashable, Sendable, Codable {
    public var posts = 0
    public var pages = 0
    public var draftsSkipped = 0
    public var labels = 0
    public var footnotes = 0
    public var comments = 0
    /// Pingbacks, trackbacks and webmentions.
    public var pingbacks = 0
    public var referencesResolved = 0
    public var referencesDangling = 0
    public var externalLinks = 0
    /// Links in comments that lead to posts of the archive.
    public var commentReferences = 0
    public var words = 0
    public var firstDate: String?
    public var lastDate: String?
    public init() {}
}
