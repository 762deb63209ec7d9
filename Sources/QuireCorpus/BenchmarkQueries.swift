/// The fixed query set of the search benchmark, drawn from the corpus's own vocabulary.
public struct BenchmarkQuery: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case common, rare, phrase, prefix, labelAndWord = "label+word" }
    public var kind: Kind
    /// In Quire's search syntax.
    public var text: String
    /// The words a grep would look for (prefix queries end in `*`).
    public var words: [String]
    public var label: String?
}

extension CorpusGenerator {
    /// Ten queries of each kind. Word ranks are fixed, so the set depends only on the seed.
    public func benchmarkQueries() -> [BenchmarkQuery] {
        let w = vocabulary.words
        var out: [BenchmarkQuery] = []
        for i in 0..<10 {
            let common = w[30 + i * 3]
            out.append(BenchmarkQuery(kind: .common, text: common, words: [common]))
            let rare = w[6_000 + i * 577]
            out.append(BenchmarkQuery(kind: .rare, text: rare, words: [rare]))
            let phrase = vocabulary.phrases[i * 7].split(separator: " ").prefix(2).map(String.init)
            out.append(BenchmarkQuery(kind: .phrase, text: "\"" + phrase.joined(separator: " ") + "\"", words: phrase))
            // Three letters of a word that has more than three.
            let longer = w[(60 + i * 11)...].first { $0.count > 3 && $0.allSatisfy(\.isASCII) } ?? "missile"
            let prefix = String(longer.prefix(3))
            out.append(BenchmarkQuery(kind: .prefix, text: prefix + "*", words: [prefix + "*"]))
            let word = w[100 + i * 13]
            out.append(BenchmarkQuery(kind: .labelAndWord, text: "label:\(labels[i % 4]) \(word)", words: [word], label: labels[i % 4]))
        }
        return out
    }

    /// The most used label, for deep paging in a label.
    public var largestLabel: String { labels[0] }
}
