import Foundation
import Testing
@_spi(Fuzzing) @testable import QuireImport
import QuireModel

/// Hostile imports at the level of the readers (an import stays under 300 MB and ends with the
/// posts or a clear error): posts whose markup would take gigabytes are read as plain
/// paragraphs (`MarkupBudget`), and XML cut at any byte is a clear error.
@Suite struct MarkupBudgetTests {
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "[" || $0 == "]" })
    }

    @Test func plainTextOverTheBudgetKeepsItsHeaderFootersAndWords() throws {
        let paragraph = (0..<100).map { "word\($0)[1]" }.joined(separator: " ")
        let body = Array(repeating: paragraph, count: 1_200).joined(separator: "\n\n")
        let text = "Friday, October 12, 2007\n\nToo Many Markers\n\n\(body)\n\n1. The note.\n\nPosted by Alex at 9:14 PM\nLabels: dense, test\n4 comments:\n"
        let (post, warnings) = try PlainTextReader.read(data: Data(text.utf8), displayPath: "dense.txt")
        #expect(warnings.contains { $0.message.contains("plain paragraphs") && $0.file == "dense.txt" })
        #expect(post.title == "Too Many Markers")
        #expect(post.date == PostDate(year: 2007, month: 10, day: 12, hour: 21, minute: 14))
        #expect(post.labels == ["dense", "test"] && post.author == "Alex" && post.commentCount == 4)
        #expect(post.footnotes.isEmpty && post.references.isEmpty)
        #expect((1...MarkupBudget.plainParagraphs + 1).contains(post.document.blocks.count), "\(post.document.blocks.count) blocks")
        // Every word of the body (and of the note, kept as text) is there, in order.
        #expect(Self.words(post.document.plainText) == Self.words(body + " 1. The note."))
    }

    @Test func aSingleHugeLineIsReadPlainAndWhole() throws {
        let line = String(repeating: "x", count: MarkupBudget.paragraphBytes + 10)
        let (post, warnings) = try PlainTextReader.read(data: Data("2010-01-01\nLong\n\(line)\n".utf8), displayPath: "long.txt")
        #expect(warnings.contains { $0.message.contains("plain paragraphs") })
        #expect(post.document.plainText == line)
    }

    @Test func overTheBudgetTheHeaderIsStillChecked() {
        let body = String(repeating: "[1] ", count: MarkupBudget.limit + 10)
        #expect(throws: ImportError.self) { try PlainTextReader.read(data: Data("Someday\n\nT\n\n\(body)".utf8), displayPath: "x.txt") }
        #expect(throws: ImportError.self) { try PlainTextReader.read(data: Data(("\n\n\n" + String(repeating: "\n", count: 200_000)).utf8), displayPath: "x.txt") }
    }

    @Test func underTheBudgetNothingChanges() throws {
        let body = (0..<1_000).map { "word[\($0 % 3 + 1)]" }.joined(separator: " ")
        let text = "2010-01-01\n\nSome Markers\n\n\(body)\n\n1. One.\n2. Two.\n3. Three.\n"
        let (post, warnings) = try PlainTextReader.read(data: Data(text.utf8), displayPath: "ok.txt")
        #expect(!warnings.contains { $0.message.contains("plain paragraphs") })
        #expect(post.footnotes.count == 3)
        #expect(post.document.blocks.first?.footnoteLabels.count == 1_000)
    }

    @Test func htmlOverTheBudgetKeepsItsTextCleaned() {
        let html = "<script>var hidden = 1;</script><p>Caf&eacute; &amp; &#x41;&#66; \u{1B}]0;t\u{07}x</p>"
            + String(repeating: "a<br>", count: MarkupBudget.limit + 5) + "<div>end</div>"
        var refs: [Reference] = []
        let content = HTMLDocumentConverter.convert(html, references: &refs)
        #expect(content.overBudget == MarkupBudget.limit + 5 + 6)
        #expect(content.blocks.count <= MarkupBudget.plainParagraphs + 1)
        let text = content.blocks.map(\.plainText).joined(separator: " ")
        #expect(text.hasPrefix("Caf&eacute; & AB x a a"))
        #expect(!text.contains("hidden") && !text.contains("\u{1B}") && text.hasSuffix("a end"))
        #expect(text.split(separator: " ").filter { $0 == "a" }.count == MarkupBudget.limit + 5)
        #expect(FuzzEntryPoints.problem(blocks: content.blocks, references: refs) == nil)
    }

    @Test func aTitleWithTooManyTagsStaysText() {
        let title = String(repeating: "<b>t</b>", count: MarkupBudget.limit)
        #expect(HTMLText.plain(title).hasPrefix("t t t"))
    }

    @Test func markdownOverTheBudgetIsReadPlainWithAWarning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("2012-01-02-stars.md")
        let body = String(repeating: "*a* ", count: MarkupBudget.markdownLimit / 2 + 10)
        try Data("---\ntitle: Stars\ntags: [x]\n---\n\n\(body)\n".utf8).write(to: file)
        let batch = try ExportReader.readMarkdownFile(at: file, displayPath: "stars.md", options: ImportOptions())
        let post = try #require(batch.posts.first)
        #expect(post.title == "Stars" && post.labels == ["x"])
        #expect(batch.warnings.contains { $0.message.contains("plain paragraphs") })
        #expect(post.document.plainText.hasPrefix("*a* *a*"))
    }

    @Test func aBloggerPostOverTheBudgetIsNamedInTheWarning() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-dense-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: url) }
        let html = String(repeating: "&lt;br&gt;a", count: MarkupBudget.limit + 1)
        try Data("""
            <?xml version='1.0' encoding='UTF-8'?>
            <feed xmlns='http://www.w3.org/2005/Atom'><link rel='alternate' type='text/html' href='http://d.example.com/'/>
            <entry><id>tag:blogger.com,1999:blog-1.post-1</id><published>2010-01-01T10:00:00.000Z</published>
            <category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
            <title type='text'>Dense</title><content type='html'>\(html)</content></entry></feed>
            """.utf8).write(to: url)
        let batch = try ExportReader.readXML(at: url, displayPath: "dense.xml", options: ImportOptions())
        #expect(batch.posts.first?.title == "Dense")
        #expect(batch.warnings.contains { $0.message.hasPrefix("\"Dense\": the post has about") })
    }
}

@Suite struct TruncatedXMLTests {
    /// A small export cut at every byte: each cut is a clear error with a line and a column,
    /// or (cut after the root closes) reads whole. Never a crash, never a post half read.
    @Test func cutAtEveryByte() throws {
        let whole = try Data(contentsOf: ImportFixtures.url("blogger/classic.xml"))
        let full = try ExportReader.readXML(at: ImportFixtures.url("blogger/classic.xml"), displayPath: "x", options: ImportOptions())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("cut.xml")
        let end = try #require(whole.range(of: Data("</feed>".utf8))).upperBound
        var errors = 0
        for cut in stride(from: 1, to: whole.count, by: 7) {
            try whole.prefix(cut).write(to: url)
            do {
                let batch = try ExportReader.readXML(at: url, displayPath: "cut.xml", options: ImportOptions())
                #expect(cut >= end, "a file cut at byte \(cut) read without an error")
                #expect(batch.posts.map(\.title) == full.posts.map(\.title))
            } catch let error as ImportError {
                errors += 1
                #expect(error.file == "cut.xml")
                #expect((error.line ?? 0) >= 1, "no line for a cut at \(cut): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(errors > 100)
    }
}
