import QuireModel

/// Word wrap by display width.
///
/// Lines break after spaces, around CJK characters (except before closing and after opening
/// punctuation), and after a hyphen inside a word; a word wider than the line is cut. A wide
/// cluster never straddles the edge: it moves to the next line.
public enum Wrap {
    /// One wrapped line: its spans and where it starts in the input, counted in clusters.
    public struct Line: Hashable, Sendable {
        public var spans: [Span]
        public var offset: Int
    }

    /// Wraps spans into lines of at most `firstWidth` columns, then `restWidth` for the rest.
    /// `preserveSpaces` keeps leading spaces and allows breaks anywhere (preformatted text).
    public static func wrap(_ spans: [Span], firstWidth: Int, restWidth: Int? = nil,
                            preserveSpaces: Bool = false) -> [Line] {
        let items = Items(spans)
        let n = items.chars.count
        guard n > 0 else { return [Line(spans: [], offset: 0)] }
        var lines: [Line] = []
        var start = 0
        while start < n {
            let avail = max(1, lines.isEmpty ? firstWidth : (restWidth ?? firstWidth))
            var used = 0, i = start, lastBreak = -1
            var forced = false
            while i < n {
                if items.forcedBreak[i] && i > start { forced = true; break }
                if i > start && (preserveSpaces || items.canBreakBefore(i)) { lastBreak = i }
                if used + items.widths[i] > avail { break }
                used += items.widths[i]; i += 1
            }
            var end: Int, next: Int
            if i >= n || forced {
                end = i; next = i
            } else if items.chars[i] == " " {
                end = i; next = i
            } else if lastBreak > start {
                end = lastBreak; next = lastBreak
            } else {
                end = max(i, start + 1); next = end
            }
            var trimmedEnd = end
            if !preserveSpaces { while trimmedEnd > start, items.chars[trimmedEnd - 1] == " " { trimmedEnd -= 1 } }
            lines.append(Line(spans: items.spans(start..<trimmedEnd, from: spans), offset: start))
            start = next
            if !preserveSpaces { while start < n, items.chars[start] == " ", !items.forcedBreak[start] { start += 1 } }
        }
        return lines
    }

    /// Plain-text convenience: wraps a string and returns the lines as strings.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap([Span(text)], firstWidth: width).map { $0.spans.plainText }
    }

    /// The input flattened into simplified clusters with their widths and owning span.
    private struct Items {
        var chars: [Character] = []
        var widths: [Int] = []
        var owner: [Int] = []
        var forcedBreak: [Bool] = []

        init(_ spans: [Span]) {
            var pendingBreak = false
            for (k, span) in spans.enumerated() {
                // Sanitised here as well as in the canvas: a dropped ESC must take its whole
                // sequence with it, which only works before the text is split into clusters.
                let text = Sanitizer.clean(span.text, keepNewlines: true)
                // Printable ASCII needs no grapheme breaking: one byte, one cell.
                if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
                    for byte in text.utf8 {
                        chars.append(Character(Unicode.Scalar(byte))); widths.append(1); owner.append(k)
                        forcedBreak.append(pendingBreak); pendingBreak = false
                    }
                    continue
                }
                for original in text {
                    // Most text is printable ASCII: one cell each, nothing to simplify.
                    if let a = original.asciiValue, a >= 0x20, a < 0x7F {
                        chars.append(original); widths.append(1); owner.append(k)
                        forcedBreak.append(pendingBreak); pendingBreak = false
                        continue
                    }
                    if original == "\n" || original == "\r\n" { pendingBreak = true; continue }
                    for c in Cluster.simplify(original) {
                        let w = DisplayWidth.ofSimplified(c)
                        if w == 0 { continue }
                        chars.append(c); widths.append(w); owner.append(k)
                        forcedBreak.append(pendingBreak); pendingBreak = false
                    }
                }
            }
        }

        func canBreakBefore(_ i: Int) -> Bool {
            let prev = chars[i - 1], cur = chars[i]
            if cur == " " { return false }
            if prev == " " { return true }
            if widths[i] == 2 || widths[i - 1] == 2 {
                return !Self.noBreakBefore.contains(cur) && !Self.noBreakAfter.contains(prev)
            }
            if prev == "-" || prev == "\u{2014}" || prev == "/" {
                return i >= 2 && chars[i - 2] != " " && cur.isLetter
            }
            return false
        }

        func spans(_ range: Range<Int>, from source: [Span]) -> [Span] {
            var out: [Span] = []
            var i = range.lowerBound
            while i < range.upperBound {
                let k = owner[i]
                var text = ""
                while i < range.upperBound, owner[i] == k { text.append(chars[i]); i += 1 }
                var span = source[k]
                span.text = text
                out.append(span)
            }
            return out
        }

        // Closing punctuation and small kana that must not start a line (kinsoku).
        static let noBreakBefore: Set<Character> = Set("、。，．,.:;!?)]}）］｝〕〉》」』】〙〗〟’”｠»ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻‐゠–〜？！：；・")
        // Opening punctuation that must not end a line.
        static let noBreakAfter: Set<Character> = Set("([{（［｛〔〈《「『【〘〖〝‘“｟«")
    }
}
