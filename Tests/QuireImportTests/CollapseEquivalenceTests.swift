import Foundation
import Testing
import QuireModel
@testable import QuireImport

/// The UTF-8 whitespace collapsing must give what the scalar-by-scalar version before it gave.
@Suite struct CollapseEquivalenceTests {
    /// The scalar version, kept as the oracle.
    static func scalarCollapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in Sanitizer.clean(s).unicodeScalars {
            if InlineBuilder.isSpace(scalar) {
                space = true
            } else {
                if space { out.append(" "); space = false }
                out.append(scalar)
            }
        }
        if space { out.append(" ") }
        return String(out)
    }

    static let pieces: [String] = [
        "word", " ", "  ", "\t", "\n", "\r\n", "\u{B}", "\u{C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
        "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{1B}[31m", "\u{7}", "\u{0}",
        "é", "e\u{301}", "漢字", "👩‍👩‍👧", "\u{10FFFF}", "\u{202E}", "x", ".", "\u{9B}1m",
    ]

    @Test func agreesWithTheScalarVersion() {
        var state: UInt64 = 5
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for _ in 0..<20000 {
            let text = (0..<(next() % 30)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            #expect(InlineBuilder.collapse(text) == Self.scalarCollapse(text), "\(text.debugDescription)")
        }
    }

    @Test func cleanAgreesWithSplittingOnCharacters() {
        var state: UInt64 = 11
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let ascii = ["Title", " ", "\t", "\n", "\r\n", "\u{B}", "\u{C}", "\u{1C}", "\u{1F}", "\u{7F}", "a-b", "\u{1B}[1m", "42"]
        for round in 0..<20000 {
            let pool = round % 2 == 0 ? ascii : ascii + Self.pieces
            let text = (0..<(next() % 12)).map { _ in pool[next() % pool.count] }.joined()
            let old = Sanitizer.clean(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(HTMLText.clean(text) == old, "\(text.debugDescription)")
        }
    }
}
