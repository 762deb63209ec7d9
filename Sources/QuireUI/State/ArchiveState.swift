import QuireModel

/// A month of a year, the unit the archive tree expands.
public struct YearMonth: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public init(year: Int, month: Int) { self.year = year; self.month = month }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
    public var filter: PostFilter { PostFilter(year: year, month: month) }
}

/// One row of the archive tree.
public enum TreeRow: Hashable, Sendable {
    case year(Int)
    case month(YearMonth)
    /// The post at an absolute index of its month's newest-first list.
    case post(YearMonth, Int)
}

/// The year → month → post tree of the Archive screen.
public struct ArchiveState: Hashable, Sendable {
    public var years: [YearCount] = []
    public var loaded = false
    public var loadingYears = false
    public var expandedYears: Set<Int> = []
    public var expandedMonths: Set<YearMonth> = []
    /// Posts of each expanded month, paged from the store.
    public var months: [YearMonth: PostPage] = [:]
    public private(set) var rows: [TreeRow] = []
    public var cursor = ListCursor()
    /// With only unread posts shown: the unread posts per year and month, which the rows
    /// follow (years and months without any are left out).
    public var unreadOnly: [YearCount]?

    public init() {}

    public func count(of ym: YearMonth) -> Int { Self.count(of: ym, in: years) }

    /// The posts of a month the tree lists: all of them, or only the unread ones.
    public func shownCount(of ym: YearMonth) -> Int { Self.count(of: ym, in: unreadOnly ?? years) }

    private static func count(of ym: YearMonth, in years: [YearCount]) -> Int {
        guard let y = years.first(where: { $0.year == ym.year }), (1...12).contains(ym.month),
              y.months.count >= ym.month else { return 0 }
        return y.months[ym.month - 1]
    }

    /// Rebuilds the visible rows after the years or the expanded set changed.
    public mutating func rebuildRows() {
        var out: [TreeRow] = []
        for y in unreadOnly ?? years where unreadOnly == nil || y.count > 0 {
            out.append(.year(y.year))
            guard expandedYears.contains(y.year) else { continue }
            for m in stride(from: min(12, y.months.count), through: 1, by: -1) where y.months[m - 1] > 0 {
                let ym = YearMonth(year: y.year, month: m)
                out.append(.month(ym))
                guard expandedMonths.contains(ym) else { continue }
                for i in 0..<y.months[m - 1] { out.append(.post(ym, i)) }
            }
        }
        rows = out
    }

    /// The row index of a row, if it is shown.
    public func index(of row: TreeRow) -> Int? { rows.firstIndex(of: row) }

    public var selectedRow: TreeRow? { rows.indices.contains(cursor.selection) ? rows[cursor.selection] : nil }
}
