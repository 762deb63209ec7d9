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
///       "last": {"screen": "labels", "post": 17, "from": "labels", "labels": ["russia"]}
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
        /// Where the post was opened from: archive, labels, search, bookmarks.
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
        bookmarks = marks.bookmarks.map { Bookmark(id: $0.id, slug: $0.slug, title: $0.title, date: $0.date.sortKey) }
        last = marks.last.map(Last.init)
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
        m.bookmarks = (bookmarks ?? []).map { b in
            PostSummary(id: b.id, slug: b.slug ?? "", title: b.title ?? "Post \(b.id)",
                        date: b.date.flatMap { PostDate(sortKey: $0) } ?? PostDate(year: 1970, month: 1, day: 1))
        }
        var seen = Set<PostID>()
        m.bookmarks = m.bookmarks.filter { seen.insert($0.id).inserted }
        m.last = last?.place
        return m
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
        case nil: from = nil
        }
    }

    static let names: [TopScreen: String] = [.archive: "archive", .labels: "labels", .search: "search", .bookmarks: "bookmarks"]

    var place: LastPlace? {
        guard let screen = Self.names.first(where: { $0.value == screen })?.key else { return nil }
        let origin: ReaderOrigin?
        switch from {
        case "archive": origin = .archive
        case "labels": origin = .labels(labels ?? [])
        case "search": origin = .search(query ?? "")
        case "bookmarks": origin = .bookmarks
        default: origin = nil
        }
        return LastPlace(screen: screen, post: post, origin: post == nil ? nil : origin)
    }
}
