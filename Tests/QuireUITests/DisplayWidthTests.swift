import Testing
@testable import QuireUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), (" ", 1), ("é", 1), ("e\u{301}", 1), ("漢", 2), ("か", 2), ("한", 2), ("Ａ", 2),
        ("、", 2), ("☕", 2), ("😀", 2), ("\u{1B}", 0), ("\u{7}", 0), ("\u{200B}", 0), ("\u{AD}", 0),
        ("\u{202E}", 0), ("ü", 1), ("→", 1), ("▁", 1), ("€", 1),
    ])
    func widthOfOneCluster(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func stringWidthIsNotCount() {
        #expect(DisplayWidth.of("東京の春") == 8)
        #expect("東京の春".count == 4)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
        #expect(DisplayWidth.of("a\u{1B}b") == 2)
    }

    @Test func emojiSequencesAreSimplifiedToOneWideCell() {
        // ZWJ family, skin tone, flag and variation selector: terminals disagree, so one form.
        #expect(Cluster.simplify("👨‍👩‍👧") == "👨")
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(Cluster.simplify("👍🏽") == "👍")
        #expect(Cluster.simplify("🇫🇷") == "FR")
        #expect(DisplayWidth.of(Character("🇫🇷")) == 2)
        #expect(Cluster.simplify("❤️") == "❤")
        #expect(DisplayWidth.of(Character("❤️")) == 1)
    }

    @Test func combiningMarksStayWithTheirBaseAndAreCapped() {
        let zalgo = Character("a" + String(repeating: "\u{301}", count: 10))
        let simple = Cluster.simplify(zalgo)
        #expect(simple.unicodeScalars.count == 5)
        #expect(DisplayWidth.of(zalgo) == 1)
        // A mark with nothing to sit on gets a space.
        #expect(Cluster.simplify(Character("\u{301}")) == " \u{301}")
    }

    @Test func controlsAndBidiOverridesVanish() {
        #expect(Cluster.simplify("\u{1B}") == "")
        #expect(Cluster.simplify("\u{202E}") == "")
        #expect(Cluster.simplify("\u{9B}") == "")
    }
}
