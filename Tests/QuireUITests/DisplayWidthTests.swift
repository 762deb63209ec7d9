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

    /// Characters of recent Unicode versions. Those of 15.0 come from the generated table;
    /// later ones, unassigned in it, from the Swift runtime's properties or, for the CJK-like
    /// blocks whose every character is wide, from the block.
    @Test(arguments: [
        ("\u{1FAE8}", 2, "SHAKING FACE, 15.0"), ("\u{1FA77}", 2, "PINK HEART, 15.0"),
        ("\u{31350}", 2, "CJK UNIFIED IDEOGRAPH-31350, extension H, 15.0"),
        ("\u{1F7F0}", 2, "HEAVY EQUALS SIGN, 14.0"), ("\u{1B132}", 2, "HIRAGANA LETTER SMALL KO, 15.0"),
        ("\u{11F00}", 0, "KAWI SIGN CANDRABINDU, a mark, 15.0"), ("\u{1E4EC}", 0, "NAG MUNDARI SIGN MUHOR, a mark, 15.0"),
        ("\u{11F04}", 1, "KAWI LETTER A, 15.0"), ("\u{1D2C0}", 1, "KAKTOVIK NUMERAL ZERO, 15.0"),
        ("\u{2EBF0}", 2, "CJK UNIFIED IDEOGRAPH-2EBF0, extension I, 15.1: plane 2"),
        ("\u{2FFC}", 2, "IDEOGRAPHIC DESCRIPTION CHARACTER SURROUND FROM RIGHT, 15.1: its block"),
        ("\u{31E4}", 2, "CJK STROKE HXG, 16.0: its block"),
        ("\u{1FAE9}", 2, "FACE WITH BAGS UNDER EYES, 16.0: the runtime's emoji presentation"),
        ("\u{10D69}", 0, "GARAY VOWEL SIGN E, a mark, 16.0: the runtime's category"),
        ("\u{1CC00}", 1, "UP-POINTING GO-KART, 16.0, not an emoji"),
    ])
    func recentCharacters(text: String, width: Int, name: String) {
        #expect(DisplayWidth.of(scalar: text.unicodeScalars.first!) == width, "\(name)")
    }

    @Test func theTableNamesItsUnicodeVersion() {
        let parts = DisplayWidth.unicodeVersion.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(DisplayWidth.unicodeVersion)")
    }

    /// The generated table against the Swift runtime's own Unicode data, for every character
    /// both know: the same zero-width characters (controls, format characters, marks), and
    /// every default-emoji character wide.
    @Test func theTableAgreesWithTheRuntimeOnEveryCharacterOfItsVersion() {
        let parts = DisplayWidth.unicodeVersion.split(separator: ".").compactMap { Int($0) }
        let version = (parts[0], parts[1])
        // General category changed since: AHOM CONSONANT SIGN MEDIAL RA became a spacing mark in 16.0.
        let changed: Set<UInt32> = [0x1171E]
        var disagreements: [String] = []
        var checked = 0
        for v in UInt32(0x7F)...0x10FFFF {
            guard let s = Unicode.Scalar(v), let age = s.properties.age, (age.major, age.minor) <= version,
                  s.properties.generalCategory != .unassigned, !changed.contains(v) else { continue }
            checked += 1
            let width = DisplayWidth.of(scalar: s)
            let zero: Bool
            switch s.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark: zero = true
            default: zero = (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) // jamo after a lead
            }
            if zero != (width == 0) || (s.properties.isEmojiPresentation && width != 2) {
                disagreements.append("U+\(String(v, radix: 16, uppercase: true)) width \(width)")
            }
        }
        #expect(checked > 140_000)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }
}
