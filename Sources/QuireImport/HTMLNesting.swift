/// Keeps the nesting of post HTML within what HTML5 tree construction does in linear time.
///
/// The HTML5 algorithm looks down the stack of open elements for most start tags, and rebuilds
/// every unclosed formatting element (`<b>`, `<font>`, `<a>`) at the start of each new block:
/// 20,000 unclosed `<div>`s took gumbo 11 s, and unclosed `<b id=n>`s, each new one kept apart
/// by its attributes, make a tree that grows with the square of the input. Browsers bound the
/// depth of the tree as well (Chrome at 512 levels). Here, past `maxDepth` open elements or
/// `maxFormatting` unclosed formatting elements, further start tags are left out, and so are
/// their end tags; the text between them stays.
///
/// The count follows the tokenizer closely enough to be safe, not exactly: elements whose end
/// tag is optional (`p`, `li`, `td`…) and void elements (`br`, `img`) never count, comments and
/// the contents of `script`, `style`, `textarea` and the like are skipped.
enum HTMLNesting {
    static let maxDepth = 256
    static let maxFormatting = 16

    /// `html` with the start tags past the limits (and their end tags) removed; `html` itself
    /// when nothing is over them, which is every post with fewer tags than `maxDepth`.
    static func limited(_ html: String, tags: Int) -> String {
        guard tags > maxDepth else { return html }
        var copy = html
        return copy.withUTF8 { bytes in
            guard let cut = cuts(bytes), !cut.isEmpty else { return html }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var at = 0
            for range in cut {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<range.lowerBound]))
                at = range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The byte ranges of the tags to leave out, in order.
    static func cuts(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        let n = b.count
        var cuts: [Range<Int>] = []
        var depth = 0, formatting = 0, openA = false
        /// Start tags left out, by name, so that their end tags are left out too.
        var dropped: [UInt64: Int] = [:]
        var i = 0
        while i < n {
            guard b[i] == 0x3C, i + 1 < n else { i += 1; continue }
            let start = i
            let next = b[i + 1]
            if next == 0x21 {
                // A comment runs to `-->`; a doctype or bogus comment to `>`.
                if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                    i = find(b, [0x2D, 0x2D, 0x3E], from: i + 4).map { $0 + 3 } ?? n
                } else {
                    i = (find(b, [0x3E], from: i + 2) ?? n - 1) + 1
                }
                continue
            }
            if next == 0x3F { i = (find(b, [0x3E], from: i + 2) ?? n - 1) + 1; continue }
            let closing = next == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            guard nameStart < n, isLetter(b[nameStart]) else { i += 1; continue }
            var j = nameStart
            var key: UInt64 = 0
            while j < n, !isSpace(b[j]), b[j] != 0x2F, b[j] != 0x3E {
                if j - nameStart < 8 { key |= UInt64(b[j] | 0x20) << (8 * UInt64(j - nameStart)) }
                j += 1
            }
            let length = j - nameStart
            let end = tagEnd(b, from: j)
            i = end
            let kind = length <= 8 ? kinds[key] ?? .other : (length == 9 && key == plaintextKey ? .plaintext : .other)
            if closing {
                if let d = dropped[key], d > 0 {
                    dropped[key] = d - 1
                    cuts.append(start..<end)
                    continue
                }
                switch kind {
                case .void, .optionalEnd, .rawText, .plaintext: break
                case .formatting, .anchor:
                    depth = max(0, depth - 1); formatting = max(0, formatting - 1)
                    if kind == .anchor { openA = false }
                case .other: depth = max(0, depth - 1)
                }
                continue
            }
            switch kind {
            case .void, .optionalEnd:
                break
            case .plaintext:
                return cuts
            case .rawText:
                // Everything up to `</name` is text: no tags to count in it.
                i = skipRawText(b, from: end, nameStart: nameStart, length: length)
            case .anchor where openA:
                // A new `<a>` closes the open one: the count stays.
                break
            case .formatting, .anchor, .other:
                let isFormatting = kind != .other
                if depth >= maxDepth || (isFormatting && formatting >= maxFormatting) {
                    dropped[key, default: 0] += 1
                    cuts.append(start..<end)
                } else {
                    depth += 1
                    if isFormatting { formatting += 1 }
                    if kind == .anchor { openA = true }
                }
            }
        }
        return cuts
    }

    private enum Kind { case void, optionalEnd, rawText, plaintext, formatting, anchor, other }

    private static func pack(_ name: String) -> UInt64 {
        var key: UInt64 = 0
        for (k, byte) in name.utf8.prefix(8).enumerated() { key |= UInt64(byte) << (8 * UInt64(k)) }
        return key
    }

    private static let plaintextKey = pack("plaintext")

    private static let kinds: [UInt64: Kind] = {
        var table: [UInt64: Kind] = [:]
        for name in ["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                     "param", "source", "track", "wbr", "image", "frame", "basefont", "bgsound"] {
            table[pack(name)] = .void
        }
        for name in ["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
                     "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body"] {
            table[pack(name)] = .optionalEnd
        }
        for name in ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"] {
            table[pack(name)] = .rawText
        }
        for name in ["b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"] {
            table[pack(name)] = .formatting
        }
        table[pack("a")] = .anchor
        return table
    }()

    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// Just past the `>` ending a tag whose name ends at `from`; quoted attribute values may hold `>`.
    private static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        var afterEquals = false
        while i < b.count {
            let c = b[i]
            if c == 0x3E { return i + 1 }
            if afterEquals, c == 0x22 || c == 0x27 {
                guard let close = find(b, [c], from: i + 1) else { return b.count }
                i = close + 1
                afterEquals = false
                continue
            }
            if c == 0x3D { afterEquals = true } else if !isSpace(c) { afterEquals = false }
            i += 1
        }
        return b.count
    }

    /// Just past the end tag closing a raw-text element, or the end of the input.
    private static func skipRawText(_ b: UnsafeBufferPointer<UInt8>, from: Int, nameStart: Int, length: Int) -> Int {
        var i = from
        while let lt = find(b, [0x3C, 0x2F], from: i) {
            let name = lt + 2
            if name + length <= b.count,
               (0..<length).allSatisfy({ b[name + $0] | 0x20 == b[nameStart + $0] | 0x20 }),
               name + length == b.count || isSpace(b[name + length]) || b[name + length] == 0x3E || b[name + length] == 0x2F {
                return tagEnd(b, from: name + length)
            }
            i = lt + 2
        }
        return b.count
    }

    /// The index where `needle` next starts, at or after `from`.
    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var i = from
        while i + needle.count <= b.count {
            if b[i] == first {
                var k = 1
                while k < needle.count, b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
