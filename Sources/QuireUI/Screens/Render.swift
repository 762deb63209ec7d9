/// Draws the whole frame for a state: top bar, the current screen, status bar.
public func render(_ state: AppState) -> Canvas {
    var canvas = Canvas(width: state.cols, height: state.rows)
    if state.isTooSmall {
        drawTooSmall(&canvas)
        return canvas
    }
    let position: String?
    if let help = state.help {
        position = HelpScreen.draw(&canvas, state, help)
    } else if let reader = state.reader {
        switch reader.panel {
        case .links(let panel): position = LinksScreen.draw(&canvas, state, reader, panel)
        case .outline(let cursor): position = OutlineScreen.draw(&canvas, state, reader, cursor)
        case .info: position = InfoScreen.draw(&canvas, state, reader)
        case nil: position = ReaderScreen.draw(&canvas, state, reader)
        }
    } else {
        switch state.screen {
        case .archive: position = ArchiveScreen.draw(&canvas, state)
        case .labels: position = LabelsScreen.draw(&canvas, state)
        case .search: position = SearchScreen.draw(&canvas, state)
        case .bookmarks, .history: position = SavedListScreen.draw(&canvas, state)
        case .posts: position = PostsScreen.draw(&canvas, state)
        }
    }
    Chrome.drawTopBar(&canvas, state)
    Chrome.drawStatusBar(&canvas, state, position: position)
    return canvas
}

/// Below the smallest usable size, say so instead of drawing a broken screen.
private func drawTooSmall(_ canvas: inout Canvas) {
    let lines = Wrap.wrap("terminal too small", width: max(1, canvas.width))
    let top = max(0, (canvas.height - lines.count) / 2)
    for (i, line) in lines.enumerated() where top + i < canvas.height {
        let x = max(0, (canvas.width - DisplayWidth.of(line)) / 2)
        canvas.put(line, row: top + i, col: x, style: Style([.bold], .message))
    }
}

/// Helpers shared by the list screens.
enum ListDraw {
    /// Draws one list row, reversed across the whole width when selected.
    static func row(_ canvas: inout Canvas, _ row: Int, _ spans: [Span], selected: Bool, right: [Span] = []) {
        let width = canvas.width
        if selected { canvas.fill(row: row, style: .selection) }
        let rightWidth = right.displayWidth
        let limit = rightWidth > 0 ? max(1, width - rightWidth - 2) : width
        canvas.put(spans, row: row, col: 0, limit: limit) { selected ? Style($0.style.attrs.union(.reverse), .selection) : $0.style }
        if rightWidth > 0, rightWidth + 1 < width {
            canvas.put(right, row: row, col: width - rightWidth - 1) { selected ? Style($0.style.attrs.union(.reverse), .selection) : $0.style }
        }
    }

    /// "3/120 2%", the position in a list.
    static func position(_ selection: Int, _ count: Int) -> String? {
        guard count > 0 else { return nil }
        let row = min(selection + 1, count)
        return "\(row)/\(count) \(row * 100 / count)%"
    }

    /// Text cut to a width with an ellipsis.
    static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = "", used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > width - 1 { break }
            out.append(c); used += w
        }
        return out + "…"
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

    /// "3 posts", or with the unread among them "2 unread · 3 posts" ("2/3 new" when narrow).
    static func counted(_ n: Int, _ word: String, unread: Int?, wide: Bool) -> String {
        guard let unread else { return plural(n, word) }
        if unread == 0 { return wide ? "all read · \(plural(n, word))" : "\(n) read" }
        return wide ? "\(unread) unread · \(plural(n, word))" : "\(unread)/\(n) new"
    }
}
