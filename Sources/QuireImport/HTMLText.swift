import QuireModel

/// Plain text out of a bit of HTML, for titles and names that may hold entities or tags.
enum HTMLText {
    static func plain(_ html: String) -> String {
        guard html.contains("&") || html.contains("<") else { return clean(html) }
        if MarkupBudget.htmlElements(html) > MarkupBudget.limit {
            return clean(MarkupBudget.plainParagraphs(fromHTML: html).map(\.plainText).joined(separator: " "))
        }
        let blocks = HTMLWalker.blocks(fromHTML: "<p>" + html + "</p>")
        return clean(blocks.map(\.plainText).joined(separator: " "))
    }

    /// One line of sanitised text with its whitespace collapsed.
    static func clean(_ s: String) -> String {
        let cleaned = Sanitizer.clean(s)
        // ASCII (most titles, labels and names) is collapsed byte by byte: each byte is a
        // character of its own, and the white space among them is tab to carriage return and space.
        if let collapsed = asciiCollapsed(cleaned) { return collapsed }
        return cleaned.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func asciiCollapsed(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        for b in s.utf8 {
            if b >= 0x80 { return nil }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20); space = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A title for an untitled post: the start of its text.
    static func untitled(_ document: Document) -> String {
        let text = clean(document.plainText)
        guard !text.isEmpty else { return "Untitled" }
        if text.count <= 60 { return text }
        let cut = text.prefix(60)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + "…" }
        return String(cut) + "…"
    }
}
