import QuireModel

/// Keys of the Posts screen: every post, newest first.
func postsCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let count = state.posts.page.total ?? 0
    if state.posts.cursor.apply(command, count: count, height: PostsScreen.listHeight(state)) { return [] }
    switch command {
    case .open, .expand:
        let index = state.posts.cursor.selection
        guard let post = state.posts.page.item(at: index) else {
            if index < count { state.openWhenLoaded = PendingOpen(target: .all, index: index, origin: .posts) }
            return []
        }
        return [.loadPost(post.id, .open(.posts))]
    case .close:
        return run(&state, .quit)
    case .cancel:
        showPrevious(&state)
        return []
    default:
        return []
    }
}
