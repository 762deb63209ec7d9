import QuireModel

/// Which words of a post to mark as hits.
public enum Highlight: Hashable, Sendable {
    case none
    /// Words of an archive search (lowercased; a trailing `*` matches any ending). A word also
    /// matches a longer one with a short ending, roughly as the store's stemmer does; a run of
    /// Japanese, Chinese, Thai... matches wherever it occurs.
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
            // Spaced words whole, runs of unspaced scripts wherever they occur (see HitFinder).
            marks = HitFinder(words: terms, rule: .stems).marks(in: chars)
        }
        return marks
    }
}
