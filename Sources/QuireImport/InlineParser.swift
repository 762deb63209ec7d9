import QuireModel

/// Turns a paragraph of plain text into inlines: footnote markers `[n]`, quoted spans that
/// may name other posts, and bare URLs. Collects the references in reading order.
struct InlineParser {
    private(set) var references: [Reference] = []

    /// Quoted spans longer than this are quotations, never titles.
    static let maxTitleLength = 160

    private static let pairs: [Character: Character] = ["\"": "\"", "\u{201C}": "\u{201D}", "\u{201E}": "\u{201C}"]

    mutating func parse(_ text: String) -> [Inline] {
        var out: [Inline] = []
        parse(Array(text), into: &out)
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

    private mutating func parse(_ chars: [Character], into out: inout [Inline]) {
        var plain = ""
        var i = 0
        func flush() { if !plain.isEmpty { out.append(.text(plain, [])); plain = "" } }
        while i < chars.count {
            let c = chars[i]
            if c == "[", let (label, end) = Self.marker(chars, at: i) {
                flush(); out.append(.footnoteMarker(label: label)); i = end; continue
            }
            if let close = Self.pairs[c], let end = Self.closingQuote(chars, from: i + 1, close: close) {
                let inner = String(chars[(i + 1)..<end])
                if !inner.isEmpty, inner.count <= Self.maxTitleLength, !inner.contains("["),
                   !MatchKey.title(inner).isEmpty {
                    flush()
                    let explicit = Self.introducesPost(out.suffix(3).plainText)
                    references.append(Reference(kind: .title, target: inner, text: inner, explicit: explicit))
                    out.append(.reference(index: references.count - 1, text: String(chars[i...end])))
                    i = end + 1; continue
                }
                // A quotation, not a title: parse its inside on its own so its closing mark
                // is not taken for the opening of the next quoted span.
                plain.append(c); flush()
                parse(Array(chars[(i + 1)..<end]), into: &out)
                plain.append(chars[end]); i = end + 1; continue
            }
            if (c == "h" || c == "H"), let end = Self.urlEnd(chars, at: i) {
                flush()
                let url = String(chars[i..<end])
                references.append(Reference(kind: .url, target: url, text: url, explicit: false))
                out.append(.reference(index: references.count - 1, text: url))
                i = end; continue
            }
            plain.append(c); i += 1
        }
        flush()
    }

    /// `[12]` at `i`: returns the label and the index after `]`.
    static func marker(_ chars: [Character], at i: Int) -> (String, Int)? {
        var j = i + 1
        var label = ""
        while j < chars.count, chars[j].isASCII, chars[j].isNumber, label.count < 3 { label.append(chars[j]); j += 1 }
        guard !label.isEmpty, j < chars.count, chars[j] == "]" else { return nil }
        return (label, j + 1)
    }

    static func closingQuote(_ chars: [Character], from start: Int, close: Character) -> Int? {
        var j = start
        while j < chars.count {
            if chars[j] == close { return j }
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

    /// The end of an `http://` or `https://` URL starting at `i`, trailing punctuation excluded.
    static func urlEnd(_ chars: [Character], at i: Int) -> Int? {
        let head = String(chars[i..<min(i + 8, chars.count)]).lowercased()
        guard head.hasPrefix("http://") || head.hasPrefix("https://") else { return nil }
        if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber { return nil }
        var j = i
        while j < chars.count, !chars[j].isWhitespace, chars[j] != "\"", chars[j] != "<", chars[j] != ">",
              chars[j] != "\u{201D}" { j += 1 }
        while j > i, ".,;:!?)]'".contains(chars[j - 1]) { j -= 1 }
        return j - i > 8 ? j : nil
    }
}
