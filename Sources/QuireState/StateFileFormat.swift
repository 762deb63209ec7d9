import QuireModel
import QuireUI

/// The JSON of a state file, version 1. Every field but `version` may be missing (it then
/// means "nothing"), and fields it does not know are ignored, so later versions can add some.
///
///     {
///       "format": "quire-reading-state", "version": 1, "store": "/path/to/archive.sqlite",
///       "read": [3, 17],
///       "positions": {"17": {"line": 42, "offset": 120, "notes": "inline", "lines": 310}},
///       "bookmarks": [{"id": 17, "slug": "…", "title": "…", "date": "2007-10-12 09:00:00"}],
///       "last": {"screen": "labels", "post": 17, "from": "labels", "labels": ["russia"]},
///       "history": [{"id": 17, ...}], "finds": ["putin"], "labelSort": "name", "onlyUnread": true
///     }
struct StateFileFormat: Codable {
    static let currentVersion = 1

    var format: String? = "quire-reading-state"
    var version = currentVersion
    var store: String?
    var read: [Int64]?
    var positions: [String: Position]?
    var bookmarks: [Bookmark]?
    var last: Last?
    /// Posts opened, newest first, as bookmarks are kept.
    var history: [Bookmark]?
    var finds: [String]?
    /// "name" or "count".
    var labelSort: String?
    var onlyUnread: Bool?

    struct Position: Codable {
        var line: Int
        var offset: Int
        /// "inline" or "markers": the notes mode the place was taken in.
        var notes: String?
        var lines: Int?
    }

    struct Bookmark: Codable {
        var id: Int64
        var slug: String?
        var title: String?
        var date: String?
    }

    struct Last: Codable {
        var screen: String
        var post: Int64?
        /// Where the post was opened from: archive, labels, search, bookmarks, posts, history.
        var from: String?
        var labels: [String]?
        var query: String?
    }

    init(_ marks: ReadingMarks, store: String) {
        self.store = store
        read = marks.read.sorted()
        positions = Dictionary(uniqueKeysWithValues: marks.positions.map { id, p in
            (String(id), Position(line: p.source, offset: p.offset, notes: p.inlineNotes ? "inline" : "markers", lines: p.sourceCount))
        })
        bookmarks = marks.bookmarks.map(Bookmark.init)
        last = marks.last.map(Last.init)
        history = marks.history.map(Bookmark.init)
        finds = marks.finds
        labelSort = marks.labelsByName ? "name" : "count"
        onlyUnread = marks.onlyUnread
    }

    /// The largest line number, offset or line count a place may hold: far beyond any post
    /// Quire stores (64 MiB at most), and small enough that the reader's arithmetic on them
    /// cannot overflow. A file is hand-editable, so every number in it is brought within
    /// bounds here (a line of 9223372036854775807 crashed the reader at every start).
    static let largestPlace = 1 << 28

    var marks: ReadingMarks {
        var m = ReadingMarks()
        m.read = Set(read ?? [])
        for (key, p) in positions ?? [:] {
            guard let id = Int64(key), p.line >= 0, p.offset >= 0 else { continue }
            func bounded(_ n: Int) -> Int { min(max(n, 0), Self.largestPlace) }
            m.positions[id] = SavedPosition(source: bounded(p.line), offset: bounded(p.offset), inlineNotes: p.notes != "markers",
                                            sourceCount: max(1, bounded(p.lines ?? 1)))
        }
        var seen = Set<PostID>()
        m.bookmarks = (bookmarks ?? []).map(\.summary).filter { seen.insert($0.id).inserted }
        seen = []
        m.history = Array((history ?? []).map(\.summary).filter { seen.insert($0.id).inserted }.prefix(ReadingMarks.historyLimit))
        var seenFinds = Set<String>()
        m.finds = Array((finds ?? []).filter { !$0.isEmpty && seenFinds.insert($0).inserted }.prefix(ReadingMarks.findsLimit))
        m.labelsByName = labelSort == "name"
        m.onlyUnread = onlyUnread ?? false
        m.last = last?.place
        return m
    }
}

extension StateFileFormat.Bookmark {
    init(_ post: PostSummary) {
        self.init(id: post.id, slug: post.slug, title: post.title, date: post.date.sortKey)
    }

    var summary: PostSummary {
        PostSummary(id: id, slug: slug ?? "", title: title ?? "Post \(id)",
                    date: date.flatMap { PostDate(sortKey: $0) } ?? PostDate(year: 1970, month: 1, day: 1))
    }
}

extension StateFileFormat.Last {
    init(_ place: LastPlace) {
        screen = Self.names[place.screen] ?? "archive"
        post = place.post
        switch place.origin {
        case .archive?: from = "archive"
        case .labels(let l)?: from = "labels"; labels = l
        case .search(let q)?: from = "search"; query = q
        case .bookmarks?: from = "bookmarks"
        case .posts?: from = "posts"
        case .history?: from = "history"
        case nil: from = nil
        }
    }

    static let names: [TopScreen: String] = [.archive: "archive", .labels: "labels", .search: "search", .bookmarks: "bookmarks",
                                             .posts: "posts", .history: "history"]

    var place: LastPlace? {
        guard let screen = Self.names.first(where: { $0.value == screen })?.key else { return nil }
        let origin: ReaderOrigin?
        switch from {
        case "archive": origin = .archive
        case "labels": origin = .labels(labels ?? [])
        case "search": origin = .search(query ?? "")
        case "bookmarks": origin = .bookmarks
        case "posts": origin = .posts
        case "history": origin = .history
        default: origin = nil
        }
        return LastPlace(screen: screen, post: post, origin: post == nil ? nil : origin)
    }
}
