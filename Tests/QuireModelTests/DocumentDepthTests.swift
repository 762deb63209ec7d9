import Testing
import QuireModel

/// Quotes and lists nested deeper than a stored post may be are flattened: the text stays,
/// in order, and the structure stops at the limit.
@Suite struct DocumentDepthTests {
    static func paragraph(_ text: String) -> Block { .paragraph([.text(text, [])]) }

    /// Quotes, lists, numbered lists and definitions in turn, `depth` levels, each level
    /// holding a paragraph before the next level and one after it.
    static func nested(_ depth: Int) -> [Block] {
        var inner: [Block] = [paragraph("bottom")]
        for level in stride(from: depth, to: 0, by: -1) {
            let body = [paragraph("before \(level)")] + inner + [paragraph("after \(level)")]
            switch level % 4 {
            case 0: inner = [.quote(body)]
            case 1: inner = [.list(ordered: false, items: [body, [paragraph("item \(level)")]])]
            case 2: inner = [.numberedList(numbers: [3, 4], items: [body, [paragraph("item \(level)")]])]
            default: inner = [.term([.text("term \(level)", [])]), .definition(body)]
            }
        }
        return inner
    }

    @Test func depthCountsQuotesAndLists() {
        #expect([Self.paragraph("x")].nestingDepth == 0)
        #expect([Block.quote([Self.paragraph("x")])].nestingDepth == 1)
        #expect(Self.nested(7).nestingDepth == 7)
        #expect([Block.rule, .list(ordered: true, items: [[], [.quote([.quote([])])]])].nestingDepth == 3)
        #expect([Block.numberedList(numbers: [1], items: [[.definition([.table(rows: [], headerRows: 0)])]])].nestingDepth == 2)
    }

    @Test(arguments: [0, 1, 3, 100])
    func flatteningKeepsEveryTextInOrder(limit: Int) {
        let blocks = Self.nested(2_000)
        let flat = blocks.flattened(deeperThan: limit)
        #expect(flat.nestingDepth == limit)
        #expect(Document(blocks: flat).plainText.split(separator: "\n").filter { !$0.isEmpty }
                == Document(blocks: blocks).plainText.split(separator: "\n").filter { !$0.isEmpty })
    }

    @Test func shallowBlocksAreLeftAsTheyAre() {
        let blocks = Self.nested(Document.nestingLimit)
        #expect(blocks.flattened(deeperThan: Document.nestingLimit) == blocks)
        var post = Post(sourceKey: "k", slug: "s", title: "T", date: PostDate(year: 2030, month: 1, day: 1),
                        document: Document(blocks: blocks))
        let changed = post.limitNesting()
        #expect(!changed)
        #expect(post.document.blocks == blocks)
    }

    @Test func aPostIsFlattenedInItsTextNotesAndComments() {
        let deep = Self.nested(Document.nestingLimit + 5)
        var post = Post(sourceKey: "k", slug: "s", title: "T", date: PostDate(year: 2030, month: 1, day: 1),
                        document: Document(blocks: deep), footnotes: [Footnote(label: "1", blocks: deep)],
                        comments: [Comment(sourceID: "c", author: "A", date: nil, blocks: deep)])
        #expect(post.nestingDepth == Document.nestingLimit + 5)
        let changed = post.limitNesting()
        #expect(changed)
        #expect(post.nestingDepth == Document.nestingLimit)
        #expect(post.document.plainText == Document(blocks: deep.flattened(deeperThan: Document.nestingLimit)).plainText)
        #expect(post.footnotes[0].blocks.nestingDepth == Document.nestingLimit)
        #expect(post.comments[0].blocks.nestingDepth == Document.nestingLimit)
    }
}
