import Foundation
import Testing
@testable import QuireImport
@testable import QuireModel
import QuireSupport

/// The import's byte scans were rewritten for speed; each must answer exactly what the plain
/// version it replaced answers (kept here as the reference), on varied text.
@Suite struct ByteScanEquivalenceTests {
    /// Text with every byte the scans look at: line ends of all kinds, marks, curly quotes,
    /// non-ASCII letters, spaces and tabs, a byte-order mark now and then.
    static func texts(count: Int, seed: UInt64) -> [String] {
        let pieces = ["word", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "[1]", "[...]", "\"", ":", "https://x.org/a",
                      "\u{201C}", "\u{201E}", "\u{201D}", "é", "日本", "\u{2003}", "\u{00A0}", "\u{85}", "x", "Title", ",", "\u{FEFF}"]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in (0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined() }
            + ["", "\n", "\r", "\r\n", "\u{FEFF}", "\u{FEFF}a\r\nb", "no line end", String(repeating: "long ", count: 2000)]
    }

    static func referenceElements(_ bytes: some Collection<UInt8>) -> (count: Int, longestLine: Int) {
        var count = 0, line = 0, longest = 0
        var previous: UInt8 = 0
        for b in bytes {
            switch b {
            case 0x0A, 0x0D:
                longest = max(longest, line); line = 0
                if !(b == 0x0A && previous == 0x0D) { count += 1 }
            case 0x5B, 0x22, 0x3A: count += 1; line += 1
            case 0x9C where previous == 0x80, 0x9E where previous == 0x80: count += 1; line += 1
            default: line += 1
            }
            previous = b
        }
        return (count, max(longest, line))
    }

    static func referenceLines(_ text: String) -> [String] {
        var bytes = Substring(text).utf8[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var lines: [String] = []
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                lines.append(String(Substring(bytes[start..<i])))
                var next = bytes.index(after: i)
                if b == 0x0D, next < bytes.endIndex, bytes[next] == 0x0A { next = bytes.index(after: next) }
                start = next; i = next
            } else {
                i = bytes.index(after: i)
            }
        }
        lines.append(String(Substring(bytes[start..<bytes.endIndex])))
        return lines
    }

    static func referenceWords(_ text: String) -> Int {
        var count = 0, inWord = false
        for byte in text.utf8 {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if space { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        return count
    }

    static func referenceTrimmed(_ s: Substring) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(s[first...last])
    }

    @Test func elementCounts() {
        for text in Self.texts(count: 2000, seed: 5) {
            let data = Data(text.utf8)
            let got = data.withUnsafeBytes { MarkupBudget.plainTextElements($0) }
            let expected = Self.referenceElements(data)
            #expect(got.count == expected.count && got.longestLine == expected.longestLine, "\(text.debugDescription)")
        }
    }

    @Test func lines() {
        for text in Self.texts(count: 2000, seed: 6) {
            #expect(PlainTextReader.splitLines(text) == Self.referenceLines(text), "\(text.debugDescription)")
        }
    }

    @Test func wordCounts() {
        for text in Self.texts(count: 2000, seed: 7) {
            #expect(text.wordCount == Self.referenceWords(text), "\(text.debugDescription)")
        }
    }

    @Test func trimming() {
        for text in Self.texts(count: 2000, seed: 8) {
            #expect(text.trimmed == Self.referenceTrimmed(text[...]), "\(text.debugDescription)")
            let inner = text.dropFirst(text.count / 3)
            #expect(inner.trimmed == Self.referenceTrimmed(inner), "\(inner.debugDescription)")
        }
    }

    @Test func dateKeysAreWhatPrintfWrites() {
        let values = [0, 1, 9, 10, 59, 99, 100, 999, 1000, 2007, 9999, 10000, 123456, -1, -5, -10, -999, -1000, -12345]
        for v in values {
            let date = PostDate(year: v, month: abs(v) % 13, day: v % 32, hour: v % 24, minute: v, second: -v)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d:%02d", date.year, date.month, date.day, date.hour, date.minute, date.second)
            #expect(date.sortKey == expected)
            #expect(date.isoDay == String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
        }
    }

    @Test func displayedPathsJoinAsNSStringJoinsThem() {
        for base in ["", ".", "data", "data/", "data//", "/", "//", "/abs/path/", "~", "a b", "./x/../y"] {
            for rel in ["p.txt", "2007/10/p.txt", "a b/c.txt"] {
                #expect(SourceReader.joinedPath(base, rel[...]) == (base as NSString).appendingPathComponent(rel), "\(base) + \(rel)")
            }
        }
    }

    @Test func notPostsAsBefore() {
        for name in ["README", "readme.md", "ReadMe.txt", "LICENSE", "licence.txt", "CHANGELOG.md", "contributing", "index.html",
                     "INDEX", ".hidden", ".txt", "post.txt", "readme-not.txt", "index2.txt", "a.b.txt", "README.", "x."] {
            let stem = (name as NSString).deletingPathExtension.uppercased()
            let expected = name.hasPrefix(".") || ["README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "INDEX"].contains(stem)
            #expect(SourceReader.isNotAPost(name) == expected, "\(name)")
        }
    }
}
