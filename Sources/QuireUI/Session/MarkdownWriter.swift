import QuireModel

/// A post's blocks as CommonMark lines: text escaped so that nothing in it reads as markup,
/// links out of the archive as links, notes as footnote references.
struct MarkdownWriter {
    let stored: StoredPost

    /// Blocks separated by blank lines.
    mutating func blocks(_ blocks: [Block]) -> [String] {
        var out: [String] = []
        for block in blocks {
            let lines = self.block(block)
            guard !lines.isEmpty else { continue }
            if !out.isEmpty { out.append("") }
            out += lines
        }
        return out
    }

    private mutating func block(_ block: Block) -> [String] {
        switch block {
        case .paragraph(let inlines):
            return lines(inlines)
        case .heading(let level, let inlines):
            // The title is the only first-level heading.
            return [String(repeating: "#", count: min(6, max(2, level))) + " " + inline(inlines).replacingOccurrences(of: "\n", with: " ")]
        case .quote(let inner):
            return blocks(inner).map { $0.isEmpty ? ">" : "> " + $0 }
        case .list(let ordered, let items):
            return listItems(items) { ordered ? "\($0 + 1). " : "- " }
        case .numberedList(let numbers, let items):
            // CommonMark takes a list's first number as its start; item numbers are at most nine digits.
            return listItems(items) { i in
                let n = numbers.indices.contains(i) ? numbers[i] : i + 1
                return (0...999_999_999).contains(n) ? "\(n). " : "\(i + 1). "
            }
        case .table(let rows, _):
            return table(rows)
        case .term(let inlines):
            let text = inline(inlines).replacingOccurrences(of: "\n", with: " ")
            return text.isEmpty ? [] : ["**" + text + "**"]
        case .definition(let inner):
            return blocks(inner)
        case .code(let text):
            let fence = String(repeating: "`", count: max(3, Self.longestRun(of: "`", in: text) + 1))
            return [fence] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]
        case .elision:
            return ["\\[...\\]"]
        case .rule:
            return ["* * *"]
        case .media(let kind, let url, let title):
            let label = Self.escape(Block.mediaPlaceholder(kind: kind, url: url, title: title))
            return [PostLinks.isOpenable(url) ? "[\(label)](<\(url)>)" : label]
        case .figure(let inner, let caption):
            let body = self.block(inner)
            let text = inline(caption)
            return text.isEmpty ? body : body + ["", "*" + text.replacingOccurrences(of: "\n", with: " ") + "*"]
        }
    }

    /// List items, each marked by `marker(index)`, what follows its first line indented under it.
    private mutating func listItems(_ items: [[Block]], marker: (Int) -> String) -> [String] {
        var out: [String] = []
        for (i, item) in items.enumerated() {
            let marker = marker(i)
            let body = blocks(item)
            let pad = String(repeating: " ", count: marker.count)
            out.append(marker + (body.first ?? ""))
            out += body.dropFirst().map { $0.isEmpty ? "" : pad + $0 }
        }
        return out
    }

    /// A GFM table: its first row is the header (GFM has no table without one), every row as
    /// many cells as the widest, `|` in cells escaped.
    private func table(_ rows: [[[Inline]]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return [] }
        let cells = rows.map { row in
            (0..<columns).map { c in c < row.count ? inline(row[c]).replacingOccurrences(of: "\n", with: " ") : "" }
        }
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        return [line(cells[0]), line(Array(repeating: "---", count: columns))] + cells.dropFirst().map(line)
    }

    /// A paragraph's lines: hard breaks end a line with a backslash.
    private func lines(_ inlines: [Inline]) -> [String] {
        let text = inline(inlines)
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return parts.enumerated().map { i, line in i < parts.count - 1 ? line + "\\" : line }
    }

    private func inline(_ inlines: [Inline]) -> String {
        inlines.map { item -> String in
            switch item {
            case .text(let s, let style):
                if style.contains(.code) {
                    let ticks = String(repeating: "`", count: Self.longestRun(of: "`", in: s) + 1)
                    return ticks + (s.first == "`" || s.last == "`" ? " \(s) " : s) + ticks
                }
                var t = Self.escape(s)
                if style.contains(.emphasis), !t.isEmpty { t = "*" + t + "*" }
                if style.contains(.strong), !t.isEmpty { t = "**" + t + "**" }
                return t
            case .footnoteMarker(let label):
                return "[^\(Self.noteLabel(label))]"
            case .reference(let index, let text):
                let shown = Self.escape(text)
                guard stored.targets.indices.contains(index) else { return shown }
                switch stored.targets[index] {
                case .external(let url) where PostLinks.isOpenable(url):
                    return "[\(shown)](<\(url)>)"
                case .post:
                    // The post's own address, when the reference was written as one.
                    let target = stored.post.references.indices.contains(index) ? stored.post.references[index].target : ""
                    return PostLinks.isOpenable(target) ? "[\(shown)](<\(target)>)" : shown
                default:
                    return shown
                }
            case .lineBreak:
                return "\n"
            }
        }.joined()
    }

    /// Text with every character Markdown could read as markup escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>#|~!".contains(c) { out.append("\\") }
            out.append(c)
        }
        // A line starting with "1." or "-" or "+" would start a list.
        if let first = out.first, "-+".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// A footnote label Markdown takes: letters, digits, `-` and `_`.
    static func noteLabel(_ label: String) -> String {
        let kept = label.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return kept.isEmpty ? "note" : kept
    }

    static func longestRun(of c: Character, in text: String) -> Int {
        var best = 0, run = 0
        for x in text {
            run = x == c ? run + 1 : 0
            best = max(best, run)
        }
        return best
    }
}
