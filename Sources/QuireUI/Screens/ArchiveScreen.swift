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
            canvas.put("The archive is empty.", row: 1, col: 1)
            canvas.put("Import posts with: quire import PATH", row: 2, col: 1, style: .meta)
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
                spans = postRow(post, indent: "       ", wide: wide, marks: state.marks)
            }
            ListDraw.row(&canvas, 1 + index - a.cursor.scroll, spans, selected: index == a.cursor.selection, right: rights[index] ?? [])
        }
        drawBusiestLabels(&canvas, state, from: 1 + visible.count + 1)
        return ListDraw.position(a.cursor.selection, a.rows.count)
    }

    /// A bar starting at `barColumn`, padded from the spans before it.
    private static func bar(_ value: Int, peak: Int, width: Int, after spans: [Span]) -> [Span] {
        let pad = max(1, barColumn - spans.displayWidth)
        return [Span(String(repeating: " ", count: pad)), Span(Bars.horizontal(value, peak: peak, width: width), .spark)]
    }

    /// The labels with the most posts, with bars, in the room left under the tree.
    private static func drawBusiestLabels(_ canvas: inout Canvas, _ state: AppState, from row: Int) {
        let last = state.bodyHeight
        guard canvas.width >= 60, last - row >= 3,
              case .labels(let list)? = state.labels.levels.first, let items = list.items, !items.isEmpty else { return }
        let busiest = Array(items.prefix(min(10, last - row)))
        canvas.put("Busiest labels", row: row, col: 1, style: .heading)
        let nameWidth = min(24, busiest.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let countWidth = String(busiest[0].count).count
        let barWidth = min(30, canvas.width - 3 - nameWidth - 2 - countWidth - 2)
        for (i, label) in busiest.enumerated() {
            let y = row + 1 + i
            var x = canvas.put(ListDraw.truncate(label.name, to: nameWidth), row: y, col: 3)
            x = max(x, 3 + nameWidth) + 2
            let count = String(repeating: " ", count: countWidth - String(label.count).count) + "\(label.count)"
            x = canvas.put(count, row: y, col: x, style: .meta) + 2
            canvas.put(Bars.horizontal(label.count, peak: busiest[0].count, width: barWidth), row: y, col: x, style: .spark)
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

    /// A post as a list row: date and title (a placeholder until its page arrives); a read
    /// post is dimmed, a bookmarked one starred.
    static func postRow(_ post: PostSummary?, indent: String, wide: Bool, read: Bool = false, bookmarked: Bool = false) -> [Span] {
        guard let post else { return [Span(indent + "…", .meta)] }
        let date = wide ? post.date.isoDay : String(post.date.isoDay.dropFirst(5))
        var row = [Span(indent), Span(date, .meta), Span("  "), Span(post.title, read ? .meta : .plain)]
        if bookmarked { row.append(Span(" ★", .marker)) }
        return row
    }

    static func postRow(_ post: PostSummary?, indent: String, wide: Bool, marks: ReadingMarks) -> [Span] {
        postRow(post, indent: indent, wide: wide, read: post.map { marks.read.contains($0.id) } ?? false,
                bookmarked: post.map { marks.isBookmarked($0.id) } ?? false)
    }
}
