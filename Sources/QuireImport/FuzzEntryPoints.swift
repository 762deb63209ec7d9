import Foundation
import QuireModel

/// The internal parsers and the invariants their output must hold, for the libFuzzer targets
/// (`Sources/Fuzz*`, `make fuzz`). Behind `@_spi(Fuzzing)`: not part of the module's API.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// HTML to blocks and footnotes, as the Blogger and WordPress readers convert a post body.
    public static func convertHTML(_ html: String, paragraphsFromNewlines: Bool) -> (blocks: [Block], footnotes: [Footnote], references: [Reference]) {
        var references: [Reference] = []
        var options = HTMLDocumentConverter.Options()
        options.paragraphsFromNewlines = paragraphsFromNewlines
        let content = HTMLDocumentConverter.convert(html, options: options, references: &references)
        return (content.blocks, content.footnotes, references)
    }

    /// The front matter of a Markdown post: its syntax, keys and the body after it.
    public static func splitFrontMatter(_ text: String) -> (syntax: String, keys: [String], body: String, bodyLine: Int, warnings: Int) {
        var warnings = 0
        let front = FrontMatter.split(text) { _, _ in warnings += 1 }
        return ("\(front.syntax)", front.values.keys.sorted(), front.body, front.bodyLine, warnings)
    }

    /// A Markdown post as the Markdown reader reads one (front matter, template tags, cmark-gfm)
    /// and as the import hands it to the store (nesting limited), with what it warned about.
    public static func readMarkdownPost(_ text: String) -> (post: Post, warnings: [String]) {
        var warnings: [String] = []
        let front = FrontMatter.split(text) { _, message in warnings.append(message) }
        var tags = TemplateTags()
        let prepared = tags.protect(MarkdownReader.unwrapMarkdownInHTML(front.body), dialect: front.syntax == .toml ? .hugo : .jekyll)
        var references: [Reference] = []
        let content = MarkdownConverter.convert(prepared, tags: tags, references: &references, warnings: &warnings)
        let labels = (front["tags"]?.words(splitting: true) ?? []).map(HTMLText.clean).filter { !$0.isEmpty }
        let post = Post(sourceKey: "fuzz", slug: "fuzz", title: front["title"]?.string.map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 } ?? "Fuzz",
                        date: PostDate(year: 2030, month: 1, day: 1), labels: labels,
                        document: Document(blocks: content.blocks), footnotes: content.footnotes, references: references)
        let limited = SourceReader.limitingNesting(ImportBatch(format: "markdown", posts: [post]), displayPath: "fuzz.md")
        return (limited.posts[0], warnings + limited.warnings.map(\.message))
    }

    /// What is wrong with a post as the store would hold it, or nil: nested deeper than a
    /// stored post may be, or JSON that does not decode to the same post.
    public static func storageProblem(_ post: Post) -> String? {
        if post.nestingDepth > Document.nestingLimit { return "nested \(post.nestingDepth) levels deep" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let decoded = try JSONDecoder().decode(Post.self, from: try encoder.encode(post))
            return decoded == post ? nil : "the JSON decodes to another post"
        } catch {
            return "the JSON does not decode: \(String(describing: error).prefix(200))"
        }
    }

    /// What is wrong with converted content, or nil: text a terminal could act on, references
    /// numbered outside the list, headings of no level.
    public static func problem(blocks: [Block], footnotes: [Footnote] = [], references: [Reference]) -> String? {
        func check(_ text: String, allowNewlines: Bool) -> String? {
            for s in text.unicodeScalars where Sanitizer.isUnsafe(s) && !(allowNewlines && s == "\n") {
                return "unsafe scalar U+\(String(s.value, radix: 16, uppercase: true)) in \(text.debugDescription.prefix(80))"
            }
            return nil
        }
        func check(_ inlines: [Inline]) -> String? {
            for inline in inlines {
                switch inline {
                case .text(let s, _): if let p = check(s, allowNewlines: false) { return p }
                case .footnoteMarker(let label): if let p = check(label, allowNewlines: false) { return p }
                case .reference(let index, let text):
                    guard references.indices.contains(index) else { return "reference \(index) of \(references.count)" }
                    if let p = check(text, allowNewlines: false) { return p }
                case .lineBreak: break
                }
            }
            return nil
        }
        func check(_ blocks: [Block]) -> String? {
            for block in blocks {
                switch block {
                case .paragraph(let inlines), .term(let inlines): if let p = check(inlines) { return p }
                case .definition(let inner): if let p = check(inner) { return p }
                case .numberedList(let numbers, let items):
                    guard numbers.count == items.count else { return "numbered list of \(items.count) items, \(numbers.count) numbers" }
                    for item in items { if let p = check(item) { return p } }
                case .table(let rows, let headerRows):
                    guard (0...rows.count).contains(headerRows), Set(rows.map(\.count)).count <= 1 else { return "table rows of unequal length" }
                    for cell in rows.joined() { if let p = check(cell) { return p } }
                case .heading(let level, let inlines):
                    guard (1...6).contains(level) else { return "heading level \(level)" }
                    if let p = check(inlines) { return p }
                case .quote(let inner): if let p = check(inner) { return p }
                case .list(_, let items): for item in items { if let p = check(item) { return p } }
                case .code(let text): if let p = check(text, allowNewlines: true) { return p }
                case .elision, .rule: break
                case .media(_, let url, let title):
                    if let p = check(url, allowNewlines: false) ?? check(title ?? "", allowNewlines: false) { return p }
                case .figure(let inner, let caption):
                    if let p = check([inner]) ?? check(caption) { return p }
                }
            }
            return nil
        }
        if let p = check(blocks) { return p }
        for note in footnotes { if let p = check(note.blocks) { return "note \(note.label): " + p } }
        for ref in references { if let p = check(ref.text, allowNewlines: false) { return "reference text: " + p } }
        return nil
    }

    /// What is wrong with a post read from a file, or nil.
    public static func problem(post: Post) -> String? {
        for (name, value) in [("title", post.title), ("slug", post.slug), ("author", post.author ?? "")] {
            for s in value.unicodeScalars where Sanitizer.isUnsafe(s) {
                return "unsafe scalar U+\(String(s.value, radix: 16, uppercase: true)) in the \(name)"
            }
        }
        if post.title.isEmpty { return "an empty title" }
        for label in post.labels where label.unicodeScalars.contains(where: Sanitizer.isUnsafe) { return "unsafe label" }
        return problem(blocks: post.document.blocks, footnotes: post.footnotes, references: post.references)
    }
}
