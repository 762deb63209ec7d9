import QuireModel

/// The mouse: the wheel scrolls, a click on the top bar switches screens, a click on a row
/// selects it (a second click opens it), a click on a link in a post follows it.
func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
    guard !state.isTooSmall else { return [] }
    let mode = state.inputMode
    if mode == .confirm { return confirmCommand(&state, .cancel) }
    switch event.kind {
    case .wheelUp, .wheelDown:
        // Text lines scroll; in lists the selection moves, as the keys would move it.
        let command: Command = event.kind == .wheelUp ? .lineUp : .lineDown
        guard !mode.isTextInput || mode == .searchLine else { return [] }
        if mode == .searchLine {
            guard !state.search.hits.isEmpty else { return [] }
            state.search.editing = false
        }
        var effects: [Effect] = []
        for _ in 0..<3 { effects += run(&state, command) }
        return effects
    case .click:
        break
    }
    if event.row == 0 {
        guard let tab = Chrome.tabs(state, width: state.cols).first(where: { $0.columns.contains(event.col) }) else { return [] }
        let commands: [TopScreen: Command] = [.archive: .showArchive, .labels: .showLabels, .search: .showSearch, .bookmarks: .showBookmarks,
                                              .posts: .showPosts, .history: .showHistory]
        return run(&state, commands[tab.screen]!)
    }
    guard event.row >= 1, event.row <= state.bodyHeight, state.help == nil else { return [] }
    let body = event.row - 1
    // The clicked list row as (new cursor, clicked the selected row again), or nil.
    func click(_ cursor: ListCursor, index: Int, count: Int, height: Int) -> (ListCursor, Bool)? {
        guard index >= 0, index < height else { return nil }
        let row = cursor.scroll + index
        guard row < count else { return nil }
        var c = cursor
        c.select(row, count: count, height: height)
        return (c, row == cursor.selection)
    }
    var opened = false
    var command = Command.open
    switch mode {
    case .reader:
        return clickInPost(&state, row: body, col: event.col)
    case .links:
        guard case .links(var panel) = state.reader?.panel,
              let (c, again) = click(panel.cursor, index: body - 1, count: PostLinks.of(state.reader!.post).count,
                                     height: LinksScreen.listHeight(state)) else { return [] }
        panel.cursor = c
        panel.number = ""
        state.reader?.panel = .links(panel)
        opened = again; command = .follow
    case .outline:
        guard case .outline(let cursor) = state.reader?.panel,
              let (c, again) = click(cursor, index: body - 1, count: state.reader!.layout.outline.count,
                                     height: OutlineScreen.listHeight(state)) else { return [] }
        state.reader?.panel = .outline(c)
        opened = again
    case .archive:
        if let label = ArchiveScreen.busiestLabel(at: body + 1, state) {
            // A click on one of the busiest labels selects it; a second click opens it.
            let row = state.archive.rows.count + label
            opened = state.archive.cursor.selection == row
            state.archive.cursor.selection = row
            break
        }
        guard let (c, again) = click(state.archive.cursor, index: body, count: state.archive.rows.count,
                                     height: state.bodyHeight) else { return [] }
        state.archive.cursor = c
        opened = again
    case .labels:
        switch state.labels.top {
        case .labels(var list):
            guard let (c, again) = click(list.cursor, index: body - 1, count: list.sorted(byName: state.labels.sortByName).count,
                                         height: LabelsScreen.listHeight(state)) else { return [] }
            list.cursor = c
            state.labels.top = .labels(list)
            opened = again
        case .posts(var lp):
            guard let (c, again) = click(lp.cursor, index: body - 1, count: lp.page.total ?? 0,
                                         height: LabelsScreen.listHeight(state)) else { return [] }
            lp.cursor = c
            state.labels.top = .posts(lp)
            opened = again
        }
    case .searchLine, .searchResults:
        if body == 0 { state.search.editing = true; return [] }
        guard body >= 2, !state.search.hits.isEmpty else { return [] }
        let wasEditing = state.search.editing
        guard let (c, again) = click(state.search.cursor, index: (body - 2) / 2, count: state.search.hits.count,
                                     height: SearchScreen.visibleResults(state)) else { return [] }
        state.search.editing = false
        state.search.cursor = c
        // While typing no result shows as selected: the first click on one opens it.
        opened = again || wasEditing
    case .bookmarks, .history:
        let cursor = state.screen == .history ? state.history : state.bookmarks
        guard let (c, again) = click(cursor, index: body - 1, count: SavedListScreen.items(state).count,
                                     height: SavedListScreen.listHeight(state)) else { return [] }
        if state.screen == .history { state.history = c } else { state.bookmarks = c }
        opened = again
    case .posts:
        guard let (c, again) = click(state.posts.cursor, index: body - 1, count: state.posts.page.total ?? 0,
                                     height: PostsScreen.listHeight(state)) else { return [] }
        state.posts.cursor = c
        opened = again
    default:
        return []
    }
    return opened ? run(&state, command) : []
}

/// Follows the link under a click in the post's text.
private func clickInPost(_ state: inout AppState, row: Int, col: Int) -> [Effect] {
    guard var r = state.reader else { return [] }
    let index = r.scroll + row
    guard r.layout.lines.indices.contains(index) else { return [] }
    var x = r.margin(cols: state.cols)
    for span in r.layout.lines[index].spans {
        let w = DisplayWidth.of(span.text)
        if col >= x, col < x + w {
            guard let link = span.link else { return [] }
            r.selectedLink = link
            state.reader = r
            return run(&state, .follow)
        }
        x += w
    }
    return []
}
