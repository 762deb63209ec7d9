import QuireModel

/// Labels with counts; a label's posts; the labels that narrow them further.
enum LabelsScreen {
    /// Rows for the list under the screen's header line.
    static func listHeight(_ state: AppState) -> Int { max(1, state.bodyHeight - 1) }

    static func draw(_ canvas: inout Canvas, _ state: AppState) -> String? {
        let height = listHeight(state)
        switch state.labels.top {
        case .labels(let list):
            guard let items = list.items else {
                canvas.put("Loading…", row: 1, col: 1, style: .meta)
                return nil
            }
            let sorted = list.sorted(byName: state.labels.sortByName)
            let order = state.labels.sortByName ? "by name" : "by count"
            let header = list.within.isEmpty
                ? "\(ListDraw.plural(items.count, "label")), \(order)"
                : "Narrow \(list.within.joined(separator: " + ")) by: \(ListDraw.plural(items.count, "label")), \(order)"
            canvas.put(ListDraw.truncate(header, to: canvas.width - 2), row: 1, col: 1, style: .meta)
            if sorted.isEmpty {
                canvas.put(list.within.isEmpty ? "No labels in this archive." : "No other labels on these posts.", row: 2, col: 1)
            }
            for i in 0..<height {
                let index = list.cursor.scroll + i
                guard index < sorted.count else { break }
                let label = sorted[index]
                let unread = state.unread(label: label, in: list)
                let count = unread == nil ? "\(label.count)" : ListDraw.counted(label.count, "post", unread: unread, wide: canvas.width >= 60)
                ListDraw.row(&canvas, 2 + i, [Span(" "), Span(label.name)], selected: index == list.cursor.selection,
                             right: [Span(count, .meta)])
            }
            return ListDraw.position(list.cursor.selection, sorted.count)
        case .posts(let lp):
            let total = lp.page.total
            let header = "\(lp.labels.joined(separator: " + ")): " + (total.map { ListDraw.plural($0, "post") } ?? "…")
            canvas.put(ListDraw.truncate(header, to: canvas.width - 2), row: 1, col: 1, style: .meta)
            for i in 0..<height {
                let index = lp.cursor.scroll + i
                guard index < (total ?? 0) else { break }
                ListDraw.row(&canvas, 2 + i, ArchiveScreen.postRow(lp.page.item(at: index), indent: " ", wide: canvas.width >= 60, state: state),
                             selected: index == lp.cursor.selection)
            }
            return ListDraw.position(lp.cursor.selection, total ?? 0)
        }
    }
}
