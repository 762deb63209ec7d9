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
    /// Runs of unspaced scripts, lowercased character by character.
    private var runs: [[String]] = []
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
                    runs.append(piece.text.lowercased().map { String($0) })
                } else {
                    let text = piece.text.lowercased()
                    guard text.contains(where: Self.isWordCharacter) else { continue }
                    spaced.append(isPrefix && i == pieces.count - 1 ? text + "*" : text)
                }
            }
        }
        runs.removeAll { $0.isEmpty }
    }

    public var isEmpty: Bool { spaced.isEmpty && runs.isEmpty }

    /// A mark for each character of `chars` that is part of a hit.
    public func marks(in chars: [Character]) -> [Bool] {
        var marks = Array(repeating: false, count: chars.count)
        guard !isEmpty, !chars.isEmpty else { return marks }
        let lower = chars.map { $0.lowercased() }
        if !spaced.isEmpty {
            var i = 0
            while i < chars.count {
                guard Self.isSpacedWordCharacter(chars[i]) else { i += 1; continue }
                var j = i
                while j < chars.count, Self.isSpacedWordCharacter(chars[j]) { j += 1 }
                let word = lower[i..<j].joined()
                if spaced.contains(where: { matches(word, $0) }) { for k in i..<j { marks[k] = true } }
                i = j
            }
        }
        for run in runs where run.count <= lower.count {
            var i = 0
            while i + run.count <= lower.count {
                if lower[i] == run[0], (1..<run.count).allSatisfy({ lower[i + $0] == run[$0] }) {
                    for k in i..<(i + run.count) { marks[k] = true }
                }
                i += 1
            }
        }
        return marks
    }

    /// Letters and digits: what the index's word tokenizer keeps.
    public static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// A letter or digit of a spaced script: a spaced word stops where an unspaced run starts
    /// ("Python入門" holds the word "python").
    public static func isSpacedWordCharacter(_ c: Character) -> Bool { isWordCharacter(c) && !ScriptRuns.isUnspaced(c) }

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
