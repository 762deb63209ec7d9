import QuireModel

/// Applies an action to the state and returns the effects to run; the only place state changes.
///
/// After every action the lists on screen are checked for rows not fetched yet, so paging
/// follows the view wherever a key moved it.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .start:
        effects.append(.loadYears)
        state.archive.loadingYears = true
        effects += countRead(&state, within: [])
    case .openPost(let id, let origin):
        effects.append(.loadPost(id, .open(origin)))
    case .resume(let last):
        effects += resume(&state, last)
    case .event(.resize(let rows, let cols)):
        resize(&state, rows: rows, cols: cols)
    case .event(.key(let key)):
        state.message = nil
        // The newest key wins over a row still waiting to open.
        state.openWhenLoaded = nil
        effects += handleKey(&state, key)
    case .event(.mouse(let event)):
        state.message = nil
        state.openWhenLoaded = nil
        effects += mouse(&state, event)
    case .command(let command):
        effects += run(&state, command)
    default:
        effects += receive(&state, action)
    }
    effects += requestPages(&state)
    effects += trackReading(&state)
    return effects
}

/// The modes that decide which key contexts apply.
enum InputMode {
    case help, confirm, reader, readerFind, links, outline, archive, labels, searchLine, searchResults, bookmarks

    var contexts: [KeyContext] {
        switch self {
        case .help: return [.help, .movement, .global]
        case .confirm: return [.confirm]
        case .reader: return [.reader, .movement, .global]
        case .readerFind: return [.findLine]
        case .links: return [.links, .movement, .global]
        case .outline: return [.outline, .movement, .global]
        case .archive, .searchResults, .bookmarks: return [.list, .movement, .global]
        case .labels: return [.labels, .list, .movement, .global]
        case .searchLine: return [.searchLine]
        }
    }

    /// Modes whose rows are posts that `r` and `m` mark.
    var listsPosts: Bool { [.archive, .labels, .searchResults, .bookmarks].contains(self) }

    var isTextInput: Bool { self == .readerFind || self == .searchLine }
}

extension AppState {
    var inputMode: InputMode {
        if pendingURL != nil { return .confirm }
        if help != nil { return .help }
        if let r = reader {
            if r.find.editing { return .readerFind }
            switch r.panel {
            case .links: return .links
            case .outline: return .outline
            case nil: return .reader
            }
        }
        switch screen {
        case .archive: return .archive
        case .labels: return .labels
        case .search: return search.editing ? .searchLine : .searchResults
        case .bookmarks: return .bookmarks
        }
    }
}

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let mode = state.inputMode
    // The links list takes digits as the number of a link, before any key they are bound to.
    if mode == .links, case .char(let c) = key, c.isASCII, c.isNumber { return typeLinkNumber(&state, c) }
    if let command = state.keys.command(for: key, in: mode.contexts) { return run(&state, command) }
    guard mode.isTextInput else {
        // A question for the user: any other key is a no.
        if mode == .confirm { return confirmCommand(&state, .cancel) }
        if key.typedCharacter != nil {
            state.message = StatusMessage("No action for \(key.name) here; \(state.keys.keyName(.help, in: [.global])) shows the keys")
        }
        return []
    }
    if let c = key.typedCharacter { return typeCharacter(&state, c, mode: mode) }
    // Keys that cannot be typed keep their global meaning inside an input line (Ctrl-L, F1 ...).
    if let command = state.keys.command(for: key, in: [.global]) { return run(&state, command) }
    return []
}

private func typeCharacter(_ state: inout AppState, _ c: Character, mode: InputMode) -> [Effect] {
    if mode == .searchLine { return editQuery(&state) { $0.append(c) } }
    let cols = state.cols
    state.reader?.find.input.append(c)
    state.reader?.relayout(cols: cols, keepPosition: true)
    return []
}

/// Runs a command in the current mode.
func run(_ state: inout AppState, _ command: Command) -> [Effect] {
    switch command {
    case .quit:
        state.quitRequested = true
        return [.quit]
    case .redraw:
        return [.redraw]
    case .suspend:
        return [.suspend]
    case .help:
        state.help = state.help == nil ? 0 : nil
        return []
    case .showArchive, .showLabels, .showSearch, .showBookmarks:
        state.help = nil
        switch command {
        case .showArchive: state.screen = .archive
        case .showLabels: state.screen = .labels
        case .showSearch: state.screen = .search
        default: state.screen = .bookmarks
        }
        if state.screen == .search, state.reader == nil, state.search.hits.isEmpty { state.search.editing = true }
        return []
    case .searchFromList:
        state.screen = .search
        state.readers[.search] = nil
        state.search.editing = true
        return []
    default:
        break
    }
    let mode = state.inputMode
    if command == .toggleRead || command == .toggleBookmark, mode.listsPosts || mode == .reader {
        return markCommand(&state, command)
    }
    switch mode {
    case .help: return helpCommand(&state, command)
    case .confirm: return confirmCommand(&state, command)
    case .reader, .readerFind: return readerCommand(&state, command)
    case .links: return linksCommand(&state, command)
    case .outline: return outlineCommand(&state, command)
    case .archive: return archiveCommand(&state, command)
    case .labels: return labelsCommand(&state, command)
    case .searchLine, .searchResults: return searchCommand(&state, command)
    case .bookmarks: return bookmarksCommand(&state, command)
    }
}

private func helpCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    if command == .close { state.help = nil; return [] }
    var cursor = ListCursor(selection: state.help ?? 0, scroll: state.help ?? 0)
    let count = HelpScreen.lines(width: state.cols, keys: state.keys, mouse: state.settings.mouse).count
    let maxScroll = max(0, count - state.bodyHeight)
    // Help has no selection: movements scroll it like a pager.
    switch command {
    case .lineDown: cursor.scroll += 1
    case .lineUp: cursor.scroll -= 1
    case .pageDown, .halfDown: cursor.scroll += command == .pageDown ? state.bodyHeight : state.bodyHeight / 2
    case .pageUp, .halfUp: cursor.scroll -= command == .pageUp ? state.bodyHeight : state.bodyHeight / 2
    case .top: cursor.scroll = 0
    case .bottom: cursor.scroll = maxScroll
    case .close: state.help = nil; return []
    default: return []
    }
    state.help = min(max(0, cursor.scroll), maxScroll)
    return []
}

private func resize(_ state: inout AppState, rows: Int, cols: Int) {
    state.rows = max(1, rows); state.cols = max(1, cols)
    for (screen, var r) in state.readers {
        r.relayout(cols: state.cols, keepPosition: true)
        r.clampScroll(height: state.bodyHeight)
        state.readers[screen] = r
    }
    state.archive.cursor.reveal(count: state.archive.rows.count, height: state.bodyHeight)
    if let h = state.help { state.help = min(h, max(0, HelpScreen.lines(width: state.cols, keys: state.keys, mouse: state.settings.mouse).count - state.bodyHeight)) }
    revealLabels(&state)
    state.bookmarks.reveal(count: state.marks.bookmarks.count, height: BookmarksScreen.listHeight(state))
    state.search.cursor.reveal(count: state.search.hits.count, height: SearchScreen.visibleResults(state))
}

/// Restores the screen of the last run and reopens its post, with the list it came from.
private func resume(_ state: inout AppState, _ last: LastPlace) -> [Effect] {
    state.screen = last.screen
    guard let id = last.post, let origin = last.origin else { return [] }
    var effects: [Effect] = []
    switch origin {
    case .labels(let labels) where !labels.isEmpty:
        state.labels.levels = [.labels(LabelList(within: [])), .posts(LabelPosts(labels: labels))]
    case .search(let query):
        state.search.query = query
        state.search.editing = false
        if !SearchQuery(parsing: query).isEmpty { effects.append(.search(query)) }
    default:
        break
    }
    return effects + [.loadPost(id, .open(origin))]
}
