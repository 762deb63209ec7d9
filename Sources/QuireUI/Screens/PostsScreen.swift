import QuireModel

/// Every post of the archive, newest first, flagged as the other lists flag them.
enum PostsScreen {
    static func listHeight(_ state: AppState) -> Int { max(1, state.bodyHeight - 1) }

    static func draw(_ canvas: inout Canvas, _ state: AppState) -> String? {
        let list = state.posts
        guard let total = list.page.total else {
            canvas.put("Loading…", row: 1, col: 1, style: .meta)
            return nil
        }
        let unread = state.marks.onlyUnread
        let header = unread ? "\(ListDraw.plural(total, "unread post")), newest first" : "\(ListDraw.plural(total, "post")), newest first"
        canvas.put(ListDraw.truncate(header, to: canvas.width - 2), row: 1, col: 1, style: .meta)
        if total == 0 {
            canvas.put(unread ? "Every post is read; \(state.keys.keyName(.onlyUnread, in: [.list])) shows them all." : "The archive is empty.",
                       row: 2, col: 1)
        }
        for i in 0..<listHeight(state) {
            let index = list.cursor.scroll + i
            guard index < total else { break }
            ListDraw.row(&canvas, 2 + i, ArchiveScreen.postRow(list.page.item(at: index), indent: " ", wide: canvas.width >= 60, state: state),
                         selected: index == list.cursor.selection)
        }
        return ListDraw.position(list.cursor.selection, total)
    }
}
