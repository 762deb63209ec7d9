import Foundation
import QuireModel

/// A post body converted to the model: its blocks and the footnotes its markers name.
struct ConvertedContent {
    var blocks: [Block]
    var footnotes: [Footnote]
    /// Set when the content had more elements than `MarkupBudget` allows and was read as plain
    /// paragraphs: how many, for the import's warning.
    var overBudget: Int? = nil
}

/// Converts HTML content (Blogger, WordPress, HTML inside Markdown) to blocks and footnotes.
///
/// Links become `Inline.reference`s numbered in the post's reference list, so that the store can
/// tell links to the blog's own posts from links out of it.
enum HTMLDocumentConverter {
    struct Options {
        /// Blank lines separate paragraphs and newlines break lines (WordPress's classic editor).
        var paragraphsFromNewlines = false
        /// Look for footnotes written by hand (`[1]`, `<sup>`, `#fn1` anchors).
        var findFootnotes = true
        /// Keep links as text with their address (comments, which have no reference list).
        var linksAsText = false
        /// Notes known from elsewhere, by the id their `<sup data-fn>` marker carries: HTML.
        var knownNotes: [String: String] = [:]
    }

    static func convert(_ html: String, options: Options = Options(),
                        references: inout [Reference]) -> ConvertedContent {
        let elements = MarkupBudget.htmlElements(html)
        if elements > MarkupBudget.limit {
            return ConvertedContent(blocks: MarkupBudget.plainParagraphs(fromHTML: html), footnotes: [], overBudget: elements)
        }
        var blocks = HTMLWalker.blocks(fromHTML: html, paragraphsFromNewlines: options.paragraphsFromNewlines, tags: elements)
        var finder = HTMLFootnoteFinder()
        if options.findFootnotes { blocks = finder.extract(blocks) }

        // Labels of notes given by id are numbered after the ones written by hand.
        var used = Set(finder.notes.map(\.label))
        var labelForID: [String: String] = [:]
        var next = 1
        for id in markerIDs(blocks) where labelForID[id] == nil && options.knownNotes[id] != nil {
            while used.contains(String(next)) { next += 1 }
            labelForID[id] = String(next)
            used.insert(String(next))
        }
        let handLabels = Set(finder.notes.map(\.label))
        var builder = InlineBuilder(linksAsText: options.linksAsText)
        builder.markerLabel = { id in
            if let l = labelForID[id] { return l }
            return handLabels.contains(id) ? id : nil
        }
        let body = builder.blocks(blocks, references: &references)

        var notesByLabel: [String: [Block]] = [:]
        for note in finder.notes {
            notesByLabel[note.label] = builder.blocks(note.blocks, references: &references)
        }
        var noteOptions = options
        noteOptions.findFootnotes = false
        noteOptions.knownNotes = [:]
        for (id, label) in labelForID {
            let content = convert(options.knownNotes[id] ?? "", options: noteOptions, references: &references)
            notesByLabel[label] = content.blocks
        }
        var footnotes: [Footnote] = []
        var seen: Set<String> = []
        for label in body.flatMap(\.footnoteLabels) where !seen.contains(label) {
            seen.insert(label)
            footnotes.append(Footnote(label: label, blocks: notesByLabel[label] ?? []))
        }
        return ConvertedContent(blocks: body, footnotes: footnotes)
    }

    /// Converts a comment: no footnotes, links kept as text.
    static func convertComment(_ html: String, paragraphsFromNewlines: Bool = false) -> [Block] {
        var none: [Reference] = []
        var options = Options()
        options.paragraphsFromNewlines = paragraphsFromNewlines
        options.findFootnotes = false
        options.linksAsText = true
        return convert(html, options: options, references: &none).blocks
    }

    private static func markerIDs(_ blocks: [HBlock]) -> [String] {
        var ids: [String] = []
        func visit(_ blocks: [HBlock]) {
            for b in blocks {
                switch b {
                case .paragraph(let p), .heading(_, let p), .term(let p):
                    for piece in p { if case .marker(let id) = piece { ids.append(id) } }
                case .quote(let inner), .definition(let inner): visit(inner)
                case .list(_, let items), .numberedList(_, let items): items.forEach(visit)
                case .figure(let inner, let caption): visit([inner, .paragraph(caption)])
                case .table(let rows, _): visit(rows.flatMap { $0.map(HBlock.paragraph) })
                case .code, .rule, .media: break
                }
            }
        }
        visit(blocks)
        return ids
    }
}
