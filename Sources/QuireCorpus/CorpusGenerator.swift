import Foundation
import QuireModel

/// Generates a synthetic blog of any size for benchmarks: the same seed gives the same bytes.
///
/// Shape: post lengths log-normal around 1.5 KB with a tail to 30 KB; Zipf word frequencies
/// with topics (a post draws many of its words from its topic, so words recur within it) and
/// recurring phrases; labels with a power-law spread; dates over 20 years; footnotes in about
/// 15 % of posts; about one reference to another post per three posts; some non-ASCII words.
public struct CorpusGenerator {
    public struct GeneratedPost: Sendable {
        public var title: String
        public var date: PostDate
        public var labels: [String]
        public var paragraphs: [String]
        public var notes: [String]
        public var comments: Int
        public var slug: String
    }

    public let count: Int
    let seed: UInt64
    let vocabulary: Vocabulary
    let labels: [String]
    let labelWeights: [Double]

    public init(posts: Int, seed: UInt64) {
        count = posts
        self.seed = seed
        var random = SeededRandom(seed: seed)
        let vocabulary = Vocabulary(size: 20_000, topicCount: 40, random: &random)
        self.vocabulary = vocabulary
        let common = ["politics", "travel", "books", "music", "family", "cooking", "technology", "russia",
                      "japan", "energy", "languages", "photography"]
        labels = common + (common.count..<300).map { vocabulary.words[200 + $0 * 7] }
        var total = 0.0
        labelWeights = (1...labels.count).map { rank in total += 1 / pow(Double(rank), 1.1); return total }
    }

    /// Post `index` (0-based, oldest first). Depends only on the seed, the index and the count.
    public func post(_ index: Int) -> GeneratedPost {
        var random = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(index))
        let topic = vocabulary.topics[random.below(vocabulary.topics.count)]
        let date = Self.date(index: index, count: count, random: &random)
        let title = Self.titleCase((0..<(2 + random.below(5))).map { _ in word(topic, &random) }.joined(separator: " "))
            + " \(index)"

        // Log-normal body size: median about 1.5 KB, capped at 30 KB.
        let targetBytes = min(30_000, max(200, Int(1_500 * exp(0.8 * random.normal()))))
        var paragraphs: [String] = []
        var bytes = 0
        var referencesLeft = random.chance(1.0 / 3.0) ? 1 : 0
        let wantsNote = random.chance(0.15)
        while bytes < targetBytes {
            var sentences: [String] = []
            for _ in 0..<(2 + random.below(5)) {
                var words = (0..<(6 + random.below(14))).map { _ in word(topic, &random) }
                if random.chance(0.15) { words.insert(vocabulary.phrases[random.below(vocabulary.phrases.count)], at: random.below(words.count)) }
                sentences.append(Self.capitalised(words.joined(separator: " ")) + ".")
            }
            if referencesLeft > 0 && index > 0 && random.chance(0.5) {
                let target = random.below(index)
                sentences.append("As I wrote in my post \"\(Self.titleOf(target, generator: self))\", it still holds.")
                referencesLeft -= 1
            }
            var paragraph = sentences.joined(separator: " ")
            if wantsNote && paragraphs.isEmpty { paragraph += "[1]" }
            bytes += paragraph.utf8.count
            paragraphs.append(paragraph)
        }
        var notes: [String] = []
        if wantsNote {
            notes.append(Self.capitalised((0..<(8 + random.below(12))).map { _ in word(topic, &random) }.joined(separator: " ")) + ".")
        }
        let labelCount = 1 + random.below(3)
        var chosen: [String] = []
        for _ in 0..<labelCount {
            let x = random.unit() * labelWeights[labelWeights.count - 1]
            let i = labelWeights.firstIndex { $0 >= x } ?? 0
            if !chosen.contains(labels[i]) { chosen.append(labels[i]) }
        }
        return GeneratedPost(title: title, date: date, labels: chosen, paragraphs: paragraphs, notes: notes,
                             comments: random.chance(0.6) ? random.below(12) : 0, slug: Slug.make(title))
    }

    /// The title of post `index` without generating its body.
    static func titleOf(_ index: Int, generator: CorpusGenerator) -> String {
        var random = SeededRandom(seed: generator.seed &* 1_000_003 &+ UInt64(index))
        let topic = generator.vocabulary.topics[random.below(generator.vocabulary.topics.count)]
        _ = date(index: index, count: generator.count, random: &random)
        return titleCase((0..<(2 + random.below(5))).map { _ in generator.word(topic, &random) }.joined(separator: " "))
            + " \(index)"
    }

    /// Dates spread over twenty years ending in 2025, in index order.
    static func date(index: Int, count: Int, random: inout SeededRandom) -> PostDate {
        let days = 20 * 365
        let day = Int(Double(index) / Double(max(count, 1)) * Double(days))
        var y = 2006, m = 1, d = 1 + day
        while d > (PostDate.daysIn(month: m, year: y)) {
            d -= PostDate.daysIn(month: m, year: y)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return PostDate(year: y, month: m, day: d, hour: random.below(24), minute: random.below(60))
    }

    func word(_ topic: [Int], _ random: inout SeededRandom) -> String {
        random.chance(0.3) ? vocabulary.words[topic[random.below(topic.count)]] : vocabulary.zipfWord(&random)
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
    static func titleCase(_ s: String) -> String { s.split(separator: " ").map { capitalised(String($0)) }.joined(separator: " ") }
}
