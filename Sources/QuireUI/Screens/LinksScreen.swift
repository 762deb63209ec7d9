import QuireModel

/// Every link of the open post, numbered: references, notes, then the posts referring to it.
enum LinksScreen {
    static func listHeight(_ state: AppState) -> Int { max(1, state.bodyHeight - 1) }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ reader: ReaderState, _ panel: LinksPanel) -> String? {
        let links = PostLinks.of(reader.post)
        let header = panel.number.isEmpty
            ? "\(ListDraw.plural(links.count, "link")); type a number and \(state.keys.keyName(.follow, in: [.links])) to follow one"
            : "Link \(panel.number)…"
        canvas.put(ListDraw.truncate(header, to: canvas.width - 2), row: 1, col: 1, style: .meta)
        let numberWidth = String(links.count).count
        var cursor = panel.cursor
        cursor.reveal(count: links.count, height: listHeight(state))
        for i in 0..<listHeight(state) {
            let index = cursor.scroll + i
            guard index < links.count else { break }
            let link = links[index]
            let number = String(repeating: " ", count: numberWidth - String(link.number).count) + "\(link.number)"
            let (text, kind) = describe(link.kind)
            ListDraw.row(&canvas, 2 + i, [Span(" "), Span(number, .marker), Span("  "), Span(text, textStyle(link.kind))],
                         selected: index == cursor.selection, right: [Span(kind, .meta)])
        }
        return ListDraw.position(cursor.selection, links.count)
    }

    /// The words shown for a link, and what kind of link it is.
    static func describe(_ kind: PostLink.Kind) -> (String, String) {
        switch kind {
        case .post(_, let title): return (title, "post")
        case .dangling(let text): return (text, "not in the archive")
        case .external(let url): return (url, "web")
        case .footnote(let label, let text): return ("[\(label)] " + text.split(whereSeparator: \.isNewline).joined(separator: " "), "note")
        case .backlink(let b): return (b.date.isoDay + "  " + b.title, "refers here")
        }
    }

    private static func textStyle(_ kind: PostLink.Kind) -> Style {
        switch kind {
        case .post, .backlink: return .link
        case .dangling: return .dangling
        case .external: return .link
        case .footnote: return .footnote
        }
    }
}
