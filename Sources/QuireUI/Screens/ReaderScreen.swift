/// A post laid out in a centred column: links, notes, hits and the selected link styled.
enum ReaderScreen {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ reader: ReaderState) -> String? {
        let height = state.bodyHeight
        let margin = reader.margin(cols: state.cols)
        let lines = reader.layout.lines
        let currentHitLine = reader.currentHit.flatMap { reader.layout.hitLines.indices.contains($0) ? reader.layout.hitLines[$0] : nil }
        for i in 0..<height {
            let index = reader.scroll + i
            guard index < lines.count else { break }
            canvas.put(lines[index].spans, row: 1 + i, col: margin, limit: margin + reader.layout.width) { span in
                if let link = span.link, link == reader.selectedLink { return .linkSelected }
                if span.isHit { return index == currentHitLine ? .hit.adding(.underline) : .hit }
                return span.style
            }
        }
        return position(reader, height: height)
    }

    /// "line 12/340 30%", like less.
    static func position(_ reader: ReaderState, height: Int) -> String {
        // Only the lines on screen are laid out yet: their number is not the post's.
        guard reader.layout.isComplete else { return "laying out" }
        let total = reader.layout.lines.count
        guard total > height else { return "all" }
        let bottom = min(total, reader.scroll + height)
        return "line \(reader.scroll + 1)/\(total) \(bottom * 100 / total)%"
    }
}
