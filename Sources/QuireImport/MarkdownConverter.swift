import CCmarkGFM
import Foundation
import QuireModel

/// Converts Markdown to blocks by walking the tree cmark-gfm builds (footnotes, tables,
/// strikethrough and autolinks on). Template tags were set aside in `tags` beforehand.
///
/// cmark-gfm nests as deep as the text does (`>` a hundred thousand times is a hundred thousand
/// quotes), so the walk recurses only so deep: below `blockDepthLimit` quotes and lists, their
/// blocks are gathered with a stack, without the frames; below `inlineDepthLimit` emphasis,
/// links or images, their text is.
struct MarkdownConverter {
    /// One level more than a post may keep (`Document.nestingLimit`), so that the import sees
    /// that the post was deeper and says so when it flattens it.
    static let blockDepthLimit = Document.nestingLimit + 1
    static let inlineDepthLimit = 100

    private let tags: TemplateTags
    private var references: [Reference]
    private var noteCount = 0
    private var notes: [(label: String, blocks: [Block])] = []

    private init(tags: TemplateTags, references: [Reference]) {
        self.tags = tags; self.references = references
    }

    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    static func convert(_ markdown: String, tags: TemplateTags, references: inout [Reference]) -> ConvertedContent {
        var warnings: [String] = []
        return convert(markdown, tags: tags, references: &references, warnings: &warnings)
    }

    /// `warnings` gets what the import should say about the post, beyond `overBudget`.
    static func convert(_ markdown: String, tags: TemplateTags, references: inout [Reference],
                        warnings: inout [String]) -> ConvertedContent {
        let count = MarkupBudget.markdownElements(markdown)
        if count.elements > MarkupBudget.markdownLimit {
            return ConvertedContent(blocks: MarkupBudget.plainParagraphs(fromText: Substring(tags.strip(markdown))),
                                    footnotes: [], overBudget: count.elements)
        }
        if count.nestingWork > MarkupBudget.markdownNestingWork {
            warnings.append(MarkupBudget.nestingWarning(count))
            return ConvertedContent(blocks: MarkupBudget.plainParagraphs(fromText: Substring(tags.strip(markdown))), footnotes: [])
        }
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else {
            return ConvertedContent(blocks: [], footnotes: [])
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                cmark_parser_feed(parser, $0, buf.count)
            }
        }
        guard let doc = cmark_parser_finish(parser) else { return ConvertedContent(blocks: [], footnotes: []) }
        defer { cmark_node_free(doc) }
        var converter = MarkdownConverter(tags: tags, references: references)
        let blocks = converter.blocks(children: doc, depth: 0)
        references = converter.references
        let footnotes = converter.notes.map { Footnote(label: $0.label, blocks: $0.blocks) }
        return ConvertedContent(blocks: blocks, footnotes: footnotes)
    }

    // MARK: - Blocks

    /// `depth` counts the quotes and lists around `node`'s children.
    private mutating func blocks(children node: OpaquePointer, depth: Int) -> [Block] {
        var out: [Block] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            out += block(c, depth: depth)
            child = cmark_node_next(c)
        }
        return out
    }

    /// The blocks under `node` with the quotes and lists around them dropped, in reading
    /// order, walked with a stack instead of recursion.
    private mutating func flattenedBlocks(children node: OpaquePointer) -> [Block] {
        var out: [Block] = []
        var pending = Self.children(node).reversed() as [OpaquePointer]
        while let n = pending.popLast() {
            switch cmark_node_get_type(n) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
                 CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_FOOTNOTE_DEFINITION:
                out += block(n, depth: Self.blockDepthLimit)
            default:
                if typeName(n) == "table" { out += table(n) } else { pending += Self.children(n).reversed() }
            }
        }
        return out
    }

    private static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            out.append(c)
            child = cmark_node_next(c)
        }
        return out
    }

    private mutating func block(_ node: OpaquePointer, depth: Int) -> [Block] {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            let inl = paragraphInlines(node)
            return inl.isEmpty ? [] : [.paragraph(inl)]
        case CMARK_NODE_HEADING:
            let inl = paragraphInlines(node)
            let level = Int(cmark_node_get_heading_level(node))
            return inl.isEmpty ? [] : [.heading(level: min(max(level, 1), 6), inl)]
        case CMARK_NODE_BLOCK_QUOTE:
            if depth >= Self.blockDepthLimit { return flattenedBlocks(children: node) }
            let inner = blocks(children: node, depth: depth + 1)
            return inner.isEmpty ? [] : [.quote(inner)]
        case CMARK_NODE_LIST:
            if depth >= Self.blockDepthLimit { return flattenedBlocks(children: node) }
            var items: [[Block]] = []
            var item = cmark_node_first_child(node)
            while let i = item {
                let b = blocks(children: i, depth: depth + 1)
                if !b.isEmpty { items.append(b) }
                item = cmark_node_next(i)
            }
            guard !items.isEmpty else { return [] }
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            // A list written from 3 starts at 3.
            let start = Int(cmark_node_get_list_start(node))
            if ordered, start != 1 {
                return [.numberedList(numbers: items.indices.map { start &+ $0 }, items: items)]
            }
            return [.list(ordered: ordered, items: items)]
        case CMARK_NODE_CODE_BLOCK:
            var text = tags.restore(literal(node))
            while text.hasSuffix("\n") { text.removeLast() }
            text = Sanitizer.clean(text.replacingOccurrences(of: "\t", with: "    "), keepNewlines: true)
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? [] : [.code(text)]
        case CMARK_NODE_HTML_BLOCK:
            return htmlBlock(literal(node))
        case CMARK_NODE_THEMATIC_BREAK:
            return [.rule]
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            // cmark-gfm numbers notes in order of first reference and moves them there.
            noteCount += 1
            notes.append((String(noteCount), depth >= Self.blockDepthLimit ? flattenedBlocks(children: node) : blocks(children: node, depth: depth)))
            return []
        default:
            switch typeName(node) {
            case "table": return table(node)
            default: return depth >= Self.blockDepthLimit ? flattenedBlocks(children: node) : blocks(children: node, depth: depth)
            }
        }
    }

    /// A paragraph's or heading's inlines, without kramdown's attribute lists (`{: .class}`, `{:toc}`).
    private mutating func paragraphInlines(_ node: OpaquePointer) -> [Inline] {
        var inl = trimmed(inlines(children: node, style: [], depth: 0))
        // An attribute list alone on the paragraph's last line.
        if case .text(let s, let style)? = inl.last, let r = s.range(of: "{:", options: .backwards),
           s.hasSuffix("}"), s[r.lowerBound...].allSatisfy({ $0 != "\n" }) {
            let before = s[..<r.lowerBound]
            if before.isEmpty || before.hasSuffix(" ") || before.hasSuffix("\n") {
                let rest = String(before).trimmingCharacters(in: .whitespaces)
                inl.removeLast()
                if !rest.isEmpty { inl.append(.text(rest, style)) }
                inl = trimmed(inl)
            }
        }
        return inl
    }

    private mutating func htmlBlock(_ html: String) -> [Block] {
        var options = HTMLDocumentConverter.Options()
        options.findFootnotes = false
        var refs = references
        let content = HTMLDocumentConverter.convert(tags.renderForHTML(html), options: options, references: &refs)
        TemplateTags.markPathReferences(&refs, from: references.count)
        references = refs
        return content.blocks
    }

    /// A GFM table: its first row is the header; every row is as long as the header, as
    /// GFM makes it, so that no cell leaves its column.
    private mutating func table(_ node: OpaquePointer) -> [Block] {
        var rows: [[[Inline]]] = []
        var row = cmark_node_first_child(node)
        while let r = row {
            var cells: [[Inline]] = []
            var cell = cmark_node_first_child(r)
            while let c = cell {
                cells.append(trimmed(inlines(children: c, style: [], depth: 0)))
                cell = cmark_node_next(c)
            }
            rows.append(cells)
            row = cmark_node_next(r)
        }
        let columns = rows.map(\.count).max() ?? 0
        rows = rows.map { $0 + Array(repeating: [], count: columns - $0.count) }
        guard rows.contains(where: { $0.contains { !$0.isEmpty } }) else { return [] }
        return [.table(rows: rows, headerRows: 1)]
    }

    // MARK: - Inlines

    /// `depth` counts the emphasis, links and images around `node`'s children.
    private mutating func inlines(children node: OpaquePointer, style: InlineStyle, depth: Int) -> [Inline] {
        if depth >= Self.inlineDepthLimit { return merged(flattenedInlines(children: node, style: style)) }
        var out: [Inline] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            out += inline(c, style: style, depth: depth + 1)
            child = cmark_node_next(c)
        }
        return merged(out)
    }

    /// The text under `node` with the emphasis, links and images around it dropped, walked
    /// with a stack instead of recursion.
    private mutating func flattenedInlines(children node: OpaquePointer, style: InlineStyle) -> [Inline] {
        var out: [Inline] = []
        var pending = Self.children(node).reversed() as [OpaquePointer]
        while let n = pending.popLast() {
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
                 CMARK_NODE_HTML_INLINE, CMARK_NODE_FOOTNOTE_REFERENCE:
                out += inline(n, style: style, depth: Self.inlineDepthLimit)
            default:
                pending += Self.children(n).reversed()
            }
        }
        return out
    }

    private mutating func inline(_ node: OpaquePointer, style: InlineStyle, depth: Int) -> [Inline] {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            return text(literal(node), style: style)
        case CMARK_NODE_SOFTBREAK:
            return [.text(" ", style)]
        case CMARK_NODE_LINEBREAK:
            return [.lineBreak]
        case CMARK_NODE_CODE:
            // Tabs are kept, as spaces: a terminal is never handed a tab.
            let code = tags.restore(literal(node)).replacingOccurrences(of: "\t", with: "    ")
            return [.text(Sanitizer.clean(code), style.union(.code))]
        case CMARK_NODE_HTML_INLINE:
            let tag = literal(node).lowercased().replacingOccurrences(of: " ", with: "")
            return tag.hasPrefix("<br") ? [.lineBreak] : []
        case CMARK_NODE_EMPH:
            return inlines(children: node, style: style.union(.emphasis), depth: depth)
        case CMARK_NODE_STRONG:
            return inlines(children: node, style: style.union(.strong), depth: depth)
        case CMARK_NODE_LINK:
            return link(node, depth: depth)
        case CMARK_NODE_IMAGE:
            let alt = plain(inlines(children: node, style: [], depth: depth))
            return [.text(alt.isEmpty ? "[image]" : "[image: \(alt)]", style)]
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            return [.footnoteMarker(label: literal(node))]
        default:
            return inlines(children: node, style: style, depth: depth)
        }
    }

    private mutating func text(_ s: String, style: InlineStyle) -> [Inline] {
        var out: [Inline] = []
        for piece in tags.pieces(s) {
            switch piece {
            case .text(let t):
                out.append(.text(Sanitizer.clean(t), style))
            case .item(let i):
                if case .reference(let target, let shown) = tags.items[i].meaning {
                    out.append(.reference(index: references.count, text: Sanitizer.clean(shown)))
                    references.append(Reference(kind: .path, target: target, text: Sanitizer.clean(shown), explicit: true))
                }
            }
        }
        return out
    }

    private mutating func link(_ node: OpaquePointer, depth: Int) -> [Inline] {
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let inner = inlines(children: node, style: [], depth: depth)
        let shown = plain(inner).trimmingCharacters(in: .whitespaces)
        if let ref = tags.reference(inAddress: url) {
            // The tag's own words are the post's raw text: cleaned like every other.
            let text = shown.isEmpty ? Sanitizer.clean(ref.shown) : shown
            defer { references.append(Reference(kind: .path, target: ref.target, text: text, explicit: true)) }
            return [.reference(index: references.count, text: text)]
        }
        let address = Sanitizer.clean(tags.strip(url)).trimmingCharacters(in: .whitespaces)
        guard InlineBuilder.isFollowable(address) else { return inner }
        let text = shown.isEmpty ? address : shown
        defer { references.append(Reference(kind: .url, target: address, text: text, explicit: false)) }
        return [.reference(index: references.count, text: text)]
    }

    // MARK: - Helpers

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private func plain(_ inlines: [Inline]) -> String { inlines.plainText }

    /// Joins neighbouring text of the same style and collapses doubled spaces.
    private func merged(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        for inl in inlines {
            if case .text(let s, let style) = inl {
                if s.isEmpty { continue }
                if case .text(let prev, let prevStyle)? = out.last, prevStyle == style {
                    out[out.count - 1] = .text(prev + s, style)
                    continue
                }
            }
            out.append(inl)
        }
        return out
    }

    /// Without spaces at the start, the end and around line breaks.
    private func trimmed(_ inlines: [Inline]) -> [Inline] {
        var lines: [[Inline]] = [[]]
        for inl in inlines {
            if inl == .lineBreak { lines.append([]) } else { lines[lines.count - 1].append(inl) }
        }
        lines = lines.map(trimLine)
        while lines.count > 1, lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        var out: [Inline] = []
        for (n, line) in lines.enumerated() {
            if n > 0 { out.append(.lineBreak) }
            out += line
        }
        return out
    }

    private func trimLine(_ line: [Inline]) -> [Inline] {
        var out = line
        while case .text(let s, let style)? = out.first {
            let t = String(s.drop { $0 == " " })
            if t.isEmpty { out.removeFirst() } else { out[0] = .text(t, style); break }
        }
        while case .text(let s, let style)? = out.last {
            var t = s
            while t.hasSuffix(" ") { t.removeLast() }
            if t.isEmpty { out.removeLast() } else { out[out.count - 1] = .text(t, style); break }
        }
        return out
    }
}
