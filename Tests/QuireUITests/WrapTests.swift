import Testing
@testable import QuireUI

@Suite struct WrapTests {
    @Test func wrapsAtSpacesByWidth() {
        #expect(Wrap.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
    }

    @Test func cutsWordsLongerThanTheLine() {
        #expect(Wrap.wrap("abcdefghijkl mn", width: 5) == ["abcde", "fghij", "kl mn"])
    }

    @Test func breaksBetweenCJKCharactersByWidth() {
        let lines = Wrap.wrap("東京の春はとても美しい", width: 8)
        #expect(lines == ["東京の春", "はとても", "美しい"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 8 })
    }

    @Test func wideCharacterNeverStraddlesTheEdge() {
        // Width 7: three wide characters fill 6 columns; the fourth would straddle, so it moves.
        let lines = Wrap.wrap("東京の春は", width: 7)
        #expect(lines == ["東京の", "春は"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 7 })
    }

    @Test func closingPunctuationDoesNotStartALine() {
        let lines = Wrap.wrap("東京の春。桜", width: 8)
        #expect(lines.allSatisfy { !$0.hasPrefix("。") })
        #expect(lines == ["東京の", "春。桜"])
    }

    @Test func mixedLatinAndCJK() {
        let lines = Wrap.wrap("Quire は blog を読む", width: 10)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
        #expect(lines.joined() .replacingOccurrences(" ", "") == "Quireはblogを読む")
    }

    @Test func emojiAndCombiningMarksCountByWidth() {
        #expect(Wrap.wrap("☕☕☕ cafe\u{301}s", width: 6) == ["☕☕☕", "cafe\u{301}s"])
    }

    @Test func breaksAfterHyphenInsideWords() {
        #expect(Wrap.wrap("U.S.-Russian differences", width: 10) == ["U.S.-", "Russian", "difference", "s"])
    }

    @Test func keepsStylesAcrossBreaks() {
        let spans = [Span("plain words "), Span("linked words here", .link, link: 3)]
        let lines = Wrap.wrap(spans, firstWidth: 12)
        #expect(lines.map { $0.spans.plainText } == ["plain words", "linked words", "here"])
        #expect(lines[2].spans.allSatisfy { $0.link == 3 && $0.style == .link })
    }

    @Test func hangingWidthForFollowingLines() {
        let lines = Wrap.wrap([Span("one two three four")], firstWidth: 8, restWidth: 5)
        #expect(lines.map { $0.spans.plainText } == ["one two", "three", "four"])
    }

    @Test func preformattedKeepsSpacesAndCutsAnywhere() {
        let lines = Wrap.wrap([Span("  let x = 1")], firstWidth: 6, preserveSpaces: true)
        #expect(lines.map { $0.spans.plainText } == ["  let ", "x = 1"])
    }

    @Test func escapeSequencesAreDroppedWhole() {
        #expect(Wrap.wrap("red \u{1B}[31mALERT\u{1B}[0m", width: 20) == ["red ALERT"])
    }
}

private extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String { split(separator: Character(a)).joined(separator: b) }
}
