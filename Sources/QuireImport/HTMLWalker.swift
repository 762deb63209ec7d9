import CLibXML2
import Foundation
import QuireModel

/// Walks a libxml2 HTML tree into `HBlock`s: structure only, no footnotes or link numbering.
struct HTMLWalker {
    /// Classic WordPress content has no `<p>`: blank lines separate paragraphs, newlines break lines.
    var paragraphsFromNewlines = false

    private var finished: [[HBlock]] = [[]]
    private var inlines: [HPiece] = []
    private var style: InlineStyle = []
    /// Set inside `<a href>`: the link's text is gathered here.
    private var linkText: String?
    /// Inside a table cell block elements only add a space, so that a row stays one line.
    private var inlineOnly = 0

    init(paragraphsFromNewlines: Bool = false) { self.paragraphsFromNewlines = paragraphsFromNewlines }

    /// Sets up libxml2's global state once, on this thread, before parsers run on several threads.
    static func prepareForThreads() { _ = libxml2Ready }
    private static let libxml2Ready: Void = { xmlInitParser() }()

    /// Parses `html` with libxml2's forgiving HTML parser and walks it.
    static func blocks(fromHTML html: String, paragraphsFromNewlines: Bool = false) -> [HBlock] {
        var walker = HTMLWalker(paragraphsFromNewlines: paragraphsFromNewlines)
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return [] }
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlReadMemory($0, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return [] }
        defer { xmlFreeDoc(doc) }
        if let root = xmlDocGetRootElement(doc) { walker.walk(root) }
        walker.flush()
        return walker.finished[0]
    }

    // MARK: - Walking

    private mutating func walkChildren(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let c = child {
            walk(c)
            child = c.pointee.next
        }
    }

    private mutating func walk(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            addText(HTMLWalker.content(node))
        case XML_ELEMENT_NODE:
            element(node)
        default:
            break
        }
    }

    private mutating func element(_ node: xmlNodePtr) {
        let name = HTMLWalker.name(node)
        if let id = HTMLWalker.attribute(node, "id") ?? (name == "a" ? HTMLWalker.attribute(node, "name") : nil),
           !id.isEmpty, !HTMLWalker.structuralNames.contains(name) {
            inlines.append(.anchor(id))
        }
        switch name {
        case "script", "style", "iframe", "noscript", "object", "embed", "head", "title", "meta",
             "link", "form", "input", "button", "select", "textarea", "svg", "canvas", "template",
             "audio", "video", "map", "area", "frame", "frameset", "applet", "param", "source", "track":
            return
        case "br":
            if inlineOnly > 0 { addText(" ") } else if linkText == nil { inlines.append(.lineBreak) }
        case "img":
            let alt = (HTMLWalker.attribute(node, "alt") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            addText(alt.isEmpty ? "[image]" : "[image: \(alt)]")
        case "a":
            anchorElement(node)
        case "em", "i", "cite", "dfn", "var", "u":
            styled(node, .emphasis)
        case "strong", "b":
            styled(node, .strong)
        case "code", "tt", "kbd", "samp":
            styled(node, .code)
        case "sup":
            supElement(node)
        case "hr":
            if inlineOnly > 0 { return }
            flush(); append(.rule)
        case "pre":
            if inlineOnly > 0 { walkChildren(node); return }
            flush()
            var text = ""
            HTMLWalker.preText(node, into: &text)
            if text.hasPrefix("\n") { text.removeFirst() }
            while text.hasSuffix("\n") || text.hasSuffix(" ") { text.removeLast() }
            if !text.isEmpty { append(.code(text)) }
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if inlineOnly > 0 { walkChildren(node); return }
            flush()
            if let id = HTMLWalker.attribute(node, "id"), !id.isEmpty { inlines.append(.anchor(id)) }
            walkChildren(node)
            let pieces = inlines
            inlines = []
            let level = Int(String(name.dropFirst())) ?? 1
            append(.heading(level, pieces))
        case "blockquote":
            if inlineOnly > 0 { walkChildren(node); return }
            flush()
            finished.append([])
            walkChildren(node)
            flush()
            let inner = finished.removeLast()
            if !inner.isEmpty { append(.quote(inner)) }
        case "ul", "ol":
            if inlineOnly > 0 { walkChildren(node); return }
            listElement(node, ordered: name == "ol")
        case "table":
            if inlineOnly > 0 { walkChildren(node); return }
            tableElement(node)
        default:
            if HTMLWalker.blockNames.contains(name) {
                if inlineOnly > 0 { addText(" "); walkChildren(node); addText(" "); return }
                flush()
                if let id = HTMLWalker.attribute(node, "id"), !id.isEmpty { inlines.append(.anchor(id)) }
                walkChildren(node)
                flush()
            } else {
                walkChildren(node)
            }
        }
    }

    private mutating func styled(_ node: xmlNodePtr, _ extra: InlineStyle) {
        let saved = style
        style.formUnion(extra)
        walkChildren(node)
        style = saved
    }

    private mutating func anchorElement(_ node: xmlNodePtr) {
        let href = (HTMLWalker.attribute(node, "href") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard linkText == nil, !href.isEmpty else { walkChildren(node); return }
        linkText = ""
        walkChildren(node)
        let text = linkText ?? ""
        linkText = nil
        inlines.append(.link(href: href, text: text))
    }

    private mutating func supElement(_ node: xmlNodePtr) {
        if let fn = HTMLWalker.attribute(node, "data-fn"), !fn.isEmpty {
            inlines.append(.marker(fn))
            return
        }
        guard linkText == nil, !HTMLWalker.containsLink(node) else { walkChildren(node); return }
        var text = ""
        HTMLWalker.preText(node, into: &text)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty && trimmed.count <= 4 {
            inlines.append(.sup(trimmed))
        } else {
            walkChildren(node)
        }
    }

    private mutating func listElement(_ node: xmlNodePtr, ordered: Bool) {
        flush()
        var items: [[HBlock]] = []
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            if c.pointee.type == XML_ELEMENT_NODE, HTMLWalker.name(c) == "li" {
                finished.append([])
                if let id = HTMLWalker.attribute(c, "id"), !id.isEmpty { inlines.append(.anchor(id)) }
                walkChildren(c)
                flush()
                items.append(finished.removeLast())
            } else if c.pointee.type == XML_ELEMENT_NODE {
                // Lists nested without an `li`, or stray elements: keep them in the last item.
                finished.append(items.popLast() ?? [])
                walk(c)
                flush()
                items.append(finished.removeLast())
            } else if c.pointee.type == XML_TEXT_NODE {
                let s = HTMLWalker.content(c)
                if !s.allSatisfy(\.isWhitespace) {
                    finished.append(items.popLast() ?? [])
                    addText(s)
                    flush()
                    items.append(finished.removeLast())
                }
            }
        }
        items = items.filter { !$0.isEmpty }
        if !items.isEmpty { append(.list(ordered: ordered, items: items)) }
    }

    private mutating func tableElement(_ node: xmlNodePtr) {
        flush()
        for row in HTMLWalker.rows(of: node) {
            inlineOnly += 1
            var first = true
            for cell in row {
                let before = inlines.count
                if !first { addText(" | ") }
                walkChildren(cell)
                // A cell with nothing readable adds no separator.
                if HPiece.plainText(Array(inlines[before...])).trimmingCharacters(in: CharacterSet(charactersIn: " |\n\t\u{A0}")).isEmpty {
                    inlines.removeSubrange(before...)
                } else {
                    first = false
                }
            }
            inlineOnly -= 1
            flush()
        }
    }

    // MARK: - Collecting

    private mutating func addText(_ s: String) {
        guard !s.isEmpty else { return }
        if linkText != nil {
            linkText! += s
            return
        }
        if paragraphsFromNewlines && inlineOnly == 0 && s.contains("\n") {
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

    /// Ends the current paragraph, splitting it where `<br><br>` made paragraphs.
    private mutating func flush() {
        guard !inlines.isEmpty else { return }
        let pieces = inlines
        inlines = []
        for part in splitOnDoubleBreaks(pieces) where part.contains(where: { !$0.isBlankText && $0 != .lineBreak }) {
            append(.paragraph(part))
        }
    }

    private mutating func append(_ block: HBlock) {
        finished[finished.count - 1].append(block)
    }

    // MARK: - libxml2 helpers

    static let blockNames: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "center",
        "figure", "figcaption", "address", "dl", "dt", "dd", "li", "body", "html", "details",
        "summary", "fieldset", "legend", "caption", "tr", "td", "th", "thead", "tbody", "tfoot",
    ]

    /// Elements that start blocks: their `id` belongs to the block, not to the text before it.
    static let structuralNames: Set<String> = blockNames.union([
        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol", "table", "hr",
    ])

    static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    static func content(_ node: xmlNodePtr) -> String {
        guard let c = node.pointee.content else { return "" }
        return String(cString: c)
    }

    /// An attribute's value, read from the node's own list (no allocation to free).
    static func attribute(_ node: xmlNodePtr, _ wanted: String) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, String(cString: n).lowercased() == wanted {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let t = c.pointee.content { value += String(cString: t) }
                    child = c.pointee.next
                }
                return value
            }
            attr = a.pointee.next
        }
        return nil
    }

    static func containsLink(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                if name(c) == "a", attribute(c, "href") != nil { return true }
                if containsLink(c) { return true }
            }
            child = c.pointee.next
        }
        return false
    }

    /// Text as written, for `<pre>`: `<br>` becomes a newline, scripts are left out.
    static func preText(_ node: xmlNodePtr, into text: inout String) {
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += content(c)
            case XML_ELEMENT_NODE:
                let n = name(c)
                if n == "br" { text += "\n" } else if n != "script" && n != "style" { preText(c, into: &text) }
            default: break
            }
            child = c.pointee.next
        }
    }

    /// The cells of each row of a table, through `thead`, `tbody` and `tfoot`.
    static func rows(of table: xmlNodePtr) -> [[xmlNodePtr]] {
        var rows: [[xmlNodePtr]] = []
        func visit(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE {
                    switch name(c) {
                    case "tr":
                        var cells: [xmlNodePtr] = []
                        var cell = c.pointee.children
                        while let d = cell {
                            if d.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(name(d)) { cells.append(d) }
                            cell = d.pointee.next
                        }
                        rows.append(cells)
                    case "thead", "tbody", "tfoot": visit(c)
                    default: break
                    }
                }
                child = c.pointee.next
            }
        }
        visit(table)
        return rows
    }
}
