import QuireModel

/// What is known of the open post (`=`, as w3m shows a page's information): its permalink
/// and other addresses, where it was imported from, its date, labels and counts.
enum InfoScreen {
    static func rows(_ state: AppState, _ reader: ReaderState) -> [(String, String)] {
        let p = reader.post.post
        var rows: [(String, String)] = [("Title", p.title), ("Date", p.date.longDescription + "  " + p.date.sortKey)]
        if let updated = p.updated { rows.append(("Updated", updated.sortKey)) }
        if let author = p.author, !author.isEmpty { rows.append(("Author", author)) }
        rows.append(("Permalink", p.permalink ?? "none"))
        for alias in p.aliases { rows.append(("Also at", alias)) }
        rows.append(("Source", p.sourceKey))
        rows.append(("Id and slug", "\(reader.post.id)  \(p.slug)"))
        if !p.labels.isEmpty { rows.append(("Labels", p.labels.joined(separator: ", "))) }
        let words = p.document.plainText.split(whereSeparator: \.isWhitespace).count
        rows.append(("Length", "\(ListDraw.plural(words, "word")), \(ListDraw.plural(reader.layout.lines.count, "line")) at this width"))
        rows.append(("Notes", "\(p.footnotes.count)"))
        rows.append(("References", "\(reader.post.targets.filter { if case .post = $0 { return true } else { return false } }.count) to posts, "
                     + "\(reader.post.targets.filter { if case .external = $0 { return true } else { return false } }.count) out of the archive"))
        rows.append(("Referred to by", ListDraw.plural(reader.post.backlinks.count, "post")))
        rows.append(("Comments", "\(p.commentCount)"))
        rows.append(("Read", state.marks.read.contains(reader.post.id) ? "yes" : "not yet"))
        return rows
    }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ reader: ReaderState) -> String? {
        let rows = rows(state, reader)
        let labelWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        var y = 1
        for (label, value) in rows {
            let lines = Wrap.wrap(value, width: max(1, canvas.width - 3 - labelWidth - 2))
            for (i, line) in lines.enumerated() where y <= state.bodyHeight {
                if i == 0 { canvas.put(label, row: y, col: 1, style: .meta) }
                canvas.put(line, row: y, col: 1 + labelWidth + 2, limit: canvas.width - 1)
                y += 1
            }
        }
        return nil
    }
}
