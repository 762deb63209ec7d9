import Testing
@testable import QuireModel

/// The byte-by-byte paths for ASCII text must give exactly what the general paths give.
@Suite struct FastPathEquivalenceTests {
    static let alphabet: [Character] = Array("aZ09 .,;:'\"!?-_()[]{}<>/\\|@#$%^&*+=~`") + ["\t", "\n", "\r", "\u{0B}", "\u{0C}", "\r\n"]

    static func strings(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let words = ["Missile", "defense", "TALKS", "with", "Russia", "2007", "x", "U.S.", "don't", "--", "...", "A1b2"]
        return (0..<count).map { _ in
            var s = ""
            for _ in 0..<next(14) {
                if next(3) == 0 { s.append(alphabet[next(alphabet.count)]) } else { s += words[next(words.count)] }
                if next(2) == 0 { s.append(alphabet[next(alphabet.count)]) }
            }
            return s
        } + ["", " ", "...", "\"Quoted Title.\"", String(repeating: "word ", count: 30), String(repeating: "-a", count: 60)]
    }

    @Test func titleKeys() {
        for s in Self.strings(count: 3000, seed: 1) {
            #expect(MatchKey.asciiTitle(s) == MatchKey.unicodeTitle(s), "\(s.debugDescription)")
        }
        #expect(MatchKey.asciiTitle("café") == nil)
    }

    @Test func slugs() {
        for s in Self.strings(count: 3000, seed: 2) {
            #expect(Slug.asciiSlug(s) == Slug.unicodeSlug(s), "\(s.debugDescription)")
        }
        #expect(Slug.asciiSlug("Zürich") == nil)
        #expect(Slug.make("Café Culture in Zürich") == "cafe-culture-in-zurich")
    }

    /// The sanitizer skips text whose bytes cannot hold an unsafe scalar; every unsafe kind
    /// must still be caught in otherwise plain text.
    @Test func sanitizerStillCatchesEveryUnsafeKind() {
        let unsafe: [String] = ["\u{1B}[2J", "\u{07}", "\u{7F}", "\u{85}", "\u{9B}31m", "\u{202E}", "\u{2067}", "\u{2028}", "\u{FEFF}", "\u{FFF9}"]
        for u in unsafe {
            let cleaned = Sanitizer.clean("plain words " + u + " more words")
            #expect(!cleaned.unicodeScalars.contains(where: Sanitizer.isUnsafe), "\(u.debugDescription) survived: \(cleaned.debugDescription)")
        }
        for s in Self.strings(count: 500, seed: 3) {
            #expect(!Sanitizer.clean(s).unicodeScalars.contains(where: Sanitizer.isUnsafe))
        }
        #expect(Sanitizer.clean("Kyrillisch Кириллица, 漢字, café") == "Kyrillisch Кириллица, 漢字, café")
    }
}
