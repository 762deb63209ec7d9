import QuireModel

/// Keys of the Bookmarks and History screens: plain lists of posts, newest first.
func savedListCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let items = SavedListScreen.items(state)
    var cursor = SavedListScreen.cursor(state)
    defer { if state.screen == .history { state.history = cursor } else { state.bookmarks = cursor } }
    if cursor.apply(command, count: items.count, height: SavedListScreen.listHeight(state)) { return [] }
    switch command {
    case .open, .expand:
        guard items.indices.contains(cursor.selection) else { return [] }
        return [.loadPost(items[cursor.selection].id, .open(state.screen == .history ? .history : .bookmarks))]
    case .close:
        return run(&state, .quit)
    case .cancel:
        showPrevious(&state)
        return []
    default:
        return []
    }
}
