/// Invented words with Zipf-like frequencies, grouped into topics.
///
/// Words are built from syllables, so the corpus has the shape of real prose (a few very
/// common words, a long tail of rare ones, words that recur within a post) without using
/// anyone's text.
struct Vocabulary {
    let words: [String]
    /// Cumulative Zipf weights over `words` (rank 1 first).
    let cumulative: [Double]
    /// For each topic, indices of the words that topic favours.
    let topics: [[Int]]
    /// Short phrases that recur across the corpus.
    let phrases: [String]

    static let function = ["the", "of", "and", "to", "a", "in", "is", "that", "it", "was", "for", "on",
                           "with", "as", "but", "at", "by", "not", "this", "from", "or", "they", "we", "be"]
    static let onsets = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p",
                         "pr", "qu", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z"]
    static let nuclei = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
    static let codas = ["", "", "n", "r", "s", "t", "l", "nd", "st", "ck", "m", "x"]
    static let foreign = ["Москва", "правда", "спасибо", "дорога", "café", "crème", "São", "Zürich",
                          "naïve", "façade", "東京", "京都", "漢字", "ひらがな", "カタカナ", "北京", "ström", "año"]

    init(size: Int, topicCount: Int, random: inout SeededRandom) {
        var seen = Set(Self.function)
        var list = Self.function
        while list.count < size - Self.foreign.count {
            let syllables = 1 + random.below(3)
            var w = ""
            for _ in 0..<syllables {
                w += Self.onsets[random.below(Self.onsets.count)] + Self.nuclei[random.below(Self.nuclei.count)]
            }
            w += Self.codas[random.below(Self.codas.count)]
            if seen.insert(w).inserted { list.append(w) }
        }
        // Foreign words sit in the middle of the frequency range: present, not dominant.
        for (i, f) in Self.foreign.enumerated() { list.insert(f, at: min(list.count, 400 + i * 37)) }
        words = list
        var total = 0.0
        cumulative = (1...list.count).map { rank in total += 1 / Double(rank); return total }
        topics = (0..<topicCount).map { _ in (0..<60).map { _ in 100 + random.below(list.count - 100) } }
        phrases = (0..<200).map { _ in
            (0..<(2 + random.below(3))).map { _ in list[24 + random.below(2000)] }.joined(separator: " ")
        }
    }

    /// A word drawn by Zipf frequency.
    func zipfWord(_ random: inout SeededRandom) -> String {
        let x = random.unit() * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return words[lo]
    }
}
