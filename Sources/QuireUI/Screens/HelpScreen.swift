/// The help screen, generated from the key table so it always matches what the keys do.
public enum HelpScreen {
    /// The help text laid out for a width.
    public static func lines(width: Int, keys: KeyMap = .standard) -> [[Span]] {
        let width = max(10, width - 2)
        var out: [[Span]] = [[Span("Quire: keys", .title)], []]
        // One key column for every section, as wide as the longest key list that fits.
        let allKeys = keys.bindings.map { $0.keys.map(\.name).joined(separator: " ") }
        let column = min((allKeys.map(DisplayWidth.of).max() ?? 0) + 4, max(8, width / 3))
        for context in KeyContext.allCases {
            let bindings = keys.bindings(in: context).filter { !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            out.append([Span(context.rawValue, .heading)])
            let keyTexts = bindings.map { $0.keys.map(\.name).joined(separator: " ") }
            for (b, keys) in zip(bindings, keyTexts) {
                let fits = DisplayWidth.of(keys) + 4 <= column
                let text = Wrap.wrap([Span(b.help)], firstWidth: max(4, width - column))
                if fits {
                    let pad = String(repeating: " ", count: column - 2 - DisplayWidth.of(keys))
                    out.append([Span("  "), Span(keys, .marker), Span(pad)] + (text.first?.spans ?? []))
                } else {
                    out.append([Span("  "), Span(keys, .marker)])
                    out.append([Span(String(repeating: " ", count: column))] + (text.first?.spans ?? []))
                }
                for line in text.dropFirst() { out.append([Span(String(repeating: " ", count: column))] + line.spans) }
            }
            out.append([])
        }
        if out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    static func draw(_ canvas: inout Canvas, _ state: AppState, scroll: Int) -> String? {
        let lines = lines(width: state.cols, keys: state.keys)
        let height = state.bodyHeight
        for i in 0..<height {
            let index = scroll + i
            guard index < lines.count else { break }
            canvas.put(lines[index], row: 1 + i, col: 1, limit: canvas.width - 1)
        }
        guard lines.count > height else { return "all" }
        return "line \(scroll + 1)/\(lines.count) \(min(lines.count, scroll + height) * 100 / lines.count)%"
    }
}
