import QuireModel

/// The year → month → post tree, newest first, with a posts-per-month sparkline on each year.
enum ArchiveScreen {
    static let sparkLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

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
        let peak = a.years.flatMap(\.months).max() ?? 0
        for i in 0..<height {
            let index = a.cursor.scroll + i
            guard index < a.rows.count else { break }
            let spans: [Span]
            var right: [Span] = []
            switch a.rows[index] {
            case .year(let y):
                let yc = a.years.first { $0.year == y }
                let open = a.expandedYears.contains(y)
                spans = [Span(open ? " ▾ " : " ▸ "), Span("\(y)", .plain.adding(.bold)), Span("  "),
                         Span(sparkline(yc?.months ?? [], peak: peak), .spark)]
                right = [Span(ListDraw.counted(yc?.count ?? 0, "post", unread: state.unread(year: y), wide: canvas.width >= 60), .meta)]
            case .month(let ym):
                let open = a.expandedMonths.contains(ym)
                spans = [Span("   " + (open ? "▾ " : "▸ ")), Span(Chrome.monthName(ym.month))]
                right = [Span(ListDraw.counted(a.count(of: ym), "post", unread: state.unread(month: ym), wide: canvas.width >= 60), .meta)]
            case .post(let ym, let n):
                let post = a.months[ym]?.item(at: n)
                spans = postRow(post, indent: "       ", wide: canvas.width >= 60, marks: state.marks)
            }
            ListDraw.row(&canvas, 1 + i, spans, selected: index == a.cursor.selection, right: right)
        }
        return ListDraw.position(a.cursor.selection, a.rows.count)
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
