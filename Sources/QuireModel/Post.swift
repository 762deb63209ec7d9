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

/// A link to a post from another page that the blog recorded: a pingback, a trackback or a
/// webmention. Kept apart from the comments: it is a notice, not something a reader wrote here.
public struct Pingback: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case pingback, trackback, webmention }
    public var kind: Kind
    /// The linking page's title or its site's name, as the blog recorded it.
    public var source: String
    /// The linking page's address.
    public var url: String?
    public var date: PostDate?
    /// The few words around the link the blog kept (`[…] text […]`).
    public var excerpt: String
    public init(kind: Kind, source: String, url: String?, date: PostDate?, excerpt: String) {
        self.kind = kind; self.source = source; self.url = url; self.date = date; self.excerpt = excerpt
    }
}

/// Something in a post that may point at another post.
public struct Reference: Hashable, Sendable {
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
    /// Written by a commenter, in one of the post's comments, not by the post's author.
    public var inComment: Bool
    public init(kind: Kind, target: String, text: String, explicit: Bool, inComment: Bool = false) {
        self.kind = kind; self.target = target; self.text = text; self.explicit = explicit
        self.inComment = inComment
    }
}

/// `inComment` is written only when set, so posts stored before it existed read the same and
/// encode to the same bytes (an unchanged post is recognised by its bytes on re-import).
extension Reference: Codable {
    private enum Key: String, CodingKey { case kind, target, text, explicit, inComment }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind), target: try c.decode(String.self, forKey: .target),
                  text: try c.decode(String.self, forKey: .text), explicit: try c.decode(Bool.self, forKey: .explicit),
                  inComment: try c.decodeIfPresent(Bool.self, forKey: .inComment) ?? false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind); try c.encode(target, forKey: .target)
        try c.encode(text, forKey: .text); try c.encode(explicit, forKey: .explicit)
        if inComment { try c.encode(true, forKey: .inComment) }
    }
}

/// A post as a reader produces it, before the store gives it an id.
public struct Post: Hashable, Sendable {
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
    /// Pingbacks and trackbacks, oldest first; not counted in `commentCount`.
    public var pingbacks: [Pingback]
    /// The blog showed the post only to readers who had its password.
    public var passwordProtected: Bool

    public init(sourceKey: String, slug: String, title: String, date: PostDate,
                updated: PostDate? = nil, author: String? = nil, permalink: String? = nil,
                aliases: [String] = [], labels: [String] = [], document: Document = Document(),
                footnotes: [Footnote] = [], references: [Reference] = [], commentCount: Int = 0,
                comments: [Comment] = [], kind: String = "post", pingbacks: [Pingback] = [],
                passwordProtected: Bool = false) {
        self.sourceKey = sourceKey; self.slug = slug; self.title = title; self.date = date
        self.updated = updated; self.author = author; self.permalink = permalink
        self.aliases = aliases; self.labels = labels; self.document = document
        self.footnotes = footnotes; self.references = references
        self.commentCount = commentCount; self.comments = comments; self.kind = kind
        self.pingbacks = pingbacks; self.passwordProtected = passwordProtected
    }
}

/// `pingbacks` and `passwordProtected` are written only when they say something, so posts
/// stored before they existed read the same and encode to the same bytes.
extension Post: Codable {
    private enum Key: String, CodingKey {
        case sourceKey, slug, title, date, updated, author, permalink, aliases, labels, document, footnotes
        case references, commentCount, comments, kind, pingbacks, passwordProtected
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(sourceKey: try c.decode(String.self, forKey: .sourceKey), slug: try c.decode(String.self, forKey: .slug),
                  title: try c.decode(String.self, forKey: .title), date: try c.decode(PostDate.self, forKey: .date),
                  updated: try c.decodeIfPresent(PostDate.self, forKey: .updated),
                  author: try c.decodeIfPresent(String.self, forKey: .author),
                  permalink: try c.decodeIfPresent(String.self, forKey: .permalink),
                  aliases: try c.decode([String].self, forKey: .aliases), labels: try c.decode([String].self, forKey: .labels),
                  document: try c.decode(Document.self, forKey: .document),
                  footnotes: try c.decode([Footnote].self, forKey: .footnotes),
                  references: try c.decode([Reference].self, forKey: .references),
                  commentCount: try c.decode(Int.self, forKey: .commentCount),
                  comments: try c.decode([Comment].self, forKey: .comments), kind: try c.decode(String.self, forKey: .kind),
                  pingbacks: try c.decodeIfPresent([Pingback].self, forKey: .pingbacks) ?? [],
                  passwordProtected: try c.decodeIfPresent(Bool.self, forKey: .passwordProtected) ?? false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(sourceKey, forKey: .sourceKey); try c.encode(slug, forKey: .slug)
        try c.encode(title, forKey: .title); try c.encode(date, forKey: .date)
        try c.encodeIfPresent(updated, forKey: .updated); try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(permalink, forKey: .permalink)
        try c.encode(aliases, forKey: .aliases); try c.encode(labels, forKey: .labels)
        try c.encode(document, forKey: .document); try c.encode(footnotes, forKey: .footnotes)
        try c.encode(references, forKey: .references); try c.encode(commentCount, forKey: .commentCount)
        try c.encode(comments, forKey: .comments); try c.encode(kind, forKey: .kind)
        if !pingbacks.isEmpty { try c.encode(pingbacks, forKey: .pingbacks) }
        if passwordProtected { try c.encode(true, forKey: .passwordProtected) }
    }
}
