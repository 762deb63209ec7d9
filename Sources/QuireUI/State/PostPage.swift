import QuireModel

/// Which page of a post list to fetch.
public enum PageRequest: Hashable, Sendable {
    /// The newest posts.
    case first
    /// The oldest posts, for jumping to the end.
    case last
    /// Older posts, continuing after a cursor.
    case after(PostCursor)
    /// Newer posts, the page above a cursor.
    case before(PostCursor)
}

/// A window onto a post list, fetched from the store a page at a time (keyset cursors).
///
/// Rows are addressed by their absolute index in the whole list; only the window around what
/// the user has looked at is held.
public struct PostPage: Hashable, Sendable {
    public static let pageSize = 100
    /// The most rows kept; the far side of the window is dropped beyond it.
    public static let maxWindow = 600

    public var filter: PostFilter
    /// How many posts the whole list has, once known.
    public var total: Int?
    /// Absolute index of `items[0]`.
    public var offset = 0
    public var items: [PostSummary] = []
    /// The request in flight, so the same page is not asked for twice.
    public var pending: PageRequest?

    public init(filter: PostFilter, total: Int? = nil) { self.filter = filter; self.total = total }

    public var loadedRange: Range<Int> { offset..<(offset + items.count) }

    public func item(at index: Int) -> PostSummary? {
        loadedRange.contains(index) ? items[index - offset] : nil
    }

    /// The page to fetch so that `visible` rows can be shown, if any.
    public func request(toShow visible: Range<Int>) -> PageRequest? {
        guard pending == nil else { return nil }
        guard let total else { return .first }
        let wanted = visible.clamped(to: 0..<total)
        guard !wanted.isEmpty else { return nil }
        guard let first = items.first, let last = items.last else {
            return wanted.lowerBound >= total - Self.pageSize ? .last : .first
        }
        let loaded = loadedRange
        if wanted.upperBound > loaded.upperBound {
            // Far below the window: start again from the end rather than page through the middle.
            if wanted.lowerBound >= loaded.upperBound + Self.pageSize { return .last }
            return .after(last.cursor)
        }
        if wanted.lowerBound < loaded.lowerBound {
            if wanted.upperBound <= loaded.lowerBound - Self.pageSize { return .first }
            return .before(first.cursor)
        }
        return nil
    }

    /// Takes in a fetched page.
    public mutating func receive(_ request: PageRequest, _ posts: [PostSummary], total newTotal: Int?) {
        pending = nil
        if let newTotal { total = newTotal }
        switch request {
        case .first:
            offset = 0; items = posts
        case .last:
            items = posts.reversed()
            offset = max(0, (total ?? items.count) - items.count)
        case .after(let cursor):
            guard items.last?.cursor == cursor else { return }
            items += posts
            if items.count > Self.maxWindow {
                let drop = items.count - Self.maxWindow
                items.removeFirst(drop); offset += drop
            }
            if posts.count < Self.pageSize { total = offset + items.count }
        case .before(let cursor):
            guard items.first?.cursor == cursor else { return }
            let above = Array(posts.reversed())
            items = above + items
            offset = max(0, offset - above.count)
            if items.count > Self.maxWindow { items.removeLast(items.count - Self.maxWindow) }
        }
    }

    /// A cursor that sorts after every post, so that "the page above it" is the oldest page.
    public static let endCursor = PostCursor(sortKey: "", id: Int64.min)
}
