import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// Markdown nested far deeper than any post: the converter recurses only so deep, the import
/// flattens what is deeper than a stored post may be and says so, and a post whose nesting
/// would keep cmark-gfm busy for minutes is read as plain paragraphs.
@Suite struct MarkdownDepthTests {
    static func convert(_ markdown: String) -> (ConvertedContent, [String]) {
        var references: [Reference] = []
        var warnings: [String] = []
        let content = MarkdownConverter.convert(markdown, tags: TemplateTags(), references: &references, warnings: &warnings)
        return (content, warnings)
    }

    /// Each of these once overflowed the stack of the import's thread (SIGSEGV).
    @Test(.timeLimit(.minutes(2)), arguments: [
        String(repeating: ">", count: 100_000) + " deep text",
        String(repeating: "- ", count: 100_000) + "deep text",
        String(repeating: "1. ", count: 100_000) + "deep text",
        String(repeating: "> - ", count: 50_000) + "deep text",
    ])
    func deepContainersAreFlattenedBelowTheLimit(_ markdown: String) {
        let (content, warnings) = Self.convert(markdown + "\n\nAfter.\n")
        #expect(warnings.isEmpty && content.overBudget == nil)
        #expect(content.blocks.nestingDepth <= MarkdownConverter.blockDepthLimit)
        #expect(content.blocks.nestingDepth > Document.nestingLimit)
        #expect(Document(blocks: content.blocks).plainText.contains("deep text"))
        #expect(content.blocks.last?.plainText == "After.")
    }

    @Test(.timeLimit(.minutes(2)), arguments: [
        (String(repeating: "*", count: 100_000) + "deep" + String(repeating: "*", count: 100_000), "deep"),
        (String(repeating: "![", count: 50_000) + "deep" + String(repeating: "](u)", count: 50_000), "deep"),
        (String(repeating: "_", count: 100_000) + "deep" + String(repeating: "_", count: 100_000), "deep"),
    ])
    func deepInlinesKeepTheirText(_ markdown: String, _ word: String) {
        let (content, _) = Self.convert(markdown)
        #expect(Document(blocks: content.blocks).plainText.contains(word))
    }

    @Test func shallowNestingIsKept() {
        let markdown = "> one\n>\n> - two\n>   > three\n"
        let (content, warnings) = Self.convert(markdown)
        #expect(warnings.isEmpty)
        #expect(content.blocks == [.quote([.paragraph([.text("one", [])]),
                                          .list(ordered: false, items: [[.paragraph([.text("two", [])]), .quote([.paragraph([.text("three", [])])])]])])])
    }

    /// cmark-gfm checks every open quote and list on every line: thousands of levels over
    /// hundreds of thousands of lines took it minutes.
    @Test(.timeLimit(.minutes(2)), arguments: [
        String(repeating: ">", count: 10_000) + " x\n" + String(repeating: "lazy continuation\n", count: 5_000),
        String(repeating: "- ", count: 5_000) + "x\n" + String(repeating: "\n", count: 100_000) + "end\n",
        (0..<1_000).map { String(repeating: "  ", count: $0) + "- x\n" }.joined() + String(repeating: "  y\n", count: 30_000),
    ])
    func nestingOverManyLinesIsReadPlain(_ markdown: String) {
        let count = MarkupBudget.markdownElements(markdown)
        #expect(count.nestingWork > MarkupBudget.markdownNestingWork)
        let (content, warnings) = Self.convert(markdown)
        #expect(warnings.count == 1 && warnings[0].contains("levels deep over"), "\(warnings)")
        #expect(content.blocks.nestingDepth == 0 && !content.blocks.isEmpty)
    }

    @Test func theBudgetCountsMarkersAndIndentation() {
        #expect(MarkupBudget.markdownElements("plain text\nmore\n").depth == 0)
        #expect(MarkupBudget.markdownElements("> > quote\n").depth == 3)
        #expect(MarkupBudget.markdownElements("- a\n  - b\n    - c\n").depth == 3)
        #expect(MarkupBudget.markdownElements("1. a\n   2) b\n").depth == 3)
        #expect(MarkupBudget.markdownElements("-not a list\n*emphasis*\n2020. a year\n").depth == 1)
        let count = MarkupBudget.markdownElements(String(repeating: ">", count: 1_000) + "\n" + String(repeating: "- x\n", count: 10))
        #expect(count.elements == 1_000 + 10 + 11 && count.lines == 12 && count.depth == 1_000)
    }

    /// The import flattens what is deeper than a stored post may be, and says so.
    @Test func theImportFlattensAndWarns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-depth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("2030-01-02-deep.md")
        try Data(("---\ntitle: Deep\n---\n\n" + String(repeating: ">", count: 300) + " deep text\n").utf8).write(to: file)
        let batch = try SourceReader.read(path: file.path, options: ImportOptions())
        let post = try #require(batch.posts.first)
        #expect(post.nestingDepth == Document.nestingLimit)
        #expect(post.document.plainText == "deep text")
        #expect(batch.warnings.map(\.description) == ["\(file.path): warning: \"Deep\" nests quotes or lists more than 100 levels deep: the deeper ones are flattened, their text kept"])
    }
}
