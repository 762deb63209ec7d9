import Foundation
import Testing
import QuireModel
@testable import QuireImport

/// The UTF-8 inline parser must give exactly what the scalar parser before it gave.
@Suite struct InlineParserEquivalenceTests {
    static let pieces: [String] = [
        "word", "Post", " post ", "titled", " my essay ", "a", " ", "  ", "\t", "\u{A0}", "\u{2003}", "\u{85}",
        "\"", "\u{201C}", "\u{201D}", "\u{201E}", "[", "]", "[1]", "[12]", "[123]", "[1234]", "[x]", "[...]",
        "http://", "https://", "HTTP://", "Https://", "http:/", "http://x", "https://example.com/a_(b)?c=d#e",
        ".", ",", ";", ":", "!", "?", ")", "]", "'", "<", ">", "é", "漢字", "👩‍👩‍👧", "e\u{301}", "[\u{301}",
        "\u{212A}", "x", "9", "h", "H", "ttp", "Σ", "\u{1F600}",
    ]

    struct Random {
        var state: UInt64
        mutating func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
    }

    @Test func agreesWithTheScalarParser() {
        var r = Random(state: 99)
        for round in 0..<20000 {
            let count = 1 + r.next() % (round % 10 == 0 ? 120 : 25)
            let text = (0..<count).map { _ in Self.pieces[r.next() % Self.pieces.count] }.joined()
            var ours = InlineParser(), theirs = ScalarInlineParser()
            let a = ours.parse(text), b = theirs.parse(text)
            #expect(a == b, "\(text.debugDescription)")
            #expect(ours.references == theirs.references, "\(text.debugDescription)")
            if a != b || ours.references != theirs.references { return }
        }
    }

    @Test func longTitlesAndLongQuotes() {
        for n in [150, 159, 160, 161, 170] {
            for letter in ["a", "é", "漢"] {
                let inner = String(repeating: letter, count: n)
                for text in ["my post \"\(inner)\" and", "\u{201C}\(inner)\u{201D}", "\u{201E}\(inner)\u{201C} https://x.org/\(inner)."] {
                    var ours = InlineParser(), theirs = ScalarInlineParser()
                    #expect(ours.parse(text) == theirs.parse(text))
                    #expect(ours.references == theirs.references)
                }
            }
        }
    }
}

/// The scalar-based parser the UTF-8 one replaced, kept as the oracle it must agree with.
struct ScalarInlineParser {
    private(set) var references: [Reference] = []

    /// Quoted spans longer than this are quotations, never titles.
    static let maxTitleLength = 160

    /// Opening quote -> closing quote: straight, English curly, German low-high.
    private static func closing(for open: Unicode.Scalar) -> Unicode.Scalar? {
        switch open.value {
        case 0x22: return "\""
        case 0x201C: return "\u{201D}"
        case 0x201E: return "\u{201C}"
        default: return nil
        }
    }

    /// The paragraph being parsed, and where each of its scalars starts in it.
    private var text = ""
    private var starts: [String.Index] = []

    mutating func parse(_ text: String) -> [Inline] {
        self.text = text
        starts = Array(text.unicodeScalars.indices) + [text.endIndex]
        let scalars = Array(text.unicodeScalars)
        var out: [Inline] = []
        parse(scalars, 0..<scalars.count, into: &out)
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

    private mutating func parse(_ s: [Unicode.Scalar], _ range: Range<Int>, into out: inout [Inline]) {
        var runStart = range.lowerBound
        var i = range.lowerBound
        func flush(upTo end: Int) {
            if end > runStart { out.append(.text(string(runStart..<end), [])) }
        }
        while i < range.upperBound {
            let c = s[i]
            if c == "[", let (label, end) = marker(s, at: i, limit: range.upperBound) {
                flush(upTo: i)
                out.append(.footnoteMarker(label: label))
                i = end; runStart = i; continue
            }
            if let close = Self.closing(for: c), let end = Self.find(close, in: s, from: i + 1, limit: range.upperBound) {
                let innerRange = (i + 1)..<end
                let inner = string(innerRange)
                if !innerRange.isEmpty, innerRange.count <= Self.maxTitleLength, !inner.contains("["),
                   !MatchKey.title(inner).isEmpty {
                    flush(upTo: i)
                    let explicit = Self.introducesPost(string(max(range.lowerBound, i - 40)..<i))
                    references.append(Reference(kind: .title, target: inner, text: inner, explicit: explicit))
                    out.append(.reference(index: references.count - 1, text: string(i..<(end + 1))))
                    i = end + 1; runStart = i; continue
                }
                // A quotation, not a title: parse its inside on its own so its closing mark
                // is not taken for the opening of the next quoted span.
                flush(upTo: i + 1)
                parse(s, innerRange, into: &out)
                runStart = end; i = end + 1; continue
            }
            if c == "h" || c == "H", let end = urlEnd(s, at: i, limit: range.upperBound) {
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

    /// The text of scalars `range`, sliced from the paragraph (one copy of its bytes).
    func string(_ range: Range<Int>) -> String {
        String(text[starts[range.lowerBound]..<starts[range.upperBound]])
    }

    /// `[12]` at `i`: returns the label and the index after `]`.
    func marker(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (String, Int)? {
        var j = i + 1
        while j < limit, j - i <= 3, ("0"..."9").contains(s[j]) { j += 1 }
        guard j > i + 1, j < limit, s[j] == "]" else { return nil }
        return (string((i + 1)..<j), j + 1)
    }

    static func find(_ mark: Unicode.Scalar, in s: [Unicode.Scalar], from start: Int, limit: Int) -> Int? {
        var j = start
        while j < limit {
            if s[j] == mark { return j }
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
    func urlEnd(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int? {
        guard i + 8 <= limit else { return nil }
        let head = string(i..<(i + 8)).lowercased()
        guard head.hasPrefix("http://") || head.hasPrefix("https://") else { return nil }
        if i > 0, s[i - 1].properties.isAlphabetic || ("0"..."9").contains(s[i - 1]) { return nil }
        var j = i
        while j < limit, !s[j].properties.isWhitespace, s[j] != "\"", s[j] != "<", s[j] != ">", s[j] != "\u{201D}" { j += 1 }
        while j > i, ".,;:!?)]'".unicodeScalars.contains(s[j - 1]) { j -= 1 }
        return j - i > 8 ? j : nil
    }
}
