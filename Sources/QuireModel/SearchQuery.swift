/// A search as a person types it, parsed into parts the store can run safely.
///
/// Syntax: words, `"phrases"`, `prefix*`, `-excluded` (word or phrase), `label:X` (also `tag:X`),
/// `title:X`, `year:2007`. Every string parses: unknown syntax is read as words, and text that
/// holds no letters or digits is ignored.
public struct SearchQuery: Hashable, Sendable {
    public struct Term: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case word, phrase, prefix }
        public var kind: Kind
        /// The words of the term, lowercased, punctuation removed.
        public var words: [String]
        public var negated: Bool
        public var titleOnly: Bool
        public init(kind: Kind, words: [String], negated: Bool = false, titleOnly: Bool = false) {
            self.kind = kind; self.words = words; self.negated = negated; self.titleOnly = titleOnly
        }
    }
    public var terms: [Term] = []
    public var labels: [String] = []
    public var years: [Int] = []

    public init(terms: [Term] = [], labels: [String] = [], years: [Int] = []) {
        self.terms = terms; self.labels = labels; self.years = years
    }

    public var positiveTerms: [Term] { terms.filter { !$0.negated } }
    public var negativeTerms: [Term] { terms.filter(\.negated) }
    /// Whether a word to find is (or holds) text of a script written without spaces.
    public var findsUnspacedText: Bool { positiveTerms.contains { $0.words.contains(where: ScriptRuns.containsUnspaced) } }
    public var isEmpty: Bool { terms.isEmpty && labels.isEmpty && years.isEmpty }

    /// The FTS5 expression for the positive terms, with the negative ones as `NOT`; nil when
    /// there is no positive term. Each word is a quoted FTS string, so nothing a user types is
    /// ever FTS syntax.
    public var ftsExpression: String? {
        let positives = positiveTerms.map(Self.fts)
        guard !positives.isEmpty else { return nil }
        var expr = positives.joined(separator: " AND ")
        for term in negativeTerms { expr += " NOT " + Self.fts(term) }
        return expr
    }

    /// An FTS5 expression matching any negative term, for queries with no positive term.
    public var negativeExpression: String? {
        let negatives = negativeTerms.map { t -> String in
            var u = t; u.negated = false; return Self.fts(u)
        }
        return negatives.isEmpty ? nil : negatives.joined(separator: " OR ")
    }

    private static func fts(_ term: Term) -> String {
        // A word is letters and digits, but a grapheme cluster can carry a quote along (a prepended
        // mark before `"`), so quotes inside are doubled as FTS5 strings require.
        func string(_ s: String) -> String {
            var out = String.UnicodeScalarView(["\""])
            for scalar in s.unicodeScalars {
                if scalar == "\"" { out.append(scalar) }
                out.append(scalar)
            }
            out.append("\"")
            return String(out)
        }
        let column = term.titleOnly ? "title : " : ""
        switch term.kind {
        // Text of unspaced scripts (Japanese, Chinese, Thai...) is cut by the index's tokenizer
        // into pairs of characters, a phrase that matches wherever the text holds it (quire_cjk.c).
        case .word: return column + string(term.words[0])
        case .phrase: return column + string(term.words.joined(separator: " "))
        case .prefix:
            // A run of an unspaced script already matches wherever it occurs.
            if ScriptRuns.pieces(of: term.words[0]).last?.isUnspaced == true { return column + string(term.words[0]) }
            // The prefix as typed (the store's tokenizer leaves it unstemmed), or the word it
            // spells, stemmed: "defense*" must find "defense", indexed as "defens".
            let word = string(term.words[0])
            return "(\(column)\(word)* OR \(column)\(word))"
        }
    }

    /// Words a reader should highlight in a post opened from this search (prefix terms end in `*`).
    /// See `HitFinder` for how they match.
    public var highlightWords: [String] {
        positiveTerms.flatMap { t in t.kind == .prefix ? t.words.map { $0 + "*" } : t.words }
    }

    public init(parsing input: String) {
        for raw in Self.tokenize(input) {
            var text = raw.text
            var negated = false
            if !raw.quoted, text.hasPrefix("-"), text.count > 1 { negated = true; text.removeFirst() }
            if !raw.quoted, let colon = text.firstIndex(of: ":") {
                let field = text[..<colon].lowercased()
                let value = String(text[text.index(after: colon)...])
                switch field {
                case "label", "tag", "labels", "tags":
                    if !value.isEmpty && !negated { labels.append(value); continue }
                case "year":
                    if let y = Int(value), (1...9999).contains(y), !negated { years.append(y); continue }
                case "title":
                    addTerm(value, quoted: raw.valueQuoted, negated: negated, titleOnly: true); continue
                default: break
                }
            }
            addTerm(text, quoted: raw.quoted, negated: negated, titleOnly: false)
        }
    }

    private mutating func addTerm(_ text: String, quoted: Bool, negated: Bool, titleOnly: Bool) {
        let isPrefix = !quoted && text.hasSuffix("*")
        let words = Self.words(in: text)
        guard !words.isEmpty else { return }
        if quoted && words.count > 1 {
            terms.append(Term(kind: .phrase, words: words, negated: negated, titleOnly: titleOnly))
        } else if words.count > 1 {
            // "U.S.-Russian" and the like: the tokenizer splits them, so search them as a phrase.
            terms.append(Term(kind: .phrase, words: words, negated: negated, titleOnly: titleOnly))
        } else {
            terms.append(Term(kind: isPrefix ? .prefix : .word, words: words, negated: negated, titleOnly: titleOnly))
        }
    }

    /// Splits text into lowercased runs of letters, digits and marks, as the FTS tokenizer does.
    public static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { String($0.prefix(64)) }
    }

    private struct RawToken { var text: String; var quoted: Bool; var valueQuoted: Bool }

    private static let quoteOpeners: Set<Character> = ["\"", "\u{201C}", "\u{201E}", "\u{00AB}"]
    private static let quoteClosers: Set<Character> = ["\"", "\u{201D}", "\u{201C}", "\u{00BB}"]

    private static func tokenize(_ input: String) -> [RawToken] {
        var tokens: [RawToken] = []
        var chars = Array(input)[...]
        while let c = chars.first {
            if c.isWhitespace { chars.removeFirst(); continue }
            if quoteOpeners.contains(c) {
                chars.removeFirst()
                var text = ""
                while let d = chars.popFirst(), !quoteClosers.contains(d) { text.append(d) }
                tokens.append(RawToken(text: text, quoted: true, valueQuoted: true))
                continue
            }
            var text = ""
            var valueQuoted = false
            while let d = chars.first, !d.isWhitespace {
                // `-"phrase"`, `title:"a phrase"`, `label:"two words"`.
                if quoteOpeners.contains(d), text == "-" || text.hasSuffix(":") {
                    chars.removeFirst()
                    var inner = ""
                    while let e = chars.popFirst(), !quoteClosers.contains(e) { inner.append(e) }
                    if text == "-" {
                        tokens.append(RawToken(text: "", quoted: true, valueQuoted: true))
                        tokens[tokens.count - 1] = RawToken(text: inner, quoted: true, valueQuoted: true)
                        negateLast(&tokens)
                        text = ""
                        break
                    }
                    text += inner; valueQuoted = true
                    break
                }
                text.append(d); chars.removeFirst()
            }
            if !text.isEmpty { tokens.append(RawToken(text: text, quoted: false, valueQuoted: valueQuoted)) }
        }
        return tokens
    }

    /// Marks the last token, a quoted phrase, as excluded: encoded as a leading `-` that the
    /// parser reads even on quoted tokens.
    private static func negateLast(_ tokens: inout [RawToken]) {
        let t = tokens.removeLast()
        tokens.append(RawToken(text: "-" + t.text, quoted: false, valueQuoted: true))
    }
}
