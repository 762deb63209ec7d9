import CGumbo
import Foundation

/// What the walker does with an element, looked up once per tag from gumbo's tag numbers.
enum HTMLKind: UInt8 {
    /// Left out with everything inside: scripts, forms, metadata.
    case skip
    /// Inline: its text joins the paragraph (also unknown elements).
    case inline
    /// Starts and ends a paragraph (`p`, `div`, `section`…).
    case block
    case br, img, anchor, emphasis, strong, code, sup, hr, pre, heading, blockquote, list, listItem
    case table, tableSection, row, cell, caption, dl, dt, dd, figure, figcaption, cite
    case iframe, video, audio, embed, object
}

/// Read-only access to gumbo's tree, without copying names or attributes.
enum GumboTree {
    typealias Node = UnsafeMutablePointer<GumboNode>

    /// The kind of each `GumboTag`, by its raw value.
    static let kinds: [HTMLKind] = {
        var byName: [String: HTMLKind] = [
            "br": .br, "img": .img, "a": .anchor, "sup": .sup, "hr": .hr, "pre": .pre, "listing": .pre,
            "blockquote": .blockquote, "ul": .list, "ol": .list, "li": .listItem, "table": .table,
            "thead": .tableSection, "tbody": .tableSection, "tfoot": .tableSection, "tr": .row, "td": .cell,
            "th": .cell, "caption": .caption, "dl": .dl, "dt": .dt, "dd": .dd, "figure": .figure,
            "figcaption": .figcaption, "cite": .cite, "iframe": .iframe, "video": .video, "audio": .audio,
            "embed": .embed, "object": .object,
        ]
        for name in ["script", "style", "noscript", "head", "title", "meta", "link", "form", "input", "button",
                     "select", "textarea", "svg", "canvas", "template", "map", "area", "frame", "frameset",
                     "applet", "param", "source", "track", "base", "datalist", "option", "optgroup", "noembed",
                     "noframes", "colgroup", "col", "menuitem", "keygen", "output", "progress", "meter"] {
            byName[name] = .skip
        }
        for name in ["em", "i", "dfn", "var", "u"] { byName[name] = .emphasis }
        for name in ["strong", "b"] { byName[name] = .strong }
        for name in ["code", "tt", "kbd", "samp"] { byName[name] = .code }
        for name in ["h1", "h2", "h3", "h4", "h5", "h6"] { byName[name] = .heading }
        for name in ["p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "center",
                     "address", "body", "html", "details", "summary", "fieldset", "legend", "hgroup", "menu", "dir"] {
            byName[name] = .block
        }
        let last = Int(GUMBO_TAG_LAST.rawValue)
        return (0...last).map { raw in
            guard let name = gumbo_normalized_tagname(GumboTag(rawValue: UInt32(raw))) else { return .inline }
            return byName[String(cString: name)] ?? .inline
        }
    }()

    static func kind(_ node: Node) -> HTMLKind {
        let raw = Int(node.pointee.v.element.tag.rawValue)
        return raw < kinds.count ? kinds[raw] : .inline
    }

    static func isElement(_ node: Node) -> Bool { node.pointee.type == GUMBO_NODE_ELEMENT }

    static func isText(_ node: Node) -> Bool {
        let t = node.pointee.type
        return t == GUMBO_NODE_TEXT || t == GUMBO_NODE_WHITESPACE || t == GUMBO_NODE_CDATA
    }

    static func text(_ node: Node) -> String {
        guard let t = node.pointee.v.text.text else { return "" }
        return String(cString: t)
    }

    /// The tag's name as gumbo spells it (lowercase), for the few places that need more than its kind.
    static func tagName(_ node: Node) -> String {
        guard let n = gumbo_normalized_tagname(node.pointee.v.element.tag) else { return "" }
        return String(cString: n)
    }

    /// The heading level of `h1`…`h6`.
    static func headingLevel(_ node: Node) -> Int {
        switch node.pointee.v.element.tag {
        case GUMBO_TAG_H1: return 1
        case GUMBO_TAG_H2: return 2
        case GUMBO_TAG_H3: return 3
        case GUMBO_TAG_H4: return 4
        case GUMBO_TAG_H5: return 5
        default: return 6
        }
    }

    static func isTag(_ node: Node, _ tag: GumboTag) -> Bool {
        isElement(node) && node.pointee.v.element.tag == tag
    }

    /// The children of an element or of the document.
    static func children(_ node: Node) -> UnsafeBufferPointer<UnsafeMutableRawPointer?> {
        let vector = node.pointee.type == GUMBO_NODE_DOCUMENT ? node.pointee.v.document.children
            : node.pointee.v.element.children
        guard let data = vector.data, vector.length > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: data, count: Int(vector.length))
    }

    @inline(__always) static func node(_ raw: UnsafeMutableRawPointer?) -> Node {
        raw!.assumingMemoryBound(to: GumboNode.self)
    }

    /// An attribute's value (entities already decoded by gumbo), or nil.
    static func attribute(_ node: Node, _ wanted: StaticString) -> String? {
        let attributes = node.pointee.v.element.attributes
        guard let data = attributes.data else { return nil }
        let want = UnsafeRawPointer(wanted.utf8Start).assumingMemoryBound(to: CChar.self)
        let length = wanted.utf8CodeUnitCount
        for k in 0..<Int(attributes.length) {
            let a = data[k]!.assumingMemoryBound(to: GumboAttribute.self)
            guard let name = a.pointee.name, strncmp(name, want, length) == 0, name[length] == 0 else { continue }
            return a.pointee.value.map { String(cString: $0) } ?? ""
        }
        return nil
    }

    /// Calls `visit` for every node below `root`, in document order, without recursion;
    /// `visit` returns false to leave a node's children out.
    static func descendants(of root: Node, _ visit: (Node) -> Bool) {
        var stack: [(Node, Int)] = [(root, 0)]
        while let (node, index) = stack.last {
            let kids = children(node)
            if index >= kids.count { stack.removeLast(); continue }
            stack[stack.count - 1].1 = index + 1
            let child = self.node(kids[index])
            if visit(child), isElement(child) { stack.append((child, 0)) }
        }
    }
}
