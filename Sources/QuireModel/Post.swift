/// A note attached to a marker in the body.
public struct Footnote: Hashable, Codable, Sendable {
    /// The label used by the marker (`1`, `a`, `note`).
    public var label: String
    public var blocks: [Block]
    public init(label: String, blocks: [Block]) { self.label = label; self.blocks = blocks }
    public var plainText: String { blocks.map(\.plainText).joined(separator: "\n\n") }
}

/// A reader's comment on a post.
public struct Comment: Hashable, Codable, Sendable {
    /// The comment's id in its source, used for threading.
    public var sourceID: String
    /// The `sourceID` of the comment this one answers, if any.
    public var parentID: String?
    public var author: String
    public var date: PostDate?
    public var blocks: [Block]
    /// The comment was removed by its author or the blog's owner; only its place is kept.
    public var removed: Bool
    public init(sourceID: String, parentID: String? = nil, author: String, date: PostDate?,
                blocks: [Block], removed: Bool = false) {
        self.sourceID = sourceID; self.parentID = parentID; self.author = author
        self.date = date; self.blocks = blocks; self.removed = removed
    }
}

/// Something in a post that may point at another post.
public struct Reference: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A double-quoted span that may be another post's title.
        case title
        /// A URL that may be another post's permalink.
        case url
        /// A path or slug named by a site generator tag (`{% post_url %}`, `{{< ref >}}`).
        case path
    }
    public var kind: Kind
    /// The quoted title, the URL or the path, as written.
    public var target: String
    /// The words shown in the post.
    public var text: String
    /// The author clearly meant a post (`my post "X"`, a link into the blog's own site):
    /// when nothing matches it is kept as a dangling reference instead of being plain text.
    public var explicit: Bool
    public init(kind: Kind, target: String, text: String, explicit: Bool) {
        self.kind = kind; self.target = target; self.text = text; self.explicit = explicit
    }
}

/// A post as a reader produces it, before the store gives it an id.
public struct Post: Hashable, Codable, Sendable {
    /// Identifies the post across imports of the same source: re-importing updates in place.
    public var sourceKey: String
    /// A short name for the post, unique in the store once stored.
    public var slug: String
    public var title: String
    public var date: PostDate
    public var updated: PostDate?
    public var author: String?
    /// The post's address on the web, if it had one.
    public var permalink: String?
    /// Other addresses that lead to the same post (aliases, `?p=ID`).
    public var aliases: [String]
    public var labels: [String]
    public var document: Document
    public var footnotes: [Footnote]
    public var references: [Reference]
    /// The count the source gives; may exceed `comments.count` when bodies were not exported.
    public var commentCount: Int
    public var comments: [Comment]
    /// `post` or `page`.
    public var kind: String

    public init(sourceKey: String, slug: String, title: String, date: PostDate,
                updated: PostDate? = nil, author: String? = nil, permalink: String? = nil,
                aliases: [String] = [], labels: [String] = [], document: Document = Document(),
                footnotes: [Footnote] = [], references: [Reference] = [], commentCount: Int = 0,
                comments: [Comment] = [], kind: String = "post") {
        self.sourceKey = sourceKey; self.slug = slug; self.title = title; self.date = date
        self.updated = updated; self.author = author; self.permalink = permalink
        self.aliases = aliases; self.labels = labels; self.document = document
        self.footnotes = footnotes; self.references = references
        self.commentCount = commentCount; self.comments = comments; self.kind = kind
    }
}
