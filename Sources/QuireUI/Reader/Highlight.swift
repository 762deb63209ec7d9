/// Which words of a post to mark as hits.
public enum Highlight: Hashable, Sendable {
    case none
    /// Words of an archive search (lowercased; a trailing `*` matches any ending). A word also
    /// matches a longer one with a short ending, roughly as the store's stemmer does.
    case words([String])
    /// Find in post: any occurrence, ignoring case.
    case text(String)

    public var isActive: Bool {
        switch self {
        case .none: return false
        case .words(let w): return !w.isEmpty
        case .text(let t): return !t.isEmpty
        }
    }

    /// The spans with hit runs split out and marked.
    public func apply(_ spans: [Span]) -> [Span] {
        guard isActive else { return spans }
        var chars: [Character] = []
        var owner: [Int] = []
        for (k, s) in spans.enumerated() { for c in s.text { chars.append(c); owner.append(k) } }
        let marks = hits(in: chars)
        guard marks.contains(true) else { return spans }
        var out: [Span] = []
        var i = 0
        while i < chars.count {
            let k = owner[i], hit = marks[i]
            var text = ""
            while i < chars.count, owner[i] == k, marks[i] == hit { text.append(chars[i]); i += 1 }
            var span = spans[k]
            span.text = text
            span.isHit = span.isHit || hit
            out.append(span)
        }
        return out
    }

    private func hits(in chars: [Character]) -> [Bool] {
        var marks = Array(repeating: false, count: chars.count)
        let lower = chars.map { $0.lowercased() }
        switch self {
        case .none:
            break
        case .text(let t):
            let needle = t.lowercased().map { String($0) }
            guard !needle.isEmpty, needle.count <= lower.count else { break }
            var i = 0
            while i + needle.count <= lower.count {
                if (0..<needle.count).allSatisfy({ lower[i + $0] == needle[$0] }) {
                    for j in i..<(i + needle.count) { marks[j] = true }
                    i += needle.count
                } else { i += 1 }
            }
        case .words(let terms):
            var i = 0
            while i < chars.count {
                guard Self.isWordChar(chars[i]) else { i += 1; continue }
                var j = i
                while j < chars.count, Self.isWordChar(chars[j]) { j += 1 }
                let word = lower[i..<j].joined()
                if terms.contains(where: { Self.matches(word, $0) }) { for k in i..<j { marks[k] = true } }
                i = j
            }
        }
        return marks
    }

    static func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    static func matches(_ word: String, _ term: String) -> Bool {
        if term.hasSuffix("*") {
            let stem = term.dropLast()
            return !stem.isEmpty && word.hasPrefix(stem)
        }
        if word == term { return true }
        // missile ~ missiles, defend ~ defended: endings the stemmer folds together.
        guard term.count >= 4, word.hasPrefix(term) else { return false }
        return ["s", "es", "ed", "ing", "er", "ers", "ly", "'s"].contains(String(word.dropFirst(term.count)))
    }
}
