import Testing
import QuireModel
import QuireStore

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
