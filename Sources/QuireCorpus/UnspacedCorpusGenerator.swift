import Foundation
import QuireModel

/// Generates a synthetic blog written in Japanese, Chinese, Thai and Korean, for the search
/// benchmark and the recall tests: the same seed gives the same bytes.
///
/// Shape: about four posts in ten Japanese, three Chinese, two Thai, one Korean; post lengths
/// log-normal around 500 characters; nouns drawn with Zipf frequencies and a topic per post, so
/// that some words are in most posts and others in few; Japanese glued to Latin names now and
/// then ("iPhone15の使い方"); dates over 20 years, as the Latin corpus has them.
public struct UnspacedCorpusGenerator {
    public typealias Language = UnspacedVocabulary.Language

    public let count: Int
    let seed: UInt64

    public init(posts: Int, seed: UInt64) {
        count = posts
        self.seed = seed
    }

    /// Mixed phrases a Japanese post may hold whole (and the benchmark searches for).
    static let mixedPhrases = ["iPhone15の使い方", "Python入門", "Excelで家計簿", "YouTubeの動画"]

    static let labels: [Language: String] = [.japanese: "日本語", .chinese: "中文", .thai: "ภาษาไทย", .korean: "한국어"]

    /// The language of post `index`.
    public func language(_ index: Int) -> Language {
        var random = SeededRandom(seed: seed &* 7_000_003 &+ UInt64(index))
        let x = random.unit()
        return x < 0.4 ? .japanese : x < 0.7 ? .chinese : x < 0.9 ? .thai : .korean
    }

    /// Post `index` (0-based, oldest first). Depends only on the seed, the index and the count.
    public func post(_ index: Int) -> CorpusGenerator.GeneratedPost {
        let language = self.language(index)
        var random = SeededRandom(seed: seed &* 1_000_033 &+ UInt64(index))
        let nouns = UnspacedVocabulary.nouns(language)
        let topic = (0..<12).map { _ in random.below(nouns.count) }
        func noun(_ random: inout SeededRandom) -> String {
            random.chance(0.35) ? nouns[topic[random.below(topic.count)]] : nouns[Self.zipf(nouns.count, &random)]
        }
        let date = CorpusGenerator.date(index: index, count: count, random: &random)
        let titleWords = (0..<(2 + random.below(2))).map { _ in noun(&random) }
        let title: String
        switch language {
        case .japanese: title = titleWords.joined(separator: "の")
        case .chinese: title = titleWords.joined(separator: "的")
        case .thai, .korean: title = titleWords.joined(separator: " ")
        }
        let target = min(8_000, max(80, Int(500 * exp(0.7 * random.normal()))))
        var paragraphs: [String] = []
        var characters = 0
        while characters < target {
            let sentences = (0..<(2 + random.below(4))).map { _ in sentence(language, noun, &random) }
            let paragraph = language == .japanese || language == .chinese ? sentences.joined() : sentences.joined(separator: " ")
            characters += paragraph.count
            paragraphs.append(paragraph)
        }
        var labels = [Self.labels[language]!]
        if random.chance(0.5) { labels.append(nouns[topic[0]]) }
        return CorpusGenerator.GeneratedPost(title: title + " \(index)", date: date, labels: labels, paragraphs: paragraphs,
                                             notes: [], comments: 0, slug: "p\(index)")
    }

    private func sentence(_ language: Language, _ noun: (inout SeededRandom) -> String, _ random: inout SeededRandom) -> String {
        switch language {
        case .japanese:
            var s = ""
            if random.chance(0.04) {
                s += Self.mixedPhrases[random.below(Self.mixedPhrases.count)] + "を"
            } else if random.chance(0.03) {
                s += UnspacedVocabulary.latinNames[random.below(UnspacedVocabulary.latinNames.count)]
            }
            for _ in 0..<(1 + random.below(3)) {
                s += noun(&random) + UnspacedVocabulary.japaneseParticles[random.below(UnspacedVocabulary.japaneseParticles.count)]
            }
            s += noun(&random) + UnspacedVocabulary.japaneseEndings[random.below(UnspacedVocabulary.japaneseEndings.count)]
            return s + (random.chance(0.2) ? "、" : "。")
        case .chinese:
            var s = ""
            for i in 0..<(3 + random.below(4)) {
                s += i % 2 == 1 ? UnspacedVocabulary.chineseJoiners[random.below(UnspacedVocabulary.chineseJoiners.count)] : noun(&random)
            }
            return s + (random.chance(0.25) ? "，" : "。")
        case .thai:
            var s = ""
            for i in 0..<(3 + random.below(4)) {
                s += i % 2 == 1 ? UnspacedVocabulary.thaiJoiners[random.below(UnspacedVocabulary.thaiJoiners.count)] : noun(&random)
            }
            return s
        case .korean:
            var words: [String] = []
            for _ in 0..<(2 + random.below(3)) {
                let n = noun(&random)
                words.append(n + UnspacedVocabulary.koreanParticle(after: n, &random))
            }
            return words.joined(separator: " ") + " " + UnspacedVocabulary.koreanEndings[random.below(UnspacedVocabulary.koreanEndings.count)] + "."
        }
    }

    /// A rank from 0 with Zipf-like weights 1/(rank+1).
    static func zipf(_ n: Int, _ random: inout SeededRandom) -> Int {
        // Inverse of the continuous approximation of the harmonic sum.
        let x = random.unit()
        let rank = Int(exp(x * log(Double(n) + 1))) - 1
        return min(n - 1, max(0, rank))
    }
}

/// A query of the unspaced-script benchmark: its text in Quire's syntax, which is also the text
/// a plain substring scan looks for.
public struct UnspacedQuery: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case word = "2-character word", long = "longer word", single = "1 character", mixed = "Latin + Japanese"
        case thai = "Thai word", korean = "Korean word"
    }
    public var kind: Kind
    public var text: String
}

extension UnspacedCorpusGenerator {
    /// The fixed query set: common and rare words of each language, single characters, mixed text.
    public func benchmarkQueries() -> [UnspacedQuery] {
        let q = { (kind: UnspacedQuery.Kind, texts: [String]) in texts.map { UnspacedQuery(kind: kind, text: $0) } }
        return q(.word, ["家計", "借金", "旅行", "公园", "天气", "长城", "烤鸭"])
            + q(.long, ["自己破産", "家計簿", "クレジットカード", "北京烤鸭", "太极拳", "中秋节"])
            + q(.single, ["家", "猫", "鸭", "雪"])
            + q(.mixed, Self.mixedPhrases + ["Python"])
            + q(.thai, ["ตลาด", "ผลไม้", "ก๋วยเตี๋ยว", "ความสุข", "วัด", "น้ำท่วม"])
            + q(.korean, ["도서관", "친구", "비빔밥", "은행"])
    }
}
