import QuireModel

/// Where a post was opened from: decides what `]`/`[` walk through and what is highlighted.
public enum ReaderOrigin: Hashable, Sendable {
    case archive
    /// Opened from the posts of these labels: neighbours stay within them.
    case labels([String])
    /// Opened from a search: its words are highlighted. The query as it was typed (the
    /// last word also matches as a prefix while it is typed: see `TypedQuery`).
    case search(String)
    /// Opened from the bookmarks.
    case bookmarks
    /// Opened from the list of every post.
    case posts
    /// Opened from the posts visited before.
    case history

    public var filter: PostFilter {
        if case .labels(let l) = self { return PostFilter(labels: l) }
        return PostFilter()
    }

    /// The screen whose reader shows a post opened from here.
    public var screen: TopScreen {
        switch self {
        case .archive: return .archive
        case .labels: return .labels
        case .search: return .search
        case .bookmarks: return .bookmarks
        case .posts: return .posts
        case .history: return .history
        }
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
    /// Where the window was when the line opened: finding as you type moves from there, and
    /// Esc comes back to it.
    public var startScroll = 0
    /// The earlier find shown in the line (↑ and ↓ walk them), by its place in the list.
    public var recalled: Int?

    public init(query: String = "", input: String = "", editing: Bool = false, startScroll: Int = 0) {
        self.query = query; self.input = input; self.editing = editing; self.startScroll = startScroll
    }
}

/// The reader: one post laid out for the window, its selection and its browser-like history.
public struct ReaderState: Hashable, Sendable {
    public var origin: ReaderOrigin
    public private(set) var post: StoredPost
    public private(set) var layout: PostLayout
    /// The whole layout, while `layout` is only the part of a large post on screen.
    public private(set) var pendingLayout: LayoutRequest?
    /// Whether `pendingLayout` was handed to a worker.
    var layoutAsked = false
    public var scroll = 0
    public var selectedLink: Int?
    public var currentHit: Int?
    public private(set) var inlineNotes = true
    /// The widest the text column gets (from the settings).
    public let textWidth: Int
    public var back: [ReaderEntry] = []
    public var forward: [ReaderEntry] = []
    public var find = FindState()
    /// The links list or the outline, drawn over the post while open.
    public var panel: ReaderPanel?
    /// Digits typed in the post: the number of the link Enter follows.
    public var linkNumber = ""

    public static let historyLimit = 100

    /// - Parameter height: the rows of the window; given, a large post is laid out screen
    ///   first (see `relayout`).
    public init(post: StoredPost, origin: ReaderOrigin, cols: Int, textWidth: Int = ReaderSettings.defaultTextWidth,
                inlineNotes: Bool = true, height: Int? = nil) {
        self.origin = origin
        self.post = post
        self.textWidth = textWidth
        self.inlineNotes = inlineNotes
        let laid = Self.layOut(post, width: Self.contentWidth(cols: cols, textWidth: textWidth),
                               highlight: Self.highlight(origin: origin, find: ""), inlineNotes: inlineNotes, at: nil, height: height)
        layout = laid.layout
        scroll = laid.line ?? 0
        pendingLayout = laid.pending
    }

    /// Posts with more text than this, in bytes, are laid out screen first.
    public static let largeText = 256 << 10

    /// The text column: the whole window less a margin, at most `textWidth` columns.
    public static func contentWidth(cols: Int, textWidth: Int = ReaderSettings.defaultTextWidth) -> Int { max(10, min(textWidth, cols - 2)) }

    /// The left margin that centres the text column.
    public func margin(cols: Int) -> Int { max(0, (cols - Self.contentWidth(cols: cols, textWidth: textWidth)) / 2) }

    static func highlight(origin: ReaderOrigin, find: String) -> Highlight {
        if !find.isEmpty { return .text(find) }
        if case .search(let q) = origin { return .words(SearchQuery(parsing: TypedQuery.effective(q)).highlightWords) }
        return .none
    }

    /// The current place, for the history.
    public var entry: ReaderEntry {
        // The lines of a part of the layout are not numbered as the whole layout's are: no
        // width, so that the anchor places it.
        ReaderEntry(post: post, scroll: scroll, anchor: layout.anchor(at: scroll), width: layout.isComplete ? layout.width : 0,
                    selectedLink: selectedLink)
    }

    /// Shows another post (or the same one at another place) from a history entry; a large
    /// one screen first, given `height`.
    public mutating func show(_ e: ReaderEntry, cols: Int, height: Int? = nil) {
        post = e.post
        find = FindState()
        panel = nil
        linkNumber = ""
        currentHit = nil
        let laid = Self.layOut(post, width: Self.contentWidth(cols: cols, textWidth: textWidth), highlight: Self.highlight(origin: origin, find: ""),
                               inlineNotes: inlineNotes, at: e.anchor, height: height)
        layout = laid.layout
        pendingLayout = laid.pending
        layoutAsked = false
        // The same width: the very line; else (or only part laid out) the anchor's line.
        if layout.isComplete, e.width == layout.width { scroll = e.scroll } else if let line = laid.line { scroll = line }
        selectedLink = e.selectedLink.flatMap { layout.links.indices.contains($0) ? $0 : nil }
    }

    /// Shows a newly opened post from its top (a large one screen first, given `height`).
    public mutating func open(_ p: StoredPost, cols: Int, height: Int? = nil) {
        post = p; scroll = 0; selectedLink = nil; currentHit = nil; find = FindState(); panel = nil; linkNumber = ""
        relayout(cols: cols, keepPosition: false, height: height)
    }

    public mutating func setInlineNotes(_ on: Bool, cols: Int) {
        inlineNotes = on
        selectedLink = nil
        relayout(cols: cols, keepPosition: true)
    }

    /// Lays the post out again (new width, notes mode or highlight), keeping the line at the
    /// top of the window in view when asked.
    ///
    /// Given the window's `height`, a post of more than `largeText` bytes of text is laid out
    /// screen first: `layout` holds the lines on screen and `pendingLayout` asks for the whole
    /// layout, which `adopt` takes in later.
    public mutating func relayout(cols: Int, keepPosition: Bool, height: Int? = nil) {
        let anchor = keepPosition ? layout.anchor(at: scroll) : nil
        let laid = Self.layOut(post, width: Self.contentWidth(cols: cols, textWidth: textWidth),
                               highlight: Self.highlight(origin: origin, find: find.editing ? find.input : find.query),
                               inlineNotes: inlineNotes, at: anchor, height: height)
        layout = laid.layout
        if let line = laid.line { scroll = line }
        pendingLayout = laid.pending
        layoutAsked = false
        checkSelection()
    }

    /// The layout of a post, whole or (large, with a height) its part at `anchor`; the line of
    /// the anchor in it (nil without one), and the whole layout still to make.
    private static func layOut(_ post: StoredPost, width: Int, highlight: Highlight, inlineNotes: Bool, at anchor: LayoutAnchor?,
                               height: Int?) -> (layout: PostLayout, line: Int?, pending: LayoutRequest?) {
        let document = DocumentLayout(post, inlineNotes: inlineNotes)
        if let height, document.textBytes(over: largeText) {
            let part = PostLayout.window(document, width: width, highlight: highlight, inlineNotes: inlineNotes,
                                         around: anchor ?? LayoutAnchor(source: 0, offset: 0), height: height)
            return (part.layout, part.line, LayoutRequest(post: post, width: width, highlight: highlight, inlineNotes: inlineNotes))
        }
        let layout = PostLayout(document, width: width, highlight: highlight, inlineNotes: inlineNotes)
        return (layout, anchor.map { layout.line(for: $0) }, nil)
    }

    /// Drops a selected link or hit the layout does not have. The hits of a part of the
    /// layout are not counted: the current hit waits for the whole layout.
    private mutating func checkSelection() {
        if let s = selectedLink, !layout.links.indices.contains(s) { selectedLink = nil }
        if layout.isComplete, let h = currentHit, !layout.hitLines.indices.contains(h) { currentHit = nil }
    }

    /// Takes in the whole layout asked for by `pendingLayout`, keeping the line at the top of
    /// the window; false (and nothing changes) when another layout was asked for since.
    @discardableResult
    public mutating func adopt(_ whole: PostLayout, for request: LayoutRequest) -> Bool {
        guard pendingLayout == request else { return false }
        let anchor = layout.anchor(at: scroll)
        layout = whole
        pendingLayout = nil
        layoutAsked = false
        if let anchor { scroll = whole.line(for: anchor) }
        checkSelection()
        return true
    }

    /// Lays out the whole post now when only its part on screen is, for what needs all of it.
    public mutating func completeLayout() {
        if let request = pendingLayout { adopt(request.run(), for: request) }
    }
}

extension ReaderState {
    /// The place to reopen the post at, or nil at its top.
    public var savedPosition: SavedPosition? {
        // By the anchor, not the line: in a part of the layout, line 0 may be far down.
        guard let a = layout.anchor(at: scroll), a.source > 0 || a.offset > 0 else { return nil }
        return SavedPosition(source: a.source, offset: a.offset, inlineNotes: inlineNotes, sourceCount: layout.sourceCount)
    }

    /// Scrolls to a saved place; in the other notes mode, to the same proportion of the post.
    public mutating func restore(_ p: SavedPosition, height: Int) {
        // Bounded first: a place comes from a file anyone may edit, and the proportion below
        // multiplies (a line of Int.max overflowed).
        let count = max(1, p.sourceCount)
        let source = min(max(0, p.source), count)
        let anchor = p.inlineNotes == inlineNotes
            ? LayoutAnchor(source: max(0, p.source), offset: max(0, p.offset))
            : LayoutAnchor(source: count.dividingFullWidth(source.multipliedFullWidth(by: max(0, layout.sourceCount))).quotient, offset: 0)
        if let request = pendingLayout {
            let document = DocumentLayout(post, inlineNotes: inlineNotes)
            let part = PostLayout.window(document, width: request.width, highlight: request.highlight, inlineNotes: inlineNotes,
                                         around: anchor, height: height)
            layout = part.layout
            scroll = part.line
        } else {
            scroll = layout.line(for: anchor)
        }
        clampScroll(height: height)
    }

    /// Whether the end of the post's text (before notes, references and comments) is in view.
    public func seesEndOfText(height: Int) -> Bool { layout.textEndLine < scroll + height }
}

extension ReaderState {
    /// The outline entry of the part of the post in view: the last heading at or above the top
    /// of the window, or, scrolled to the end, the last one in view.
    public func currentOutlineIndex(height: Int) -> Int? {
        let items = layout.outline
        if scroll >= maxScroll(height: height), let last = items.lastIndex(where: { $0.line < scroll + height }) { return last }
        return items.lastIndex { $0.line <= scroll }
    }
}
