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
            }
        }
        while case .rule? = out.first { out.removeFirst() }
        while case .rule? = out.last { out.removeLast() }
        return out
    }

    func inlines(_ pieces: [HPiece], references: inout [Reference]) -> [Inline] {
        var out: [Inline] = []
        /// Whether the text so far ends in a space (or at a line start), so a leading space is dropped.
        var atSpace = true
        func addText(_ raw: String, _ style: InlineStyle) {
            var s = collapse(raw)
            if atSpace, s.hasPrefix(" ") { s.removeFirst() }
            guard !s.isEmpty else { return }
            atSpace = s.hasSuffix(" ")
            if case .text(let prev, let prevStyle)? = out.last, prevStyle == style {
                out[out.count - 1] = .text(prev + s, style)
            } else {
                out.append(.text(s, style))
            }
        }
        for piece in pieces {
            switch piece {
            case .text(let s, let style):
                addText(s, style)
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
                let shown = collapse(text).trimmingCharacters(in: .whitespaces)
                guard !shown.isEmpty else { continue }
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
