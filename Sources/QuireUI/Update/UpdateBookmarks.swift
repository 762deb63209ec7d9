import QuireModel

/// Keys of the Bookmarks screen: a plain list of the bookmarked posts, newest first.
func bookmarksCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let count = state.marks.bookmarks.count
    if state.bookmarks.apply(command, count: count, height: BookmarksScreen.listHeight(state)) { return [] }
    switch command {
    case .open, .expand:
        guard let post = selectedPost(state) else { return [] }
        return [.loadPost(post.id, .open(.bookmarks))]
    case .close:
        return run(&state, .quit)
    default:
        return []
    }
}
