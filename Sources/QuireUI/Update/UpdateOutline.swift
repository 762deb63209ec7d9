import QuireModel

/// Keys of the outline drawn over the post: move, jump to a heading, close.
func outlineCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard var r = state.reader, case .outline(var cursor) = r.panel else { return [] }
    let items = r.layout.outline
    let height = OutlineScreen.listHeight(state)
    if cursor.apply(command, count: items.count, height: height) {
        r.panel = .outline(cursor)
        state.reader = r
        return []
    }
    switch command {
    case .open:
        guard items.indices.contains(cursor.selection) else { return [] }
        let item = items[cursor.selection]
        r.panel = nil
        r.pushHistory()
        r.scroll = item.line
        r.clampScroll(height: state.bodyHeight)
        state.message = StatusMessage("\(item.title); \(state.keys.keyName(.back, in: [.reader])) goes back")
    case .close:
        r.panel = nil
    default:
        return []
    }
    state.reader = r
    return []
}

/// Opens the outline with the heading above the top of the window selected.
func openOutline(_ r: inout ReaderState, state: inout AppState) {
    let items = r.layout.outline
    guard !items.isEmpty else {
        state.message = StatusMessage("No headings in this post")
        return
    }
    var cursor = ListCursor()
    let current = r.currentOutlineIndex(height: state.bodyHeight) ?? 0
    cursor.select(current, count: items.count, height: OutlineScreen.listHeight(state))
    r.panel = .outline(cursor)
}
