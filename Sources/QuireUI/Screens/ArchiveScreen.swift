import QuireModel

/// The year → month → post tree, newest first: each year with a posts-per-month sparkline,
/// and on wide windows bars of posts per year and per month and, under a short tree, the
/// busiest labels, so the screen is a picture of the archive as well as its index.
enum ArchiveScreen {
    static let sparkLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Where the bars start: after a year's sparkline.
    static let barColumn = 23

    static func draw(_ canvas: inout Canvas, _ state: AppState) -> String? {
        let a = state.archive
        let height = state.bodyHeight
        guard a.loaded else {
            canvas.put("Loading…", row: 1, col: 1, style: .meta)
            return nil
        }
        guard !a.rows.isEmpty else {
            drawEmpty(&canvas, state)
            return nil
        }
        let wide = canvas.width >= 60
        let peak = a.years.flatMap(\.months).max() ?? 0
        let yearPeak = a.years.map(\.count).max() ?? 0
        let visible = a.cursor.scroll..<min(a.rows.count, a.cursor.scroll + height)
        var rights: [Int: [Span]] = [:]
        for index in visible {
            switch a.rows[index] {
            case .year(let y):
                let count = a.years.first { $0.year == y }?.count ?? 0
                rights[index] = [Span(ListDraw.counted(count, "post", unread: state.unread(year: y), wide: wide), .meta)]
            case .month(let ym):
                rights[index] = [Span(ListDraw.counted(a.count(of: ym), "post", unread: state.unread(month: ym), wide: wide), .meta)]
            case .post:
                break
            }
        }
        // One bar width for every row on screen, so the bars compare at a glance.
        let rightWidth = rights.values.map(\.displayWidth).max() ?? 0
        let barWidth = wide ? min(24, canvas.width - barColumn - rightWidth - 4) : 0
        for index in visible {
            var spans: [Span]
            switch a.rows[index] {
            case .year(let y):
                let yc = a.years.first { $0.year == y }
                let open = a.expandedYears.contains(y)
                spans = [Span(open ? " ▾ " : " ▸ "), Span("\(y)", .plain.adding(.bold)), Span("  "),
                         Span(sparkline(yc?.months ?? [], peak: peak), .spark)]
                if barWidth >= 4 { spans += bar(yc?.count ?? 0, peak: yearPeak, width: barWidth, after: spans) }
            case .month(let ym):
                let open = a.expandedMonths.contains(ym)
                spans = [Span("   " + (open ? "▾ " : "▸ ")), Span(Chrome.monthName(ym.month))]
                if barWidth >= 4 { spans += bar(a.count(of: ym), peak: peak, width: barWidth, after: spans) }
            case .post(let ym, let n):
                let post = a.months[ym]?.item(at: n)
                spans = postRow(post, indent: "     ", wide: wide, state: state)
            }
            ListDraw.row(&canvas, 1 + index - a.cursor.scroll, spans, selected: index == a.cursor.selection, right: rights[index] ?? [])
        }
        drawBusiestLabels(&canvas, state)
        return ListDraw.position(a.cursor.selection, a.rows.count + (busiest(state)?.labels.count ?? 0))
    }

    /// A bar starting at `barColumn`, padded from the spans before it.
    private static func bar(_ value: Int, peak: Int, width: Int, after spans: [Span]) -> [Span] {
        let pad = max(1, barColumn - spans.displayWidth)
        return [Span(String(repeating: " ", count: pad)), Span(Bars.horizontal(value, peak: peak, width: width), .spark)]
    }

    /// What an empty archive's screen says: how to import a blog, and how to look at the demo
    /// archive first.
    static func emptyText(demoFolder: String?) -> [(String, Style)] {
        let demo = demoFolder ?? "the data folder of Quire's source"
        let demoStore = "~/quire-demo.sqlite"
        return [
            ("The archive is empty.", .plain),
            ("", .plain),
            ("Import your blog's export (Blogger or WordPress XML, a Jekyll or Hugo folder, text posts):", .plain),
            ("  quire import PATH", .heading),
            ("", .plain),
            ("Or look around the demo archive first, in a store of its own:", .plain),
            ("  quire --store \(demoStore) import \(demo)", .heading),
            ("  quire --store \(demoStore)", .heading),
            ("", .plain),
            ("(quire with no --store opens the default store, which is given the demo when it is new.)", .meta),
        ]
    }

    private static func drawEmpty(_ canvas: inout Canvas, _ state: AppState) {
        var row = 1
        for (text, style) in emptyText(demoFolder: state.demoFolder) {
            // Commands wrap at spaces too, indented as they began.
            let indent = String(text.prefix { $0 == " " })
            let lines = text.isEmpty ? [""] : Wrap.wrap(String(text.dropFirst(indent.count)), width: max(1, canvas.width - 2 - indent.count))
            for line in lines {
                guard row <= state.bodyHeight else { return }
                canvas.put(indent + line, row: row, col: 1, style: style)
                row += 1
            }
        }
    }

    /// The labels with the most posts shown under the tree, when it leaves room for them on a
    /// wide window, and the screen row of the first. They are rows of the list too: the cursor
    /// moves on to them after the tree, and Enter lists a label's posts.
    static func busiest(_ state: AppState) -> (labels: [LabelCount], row: Int)? {
        let a = state.archive
        guard state.cols >= 60, a.loaded, !a.rows.isEmpty,
              case .labels(let list)? = state.labels.levels.first, let items = list.items, !items.isEmpty else { return nil }
        let heading = 1 + min(a.rows.count - a.cursor.scroll, state.bodyHeight) + 1
        guard state.bodyHeight - heading >= 3 else { return nil }
        return (Array(items.prefix(min(10, state.bodyHeight - heading))), heading + 1)
    }

    /// Which of the busiest labels is drawn on a screen row, if one is.
    static func busiestLabel(at row: Int, _ state: AppState) -> Int? {
        guard let (labels, first) = busiest(state), row >= first, row < first + labels.count else { return nil }
        return row - first
    }

    /// The busiest label the cursor is on, if it is on one.
    static func selectedLabel(_ state: AppState) -> String? {
        let i = state.archive.cursor.selection - state.archive.rows.count
        guard i >= 0, let labels = busiest(state)?.labels, labels.indices.contains(i) else { return nil }
        return labels[i].name
    }

    private static func drawBusiestLabels(_ canvas: inout Canvas, _ state: AppState) {
        guard let (busiest, first) = busiest(state) else { return }
        canvas.put("Busiest labels", row: first - 1, col: 1, style: .heading)
        let nameWidth = min(24, busiest.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let countWidth = String(busiest[0].count).count
        let barWidth = min(30, canvas.width - 3 - nameWidth - 2 - countWidth - 2)
        let selected = state.archive.cursor.selection - state.archive.rows.count
        for (i, label) in busiest.enumerated() {
            let name = ListDraw.truncate(label.name, to: nameWidth)
            let pad = String(repeating: " ", count: max(0, nameWidth - DisplayWidth.of(name)) + 2)
            let count = String(repeating: " ", count: countWidth - String(label.count).count) + "\(label.count)"
            ListDraw.row(&canvas, first + i, [Span("   " + name + pad), Span(count, .meta), Span("  "),
                                              Span(Bars.horizontal(label.count, peak: busiest[0].count, width: barWidth), .spark)],
                         selected: i == selected)
        }
    }

    /// Twelve cells, January to December, scaled to the busiest month of the archive.
    static func sparkline(_ months: [Int], peak: Int) -> String {
        String((0..<12).map { m -> Character in
            let n = m < months.count ? months[m] : 0
            guard n > 0, peak > 0 else { return "·" }
            let level = min(7, max(0, (n * 8 + peak - 1) / peak - 1))
            return sparkLevels[level]
        })
    }

    /// A post as a list row: its flags, date and title (a placeholder until its page arrives).
    /// An unread post is flagged N (as newsboat flags it), a read one dimmed, a bookmarked
    /// one starred.
    static func postRow(_ post: PostSummary?, indent: String, wide: Bool, flags: RowFlags) -> [Span] {
        guard let post else { return [Span(indent + "  …", .meta)] }
        let date = wide ? post.date.isoDay : String(post.date.isoDay.dropFirst(5))
        var row = [Span(indent), Span(flags.read ? "  " : "N ", .marker), Span(date, .meta), Span("  "),
                   Span(post.title, flags.read ? .meta : .plain)]
        if flags.bookmarked { row.append(Span(" ★", .marker)) }
        return row
    }

    static func postRow(_ post: PostSummary?, indent: String, wide: Bool, state: AppState) -> [Span] {
        postRow(post, indent: indent, wide: wide, flags: post.map { RowFlags(state, $0.id) } ?? RowFlags())
    }
}

/// What a post's row says of it besides its date and title.
struct RowFlags {
    var read = false
    var bookmarked = false
    init() {}
    /// - Parameter star: whether a bookmark is starred (not on the Bookmarks screen itself).
    init(_ state: AppState, _ id: PostID, star: Bool = true) {
        read = state.marks.read.contains(id)
        bookmarked = star && state.marks.isBookmarked(id)
    }
}
