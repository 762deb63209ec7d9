import Testing
@testable import QuireModel

/// Characters that draw nothing never make two titles, labels, slugs or addresses look the
/// same: the sanitizer removes them (where they do not shape what is drawn) and slugs are
/// letters, digits and hyphens only.
@Suite struct InvisibleCharacterTests {
    /// Every invisible character the command line used to print, each alone between two
    /// Latin letters.
    static let invisibles: [Unicode.Scalar] = [
        "\u{AD}", "\u{61C}", "\u{180E}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}",
        "\u{2060}", "\u{2061}", "\u{2062}", "\u{2063}", "\u{2064}", "\u{E0001}", "\u{E0041}", "\u{E007F}",
    ]

    @Test func invisiblesAreRemovedFromLatinText() {
        for s in Self.invisibles {
            let text = "pay" + String(s) + "pal"
            #expect(Sanitizer.clean(text) == "paypal", "U+\(String(s.value, radix: 16, uppercase: true)) survived")
            #expect(Sanitizer.clean(text, keepNewlines: true) == "paypal")
        }
        #expect(Sanitizer.clean("\u{200B}\u{200B}lead and trail\u{2060}") == "lead and trail")
    }

    /// Where a joiner or a tag changes what is drawn it stays: emoji sequences, emoji flags,
    /// and the joiners of Persian and the Indic scripts.
    @Test func joinersThatShapeTextStay() {
        let kept = [
            "family 👨\u{200D}👩\u{200D}👧 here",
            "rainbow 🏳\u{FE0F}\u{200D}🌈 flag",
            "skin 👍🏽\u{200D}x",  // a joiner before a Latin letter goes, checked below
            "Scotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
        ]
        for text in kept where text != kept[2] {
            #expect(Sanitizer.clean(text) == text, "\(text.debugDescription) changed to \(Sanitizer.clean(text).debugDescription)")
        }
        #expect(Sanitizer.clean(kept[2]) == "skin 👍🏽x")
        // Tags that follow anything but the black flag are hidden text.
        #expect(Sanitizer.clean("a\u{E0067}\u{E0062}\u{E007F}b") == "ab")
        // A joiner between Latin and an emoji joins nothing.
        #expect(Sanitizer.clean("a\u{200D}😀") == "a😀")
    }

    @Test func slugsAreLettersDigitsAndHyphensOnly() {
        for s in Self.invisibles {
            #expect(Slug.make("Pay" + String(s) + "Pal News") == "paypal-news", "U+\(String(s.value, radix: 16, uppercase: true))")
        }
        // Other invisibles that are letters or marks by category: Hangul fillers, variation
        // selectors, the combining grapheme joiner.
        #expect(Slug.make("a\u{3164}b\u{FE00}c\u{34F}d \u{115F}") == "abcd")
        // Two titles that look the same give the same slug.
        #expect(Slug.make("Caf\u{E9} News") == Slug.make("Cafe\u{301} News"))
        #expect(Slug.make("Ha\u{200B}ppy") == Slug.make("Happy"))
        // Letters of other scripts stay, in NFC, with the marks that belong to them.
        #expect(Slug.make("東京 2008") == "東京-2008")
        #expect(Slug.make("हिन्दी ब्लॉग") == "हिन्दी-ब्लॉग")
        #expect(Slug.make("Ελληνικά") == "ελληνικά")
        // A pile of combining marks is cut to a few.
        #expect(Slug.make("z" + String(repeating: "\u{489}", count: 50)) == "z\u{489}\u{489}\u{489}")
        for title in ["Zalgo Z\u{301}\u{301}\u{301}algo", "x\u{200D}\u{200D}y", "🏴\u{E0067}\u{E0062}", "\u{AD}\u{AD}"] {
            let slug = Slug.make(title)
            #expect(slug.unicodeScalars.allSatisfy { $0 == "-" || $0.properties.isAlphabetic || $0.properties.numericType != nil
                    || $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .spacingMark }, "\(slug.debugDescription)")
            #expect(!slug.unicodeScalars.contains { $0.properties.isDefaultIgnorableCodePoint }, "\(slug.debugDescription)")
        }
    }
}
