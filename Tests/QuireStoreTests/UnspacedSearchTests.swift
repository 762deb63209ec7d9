import Foundation
import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// Posts written for these tests, several words each: Japanese, Chinese, Korean, Thai.
enum UnspacedPosts {
    static let japanese = makePost("家計の見直し", "2020-03-01", body: [
        "去年から家計簿をつけ始めました。毎月の支出を記録すると、借金の返済がどれほど重いかよく分かります。",
        "弁護士に相談して、自己破産という道も考えました。",
    ], key: "ja:1")
    static let gadgets = makePost("新しい電話", "2021-05-02", body: [
        "iPhone15の使い方を覚えるのに一週間かかった。Python入門の本も買った。新しいMacBookも欲しい。",
    ], key: "ja:2")
    static let chinese = makePost("周末", "2019-07-03", body: [
        "我们周末去公园散步。天气很好，孩子们在草地上放风筝。晚上吃了北京烤鸭。",
    ], key: "zh:1")
    static let korean = makePost("도서관", "2018-09-04", body: [
        "어제 도서관에서 역사책을 빌렸습니다. 내일은 친구와 함께 영화를 보러 갑니다.",
    ], key: "ko:1")
    static let thai = makePost("ตลาดเช้า", "2017-11-05", body: [
        "วันนี้ฉันไปตลาดกับแม่ เราซื้อผลไม้และผักสด ตอนเย็นฝนตกหนัก",
    ], key: "th:1")
    static let english = makePost("Household Budget", "2016-01-06", body: [
        "Keeping a household budget showed how heavy the debts were.",
    ], key: "en:1")

    static let all = [japanese, gadgets, chinese, korean, thai, english]
}

@Suite struct UnspacedSearchTests {
    func titles(_ s: ArchiveStore, _ q: String) throws -> Set<String> { Set(try s.search(q, limit: 50).map(\.post.title)) }

    @Test func eachWordIsFound() throws {
        let s = try store(with: UnspacedPosts.all)
        for word in ["家計", "家計簿", "借金", "返済", "自己破産", "破産", "弁護士", "支出", "記録", "見直し"] {
            #expect(try titles(s, word) == ["家計の見直し"], "\(word)")
        }
        for word in ["公园", "散步", "风筝", "北京烤鸭", "烤鸭", "天气", "孩子们"] {
            #expect(try titles(s, word) == ["周末"], "\(word)")
        }
        for word in ["도서관", "역사책", "친구", "영화", "빌렸습니다"] {
            #expect(try titles(s, word) == ["도서관"], "\(word)")
        }
        for word in ["ตลาด", "ผลไม้", "ผักสด", "ฝนตก", "แม่", "วันนี้"] {
            #expect(try titles(s, word) == ["ตลาดเช้า"], "\(word)")
        }
    }
}

extension UnspacedSearchTests {
    @Test func phrasesAndRunsAreFoundOnlyWhereTheTextHoldsThem() throws {
        let s = try store(with: UnspacedPosts.all)
        #expect(try titles(s, "\"家計簿をつけ\"") == ["家計の見直し"])
        #expect(try titles(s, "借金の返済") == ["家計の見直し"])
        #expect(try titles(s, "自己破産 借金") == ["家計の見直し"], "two words, both in the post")
        #expect(try titles(s, "\"自己破産 という\"") == ["家計の見直し"], "a space between runs of a phrase is no gap")
        #expect(try titles(s, "自己破*") == ["家計の見直し"], "as search as you type asks while a word is typed")
        // The characters are there, but not next to each other.
        #expect(try titles(s, "家計破産").isEmpty)
        #expect(try titles(s, "鸭烤").isEmpty)
        #expect(try titles(s, "家計 budget").isEmpty)
        #expect(try titles(s, "家計 -借金").isEmpty)
        #expect(try titles(s, "-借金").count == UnspacedPosts.all.count - 1)
        #expect(try titles(s, "title:家計") == ["家計の見直し"])
        #expect(try titles(s, "title:破産").isEmpty)
    }

    @Test func aSingleCharacterIsFoundWhereverItStands() throws {
        let s = try store(with: UnspacedPosts.all)
        #expect(try titles(s, "家") == ["家計の見直し"])
        // The last character of a run ("…烤鸭。"), the first ("我们…"), one inside.
        #expect(try titles(s, "鸭") == ["周末"])
        #expect(try titles(s, "我") == ["周末"])
        #expect(try titles(s, "筝") == ["周末"])
        #expect(try titles(s, "관") == ["도서관"])
        #expect(try titles(s, "ผ") == ["ตลาดเช้า"])
        #expect(try titles(s, "鳥").isEmpty)
    }

    @Test func mixedScriptTextFindsBothParts() throws {
        let s = try store(with: UnspacedPosts.all)
        for q in ["iPhone15", "iphone15の使い方", "の使い方", "使い方", "Python入門", "python", "入門", "python入", "iPhone15の",
                  "新しいMacBook", "いmacbook", "macbookも欲しい"] {
            #expect(try titles(s, q) == ["新しい電話"], "\(q)")
        }
        #expect(try titles(s, "python入門書").isEmpty)
        #expect(try titles(s, "budget") == ["Household Budget"], "Latin words are stemmed and found as before")
        #expect(try titles(s, "debt") == ["Household Budget"])
    }

    @Test func snippetsMarkTheWholeMatchedText() throws {
        let s = try store(with: UnspacedPosts.all)
        func marked(_ q: String) throws -> [String] {
            try #require(try s.search(q, limit: 5).first).snippet.parts.filter(\.isHit).map(\.text)
        }
        #expect(try marked("自己破産") == ["自己破産"])
        #expect(try marked("破産") == ["破産"])
        #expect(try marked("家計") == ["家計"])
        #expect(try marked("烤鸭") == ["烤鸭"])
        #expect(try marked("도서관") == ["도서관"])
        #expect(try marked("ผลไม้") == ["ผลไม้"])
        // Thai vowels and tone marks stay with their consonant: "วันนี้" is วั น นี้.
        #expect(try marked("วัน") == ["วัน"])
        #expect(try marked("python入門") == ["Python入門"])
        // A Latin word in a post with Japanese: FTS5's own snippet, the word whole.
        let python = try #require(try s.search("python", limit: 5).first).snippet
        #expect(python.parts.filter(\.isHit).map(\.text) == ["Python"])
        #expect(python.plain.contains("Python入門の本も買った"))
        for q in ["自己破産", "python", "วัน", "iphone15の使い方"] {
            let hit = try #require(try s.search(q, limit: 5).first)
            let text = hit.post.title == "新しい電話" ? UnspacedPosts.gadgets.document.plainText : hit.post.title == "家計の見直し"
                ? UnspacedPosts.japanese.document.plainText : UnspacedPosts.thai.document.plainText
            // The snippet is the text itself, cut at characters: no part starts inside one.
            let plain = hit.snippet.plain.replacingOccurrences(of: "…", with: "")
            #expect(text.replacingOccurrences(of: "\n\n", with: " ").contains(plain), "\(q): \(plain)")
        }
    }
}

/// Comments are searched too: a hit only in a comment says which one.
@Suite struct CommentSearchTests {
    static func postWithComments() -> Post {
        var p = makePost("Weather Notes", "2015-02-02", body: ["A post about the weather in spring."], key: "c:1")
        p.comments = [
            Comment(sourceID: "1", author: "田中", date: nil, blocks: [.paragraph([.text("とても参考になりました。ありがとうございます。", [])])]),
            Comment(sourceID: "2", author: "Ada Lovelace", date: nil, blocks: [.paragraph([.text("A thoughtful analysis of engines.", [])])]),
            Comment(sourceID: "3", author: "Gone", date: nil, blocks: [.paragraph([.text("removed words", [])])], removed: true),
            Comment(sourceID: "4", parentID: "2", author: "Bob", date: nil, blocks: [.paragraph([.text("Engines again, and the weather.", [])])]),
        ]
        p.commentCount = 4
        return p
    }

    @Test func aHitInACommentSaysWhichComment() throws {
        let s = try store(with: [Self.postWithComments(), makePost("Other", "2015-03-03", body: ["Nothing here."], key: "c:2")])
        func hit(_ q: String) throws -> SearchHit { try #require(try s.search(q, limit: 5).first, "\(q)") }
        #expect(try hit("参考").comment == SearchHit.InComment(index: 0, author: "田中"))
        #expect(try hit("参考").snippet.parts.filter(\.isHit).map(\.text) == ["参考"])
        #expect(try hit("田中").comment?.index == 0, "the commenter's name is searched")
        #expect(try hit("Lovelace").comment == SearchHit.InComment(index: 1, author: "Ada Lovelace"))
        // Stemmed ("engines" is indexed as "engin"), marked by FTS5.
        #expect(try hit("engine").comment?.index == 1)
        #expect(try hit("engine").snippet.parts.filter(\.isHit).map(\.text) == ["engines"])
        #expect(try hit("engin*").comment?.index == 1, "a prefix query marks the comment here")
        #expect(try hit("again").comment?.index == 3)
        // The words are in the post's text too: the hit is the post's.
        #expect(try hit("weather").comment == nil)
        #expect(try hit("weather").snippet.parts.filter(\.isHit).map(\.text) == ["weather"])
        // A removed comment's words are not in the index.
        #expect(try s.search("removed", limit: 5).isEmpty)
    }

    @Test func aChangedCommentIsSearchedAsItIsNow() throws {
        let s = try store(with: [Self.postWithComments()])
        var changed = Self.postWithComments()
        changed.comments[1].blocks = [.paragraph([.text("A short note on looms.", [])])]
        _ = try s.importBatches([ImportBatch(format: "test", posts: [changed])])
        #expect(try s.search("looms", limit: 5).first?.comment?.index == 1)
        #expect(try s.search("thoughtful", limit: 5).isEmpty)
    }
}

/// How queries with unspaced text become FTS5 expressions.
@Suite struct UnspacedQueryTests {
    func fts(_ q: String) -> String? { SearchQuery(parsing: q).ftsExpression }

    @Test func unspacedTextIsAQuotedStringLikeAnyWord() {
        #expect(fts("自己破産") == "\"自己破産\"")
        #expect(fts("家") == "\"家\"")
        #expect(fts("iphone15の") == "\"iphone15の\"")
        #expect(fts("title:家") == "title : \"家\"")
        #expect(fts("\"借金 の\"") == "\"借金 の\"")
        // A star after unspaced text adds nothing: a run matches wherever it occurs.
        #expect(fts("自己破*") == "\"自己破\"")
        #expect(fts("入門pyth*") == "(\"入門pyth\"* OR \"入門pyth\")")
        #expect(fts("-家 budget") == "\"budget\" NOT \"家\"")
    }

    @Test func highlightingMarksRunsAnywhereAndSpacedWordsWhole() {
        let chars = Array("Python入門とpythonic入門書")
        let marks = HitFinder(words: SearchQuery(parsing: "python入門").highlightWords, rule: .stems).marks(in: chars)
        // "pythonic" is not the word "python"; both runs of 入門 are.
        #expect(String(zip(chars, marks).map { $1 ? $0 : "." }) == "Python入門.........入門.")
    }
}

/// Snippets of long texts read only the characters around the first hit, found from bytes: the
/// same snippet as marking every character.
@Suite struct SnippetWindowTests {
    @Test(arguments: [
        (String(repeating: "家計簿をつけ始めました。", count: 80) + "弁護士に相談して、自己破産という道も考えました。" + String(repeating: "毎月の支出。", count: 90), ["自己破産"]),
        (String(repeating: "วันนี้ฉันไปตลาดกับแม่ ", count: 60) + "ตอนเย็นฝนตกหนักมาก " + String(repeating: "เราซื้อผลไม้ ", count: 60), ["ฝนตก"]),
        (String(repeating: "filler words here ", count: 100) + "the Quickest foxes ran " + String(repeating: "more ", count: 300), ["quick*", "fox"]),
        (String(repeating: "padding text ", count: 100) + "Émile wrote émile " + String(repeating: "pad ", count: 300), ["émile"]),
        (String(repeating: "x", count: 500) + "家計", ["家計"]),
    ])
    func theQuickWindowIsTheWholeTextsSnippet(text: String, words: [String]) {
        let chars = Array(text)
        let whole = SearchSnippet.window(chars, HitFinder(words: words, rule: .prefixes).marks(in: chars))
        #expect(SearchSnippet.around(text, words: words) == whole)
        #expect(whole.parts.contains { $0.isHit })
    }
}
