import Foundation
import QuireModel

/// Turns `HBlock`s into model blocks: whitespace collapsed, text sanitised, links numbered.
struct InlineBuilder {
    var linksAsText: Bool
    /// The label a marker id stands for; nil drops the marker (its note is unknown).
    var markerLabel: (String) -> String? = { $0 }

    init(linksAsText: Bool) { self.linksAsText = linksAsText }

    func blocks(_ blocks: [HBlock], references: inout [Reference]) -> [Block] {
        var out: [Block] = []
        for block in blocks {
            switch block {
            case .paragraph(let pieces):
                let inl = inlines(pieces, references: &references)
                if !inl.isEmpty { out.append(.paragraph(inl)) }
            case .heading(let level, let pieces):
                let inl = inlines(pieces, references: &references)
                if !inl.isEmpty { out.append(.heading(level: min(max(level, 1), 6), inl)) }
            case .quote(let inner):
                let b = self.blocks(inner, references: &references)
                if !b.isEmpty { out.append(.quote(b)) }
            case .list(let ordered, let items):
                let converted = items.map { self.blocks($0, references: &references) }.filter { !$0.isEmpty }
                if !converted.isEmpty { out.append(.list(ordered: ordered, items: converted)) }
            case .code(let text):
                let cleaned = Sanitizer.clean(text.replacingOccurrences(of: "\t", with: "    "), keepNewlines: true)
                if !cleaned.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append(.code(cleaned)) }
            case .rule:
                if case .rule? = out.last { continue }
                out.append(.rule)
            case .numberedList(let numbers, let items):
                var kept: [[Block]] = [], keptNumbers: [Int] = []
                for (item, n) in zip(items, numbers) {
                    let b = self.blocks(item, references: &references)
                    if !b.isEmpty { kept.append(b); keptNumbers.append(n) }
                }
                if !kept.isEmpty { out.append(.numberedList(numbers: keptNumbers, items: kept)) }
            case .table(let rows, let headerRows):
                let converted = rows.map { $0.map { inlines($0, references: &references) } }
                if converted.contains(where: { $0.contains { !$0.isEmpty } }) {
                    out.append(.table(rows: converted, headerRows: headerRows))
                }
            case .media(let kind, let url, let title, let linked):
                out.append(media(kind: kind, url: url, title: title, linked: linked, references: &references))
            case .figure(let inner, let caption):
                let b = self.blocks([inner], references: &references)
                let c = inlines(caption, references: &references)
                if b.count == 1 {
                    out.append(c.isEmpty ? b[0] : .figure(b[0], caption: c))
                } else {
                    out += b
                    if !c.isEmpty { out.append(.paragraph(c)) }
                }
            case .term(let pieces):
                let inl = inlines(pieces, references: &references)
                if !inl.isEmpty { out.append(.term(inl)) }
            case .definition(let inner):
                let b = self.blocks(inner, references: &references)
                if !b.isEmpty { out.append(.definition(b)) }
            }
        }
        while case .rule? = out.first { out.removeFirst() }
        while case .rule? = out.last { out.removeLast() }
        return out
    }

    /// A media block; with `linked`, its address is also a reference, so the reader can follow it.
    private func media(kind: MediaKind, url: String, title: String?, linked: Bool, references: inout [Reference]) -> Block {
        let url = Sanitizer.clean(url).trimmingCharacters(in: .whitespaces)
        let title = title.map { collapse($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if linked, !linksAsText, InlineBuilder.isFollowable(url) {
            let text = Block.mediaPlaceholder(kind: kind, url: url, title: title)
            references.append(Reference(kind: .url, target: url, text: text, explicit: false))
        }
        return .media(kind: kind, url: url, title: title)
    }

    func inlines(_ pieces: [HPiece], references: inout [Reference]) -> [Inline] {
        var out: [Inline] = []
        /// Whether the text so far ends in a space (or at a line start), so a leading space is dropped.
        var atSpace = true
        /// Whether the last thing added was a link, so that the next one is kept apart from it.
        var afterLink = false
        func addText(_ raw: String, _ style: InlineStyle) {
            var s = style.contains(.code) ? Self.collapseKeepingTabs(raw) : collapse(raw)
            if atSpace, s.hasPrefix(" ") { s.removeFirst() }
            guard !s.isEmpty else { return }
            atSpace = s.hasSuffix(" ")
            if case .text(let prev, let prevStyle)? = out.last, prevStyle == style {
                out[out.count - 1] = .text(prev + s, style)
            } else {
                out.append(.text(s, style))
            }
        }
        func addLink(_ href: String, _ text: String) {
            let shown = collapse(text).trimmingCharacters(in: .whitespaces)
            guard !shown.isEmpty else { return }
            // Two links written without a space between them read as one word otherwise.
            if afterLink, !atSpace { addText(" ", []) }
            if linksAsText || !InlineBuilder.isFollowable(href) {
                var t = shown
                if linksAsText, InlineBuilder.isFollowable(href), !href.hasPrefix("/"),
                   MatchKey.url(href) != MatchKey.url(shown) {
                    t += " <\(Sanitizer.clean(href))>"
                }
                addText(t, [])
            } else {
                out.append(.reference(index: references.count, text: shown))
                references.append(Reference(kind: .url, target: Sanitizer.clean(href), text: shown, explicit: false))
                atSpace = false
            }
            afterLink = true
        }
        for piece in pieces {
            if case .anchor = piece { continue }
            let wasAfterLink = afterLink
            afterLink = false
            switch piece {
            case .text(let s, let style):
                addText(s, style)
                // Only white space between two links keeps them apart as well.
                if s.allSatisfy({ $0.isWhitespace }) { afterLink = wasAfterLink }
            case .image(let title, _, let href, _):
                if let href { afterLink = wasAfterLink; addLink(href, HPiece.imagePlaceholder(title)) } else {
                    addText(HPiece.imagePlaceholder(title), [])
                }
            case .sup(let s):
                addText(s, [])
            case .lineBreak:
                trimTrailingSpace(&out)
                if !out.isEmpty { out.append(.lineBreak) }
                atSpace = true
            case .anchor:
                continue
            case .marker(let id):
                if let label = markerLabel(id) {
                    trimTrailingSpace(&out)
                    out.append(.footnoteMarker(label: label))
                    atSpace = false
                }
            case .link(let href, let text):
                afterLink = wasAfterLink
                addLink(href, text)
            }
        }
        trimTrailingSpace(&out)
        while out.first == .lineBreak { out.removeFirst() }
        while out.last == .lineBreak { out.removeLast(); trimTrailingSpace(&out) }
        // Collapse runs of line breaks left by removed pieces.
        var result: [Inline] = []
        for inl in out {
            if inl == .lineBreak, result.last == .lineBreak { continue }
            result.append(inl)
        }
        return result
    }

    private func trimTrailingSpace(_ out: inout [Inline]) {
        if case .text(let s, let style)? = out.last, s.hasSuffix(" ") {
            let t = String(s.dropLast())
            if t.isEmpty { out.removeLast() } else { out[out.count - 1] = .text(t, style) }
        }
    }

    /// Inline code: tabs are kept, as four spaces each (a terminal cannot be handed a tab);
    /// other white space is collapsed as elsewhere.
    static func collapseKeepingTabs(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\t")) else { return collapse(s) }
        return s.split(separator: "\t", omittingEmptySubsequences: false).map { collapse(String($0)) }
            .joined(separator: "    ")
    }

    /// Whitespace runs (newlines and no-break spaces included) become one space; controls go.
    private func collapse(_ s: String) -> String { Self.collapse(s) }

    /// Works on UTF-8: bytes are copied in runs, and only non-ASCII scalars are decoded.
    static func collapse(_ s: String) -> String {
        var cleaned = Sanitizer.clean(s)
        return cleaned.withUTF8 { u -> String in
            var out: [UInt8] = []
            out.reserveCapacity(u.count + 1)
            var space = false
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        space = true
                    } else {
                        if space { out.append(0x20); space = false }
                        out.append(b)
                    }
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
                var value = UInt32(b) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                for k in 1..<length { value = (value << 6) | (UInt32(u[i + k]) & 0x3F) }
                if isSpace(value) {
                    space = true
                } else {
                    if space { out.append(0x20); space = false }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<(i + length)]))
                }
                i += length
            }
            if space { out.append(0x20) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { isSpace(s.value) }

    /// White space as HTML and Unicode mean it, checked per scalar (much cheaper than `Character`).
    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
             0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Links a reader could follow: web addresses and paths, not `mailto:`, `javascript:` or `#`.
    static func isFollowable(_ href: String) -> Bool {
        let lower = href.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") { return true }
        if lower.hasPrefix("#") { return false }
        // Jekyll tags in raw HTML, resolved to the post they name (see `TemplateTags`).
        if lower.hasPrefix("post_url:") || lower.hasPrefix("link:") { return true }
        if let colon = lower.firstIndex(of: ":") {
            // A scheme before any slash: mailto:, javascript:, data:, tel:, ftp: ...
            if let slash = lower.firstIndex(of: "/"), slash < colon { return true }
            return false
        }
        return !lower.isEmpty
    }
}
