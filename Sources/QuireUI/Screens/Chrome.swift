import QuireModel

/// The top bar (screens and where you are) and the status bar (hints, messages, position).
enum Chrome {
    /// Each screen's label in the top bar and the columns it takes (for mouse clicks too).
    static func tabs(_ state: AppState, width: Int) -> [(screen: TopScreen, label: String, columns: Range<Int>)] {
        var x = 1
        // Every name takes 58 columns. Where the user is matters more than the names: below 80
        // columns, or when it would not fit beside them, only the current screen is named.
        let named = TopScreen.allCases.reduce(1) { $0 + DisplayWidth.of("\($1.rawValue) \($1.title)") + 1 }
        let place = location(state)
        let compact = width < 80 || named + (place.isEmpty ? 0 : DisplayWidth.of("› " + place) + 1) > width
        return TopScreen.allCases.map { screen in
            let label = compact && screen != state.screen ? "\(screen.rawValue)" : "\(screen.rawValue) \(screen.title)"
            defer { x += DisplayWidth.of(label) + 1 }
            return (screen, label, x..<(x + DisplayWidth.of(label)))
        }
    }

    static func drawTopBar(_ canvas: inout Canvas, _ state: AppState) {
        canvas.fill(row: 0, style: .bar)
        var x = 1
        for tab in tabs(state, width: canvas.width) {
            x = canvas.put(tab.label, row: 0, col: tab.columns.lowerBound, style: tab.screen == state.screen ? .barCurrent : .bar) + 1
        }
        let place = location(state)
        guard !place.isEmpty, x + 3 < canvas.width else { return }
        x = canvas.put("› ", row: 0, col: x, style: .bar)
        canvas.put(ListDraw.truncate(place, to: canvas.width - x - 1), row: 0, col: x, style: .bar)
    }

    /// Where the user is, in a few words.
    static func location(_ state: AppState) -> String {
        if state.help != nil { return "Help" }
        if let r = state.reader {
            switch r.panel {
            case .links: return r.post.post.title + " › Links"
            case .outline: return r.post.post.title + " › Outline"
            case .info: return r.post.post.title + " › About"
            case nil: return r.post.post.title
            }
        }
        switch state.screen {
        case .archive:
            switch state.archive.selectedRow {
            case .year(let y): return "\(y)"
            case .month(let ym), .post(let ym, _): return "\(ym.year) › \(monthName(ym.month))"
            case nil: return ""
            }
        case .labels:
            switch state.labels.top {
            case .labels(let list): return list.within.isEmpty ? "" : list.within.joined(separator: " + ") + " + …"
            case .posts(let lp): return lp.labels.joined(separator: " + ")
            }
        case .search:
            // A query with quotes of its own is shown as typed, not quoted again.
            let q = state.search.query
            return q.isEmpty ? "" : q.contains("\"") ? q : "\u{201C}\(q)\u{201D}"
        case .posts:
            return state.marks.onlyUnread ? "unread" : ""
        case .bookmarks, .history:
            return ""
        }
    }

    static func monthName(_ m: Int) -> String {
        (1...12).contains(m) ? PostDate.monthNames[m - 1] : "\(m)"
    }

    static func drawStatusBar(_ canvas: inout Canvas, _ state: AppState, position: String?) {
        let row = canvas.height - 1
        canvas.fill(row: row, style: .bar)
        var right = position.map { " \($0) " } ?? ""
        // The help hint wins over the position when both do not fit.
        if let help = StatusHints.helpHint(state), 1 + StatusHints.width(help) + DisplayWidth.of(right) >= canvas.width { right = "" }
        let rightWidth = DisplayWidth.of(right)
        let limit = max(1, canvas.width - rightWidth)
        if !right.isEmpty, rightWidth < canvas.width { canvas.put(right, row: row, col: canvas.width - rightWidth, style: .bar) }
        if let (label, text) = inputLine(state) {
            // The end of a long line stays in view, where the typing happens.
            var shown = text
            let room = limit - 2 - DisplayWidth.of(label)
            while DisplayWidth.of(shown) > room, !shown.isEmpty { shown.removeFirst() }
            let x = canvas.put(label + shown, row: row, col: 1, style: .bar, limit: limit - 1)
            if x < limit { canvas.put(" ", row: row, col: x, style: .cursor) }
            return
        }
        if let message = state.message {
            canvas.fill(row: row, to: limit, style: message.isError ? .error : .message)
            canvas.put(ListDraw.truncate(message.text, to: limit - 2), row: row, col: 1,
                       style: message.isError ? .error : .message, limit: limit)
            return
        }
        StatusHints.draw(&canvas, state, row: row, limit: limit)
    }

    /// The line being typed in the status bar, if one is: its label and its text.
    static func inputLine(_ state: AppState) -> (String, String)? {
        if let prompt = state.prompt { return (prompt.label, prompt.text) }
        if let help = state.help { return help.editing ? ("Find in help: ", help.find) : nil }
        if let r = state.reader, r.find.editing { return ("Find: ", r.find.input) }
        return nil
    }
}
