

/// Something worth telling the user about an input that was still imported.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) {
        self.file = file; self.line = line; self.message = message
    }
    public var description: String {
        if let line { return "\(file):\(line): warning: \(message)" }
        return "\(file): warning: \(message)"
    }
}

/// An input that cannot be imported: nothing from it reaches the store.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": error: " + message
    }
}

/// What one reader produced from one file or folder.
public struct ImportBatch: Sendable {
    /// The format that was recognised, e.g. `text`, `blogger`, `blogger-takeout`, `wordpress`, `markdown`.
    public var format: String
    public var posts: [Post]
    public var warnings: [ImportWarning]
    /// Entries left out, counted by reason (`settings`, `template`, `draft`, `attachment` ...).
    public var skipped: [String: Int]
    /// Hosts the source's own posts live on (`example.blogspot.com`), so that a link to one of
    /// them that matches no post is kept as a dangling reference, not an external link.
    public var ownHosts: [String]

    public init(format: String, posts: [Post] = [], warnings: [ImportWarning] = [],
                skipped: [String: Int] = [:], ownHosts: [String] = []) {
        self.format = format; self.posts = posts; self.warnings = warnings
        self.skipped = skipped; self.ownHosts = ownHosts
    }

    public mutating func append(_ other: ImportBatch) {
        posts += other.posts
        warnings += other.warnings
        skipped.merge(other.skipped, uniquingKeysWith: +)
        ownHosts += other.ownHosts.filter { !ownHosts.contains($0) }
    }
}

/// Options every reader honours.
public struct ImportOptions: Sendable {
    /// Import drafts (and other unpublished entries) instead of skipping them.
    public var includeDrafts: Bool
    /// The most of one post that is read, in bytes of its text as the export holds it (HTML,
    /// Markdown or plain text); the rest is cut, with a warning and a note in the post.
    public var maxPostBytes: Int
    /// 10 MB: ten times the longest of the sample blogs' posts, and what libxml2 reads of one
    /// element's text.
    public static let defaultMaxPostBytes = 10_000_000

    public init(includeDrafts: Bool = false, maxPostBytes: Int = ImportOptions.defaultMaxPostBytes) {
        self.includeDrafts = includeDrafts
        self.maxPostBytes = max(1, maxPostBytes)
    }
}
