import QuireModel

/// The bookmarked posts, newest bookmark first.
enum BookmarksScreen {
    static func listHeight(_ state: AppState) -> Int { max(1, state.bodyHeight - 1) }

    static func draw(_ canvas: inout Canvas, _ state: AppState) -> String? {
        let items = state.marks.bookmarks
        guard !items.isEmpty else {
            canvas.put("No bookmarks yet.", row: 1, col: 1)
            let key = state.keys.keyName(.toggleBookmark, in: [.reader])
            canvas.put(ListDraw.truncate("\(key) bookmarks the post you are reading or the selected one.", to: canvas.width - 2),
                       row: 2, col: 1, style: .meta)
            return nil
        }
        canvas.put(ListDraw.truncate("\(ListDraw.plural(items.count, "bookmark")), newest first", to: canvas.width - 2),
                   row: 1, col: 1, style: .meta)
        let cursor = state.bookmarks
        for i in 0..<listHeight(state) {
            let index = cursor.scroll + i
            guard index < items.count else { break }
            // Every row here is a bookmark: the star would only repeat itself.
            let post = items[index]
            ListDraw.row(&canvas, 2 + i, ArchiveScreen.postRow(post, indent: " ", wide: canvas.width >= 60,
                                                               read: state.marks.read.contains(post.id), bookmarked: false),
                         selected: index == cursor.selection)
        }
        return ListDraw.position(cursor.selection, items.count)
    }
}
