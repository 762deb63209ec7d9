import CGumbo
import CLibXML2
import Foundation
import QuireModel

/// Walks the HTML5 tree gumbo builds into `HBlock`s: structure only, no footnotes or link numbering.
///
/// Gumbo builds the tree a browser builds (misnested tags, implied end tags, content after
/// `</html>`), so the blocks and links kept are the ones a browser shows.
struct HTMLWalker {
    /// Classic WordPress content has no `<p>`: blank lines separate paragraphs, newlines break lines.
    var paragraphsFromNewlines = false

    var finished: [[HBlock]] = [[]]
    var inlines: [HPiece] = []
    var style: InlineStyle = []
    /// Set inside `<a href>`: the link's text is gathered here.
    var linkText: String?
    /// Inside a table cell block elements only add a space, so that a cell stays one piece of text.
    var inlineOnly = 0
    /// Elements being walked; past `maxDepth` the rest of a subtree is read as text.
    var depth = 0
    /// Blockquotes being walked, where a `<cite>` on its own names the author.
    var quotes = 0

    /// Deeper than this, elements add their text only: the walk recurses once per element.
    static let maxDepth = 400

    init(paragraphsFromNewlines: Bool = false) { self.paragraphsFromNewlines = paragraphsFromNewlines }

    /// Sets up libxml2's global state once, on this thread, before the XML readers run on several threads.
    static func prepareForThreads() { _ = libxml2Ready }
    private static let libxml2Ready: Void = { xmlInitParser() }()

    /// Parses `html` as a browser does (HTML5 tree construction, by gumbo) and walks it.
    /// `tags` is the count of `MarkupBudget.htmlElements`, when the caller has it already.
    static func blocks(fromHTML html: String, paragraphsFromNewlines: Bool = false, tags: Int? = nil) -> [HBlock] {
        guard !html.isEmpty else { return [] }
        var walker = HTMLWalker(paragraphsFromNewlines: paragraphsFromNewlines)
        var input = HTMLNesting.limited(html, tags: tags ?? MarkupBudget.htmlElements(html))
        var options = kGumboDefaultOptions
        // Gumbo keeps a copy of the open elements with each parse error it records: kept,
        // they make deep input quadratic, and nothing here reads them.
        options.max_errors = 0
        input.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                GumboArena.parse(chars, options: options) { output in
                    if let root = output.pointee.root { walker.walkChildren(root) }
                }
            }
        }
        walker.flush()
        return walker.finished[0]
    }

    // MARK: - Walking

    mutating func walkChildren(_ node: GumboTree.Node) {
        guard depth < Self.maxDepth else { addText(Self.flatText(node)); return }
        depth += 1
        defer { depth -= 1 }
        for raw in GumboTree.children(node) { walk(GumboTree.node(raw)) }
    }

    mutating func walk(_ node: GumboTree.Node) {
        if GumboTree.isText(node) {
            addText(GumboTree.text(node))
        } else if GumboTree.isElement(node) {
            element(node)
        }
    }

    private mutating func element(_ node: GumboTree.Node) {
        let kind = GumboTree.kind(node)
        if let id = GumboTree.attribute(node, "id") ?? (kind == .anchor ? GumboTree.attribute(node, "name") : nil),
           !id.isEmpty, !Self.structural.contains(kind) {
            inlines.append(.anchor(id))
        }
        switch kind {
        case .skip:
            return
        case .inline, .tableSection, .row, .cell:
            walkChildren(node)
        case .caption, .figcaption:
            // Outside their table or figure: a block of their own.
            blockElement(node)
        case .br:
            if inlineOnly > 0 { addText(" ") } else if linkText == nil { inlines.append(.lineBreak) }
        case .img:
            imageElement(node)
        case .anchor:
            anchorElement(node)
        case .emphasis:
            styled(node, .emphasis)
        case .cite:
            citeElement(node)
        case .strong:
            styled(node, .strong)
        case .code:
            styled(node, .code)
        case .sup:
            supElement(node)
        case .hr:
            if inlineOnly > 0 { return }
            flush(); append(.rule)
        case .pre:
            if inlineOnly > 0 { walkChildren(node); return }
            flush()
            var text = Self.preText(node)
            if text.hasPrefix("\n") { text.removeFirst() }
            while text.hasSuffix("\n") || text.hasSuffix(" ") { text.removeLast() }
            if !text.isEmpty { append(.code(text)) }
        case .heading:
            if inlineOnly > 0 { walkChildren(node); return }
            flush()
            if let id = GumboTree.attribute(node, "id"), !id.isEmpty { inlines.append(.anchor(id)) }
            walkChildren(node)
            let pieces = inlines
            inlines = []
            append(.heading(GumboTree.headingLevel(node), pieces))
        case .blockquote:
            if inlineOnly > 0 { walkChildren(node); return }
            let inner = nested { walker in
                walker.quotes += 1
                walker.walkChildren(node)
                walker.quotes -= 1
            }
            if !inner.isEmpty { append(.quote(inner)) }
        case .list:
            if inlineOnly > 0 { walkChildren(node); return }
            listElement(node)
        case .listItem:
            // An `li` outside a list: a block of its own.
            blockElement(node)
        case .table:
            if inlineOnly > 0 { walkChildren(node); return }
            tableElement(node)
        case .dl, .block:
            blockElement(node)
        case .dt:
            if inlineOnly > 0 { blockElement(node); return }
            flush()
            walkChildren(node)
            let pieces = inlines
            inlines = []
            if pieces.contains(where: { !$0.isBlankText }) { append(.term(pieces)) }
        case .dd:
            if inlineOnly > 0 { blockElement(node); return }
            let inner = nested { $0.walkChildren(node) }
            if !inner.isEmpty { append(.definition(inner)) }
        case .figure:
            if inlineOnly > 0 { walkChildren(node); return }
            figureElement(node)
        case .iframe, .video, .audio, .embed, .object:
            mediaElement(node, kind: kind)
        }
    }

    /// A paragraph-like element: what it holds is a paragraph of its own.
    mutating func blockElement(_ node: GumboTree.Node) {
        if inlineOnly > 0 { addText(" "); walkChildren(node); addText(" "); return }
        flush()
        if let id = GumboTree.attribute(node, "id"), !id.isEmpty { inlines.append(.anchor(id)) }
        walkChildren(node)
        flush()
    }

    /// Walks into a list of blocks of its own (a quote's, an item's) and returns them.
    mutating func nested(_ body: (inout HTMLWalker) -> Void) -> [HBlock] {
        flush()
        finished.append([])
        body(&self)
        flush()
        return finished.removeLast()
    }

    private mutating func styled(_ node: GumboTree.Node, _ extra: InlineStyle) {
        let saved = style
        style.formUnion(extra)
        walkChildren(node)
        style = saved
    }

    private mutating func supElement(_ node: GumboTree.Node) {
        if let fn = GumboTree.attribute(node, "data-fn"), !fn.isEmpty {
            inlines.append(.marker(fn))
            return
        }
        guard linkText == nil, !Self.containsLink(node) else { walkChildren(node); return }
        let trimmed = Self.preText(node).trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty && trimmed.count <= 4 {
            inlines.append(.sup(trimmed))
        } else {
            walkChildren(node)
        }
    }

    // MARK: - Collecting

    mutating func addText(_ s: String) {
        guard !s.isEmpty else { return }
        if linkText != nil {
            linkText! += s
            return
        }
        // A byte scan: Foundation's substring search here took half the walk's time.
        if paragraphsFromNewlines && inlineOnly == 0 && s.utf8.contains(UInt8(ascii: "\n")) {
            var newlines = 0
            var run = ""
            for ch in s {
                if ch == "\n" || ch == "\r\n" {
                    newlines += 1
                } else if ch.isWhitespace && newlines > 0 {
                    continue
                } else {
                    if newlines > 0 { emitNewlines(newlines, before: &run) ; newlines = 0 }
                    run.append(ch)
                }
            }
            if newlines > 0 { emitNewlines(newlines, before: &run) } else if !run.isEmpty { inlines.append(.text(run, style)) }
            return
        }
        inlines.append(.text(s, style))
    }

    private mutating func emitNewlines(_ count: Int, before run: inout String) {
        if !run.isEmpty { inlines.append(.text(run, style)); run = "" }
        if count >= 2 { flush() } else { inlines.append(.lineBreak) }
    }

    /// Ends the current paragraph, splitting it where `<br><br>` made paragraphs and where an
    /// image stands alone.
    mutating func flush() {
        guard !inlines.isEmpty else { return }
        let pieces = inlines
        inlines = []
        for part in splitOnDoubleBreaks(pieces) where part.contains(where: { !$0.isBlankText && $0 != .lineBreak }) {
            for block in Self.separatingImages(part) { append(block) }
        }
    }

    mutating func append(_ block: HBlock) {
        finished[finished.count - 1].append(block)
    }

    // MARK: - Tree helpers

    /// Elements that start blocks: their `id` belongs to the block, not to the text before it.
    static let structural: Set<HTMLKind> = [
        .block, .heading, .pre, .blockquote, .list, .listItem, .table, .tableSection, .row, .cell, .caption,
        .hr, .dl, .dt, .dd, .figure, .figcaption,
    ]

    static func containsLink(_ node: GumboTree.Node) -> Bool {
        var found = false
        GumboTree.descendants(of: node) { child in
            if !found, GumboTree.isElement(child), GumboTree.kind(child) == .anchor, GumboTree.attribute(child, "href") != nil {
                found = true
            }
            return !found
        }
        return found
    }

    /// Text as written, for `<pre>`: `<br>` becomes a newline, scripts are left out.
    static func preText(_ node: GumboTree.Node) -> String {
        var text = ""
        GumboTree.descendants(of: node) { child in
            if GumboTree.isText(child) { text += GumboTree.text(child); return false }
            guard GumboTree.isElement(child) else { return false }
            switch GumboTree.kind(child) {
            case .br: text += "\n"; return false
            case .skip: return false
            default: return true
            }
        }
        return text
    }

    /// The text below a node, words kept apart where elements meet: what is left of a subtree
    /// nested too deep to walk.
    static func flatText(_ node: GumboTree.Node) -> String {
        var text = ""
        GumboTree.descendants(of: node) { child in
            if GumboTree.isText(child) { text += GumboTree.text(child); return false }
            guard GumboTree.isElement(child), GumboTree.kind(child) != .skip else { return false }
            if GumboTree.kind(child) != .inline { text += " " }
            return true
        }
        return text
    }
}
