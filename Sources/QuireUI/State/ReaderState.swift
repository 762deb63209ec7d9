import QuireModel

/// Where a post was opened from: decides what `]`/`[` walk through and what is highlighted.
public enum ReaderOrigin: Hashable, Sendable {
    case archive
    /// Opened from the posts of these labels: neighbours stay within them.
    case labels([String])
    /// Opened from a search: its words are highlighted.
    case search(String)

    public var filter: PostFilter {
        if case .labels(let l) = self { return PostFilter(labels: l) }
        return PostFilter()
    }
}

/// A post in the reader's history, with the exact place the reader was at.
public struct ReaderEntry: Hashable, Sendable {
    public var post: StoredPost
    public var scroll: Int
    public var anchor: LayoutAnchor?
    public var width: Int
    public var selectedLink: Int?
}

/// The in-post find line.
public struct FindState: Hashable, Sendable {
    /// The confirmed query being highlighted.
    public var query = ""
    /// The text being typed while `editing`.
    public var input = ""
    public var editing = false
}

/// The reader: one post laid out for the window, its selection and its browser-like history.
public struct ReaderState: Hashable, Sendable {
    public var origin: ReaderOrigin
    public private(set) var post: StoredPost
    public private(set) var layout: PostLayout
    public var scroll = 0
    public var selectedLink: Int?
    public var currentHit: Int?
    public private(set) var inlineNotes = true
    public var back: [ReaderEntry] = []
    public var forward: [ReaderEntry] = []
    public var find = FindState()

    public static let historyLimit = 100

    public init(post: StoredPost, origin: ReaderOrigin, cols: Int) {
        self.origin = origin
        self.post = post
        layout = PostLayout(DocumentLayout(post, inlineNotes: true), width: Self.contentWidth(cols: cols),
                            highlight: Self.highlight(origin: origin, find: ""), inlineNotes: true)
    }

    /// The text column: the whole window less a margin, at most 100 columns.
    public static func contentWidth(cols: Int) -> Int { max(10, min(100, cols - 2)) }

    /// The left margin that centres the text column.
    public static func margin(cols: Int) -> Int { max(0, (cols - contentWidth(cols: cols)) / 2) }

    static func highlight(origin: ReaderOrigin, find: String) -> Highlight {
        if !find.isEmpty { return .text(find) }
        if case .search(let q) = origin { return .words(SearchQuery(parsing: q).highlightWords) }
        return .none
    }

    /// The current place, for the history.
    public var entry: ReaderEntry {
        ReaderEntry(post: post, scroll: scroll, anchor: layout.anchor(at: scroll), width: layout.width, selectedLink: selectedLink)
    }

    /// Shows another post (or the same one at another place) from a history entry.
    public mutating func show(_ e: ReaderEntry, cols: Int) {
        post = e.post
        find = FindState()
        currentHit = nil
        relayout(cols: cols, keepPosition: false)
        if e.width == layout.width { scroll = e.scroll } else if let a = e.anchor { scroll = layout.line(for: a) }
        selectedLink = e.selectedLink.flatMap { layout.links.indices.contains($0) ? $0 : nil }
    }

    /// Shows a newly opened post from its top.
    public mutating func open(_ p: StoredPost, cols: Int) {
        post = p; scroll = 0; selectedLink = nil; currentHit = nil; find = FindState()
        relayout(cols: cols, keepPosition: false)
    }

    public mutating func setInlineNotes(_ on: Bool, cols: Int) {
        inlineNotes = on
        selectedLink = nil
        relayout(cols: cols, keepPosition: true)
    }

    /// Lays the post out again (new width, notes mode or highlight), keeping the line at the
    /// top of the window in view when asked.
    public mutating func relayout(cols: Int, keepPosition: Bool) {
        let anchor = keepPosition ? layout.anchor(at: scroll) : nil
        let highlight = Self.highlight(origin: origin, find: find.editing ? find.input : find.query)
        layout = PostLayout(DocumentLayout(post, inlineNotes: inlineNotes), width: Self.contentWidth(cols: cols),
                            highlight: highlight, inlineNotes: inlineNotes)
        if let anchor { scroll = layout.line(for: anchor) }
        if let s = selectedLink, !layout.links.indices.contains(s) { selectedLink = nil }
        if let h = currentHit, !layout.hitLines.indices.contains(h) { currentHit = nil }
    }
}
