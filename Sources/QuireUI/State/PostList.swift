import QuireModel

/// Every post of the archive, newest first, paged from the store (the Posts screen).
public struct PostList: Hashable, Sendable {
    public var page = PostPage(filter: PostFilter())
    public var cursor = ListCursor()
    public init() {}
}
