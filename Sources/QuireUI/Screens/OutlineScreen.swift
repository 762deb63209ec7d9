/// The headings of the open post and the sections after its text, indented by level.
enum OutlineScreen {
    static func listHeight(_ state: AppState) -> Int { max(1, state.bodyHeight - 1) }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ reader: ReaderState, _ selection: ListCursor) -> String? {
        let items = reader.layout.outline
        let jump = state.keys.keyName(.open, in: [.outline])
        canvas.put(ListDraw.truncate("Outline; \(jump) jumps to a heading", to: canvas.width - 2), row: 1, col: 1, style: .meta)
        let total = max(1, reader.layout.lines.count)
        // The heading whose part of the post is in the window.
        let current = reader.currentOutlineIndex(height: state.bodyHeight)
        var cursor = selection
        cursor.reveal(count: items.count, height: listHeight(state))
        for i in 0..<listHeight(state) {
            let index = cursor.scroll + i
            guard index < items.count else { break }
            let item = items[index]
            let indent = String(repeating: "  ", count: item.isSection ? 0 : min(5, max(0, item.level - 1)))
            let mark = index == current ? "▸ " : "  "
            ListDraw.row(&canvas, 2 + i, [Span(" " + mark + indent), Span(item.title, item.isSection ? .meta : .heading)],
                         selected: index == cursor.selection, right: [Span("\(item.line * 100 / total)%", .meta)])
        }
        return ListDraw.position(cursor.selection, items.count)
    }
}
