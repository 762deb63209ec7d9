import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// A post longer than the limit is cut before it is parsed, in every format, and ends with a
/// note saying where and how long it was; the import warns.
@Suite struct PostSizeLimitTests {
    static let paragraph = String(repeating: "lorem ipsum dolor sit amet ", count: 20) + "\n\n"
    static let limit = 100_000

    /// A folder removed when the value is dropped.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-size-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ text: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func read(_ path: String, limit: Int = limit) throws -> ImportBatch {
        try SourceReader.read(path: path, options: ImportOptions(maxPostBytes: limit))
    }

    static func expectCut(_ batch: ImportBatch, total: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let post = try #require(batch.posts.first, sourceLocation: sourceLocation)
        #expect(post.document.blocks.last == PostSizeLimit.note(limit: limit, total: total), sourceLocation: sourceLocation)
        #expect(post.document.plainText.hasSuffix("[Quire cut this post at 100 KB; the export holds \(PostSizeLimit.size(total))]"),
                sourceLocation: sourceLocation)
        #expect(post.document.plainText.contains("the first words"), sourceLocation: sourceLocation)
        #expect(!post.document.plainText.contains("the last words"), sourceLocation: sourceLocation)
        // What is kept is about the limit: nothing past it, most of it there.
        #expect((limit * 8 / 10...limit).contains(post.document.plainText.utf8.count), "\(post.document.plainText.utf8.count)",
                sourceLocation: sourceLocation)
        #expect(batch.warnings.contains { $0.message.contains("more than the 100 KB Quire reads of one post (--max-post-size)") },
                "\(batch.warnings)", sourceLocation: sourceLocation)
    }

    static let body = "the first words\n\n" + String(repeating: paragraph, count: 1_000) + "the last words\n"

    @Test func plainText() throws {
        let folder = try Folder()
        let text = "2030-01-01\n\nLong\n\n" + Self.body
        try Self.expectCut(Self.read(try folder.write("long.txt", text)), total: text.utf8.count)
        // And in a folder, read on several threads.
        try Self.expectCut(Self.read(folder.url.path), total: text.utf8.count)
    }

    @Test func markdown() throws {
        let folder = try Folder()
        let text = "---\ntitle: Long\n---\n\n" + Self.body
        try Self.expectCut(Self.read(try folder.write("2030-01-01-long.md", text)), total: text.utf8.count)
    }

    static func blogger(_ content: String) -> String {
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>\n<entry><id>tag:blogger.com,1999:blog-1.post-1</id>"
            + "<published>2030-01-01T10:00:00.000Z</published><category scheme='http://schemas.google.com/g/2005#kind' "
            + "term='http://schemas.google.com/blogger/2008/kind#post'/><title type='text'>Long</title><content type='html'>"
            + content + "</content></entry>\n</feed>\n"
    }

    /// Text split by comments or CDATA sections into pieces each under libxml2's limit.
    @Test(arguments: ["<!---->", "]]><![CDATA["])
    func bloggerSplitText(separator: String) throws {
        let folder = try Folder()
        let pieces = Self.body.split(separator: "\n", omittingEmptySubsequences: false).map { "&lt;p&gt;" + $0 + "&lt;/p&gt;" }
        let content = separator == "<!---->" ? pieces.joined(separator: separator)
            : "<![CDATA[" + pieces.joined(separator: separator).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">") + "]]>"
        let batch = try Self.read(try folder.write("long.xml", Self.blogger(content)))
        // The entry's text: the post's HTML, with its id, date and title.
        let total = Self.body.utf8.count - (pieces.count - 1) + pieces.count * 7 + 34 + 24 + 4
        try Self.expectCut(batch, total: total)
        #expect(batch.warnings.map(\.description) == ["\(folder.url.path)/long.xml:3: warning: <entry> holds \(PostSizeLimit.size(total)) of text, "
            + "more than the 100 KB Quire reads of one post (--max-post-size): the rest is cut"])
    }

    @Test func wordPress() throws {
        let folder = try Folder()
        let head = "<?xml version='1.0' encoding='UTF-8'?>\n<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/' "
            + "xmlns:wp='http://wordpress.org/export/1.2/'><channel><wp:wxr_version>1.2</wp:wxr_version>\n"
        let item = "<item><title>Long</title><content:encoded><![CDATA[" + Self.body + "]]></content:encoded><wp:post_id>1</wp:post_id>"
            + "<wp:post_date>2030-01-01 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"
        try Self.expectCut(Self.read(try folder.write("long.xml", head + item + "</channel></rss>\n")), total: Self.body.utf8.count + "Long1".utf8.count + 41)
    }

    /// Shorter posts are read whole, as before.
    @Test func underTheLimitNothingChanges() throws {
        let folder = try Folder()
        let batch = try Self.read(try folder.write("short.txt", "2030-01-01\n\nShort\n\n" + Self.body), limit: 1_000_000)
        #expect(batch.warnings.isEmpty)
        #expect(batch.posts.first?.document.plainText.hasSuffix("the last words") == true)
    }

    /// Raised past 10 MB, the limit lets through a run of text with no tag in it longer than
    /// libxml2's HTML parser read (it stopped at 10 MB without a word); gumbo keeps all of it.
    @Test func aRunOfTextPastTenMegabytesIsKeptWhole() {
        let run = String(repeating: "0123456789", count: 1_100_000)
        var refs: [Reference] = []
        let content = HTMLDocumentConverter.convert("<p>" + run + "</p><p>after</p>", references: &refs)
        let text = content.blocks.map(\.plainText)
        #expect(text == [run, "after"])
    }

    @Test func sizesAsTheOptionTakesThem() {
        #expect(PostSizeLimit.parse("10MB") == 10_000_000)
        #expect(PostSizeLimit.parse("10") == 10_000_000)
        #expect(PostSizeLimit.parse("1.5 mb") == 1_500_000)
        #expect(PostSizeLimit.parse("500KB") == 500_000)
        #expect(PostSizeLimit.parse("2G") == 2_000_000_000)
        #expect(PostSizeLimit.parse("1000B") == 1_000)
        for bad in ["", "MB", "-1MB", "0", "ten", "1e400", "nan"] { #expect(PostSizeLimit.parse(bad) == nil, "\(bad)") }
        #expect(PostSizeLimit.size(10_000_000) == "10 MB")
        #expect(PostSizeLimit.size(209_715_200) == "209.7 MB")
        #expect(PostSizeLimit.size(500_000) == "500 KB")
        #expect(PostSizeLimit.size(999) == "999 bytes")
    }

    /// Cut after a line's end in the last tenth, else on a character boundary.
    @Test func whereTheCutFalls() {
        let lines = Data(("abc\n" + String(repeating: "x", count: 100)).utf8)
        #expect(PostSizeLimit.cut(lines, limit: 50).count == 50)
        #expect(PostSizeLimit.cut(Data("0123456789\nabcdefghij".utf8), limit: 11) == Data("0123456789\n".utf8))
        #expect(PostSizeLimit.cut(Data("0123456789\nabcdefghij".utf8), limit: 13) == Data("0123456789\nab".utf8))
        let wide = Data(String(repeating: "é", count: 30).utf8)
        for limit in 1..<59 {
            let kept = PostSizeLimit.cut(wide, limit: limit)
            #expect(kept.count <= limit && String(data: kept, encoding: .utf8) != nil)
        }
    }
}
