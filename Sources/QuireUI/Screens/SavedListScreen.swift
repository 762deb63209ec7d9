import QuireModel

/// The lists kept in the reading state, newest first: the bookmarks, and the posts opened
/// (History).
enum SavedListScreen {
    static func listHeight(_ state: AppState) -> Int { max(1, state.bodyHeight - 1) }

    /// The posts of the list in front, as shown: only unread ones when the lists show only those.
    static func items(_ state: AppState) -> [PostSummary] {
        let all = state.screen == .history ? state.marks.history : state.marks.bookmarks
        return state.marks.onlyUnread ? all.filter { !state.marks.read.contains($0.id) } : all
    }

    static func cursor(_ state: AppState) -> ListCursor { state.screen == .history ? state.history : state.bookmarks }

    static func draw(_ canvas: inout Canvas, _ state: AppState) -> String? {
        let items = items(state)
        let history = state.screen == .history
        guard !items.isEmpty else {
            let none = history ? "No posts opened yet." : "No bookmarks yet."
            let unread = state.marks.onlyUnread && !(history ? state.marks.history : state.marks.bookmarks).isEmpty
            canvas.put(unread ? "No unread posts here." : none, row: 1, col: 1)
            let explain: String
            if unread {
                explain = "\(state.keys.keyName(.onlyUnread, in: [.list])) shows the read ones too."
            } else if history {
                explain = "Every post you open is listed here, the last one first."
            } else {
                explain = "\(state.keys.keyName(.toggleBookmark, in: [.reader])) bookmarks the post you are reading or the selected one."
            }
            canvas.put(ListDraw.truncate(explain, to: canvas.width - 2), row: 2, col: 1, style: .meta)
            return nil
        }
        let what = history ? ListDraw.plural(items.count, "post") + " opened" : ListDraw.plural(items.count, "bookmark")
        let header = what + (history ? ", the last first" : ", newest first") + (state.marks.onlyUnread ? " (unread only)" : "")
        canvas.put(ListDraw.truncate(header, to: canvas.width - 2), row: 1, col: 1, style: .meta)
        let cursor = cursor(state)
        for i in 0..<listHeight(state) {
            let index = cursor.scroll + i
            guard index < items.count else { break }
            let post = items[index]
            // On the bookmarks every row is a bookmark: the star would only repeat itself.
            ListDraw.row(&canvas, 2 + i, ArchiveScreen.postRow(post, indent: " ", wide: canvas.width >= 60,
                                                               flags: RowFlags(state, post.id, star: history)),
                         selected: index == cursor.selection)
        }
        return ListDraw.position(cursor.selection, items.count)
    }
}
