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
        Sanitizer.clean(s).split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
