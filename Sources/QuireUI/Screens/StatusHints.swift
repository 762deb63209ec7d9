import QuireModel

/// The status bar's key hints: those of the keys in force that do something where the user
/// is, and the help key last, which always fits.
enum StatusHints {
    struct Hint: Hashable {
        var key: String
        var word: String
    }

    /// The hints for the screen in front, most specific first, without the help key.
    static func hints(_ state: AppState) -> [Hint] {
        let mode = state.inputMode
        let contexts = mode.isTextInput ? mode.contexts : mode.contexts.filter { $0 != .movement }
        var seen = Set<Command>()
        var out: [Hint] = []
        for context in contexts {
            for b in state.keys.bindings(in: context) where !b.keys.isEmpty && !seen.contains(b.command) {
                guard let hint = b.hint, b.command != .help, !(state.help != nil && b.command == .close), let word = word(for: b.command, hint, state) else { continue }
                seen.insert(b.command)
                out.append(Hint(key: b.hintKey, word: word))
            }
        }
        return out
    }

    /// The help key as it can be pressed here: one that types nothing while a line is typed.
    static func helpHint(_ state: AppState) -> Hint? {
        let mode = state.inputMode
        guard mode != .confirm, let binding = state.keys.bindings(in: .global).first(where: { $0.command == .help }) else { return nil }
        let keys = mode.isTextInput ? binding.keys.filter { $0.typedCharacter == nil } : binding.keys
        guard let key = keys.first else { return nil }
        return Hint(key: key.name, word: state.help == nil ? "help" : "close")
    }

    /// The word for a hint where the user is, or nil where the command would do nothing.
    private static func word(for command: Command, _ hint: String, _ state: AppState) -> String? {
        // A guest session (quire serve) starts no browser: no hint promises one.
        if command == .openLink, !state.settings.opensLinks { return nil }
        if let r = state.reader, r.panel == nil, !r.find.editing {
            switch command {
            case .nextLink: return r.layout.links.isEmpty ? nil : hint
            case .follow: return r.selectedLink == nil ? nil : hint
            case .forward: return r.forward.isEmpty ? nil : hint
            case .links: return PostLinks.of(r.post).isEmpty ? nil : hint
            default: return hint
            }
        }
        guard state.reader == nil, state.help == nil else { return hint }
        switch command {
        case .collapse:
            switch state.screen {
            case .archive:
                if case .year(let y)? = state.archive.selectedRow, !state.archive.expandedYears.contains(y) { return nil }
                return state.archive.selectedRow == nil ? nil : hint
            case .labels: return state.labels.levels.count > 1 ? "back" : nil
            default: return nil
            }
        case .toggleSort:
            if case .labels = state.labels.top, state.screen == .labels { return hint }
            return nil
        case .narrow:
            if case .posts = state.labels.top, state.screen == .labels { return hint }
            return nil
        case .close:
            return closeQuits(state) ? "quit" : "back"
        default:
            return hint
        }
    }

    /// Whether `q` quits from the list in front (it does from a top screen's first level).
    static func closeQuits(_ state: AppState) -> Bool {
        guard state.reader == nil, state.help == nil else { return false }
        switch state.screen {
        case .labels: return state.labels.levels.count <= 1
        case .search: return false
        default: return true
        }
    }

    /// Draws the hints from column 1 up to `limit`, the help hint last: it is always drawn,
    /// the others while there is room before it.
    static func draw(_ canvas: inout Canvas, _ state: AppState, row: Int, limit: Int) {
        let help = helpHint(state)
        let helpWidth = help.map { width($0) } ?? 0
        var x = 1
        for hint in hints(state) {
            guard x + width(hint) + (help == nil ? 0 : 2 + helpWidth) < limit else { break }
            x = put(hint, &canvas, row: row, col: x) + 2
        }
        if let help { put(help, &canvas, row: row, col: x) }
    }

    static func width(_ hint: Hint) -> Int { DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.word) }

    @discardableResult
    private static func put(_ hint: Hint, _ canvas: inout Canvas, row: Int, col: Int) -> Int {
        let x = canvas.put(hint.key, row: row, col: col, style: Style([.reverse, .bold], .bar))
        return canvas.put(" " + hint.word, row: row, col: x, style: .bar)
    }
}
