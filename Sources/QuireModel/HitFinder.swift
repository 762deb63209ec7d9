/// Where the words of a search occur in a text, marked character by character: in spaced
/// scripts whole words, in scripts written without spaces (Japanese, Chinese, Thai...) every
/// occurrence of the run, as the search index finds them. A mark never covers part of a
/// character (a grapheme cluster) or part of a spaced word.
public struct HitFinder: Sendable {
    /// How a search word matches a word of a spaced script.
    public enum WordRule: Sendable {
        /// The word itself or it with a short ending, roughly as the index's stemmer folds them
        /// ("missile" marks "missiles"); a word ending in `*` marks every word it starts.
        case stems
        /// Every word the search word starts.
        case prefixes
    }

    /// Spaced words, lowercased; those ending in `*` match as prefixes.
    private var spaced: [String] = []
    /// Runs of unspaced scripts (which have no case), and their UTF-8.
    private var runs: [[Character]] = []
    private var runBytes: [[UInt8]] = []
    private let rule: WordRule

    /// `words` as `SearchQuery.highlightWords` gives them (lowercased; prefix terms end in `*`).
    public init(words: [String], rule: WordRule) {
        self.rule = rule
        for word in words {
            let isPrefix = word.hasSuffix("*")
            let body = isPrefix ? String(word.dropLast()) : word
            let pieces = ScriptRuns.pieces(of: body)
            for (i, piece) in pieces.enumerated() {
                if piece.isUnspaced {
                    runs.append(Array(piece.text))
                } else {
                    let text = piece.text.lowercased()
                    guard text.contains(where: Self.isWordCharacter) else { continue }
                    spaced.append(isPrefix && i == pieces.count - 1 ? text + "*" : text)
                }
            }
        }
        runs.removeAll { $0.isEmpty }
        runBytes = runs.map { Array(String($0).utf8) }
        firstLetters = Set(spaced.compactMap(\.first))
    }

    /// The first letter of each spaced word.
    private var firstLetters: Set<Character> = []

    public var isEmpty: Bool { spaced.isEmpty && runs.isEmpty }

    /// A mark for each character of `chars` that is part of a hit.
    public func marks(in chars: [Character]) -> [Bool] {
        var marks = Array(repeating: false, count: chars.count)
        guard !isEmpty, !chars.isEmpty else { return marks }
        if !spaced.isEmpty {
            var i = 0
            while i < chars.count {
                guard Self.isSpacedWordCharacter(chars[i]) else { i += 1; continue }
                var j = i
                while j < chars.count, Self.isSpacedWordCharacter(chars[j]) { j += 1 }
                // Most words start with a letter no search word starts with.
                let first = chars[i].asciiValue.map { Character(Unicode.Scalar($0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0))) }
                if first == nil || firstLetters.contains(first!) {
                    let word = String(chars[i..<j]).lowercased()
                    if spaced.contains(where: { matches(word, $0) }) { for k in i..<j { marks[k] = true } }
                }
                i = j
            }
        }
        guard !runs.isEmpty else { return marks }
        // Runs by their bytes, as the index matches them, where they start and end with a
        // character (comparing characters, a grapheme cluster at a time, is several times slower).
        var bytes: [UInt8] = [], character: [Int32] = []
        bytes.reserveCapacity(chars.count * 3)
        character.reserveCapacity(chars.count * 3 + 1)
        for (k, c) in chars.enumerated() {
            let start = bytes.count
            bytes.append(contentsOf: c.utf8)
            character.append(Int32(k))
            for _ in (start + 1)..<max(start + 1, bytes.count) { character.append(-1) }
        }
        character.append(Int32(chars.count))
        for run in runBytes where run.count <= bytes.count {
            var i = 0
            while i + run.count <= bytes.count {
                defer { i += 1 }
                guard bytes[i] == run[0], character[i] >= 0, character[i + run.count] >= 0 else { continue }
                var k = 1
                while k < run.count, bytes[i + k] == run[k] { k += 1 }
                guard k == run.count else { continue }
                for m in Int(character[i])..<Int(character[i + run.count]) { marks[m] = true }
            }
        }
        return marks
    }

    /// Where a hit probably starts, as an offset in the text's UTF-8, found quickly from bytes:
    /// runs where their bytes occur and end with a character, spaced words where their bytes
    /// (ASCII in either case) start a word. Marking every character of a long text costs
    /// milliseconds; the characters around this place are enough for a snippet. Nil when no
    /// hit is found this way, which may still miss words in other cases ("Émile" for "émile").
    public func likelyFirstHit(in text: String) -> Int? {
        var text = text
        let patterns = runBytes.map { (bytes: $0, spaced: false) }
            + spaced.map { (bytes: Array(($0.hasSuffix("*") ? String($0.dropLast()) : $0).utf8), spaced: true) }
        return text.withUTF8 { t -> Int? in
            var best: Int?
            for (pattern, isWord) in patterns where !pattern.isEmpty && pattern.count <= t.count {
                let first = pattern[0]
                let upper = isWord && first >= 0x61 && first <= 0x7A ? first - 0x20 : first
                var i = 0
                while i + pattern.count <= min(t.count, best ?? t.count) {
                    defer { i += 1 }
                    guard t[i] == first || t[i] == upper else { continue }
                    var k = 1
                    while k < pattern.count, (isWord && t[i + k] >= 0x41 && t[i + k] <= 0x5A ? t[i + k] | 0x20 : t[i + k]) == pattern[k] { k += 1 }
                    guard k == pattern.count else { continue }
                    if isWord, i > 0, t[i - 1] < 0x80, Self.isASCIIWordByte(t[i - 1]) { continue }
                    if !isWord, !Self.endsCharacter(t, at: i + pattern.count) { continue }
                    best = i
                    break
                }
            }
            return best
        }
    }

    private static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// Whether no mark of the character before `end` follows it there.
    private static func endsCharacter(_ t: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        guard end < t.count else { return true }
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: t[end..<min(t.count, end + 4)]), as: UTF8.self).unicodeScalars.first
        guard let scalar else { return true }
        let category = scalar.properties.generalCategory
        return ScriptRuns.kind(of: scalar) != .extend && category != .nonspacingMark && category != .spacingMark
    }

    /// Letters and digits: what the index's word tokenizer keeps.
    public static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// A letter or digit of a spaced script: a spaced word stops where an unspaced run starts
    /// ("Python入門" holds the word "python").
    public static func isSpacedWordCharacter(_ c: Character) -> Bool {
        if let a = c.asciiValue { return isASCIIWordByte(a) }
        return isWordCharacter(c) && !ScriptRuns.isUnspaced(c)
    }

    private func matches(_ word: String, _ term: String) -> Bool {
        if term.hasSuffix("*") {
            let stem = term.dropLast()
            return !stem.isEmpty && word.hasPrefix(stem)
        }
        switch rule {
        case .prefixes:
            return word.hasPrefix(term)
        case .stems:
            if word == term { return true }
            // missile ~ missiles, defend ~ defended: endings the stemmer folds together.
            guard term.count >= 4, word.hasPrefix(term) else { return false }
            return ["s", "es", "ed", "ing", "er", "ers", "ly", "'s"].contains(String(word.dropFirst(term.count)))
        }
    }
}
