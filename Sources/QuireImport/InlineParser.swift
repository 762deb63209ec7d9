import QuireModel

/// Turns a paragraph of plain text into inlines: footnote markers `[n]`, quoted spans that
/// may name other posts, and bare URLs. Collects the references in reading order.
///
/// Works on the paragraph's UTF-8 bytes: every mark it looks for is one scalar, found at a
/// scalar's first byte; positions are byte offsets, always at scalar boundaries, and lengths
/// that the rules give in scalars (title length, the words before a quote) are counted as such.
struct InlineParser {
    private(set) var references: [Reference] = []

    /// Quoted spans longer than this many scalars are quotations, never titles.
    static let maxTitleLength = 160

    /// The paragraph being parsed.
    private var bytes: [UInt8] = []

    mutating func parse(_ text: String) -> [Inline] {
        bytes = Array(text.utf8)
        var out: [Inline] = []
        parse(0..<bytes.count, into: &out)
        // Adjacent text runs come from quotations parsed on their own: join them.
        var merged: [Inline] = []
        for inline in out {
            if case .text(let b, let sb) = inline, case .text(let a, let sa)? = merged.last, sa == sb {
                merged[merged.count - 1] = .text(a + b, sa)
            } else {
                merged.append(inline)
            }
        }
        return merged
    }

    /// The scalar starting at byte `i`, and its length in bytes (the text is valid UTF-8).
    @inline(__always)
    private func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            return (Unicode.Scalar(((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F))!, 2)
        }
        if b0 < 0xF0 {
            let v = ((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F)
            return (Unicode.Scalar(v)!, 3)
        }
        let v = ((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12)
            | ((UInt32(bytes[i + 2]) & 0x3F) << 6) | (UInt32(bytes[i + 3]) & 0x3F)
        return (Unicode.Scalar(v)!, 4)
    }

    /// The start of the scalar before byte `i`.
    @inline(__always)
    private func scalarStart(before i: Int) -> Int {
        var k = i - 1
        while k > 0 && bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }

    /// Opening quote at `i` -> its length and the closing quote's bytes: straight, English
    /// curly, German low-high.
    @inline(__always)
    private func quote(at i: Int, limit: Int) -> (openLength: Int, close: (UInt8, UInt8, UInt8), closeLength: Int)? {
        let b = bytes[i]
        if b == 0x22 { return (1, (0x22, 0, 0), 1) }
        // U+201C and U+201E are E2 80 9C and E2 80 9E.
        guard b == 0xE2, i + 2 < limit, bytes[i + 1] == 0x80 else { return nil }
        switch bytes[i + 2] {
        case 0x9C: return (3, (0xE2, 0x80, 0x9D), 3)  // “ -> ”
        case 0x9E: return (3, (0xE2, 0x80, 0x9C), 3)  // „ -> “
        default: return nil
        }
    }

    private mutating func parse(_ range: Range<Int>, into out: inout [Inline]) {
        var runStart = range.lowerBound
        var i = range.lowerBound
        func flush(upTo end: Int) {
            if end > runStart { out.append(.text(string(runStart..<end), [])) }
        }
        while i < range.upperBound {
            let c = bytes[i]
            if c == 0x5B, let (label, end) = marker(at: i, limit: range.upperBound) {
                flush(upTo: i)
                out.append(.footnoteMarker(label: label))
                i = end; runStart = i; continue
            }
            if let q = quote(at: i, limit: range.upperBound),
               let end = find(q.close, length: q.closeLength, from: i + q.openLength, limit: range.upperBound) {
                let innerRange = (i + q.openLength)..<end
                if !innerRange.isEmpty, scalarCount(innerRange) <= Self.maxTitleLength, !containsBracket(innerRange) {
                    let inner = string(innerRange)
                    if !MatchKey.title(inner).isEmpty {
                        flush(upTo: i)
                        let explicit = Self.introducesPost(string(back(40, from: i, floor: range.lowerBound)..<i))
                        references.append(Reference(kind: .title, target: inner, text: inner, explicit: explicit))
                        out.append(.reference(index: references.count - 1, text: string(i..<(end + q.closeLength))))
                        i = end + q.closeLength; runStart = i; continue
                    }
                }
                // A quotation, not a title: parse its inside on its own so its closing mark
                // is not taken for the opening of the next quoted span.
                flush(upTo: i + q.openLength)
                parse(innerRange, into: &out)
                runStart = end; i = end + q.closeLength; continue
            }
            if c == 0x68 || c == 0x48, let end = urlEnd(at: i, limit: range.upperBound) {
                flush(upTo: i)
                let url = string(i..<end)
                references.append(Reference(kind: .url, target: url, text: url, explicit: false))
                out.append(.reference(index: references.count - 1, text: url))
                i = end; runStart = i; continue
            }
            i += 1
        }
        flush(upTo: range.upperBound)
    }

    /// The text of bytes `range` (at scalar boundaries).
    func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    private func scalarCount(_ range: Range<Int>) -> Int {
        var n = 0
        for k in range where bytes[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Whether the span holds the character `[` (a `[` with combining marks is another character).
    private func containsBracket(_ range: Range<Int>) -> Bool {
        guard bytes[range].contains(0x5B) else { return false }
        return string(range).contains("[")
    }

    /// The start of the `count`th scalar before byte `i`, not before `floor`.
    private func back(_ count: Int, from i: Int, floor: Int) -> Int {
        var k = i
        var n = 0
        while k > floor && n < count {
            k = scalarStart(before: k)
            n += 1
        }
        return k
    }

    /// `[12]` at `i`: returns the label and the index after `]`.
    func marker(at i: Int, limit: Int) -> (String, Int)? {
        var j = i + 1
        while j < limit, j - i <= 3, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
        guard j > i + 1, j < limit, bytes[j] == 0x5D else { return nil }
        return (string((i + 1)..<j), j + 1)
    }

    /// The first closing mark from `start` (at a scalar's first byte).
    private func find(_ mark: (UInt8, UInt8, UInt8), length: Int, from start: Int, limit: Int) -> Int? {
        var j = start
        while j < limit {
            if bytes[j] == mark.0 && (length == 1 || (j + 2 < limit && bytes[j + 1] == mark.1 && bytes[j + 2] == mark.2)) {
                return j
            }
            j += 1
        }
        return nil
    }

    /// Whether the words just before a quoted span say that it names a post (`my post "X"`).
    static func introducesPost(_ before: String) -> Bool {
        let words = before.lowercased().split(whereSeparator: { !$0.isLetter }).suffix(3)
        let nouns: Set<Substring> = ["post", "posts", "entry", "article", "essay", "piece", "titled", "entitled"]
        return words.contains(where: { nouns.contains($0) })
    }

    /// The end of an `http://` or `https://` URL starting at `i`, trailing punctuation excluded;
    /// the URL must be longer than eight scalars.
    func urlEnd(at i: Int, limit: Int) -> Int? {
        func lower(_ k: Int) -> UInt8 { bytes[k] | 0x20 }
        guard i + 7 <= limit, lower(i) == 0x68, lower(i + 1) == 0x74, lower(i + 2) == 0x74, lower(i + 3) == 0x70 else { return nil }
        let afterScheme: Int
        if bytes[i + 4] == 0x3A, bytes[i + 5] == 0x2F, bytes[i + 6] == 0x2F {
            afterScheme = i + 7  // http:// must be followed by a scalar
        } else if i + 8 <= limit, lower(i + 4) == 0x73, bytes[i + 5] == 0x3A, bytes[i + 6] == 0x2F, bytes[i + 7] == 0x2F {
            afterScheme = i + 8
        } else {
            return nil
        }
        if afterScheme == i + 7 && afterScheme >= limit { return nil }
        if i > 0 {
            let (before, _) = scalar(at: scalarStart(before: i))
            if before.properties.isAlphabetic || (0x30...0x39).contains(before.value) { return nil }
        }
        var j = i
        var scalars = 0
        while j < limit {
            let b = bytes[j]
            if b < 0x80 {
                if b == 0x22 || b == 0x3C || b == 0x3E || (b >= 0x09 && b <= 0x0D) || b == 0x20 { break }
                j += 1
            } else {
                let (s, n) = scalar(at: j)
                if s.value == 0x201D || s.properties.isWhitespace { break }
                j += n
            }
            scalars += 1
        }
        // Trailing punctuation (all ASCII) is not part of the address.
        while j > i, Self.trailing.contains(bytes[j - 1]) { j -= 1; scalars -= 1 }
        return scalars > 8 ? j : nil
    }

    private static let trailing: Set<UInt8> = Set(".,;:!?)]'".utf8)
}
