import QuireModel

/// Where a reader stopped in a post, as a place in the text (not a screen line), so that it
/// survives another window width.
public struct SavedPosition: Hashable, Sendable {
    /// The logical line (see `LayoutAnchor`) and the character offset in it.
    public var source: Int
    public var offset: Int
    /// The notes mode of the layout the place was taken in: logical lines differ between
    /// the two, so in the other mode the place is found by proportion.
    public var inlineNotes: Bool
    /// Logical lines of that layout, for the proportion.
    public var sourceCount: Int

    public init(source: Int, offset: Int, inlineNotes: Bool, sourceCount: Int) {
        self.source = source; self.offset = offset; self.inlineNotes = inlineNotes; self.sourceCount = sourceCount
    }
}

/// The screen and post to come back to at the next start.
public struct LastPlace: Hashable, Sendable {
    public var screen: TopScreen
    /// The post open on that screen, and where it was opened from.
    public var post: PostID?
    public var origin: ReaderOrigin?

    public init(screen: TopScreen, post: PostID? = nil, origin: ReaderOrigin? = nil) {
        self.screen = screen; self.post = post; self.origin = origin
    }
}

/// What the reader remembers between runs, per store: read posts, positions, bookmarks and
/// the last place. Kept in a file of its own (never in the archive); `update` changes it and
/// the session saves it through a `ReadingStateStore`.
public struct ReadingMarks: Hashable, Sendable {
    public var read: Set<PostID> = []
    public var positions: [PostID: SavedPosition] = [:]
    /// Newest first; the title and date are kept so the list needs no store query.
    public var bookmarks: [PostSummary] = []
    public var last: LastPlace?
    /// Posts opened, newest first, each once (the History screen).
    public var history: [PostSummary] = []
    /// Earlier finds in posts, newest first (↑ in the find line).
    public var finds: [String] = []
    /// The Labels screen sorts by name (else by count).
    public var labelsByName = false
    /// Lists show only unread posts.
    public var onlyUnread = false

    public static let historyLimit = 500
    public static let findsLimit = 50

    public init(read: Set<PostID> = [], positions: [PostID: SavedPosition] = [:], bookmarks: [PostSummary] = [],
                last: LastPlace? = nil) {
        self.read = read; self.positions = positions; self.bookmarks = bookmarks; self.last = last
    }

    public func isBookmarked(_ id: PostID) -> Bool { bookmarks.contains { $0.id == id } }

    /// Puts a post at the top of the history.
    public mutating func visited(_ post: PostSummary) {
        if history.first == post { return }
        history.removeAll { $0.id == post.id }
        history.insert(post, at: 0)
        if history.count > Self.historyLimit { history.removeLast(history.count - Self.historyLimit) }
    }

    /// Keeps a find for ↑ in the find line.
    public mutating func found(_ text: String) {
        guard !text.isEmpty, finds.first != text else { return }
        finds.removeAll { $0 == text }
        finds.insert(text, at: 0)
        if finds.count > Self.findsLimit { finds.removeLast(finds.count - Self.findsLimit) }
    }
}

/// Where the reading state is kept. The UI only reads and writes whole values through this,
/// so it never touches a file itself; the file-backed store lives outside QuireUI.
public protocol ReadingStateStore: AnyObject {
    /// The saved state; empty when there is none yet or it cannot be read.
    func load() -> ReadingMarks
    /// Why the last `load` came back empty although something was saved, for the status bar.
    var loadProblem: String? { get }
    func save(_ marks: ReadingMarks) throws
}

extension AppState {
    /// Whether the lists show unread counts: once something has been read and counted.
    var showsUnread: Bool { readCounts != nil && !marks.read.isEmpty }

    func unread(year: Int) -> Int? {
        guard showsUnread, let total = archive.years.first(where: { $0.year == year })?.count else { return nil }
        return max(0, total - (readCounts?.years.first { $0.year == year }?.count ?? 0))
    }

    func unread(month ym: YearMonth) -> Int? {
        guard showsUnread else { return nil }
        let read = readCounts?.years.first { $0.year == ym.year }.map { ym.month <= $0.months.count ? $0.months[ym.month - 1] : 0 } ?? 0
        return max(0, archive.count(of: ym) - read)
    }

    /// Unread posts of a label row, counted the way the list counts its posts.
    func unread(label: LabelCount, in list: LabelList) -> Int? {
        guard showsUnread else { return nil }
        let read: Int?
        if list.within.isEmpty {
            read = readCounts?.labels.first { $0.name == label.name }?.count ?? 0
        } else {
            read = list.read.map { $0[label.name] ?? 0 }
        }
        return read.map { max(0, label.count - $0) }
    }
}
