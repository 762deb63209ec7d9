/// The help screen, generated from the key table so it always matches what the keys do.
public enum HelpScreen {
    /// What the mouse does, under the keys (the manual page prints it too).
    public static let mouseHelp = "The wheel scrolls; a click selects a row and a second click opens it; a click on a link follows it; "
        + "a click on a screen's name in the top bar shows it."

    /// How the kinds of links and marks in a post look: a sample drawn in its style, and what
    /// it is.
    static let legend: [(sample: String, style: Style, meaning: String)] = [
        ("Title {2}", .postLink, "a link to another post of the archive, with its number"),
        ("example.com", .link, "a link out of the archive"),
        ("Gone", .dangling, "a link to a post that is not in the archive"),
        ("[1]", .marker, "a note's marker; the note follows its paragraph, dimmed (f)"),
    ]

    /// The help text laid out for a width.
    public static func lines(width: Int, keys: KeyMap = .standard, mouse: Bool = true) -> [[Span]] {
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
        out.append([Span("In a post", .heading)])
        for (sample, style, meaning) in legend {
            let text = Wrap.wrap([Span(meaning)], firstWidth: max(4, width - column))
            let pad = String(repeating: " ", count: max(1, column - 2 - DisplayWidth.of(sample)))
            out.append([Span("  "), Span(sample, style), Span(pad)] + (text.first?.spans ?? []))
            for line in text.dropFirst() { out.append([Span(String(repeating: " ", count: column))] + line.spans) }
        }
        out.append([])
        if mouse {
            out.append([Span("Mouse", .heading)])
            for line in Wrap.wrap([Span(mouseHelp)], firstWidth: max(4, width - 2)) { out.append([Span("  ")] + line.spans) }
            out.append([])
        }
        out.append([Span("Settings", .heading)])
        let settings = "Keys, colours, the text width, notes and the mouse: $XDG_CONFIG_HOME/quire/config.toml "
            + "(quire config --default prints every setting). Read posts, positions and bookmarks: $XDG_STATE_HOME/quire."
        for line in Wrap.wrap([Span(settings)], firstWidth: max(4, width - 2)) { out.append([Span("  ")] + line.spans) }
        return out
    }

    /// The lines holding `text` (ignoring case), in order.
    static func hitLines(_ state: AppState, _ text: String) -> [Int] {
        guard !text.isEmpty else { return [] }
        let needle = text.lowercased()
        return lines(width: state.cols, keys: state.keys, mouse: state.settings.mouse).enumerated()
            .filter { $0.element.plainText.lowercased().contains(needle) }.map(\.offset)
    }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ help: HelpState) -> String? {
        let lines = lines(width: state.cols, keys: state.keys, mouse: state.settings.mouse)
        let height = state.bodyHeight
        let highlight = Highlight.text(help.find)
        for i in 0..<height {
            let index = help.scroll + i
            guard index < lines.count else { break }
            canvas.put(highlight.apply(lines[index]), row: 1 + i, col: 1, limit: canvas.width - 1) { span in
                guard span.isHit else { return span.style }
                return index == help.currentHit ? Style.hit.adding(.underline) : .hit
            }
        }
        guard lines.count > height else { return "all" }
        return "line \(help.scroll + 1)/\(lines.count) \(min(lines.count, help.scroll + height) * 100 / lines.count)%"
    }
}
