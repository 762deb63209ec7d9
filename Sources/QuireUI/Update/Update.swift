import QuireModel

/// Applies an action to the state and returns the effects to run; the only place state changes.
///
/// After every action the lists on screen are checked for rows not fetched yet, so paging
/// follows the view wherever a key moved it.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .start:
        state.labels.sortByName = state.marks.labelsByName
        if state.marks.onlyUnread { applyUnreadFilter(&state) }
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
        completeLayouts(&state)
        state.message = nil
        // The newest key wins over a row still waiting to open.
        state.openWhenLoaded = nil
        effects += handleKey(&state, key)
    case .event(.mouse(let event)):
        completeLayouts(&state)
        state.message = nil
        state.openWhenLoaded = nil
        state.digitDetour = nil
        effects += mouse(&state, event)
    case .command(let command):
        completeLayouts(&state)
        effects += run(&state, command)
    default:
        effects += receive(&state, action)
    }
    effects += requestPages(&state)
    effects += trackReading(&state)
    effects += askForLayouts(&state)
    return effects
}

/// The modes that decide which key contexts apply.
enum InputMode {
    case help, helpFind, confirm, prompt, reader, readerFind, links, outline, info
    case archive, labels, searchLine, searchResults, bookmarks, posts, history

    var contexts: [KeyContext] {
        switch self {
        case .help: return [.help, .movement, .global]
        case .helpFind, .readerFind: return [.findLine]
        case .confirm: return [.confirm]
        case .prompt: return [.saveLine]
        case .reader: return [.reader, .movement, .global]
        case .links: return [.links, .movement, .global]
        case .outline: return [.outline, .movement, .global]
        case .info: return [.info, .movement, .global]
        case .archive, .searchResults, .bookmarks, .posts, .history: return [.list, .movement, .global]
        case .labels: return [.labels, .list, .movement, .global]
        case .searchLine: return [.searchLine]
        }
    }

    /// Modes whose rows are posts that `r` and `m` mark.
    var listsPosts: Bool { [.archive, .labels, .searchResults, .bookmarks, .posts, .history].contains(self) }

    var isTextInput: Bool { [.readerFind, .searchLine, .prompt, .helpFind].contains(self) }
}

extension AppState {
    var inputMode: InputMode {
        if pendingURL != nil || pendingMarkRead != nil { return .confirm }
        if prompt != nil { return .prompt }
        if let h = help { return h.editing ? .helpFind : .help }
        if let r = reader {
            if r.find.editing { return .readerFind }
            switch r.panel {
            case .links: return .links
            case .outline: return .outline
            case .info: return .info
            case nil: return .reader
            }
        }
        switch screen {
        case .archive: return .archive
        case .labels: return .labels
        case .search: return search.editing ? .searchLine : .searchResults
        case .bookmarks: return .bookmarks
        case .posts: return .posts
        case .history: return .history
        }
    }
}

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.digitDetour != nil, let number = digitDetourKey(&state, key) {
        switch number {
        case .handled(let effects): return effects
        case .passOn(let effects): return effects + handleKey(&state, key)
        }
    }
    let mode = state.inputMode
    // The links list takes digits as the number of a link, before any key they are bound to.
    if mode == .links, case .char(let c) = key, c.isASCII, c.isNumber { return typeLinkNumber(&state, c) }
    // So does the post, for a digit that starts a link's number.
    if mode == .reader {
        switch readerNumberKey(&state, key) {
        case .handled(let effects)?: return effects
        case .passOn(let effects)?: return effects + handleKey(&state, key)
        case nil: break
        }
    }
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
    switch mode {
    case .searchLine: return insertInQuery(&state, c)
    case .prompt: state.prompt?.text.append(c)
    case .helpFind: typeInHelpFind(&state, c)
    default: typeInFind(&state, c)
    }
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
        state.help = state.help == nil ? HelpState() : nil
        return []
    case .showArchive, .showLabels, .showSearch, .showBookmarks, .showPosts, .showHistory, .searchFromList:
        show(&state, TopScreen.shownBy(command) ?? .search)
        return []
    default:
        break
    }
    let mode = state.inputMode
    if command == .toggleRead || command == .toggleBookmark, mode.listsPosts || mode == .reader {
        return markCommand(&state, command)
    }
    if mode.listsPosts, let effects = unreadListCommand(&state, command) { return effects }
    switch mode {
    case .help, .helpFind: return helpCommand(&state, command)
    case .confirm: return confirmCommand(&state, command)
    case .prompt: return promptCommand(&state, command)
    case .reader, .readerFind: return readerCommand(&state, command)
    case .links: return linksCommand(&state, command)
    case .outline: return outlineCommand(&state, command)
    case .info: return infoCommand(&state, command)
    case .archive: return archiveCommand(&state, command)
    case .labels: return labelsCommand(&state, command)
    case .searchLine, .searchResults: return searchCommand(&state, command)
    case .bookmarks, .history: return savedListCommand(&state, command)
    case .posts: return postsCommand(&state, command)
    }
}

/// Brings a top screen to the front. The Search screen always comes with the cursor in its
/// query line (a post opened from the results is closed), so what is typed next is a query.
func show(_ state: inout AppState, _ screen: TopScreen) {
    state.help = nil
    if state.screen != screen { state.previousScreen = state.screen }
    state.screen = screen
    if screen == .search {
        state.readers[.search] = nil
        state.search.editing = true
    }
}

extension TopScreen {
    /// The screen a command shows, if it shows one.
    static func shownBy(_ command: Command) -> TopScreen? {
        let screens: [Command: TopScreen] = [.showArchive: .archive, .showLabels: .labels, .showSearch: .search,
                                             .showBookmarks: .bookmarks, .showPosts: .posts, .showHistory: .history]
        return screens[command]
    }
}

/// Back to the screen shown before this one (the Archive when there was none).
func showPrevious(_ state: inout AppState) {
    let previous = state.previousScreen.flatMap { $0 == state.screen ? nil : $0 } ?? .archive
    state.previousScreen = state.screen
    state.screen = previous
}

private func resize(_ state: inout AppState, rows: Int, cols: Int) {
    state.rows = max(1, rows); state.cols = max(1, cols)
    for (screen, var r) in state.readers {
        // A large post is laid out screen first, unless a panel (links, outline, facts) over
        // it needs every line.
        r.relayout(cols: state.cols, keepPosition: true, height: r.panel == nil ? state.bodyHeight : nil)
        r.clampScroll(height: state.bodyHeight)
        state.readers[screen] = r
    }
    state.archive.cursor.reveal(count: state.archive.rows.count, height: state.bodyHeight)
    if state.help != nil { clampHelp(&state) }
    revealLabels(&state)
    state.bookmarks.reveal(count: state.marks.bookmarks.count, height: SavedListScreen.listHeight(state))
    state.history.reveal(count: state.marks.history.count, height: SavedListScreen.listHeight(state))
    state.posts.cursor.reveal(count: state.posts.page.total ?? 0, height: PostsScreen.listHeight(state))
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
