import CGumbo
import Foundation
import QuireModel

/// Links, link cards, images, embedded media and quotation authors.
extension HTMLWalker {
    mutating func anchorElement(_ node: GumboTree.Node) {
        let href = (GumboTree.attribute(node, "href") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard linkText == nil, !href.isEmpty else { walkChildren(node); return }
        if inlineOnly == 0, Self.holdsBlocks(node) {
            cardElement(node, href: href)
            return
        }
        if let image = Self.onlyImage(node) {
            inlines.append(.image(title: Self.imageTitle(image), src: Self.imageSource(image), href: href,
                                  block: Self.isDisplayBlock(image)))
            return
        }
        linkText = ""
        walkChildren(node)
        let text = linkText ?? ""
        linkText = nil
        inlines.append(.link(href: href, text: text))
    }

    /// A link around blocks (a "link card": image, heading, teaser): its blocks are kept as
    /// blocks, and the link is put once on a short label, its heading or its first words.
    private mutating func cardElement(_ node: GumboTree.Node, href: String) {
        var inner = nested { $0.walkChildren(node) }
        if let h = inner.firstIndex(where: { if case .heading = $0 { return true }; return false }),
           case .heading(let level, let pieces) = inner[h] {
            inner[h] = .heading(level, Self.anchors(pieces) + [.link(href: href, text: HPiece.plainText(pieces))])
        } else if let p = inner.firstIndex(where: { if case .paragraph = $0 { return true }; return false }),
                  case .paragraph(let pieces) = inner[p], !pieces.contains(where: Self.isImage) {
            inner[p] = .paragraph(Self.linkingFirstWords(pieces, href: href))
        } else if let m = inner.firstIndex(where: { if case .media(.image, _, _, false) = $0 { return true }; return false }),
                  case .media(_, _, let title, _) = inner[m] {
            inner[m] = .media(kind: .image, url: href, title: title, linked: true)
        } else {
            let words = Self.firstWords(inner.map(\.plainText).joined(separator: " "))
            inner.append(.paragraph([.link(href: href, text: words.isEmpty ? Block.shortAddress(href) : words)]))
        }
        for block in inner { append(block) }
    }

    /// A paragraph whose first words are the link: all of it when it is short.
    static func linkingFirstWords(_ pieces: [HPiece], href: String) -> [HPiece] {
        let text = HPiece.plainText(pieces).trimmingCharacters(in: .whitespacesAndNewlines)
        let label = firstWords(text)
        guard label.count < text.count else { return anchors(pieces) + [.link(href: href, text: text)] }
        // Drop the label's characters from the start of the text pieces.
        var toDrop = label.count
        var rest: [HPiece] = []
        for piece in pieces {
            guard toDrop > 0 else { rest.append(piece); continue }
            switch piece {
            case .text(let s, let style):
                let trimmed = rest.isEmpty ? Substring(s).drop(while: \.isWhitespace) : Substring(s)
                if trimmed.count <= toDrop { toDrop -= trimmed.count } else {
                    rest.append(.text(String(trimmed.dropFirst(toDrop)), style)); toDrop = 0
                }
            case .anchor: rest.append(piece)
            default: toDrop -= HPiece.plainText([piece]).count
            }
        }
        return [.link(href: href, text: label)] + rest
    }

    /// The start of a text, at most about six words and 40 characters, cut at a word's end.
    static func firstWords(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var out = ""
        for word in words.prefix(6) {
            if !out.isEmpty, out.count + 1 + word.count > 40 { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        if out.isEmpty, let first = words.first { out = String(first.prefix(40)) }
        return out
    }

    static func anchors(_ pieces: [HPiece]) -> [HPiece] { pieces.filter { if case .anchor = $0 { return true }; return false } }

    static func isImage(_ piece: HPiece) -> Bool { if case .image = piece { return true }; return false }

    /// Whether an element holds blocks a browser lays out apart (a heading, a paragraph, a list).
    static func holdsBlocks(_ node: GumboTree.Node) -> Bool {
        var found = false
        GumboTree.descendants(of: node) { child in
            guard !found, GumboTree.isElement(child) else { return false }
            switch GumboTree.kind(child) {
            case .block, .heading, .pre, .blockquote, .list, .listItem, .table, .dl, .figure, .hr:
                found = true
                return false
            case .skip: return false
            default: return true
            }
        }
        return found
    }

    /// The one image a link holds, when it holds nothing else readable.
    static func onlyImage(_ node: GumboTree.Node) -> GumboTree.Node? {
        var image: GumboTree.Node?
        var other = false
        GumboTree.descendants(of: node) { child in
            if GumboTree.isText(child) {
                if !GumboTree.text(child).allSatisfy(\.isWhitespace) { other = true }
                return false
            }
            guard GumboTree.isElement(child) else { return false }
            switch GumboTree.kind(child) {
            case .img:
                if image == nil { image = child } else { other = true }
                return false
            case .skip: return false
            default: return true
            }
        }
        return other ? nil : image
    }

    // MARK: Images

    mutating func imageElement(_ node: GumboTree.Node) {
        let title = Self.imageTitle(node)
        if linkText != nil {
            addText(HPiece.imagePlaceholder(title))
            return
        }
        inlines.append(.image(title: title, src: Self.imageSource(node), href: nil, block: Self.isDisplayBlock(node)))
    }

    /// The alt text, else the file name.
    static func imageTitle(_ node: GumboTree.Node) -> String {
        let alt = (GumboTree.attribute(node, "alt") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return alt.isEmpty ? HTMLMedia.fileName(imageSource(node)) : alt
    }

    static func imageSource(_ node: GumboTree.Node) -> String {
        for name in ["src", "data-src", "data-lazy-src"] {
            let value: String?
            switch name {
            case "src": value = GumboTree.attribute(node, "src")
            case "data-src": value = GumboTree.attribute(node, "data-src")
            default: value = GumboTree.attribute(node, "data-lazy-src")
            }
            if let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty, !v.hasPrefix("data:") { return v }
        }
        return ""
    }

    /// `style="display:block"`, which lays an image out on a line of its own.
    static func isDisplayBlock(_ node: GumboTree.Node) -> Bool {
        guard let style = GumboTree.attribute(node, "style")?.lowercased() else { return false }
        return style.replacingOccurrences(of: " ", with: "").contains("display:block")
    }

    /// A paragraph's pieces, with each image that stands alone (nothing else readable in the
    /// paragraph but images) or is `display:block` made a block of its own.
    static func separatingImages(_ pieces: [HPiece]) -> [HBlock] {
        guard pieces.contains(where: isImage) else { return [.paragraph(pieces)] }
        let alone = pieces.allSatisfy { piece in
            switch piece {
            case .image, .anchor, .lineBreak: return true
            default: return piece.isBlankText
            }
        }
        var out: [HBlock] = []
        var current: [HPiece] = []
        func finishParagraph() {
            if current.contains(where: { !$0.isBlankText && $0 != .lineBreak && !({ if case .anchor = $0 { return true }; return false }($0)) }) {
                out.append(.paragraph(current))
            } else if !current.isEmpty, case .paragraph(let last)? = out.last {
                out[out.count - 1] = .paragraph(last + anchors(current))
            }
            current = []
        }
        for piece in pieces {
            if case .image(let title, let src, let href, let block) = piece, alone || block {
                finishParagraph()
                out.append(.media(kind: .image, url: href ?? src, title: title.isEmpty ? nil : title, linked: href != nil))
            } else {
                current.append(piece)
            }
        }
        finishParagraph()
        return out
    }

    // MARK: Media

    /// `<iframe>`, `<video>`, `<audio>`, `<embed>`, `<object>`: a placeholder line whose
    /// address is a link, where the media can be seen.
    mutating func mediaElement(_ node: GumboTree.Node, kind element: HTMLKind) {
        var src = GumboTree.attribute(node, "src") ?? GumboTree.attribute(node, "data-src")
            ?? (element == .object ? GumboTree.attribute(node, "data") : nil) ?? ""
        src = src.trimmingCharacters(in: .whitespacesAndNewlines)
        var type = GumboTree.attribute(node, "type")
        if src.isEmpty {
            // `<video><source src>`, `<object><param name=movie value>`.
            GumboTree.descendants(of: node) { child in
                guard src.isEmpty, GumboTree.isElement(child) else { return false }
                switch GumboTree.tagName(child) {
                case "source":
                    src = (GumboTree.attribute(child, "src") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    if type == nil { type = GumboTree.attribute(child, "type") }
                case "param":
                    let name = (GumboTree.attribute(child, "name") ?? "").lowercased()
                    if name == "movie" || name == "src" {
                        src = (GumboTree.attribute(child, "value") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                case "embed":
                    src = (GumboTree.attribute(child, "src") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                default: break
                }
                return src.isEmpty
            }
        }
        let url = src.isEmpty ? "" : HTMLMedia.pageURL(src)
        let kind = HTMLMedia.kind(of: url, element: element, type: type)
        let followable = !url.isEmpty && InlineBuilder.isFollowable(url)
        if inlineOnly > 0 || linkText != nil {
            let text = Block.mediaPlaceholder(kind: kind, url: url, title: nil)
            if followable, linkText == nil { inlines.append(.link(href: url, text: text)) } else { addText(text) }
            return
        }
        flush()
        append(.media(kind: kind, url: url, title: nil, linked: followable))
    }

    // MARK: Quotation authors

    /// `<cite>` names a work, in italics, except where it stands alone at the end of a quote:
    /// then it names the quote's author, shown as `— Author`.
    mutating func citeElement(_ node: GumboTree.Node) {
        guard quotes > 0, inlineOnly == 0, linkText == nil, Self.isAttribution(node) else {
            let saved = style
            style.formUnion(.emphasis)
            walkChildren(node)
            style = saved
            return
        }
        // Dashes written before it are the author's own: one is shown.
        while case .text(let s, let st)? = inlines.last {
            let kept = String(s.reversed().drop(while: { $0.isWhitespace || "—–-~".contains($0) }).reversed())
            inlines.removeLast()
            if !kept.isEmpty { inlines.append(.text(kept, st)); break }
        }
        flush()
        addText("— ")
        walkChildren(node)
        flush()
    }

    /// Whether a `<cite>` holds the whole of its parent's text (but dashes), the parent being
    /// the quote itself, its footer or a paragraph of it.
    static func isAttribution(_ node: GumboTree.Node) -> Bool {
        guard let parent = node.pointee.parent, GumboTree.isElement(parent) else { return false }
        switch GumboTree.kind(parent) {
        case .blockquote, .block, .figcaption: break
        default: return false
        }
        for raw in GumboTree.children(parent) {
            let sibling = GumboTree.node(raw)
            if sibling == node { continue }
            if GumboTree.isText(sibling) {
                if !GumboTree.text(sibling).allSatisfy({ $0.isWhitespace || "—–-~".contains($0) }) { return false }
            } else if GumboTree.isElement(sibling), GumboTree.kind(parent) != .blockquote {
                if GumboTree.kind(sibling) != .br { return false }
            }
        }
        return true
    }
}
