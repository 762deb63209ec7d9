import Foundation
import Testing
import QuireModel
@testable import QuireStore

/// Queries the search fuzz target (`make fuzz`, FuzzSearchQuery) or a reading of the code found
/// to be FTS5 errors. Every query must run.
@Suite struct SearchFuzzRegressionTests {
    static func store() throws -> ArchiveStore {
        let store = try ArchiveStore.inMemory()
        let post = Post(sourceKey: "t:1", slug: "malayalam", title: "A post", date: PostDate(year: 2001, month: 1, day: 1),
                        document: Document(blocks: [.paragraph([.text("Words and ൎ marks", [])])]))
        _ = try store.importing { writer in
            try writer.write(ImportBatch(format: "text", posts: [post]))
            try writer.endSource("/t")
        }
        return store
    }

    /// U+0D4E (MALAYALAM LETTER DOT REPH) is a prepended mark: with the quote after it, it makes
    /// one grapheme cluster that is a letter, so the quote ended up inside an FTS5 string.
    @Test(arguments: ["x\u{0D4E}\"y", "\"\u{0D4E}\"", "-\u{0D4E}\"", "title:\u{0D4E}\"", "\u{0D4E}\"*", "a \u{0600}\" b",
                      "\"\"\"", "\u{0D4E}\"\u{0D4E}\"\u{0D4E}\""])
    func aQuoteInsideAClusterIsNoFTSError(query: String) throws {
        _ = try Self.store().search(query, limit: 5)
    }

    @Test func theWordStillMatches() throws {
        let hits = try Self.store().search("words", limit: 5)
        #expect(hits.map(\.post.slug) == ["malayalam"])
    }
}

/// A post that holds the searched word tens of thousands of times: FTS5's snippet() compares
/// every hit with every other (minutes for a 10 MB post), so long posts get a snippet made in
/// Swift; and reading the text out of a long post no longer scans it again at every step.
@Suite struct LongPostSearchTests {
    @Test func searchingAWordALongPostRepeatsIsQuick() throws {
        let store = try ArchiveStore.inMemory()
        let text = String(repeating: "zanzibar ", count: 60_000) + "finale"
        let long = Post(sourceKey: "t:long", slug: "long", title: "Long", date: PostDate(year: 2001, month: 1, day: 1),
                        document: Document(blocks: [.paragraph([.text(text, [])])]))
        let short = Post(sourceKey: "t:short", slug: "short", title: "Short", date: PostDate(year: 2002, month: 1, day: 1),
                         document: Document(blocks: [.paragraph([.text("a short zanzibar post", [])])]))
        _ = try store.importing { writer in
            try writer.write(ImportBatch(format: "text", posts: [long, short]))
            try writer.endSource("/t")
        }
        let start = Date()
        let hits = try store.search("zanzibar", limit: 5)
        // A hang guard, not a speed target: this takes milliseconds here, and the snippet
        // that paired every hit with every other took minutes.
        #expect(Date().timeIntervalSince(start) < 5, "\(Date().timeIntervalSince(start)) s")
        #expect(Set(hits.map(\.post.slug)) == ["long", "short"])
        let longHit = try #require(hits.first { $0.post.slug == "long" })
        #expect(longHit.snippet.parts.filter(\.isHit).count >= 10)
        #expect(longHit.snippet.plain.count < 200)
        // Short posts keep FTS5's snippet.
        #expect(hits.first { $0.post.slug == "short" }?.snippet.plain == "a short zanzibar post")
        #expect(try store.search("finale", limit: 1).first?.post.slug == "long")
    }

    @Test func theSnippetOfALongPostStartsNearItsFirstHit() {
        let text = String(repeating: "filler ", count: 1000) + "the quick brown Foxes jumped over the lazy dog " + String(repeating: "more ", count: 100)
        let snippet = ArchiveStore.snippet(of: text, around: ["fox"])
        #expect(snippet.plain.hasPrefix("…"))
        #expect(snippet.parts.filter(\.isHit).map(\.text) == ["Foxes"])
        #expect(snippet.plain.contains("the quick brown Foxes jumped"))
        #expect(ArchiveStore.snippet(of: "no match here", around: ["absent"]).plain == "no match here")
        #expect(ArchiveStore.snippet(of: text, around: ["quic*"]).parts.filter(\.isHit).map(\.text) == ["quick"])
        // A stem inside a word is not a hit: the snippet starts at the word it begins.
        let inside = String(repeating: "filler ", count: 200) + "the unquickened stay, " + String(repeating: "pad ", count: 300) + "then quickly on"
        #expect(ArchiveStore.snippet(of: inside, around: ["quick*"]).parts.filter(\.isHit).map(\.text) == ["quickly"])
    }
}

/// A prefix in a query is matched as typed: FTS5's porter stemmer turned "mis*" into "mi*",
/// which found "middleman" and "minister" (38 of the 49 demo posts instead of 18).
@Suite struct PrefixSearchTests {
    @Test func aPrefixIsNotStemmed() throws {
        let s = try store(with: [
            makePost("Missiles", "2008-01-01", body: ["The missiles were moved."], key: "p:1"),
            makePost("Middlemen", "2008-01-02", body: ["A middleman and a minister met."], key: "p:2"),
            makePost("Tests", "2008-01-03", body: ["The tests passed."], key: "p:3"),
        ])
        #expect(try s.search("mis*", limit: 10).map(\.post.title) == ["Missiles"])
        #expect(try s.search("missi*", limit: 10).map(\.post.title) == ["Missiles"])
        #expect(Set(try s.search("mi*", limit: 10).map(\.post.title)) == ["Missiles", "Middlemen"])
        #expect(try s.search("tes*", limit: 10).map(\.post.title) == ["Tests"])
        // A whole word typed as a prefix still finds its stemmed form ("missiles" is indexed as
        // "missil", "middlemen" as "middlemen").
        #expect(try s.search("missiles*", limit: 10).map(\.post.title) == ["Missiles"])
        #expect(try s.search("title:missiles*", limit: 10).map(\.post.title) == ["Missiles"])
        #expect(try s.search("passed* -missiles*", limit: 10).map(\.post.title) == ["Tests"])
        // Whole words are still stemmed: "missile" finds "missiles", "test" finds "tests".
        #expect(try s.search("missile", limit: 10).map(\.post.title) == ["Missiles"])
        #expect(try s.search("test", limit: 10).map(\.post.title) == ["Tests"])
        let hit = try #require(try s.search("mis*", limit: 10).first)
        #expect(hit.snippet.parts.filter(\.isHit).map(\.text) == ["missiles"])
    }
}
