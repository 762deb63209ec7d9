/// The store's id for a post.
public typealias PostID = Int64

/// One row of a post list.
public struct PostSummary: Hashable, Sendable {
    public var id: PostID
    public var slug: String
    public var title: String
    public var date: PostDate
    public var commentCount: Int
    public init(id: PostID, slug: String, title: String, date: PostDate, commentCount: Int = 0) {
        self.id = id; self.slug = slug; self.title = title; self.date = date; self.commentCount = commentCount
    }
    /// Where a keyset page that ends with this post continues.
    public var cursor: PostCursor { PostCursor(sortKey: date.sortKey, id: id) }
}

/// A position in the newest-first order of posts: pages continue strictly after it.
public struct PostCursor: Hashable, Sendable {
    public var sortKey: String
    public var id: PostID
    public init(sortKey: String, id: PostID) { self.sortKey = sortKey; self.id = id }
}

/// Which posts a list shows. Empty fields do not filter.
public struct PostFilter: Hashable, Sendable {
    /// Posts must carry every one of these labels.
    public var labels: [String]
    public var year: Int?
    public var month: Int?
    /// Posts left out (the reader's read posts, when it shows only unread ones).
    public var excluding: Set<PostID>
    public init(labels: [String] = [], year: Int? = nil, month: Int? = nil, excluding: Set<PostID> = []) {
        self.labels = labels; self.year = year; self.month = month; self.excluding = excluding
    }
}

/// Posts of one year, with the count for each month (index 0 = January).
public struct YearCount: Hashable, Sendable {
    public var year: Int
    public var count: Int
    public var months: [Int]
    public init(year: Int, count: Int, months: [Int]) { self.year = year; self.count = count; self.months = months }
}

public struct LabelCount: Hashable, Sendable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) { self.name = name; self.count = count }
}

/// How many of a set of posts fall in each year and month, and carry each label.
public struct GroupCounts: Hashable, Sendable {
    public var years: [YearCount]
    public var labels: [LabelCount]
    public init(years: [YearCount] = [], labels: [LabelCount] = []) { self.years = years; self.labels = labels }
}

/// Text with some spans marked as search hits.
public struct MarkedText: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var text: String
        public var isHit: Bool
        public init(text: String, isHit: Bool) { self.text = text; self.isHit = isHit }
    }
    public var parts: [Part]
    public init(parts: [Part]) { self.parts = parts }
    public var plain: String { parts.map(\.text).joined() }
}

public struct SearchHit: Hashable, Sendable {
    /// Where a hit found only in a post's comments is: the comment's place in `Post.comments`
    /// and its author.
    public struct InComment: Hashable, Sendable {
        public var index: Int
        public var author: String
        public init(index: Int, author: String) { self.index = index; self.author = author }
    }
    public var post: PostSummary
    /// Text around the first hit: of the post, or of the comment when `comment` is set.
    public var snippet: MarkedText
    public var comment: InComment?
    public init(post: PostSummary, snippet: MarkedText, comment: InComment? = nil) {
        self.post = post; self.snippet = snippet; self.comment = comment
    }
}

/// Where a reference of a stored post leads.
public enum ReferenceTarget: Hashable, Sendable {
    /// Another post of the archive.
    case post(PostID, title: String)
    /// The author meant a post that is not in the archive.
    case dangling
    /// A link out of the archive.
    case external(url: String)
    /// A quoted span that names no post: shown as ordinary text.
    case none
}

/// A post as the store holds it, with its references resolved and its backlinks.
public struct StoredPost: Hashable, Sendable {
    public var id: PostID
    public var post: Post
    /// Parallel to `post.references`.
    public var targets: [ReferenceTarget]
    /// Posts that refer to this one, oldest first.
    public var backlinks: [PostSummary]
    /// Those of `backlinks` that refer to this one only in their comments.
    public var commentBacklinks: Set<PostID>
    public init(id: PostID, post: Post, targets: [ReferenceTarget], backlinks: [PostSummary],
                commentBacklinks: Set<PostID> = []) {
        self.id = id; self.post = post; self.targets = targets; self.backlinks = backlinks
        self.commentBacklinks = commentBacklinks
    }
    public var summary: PostSummary {
        PostSummary(id: id, slug: post.slug, title: post.title, date: post.date, commentCount: post.commentCount)
    }
}

/// Everything the reader front end asks of an archive. The SQLite store implements it; tests
/// implement it in memory. Every list is paged: nothing here loads the whole archive.
public protocol ArchiveReading: AnyObject {
    /// Years, newest first, with posts per month.
    func years() throws -> [YearCount]
    /// Posts matching `filter`, newest first, strictly after `cursor`.
    func posts(_ filter: PostFilter, after cursor: PostCursor?, limit: Int) throws -> [PostSummary]
    /// Posts matching `filter`, oldest first, strictly before `cursor` in newest-first order
    /// (that is, newer than it): the page above.
    func posts(_ filter: PostFilter, before cursor: PostCursor, limit: Int) throws -> [PostSummary]
    /// How many posts match `filter`.
    func count(_ filter: PostFilter) throws -> Int
    /// Labels with the number of posts carrying them, among posts that carry all of `within`
    /// (every label when `within` is empty); the labels of `within` themselves are left out.
    func labels(within: [String]) throws -> [LabelCount]
    /// Ranked search hits for a query in the syntax of `SearchQuery`.
    func search(_ query: String, limit: Int) throws -> [SearchHit]
    func post(_ id: PostID) throws -> StoredPost?
    /// The next (`newer == true`) or previous post by date among posts matching `filter`.
    func neighbour(of id: PostID, newer: Bool, filter: PostFilter) throws -> PostSummary?
    /// How many of `ids` fall in each year and month (years newest first), and how many of
    /// those carrying every label of `within` carry each other label (as `labels(within:)`
    /// counts). The lists show unread counts by subtracting the read posts counted here.
    /// Ids not in the archive are not counted.
    func groupCounts(of ids: [PostID], within: [String]) throws -> GroupCounts
}
