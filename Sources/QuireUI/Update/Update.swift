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
    case .openPost(let id, let origin):
        effects.append(.loadPost(id, .open(origin)))
    case .event(.resize(let rows, let cols)):
        resize(&state, rows: rows, cols: cols)
    case .event(.key(let key)):
        state.message = nil
        effects += handleKey(&state, key)
    case .command(let command):
        effects += run(&state, command)
    default:
        effects += receive(&state, action)
    }
    effects += requestPages(&state)
    return effects
}

/// The modes that decide which key contexts apply.
enum InputMode {
    case help, reader, readerFind, archive, labels, searchLine, searchResults

    var contexts: [KeyContext] {
        switch self {
        case .help: return [.help, .movement, .global]
        case .reader: return [.reader, .movement, .global]
        case .readerFind: return [.findLine]
        case .archive, .searchResults: return [.list, .movement, .global]
        case .labels: return [.labels, .list, .movement, .global]
        case .searchLine: return [.searchLine]
        }
    }

    var isTextInput: Bool { self == .readerFind || self == .searchLine }
}

extension AppState {
    var inputMode: InputMode {
        if help != nil { return .help }
        if let r = reader { return r.find.editing ? .readerFind : .reader }
        switch screen {
        case .archive: return .archive
        case .labels: return .labels
        case .search: return search.editing ? .searchLine : .searchResults
        }
    }
}

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let mode = state.inputMode
    if let command = KeyTable.command(for: key, in: mode.contexts) { return run(&state, command) }
    guard mode.isTextInput else {
        if key.typedCharacter != nil { state.message = StatusMessage("No action for \(key.name) here; ? shows the keys") }
        return []
    }
    if let c = key.typedCharacter { return typeCharacter(&state, c, mode: mode) }
    // Keys that cannot be typed keep their global meaning inside an input line (Ctrl-L, F1 ...).
    if let command = KeyTable.command(for: key, in: [.global]) { return run(&state, command) }
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
    case .showArchive, .showLabels, .showSearch:
        state.help = nil
        state.screen = command == .showArchive ? .archive : command == .showLabels ? .labels : .search
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
    switch state.inputMode {
    case .help: return helpCommand(&state, command)
    case .reader, .readerFind: return readerCommand(&state, command)
    case .archive: return archiveCommand(&state, command)
    case .labels: return labelsCommand(&state, command)
    case .searchLine, .searchResults: return searchCommand(&state, command)
    }
}

private func helpCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    if command == .close { state.help = nil; return [] }
    var cursor = ListCursor(selection: state.help ?? 0, scroll: state.help ?? 0)
    let count = HelpScreen.lines(width: state.cols).count
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
    if let h = state.help { state.help = min(h, max(0, HelpScreen.lines(width: state.cols).count - state.bodyHeight)) }
    revealLabels(&state)
    state.search.cursor.reveal(count: state.search.hits.count, height: SearchScreen.visibleResults(state))
}
