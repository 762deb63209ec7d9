import Foundation
import Testing
import QuireImport
import QuireModel
import QuireStore

/// Real exports nobody on the project wrote, kept outside the repository in `../shared/samples/`.
enum Samples {
    /// `<repository>/../shared/samples`, found from this file's path.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples")

    static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// Imports one sample into a fresh store, as `quire import` does, and returns its counts.
    static func stats(of relative: String) throws -> ArchiveStats {
        let url = url(relative)
        let batch: ImportBatch
        if relative.hasSuffix(".xml") {
            batch = try ExportReader.readXML(at: url, displayPath: relative, options: ImportOptions())
        } else {
            batch = try ExportReader.readMarkdownFolder(at: url, displayPath: relative, options: ImportOptions())
        }
        let store = try ArchiveStore.inMemory()
        _ = try store.importBatches([batch], sources: [relative])
        return try store.stats()
    }
}

/// The counts listed in `../shared/samples/README.md`, checked through the importers and the store.
@Suite(.enabled(if: Samples.available, "../shared/samples/ is absent: the acceptance checks on real exports are skipped"))
struct SamplesAcceptanceTests {
    struct Expected: CustomStringConvertible {
        var file: String
        var posts: Int
        var drafts: Int
        var pages: Int
        var labels: Int
        var comments: Int
        /// nil where the README gives no count.
        var resolved: Int?
        var dangling: Int?
        var description: String { file }
    }

    static let exports: [Expected] = [
        Expected(file: "blogger/gpodder-blog-07-30-2017.xml", posts: 113, drafts: 2, pages: 0, labels: 52,
                 comments: 125, resolved: 21, dangling: 0),
        Expected(file: "blogger/didaids-complete.xml", posts: 10, drafts: 1, pages: 0, labels: 13,
                 comments: 0, resolved: 1, dangling: 0),
        Expected(file: "blogger/tryghost-mg-blogger-xml-sample.xml", posts: 2, drafts: 1, pages: 0, labels: 3,
                 comments: 0, resolved: 0, dangling: 0),
        // Labels: 2 categories ("Uncategorized" among them) and 4 tags.
        Expected(file: "wordpress/jekyll-import-sitetitle.wordpress.2025-01-19.000.xml", posts: 7, drafts: 0,
                 pages: 1, labels: 6, comments: 0, resolved: nil, dangling: nil),
    ]

    @Test(arguments: exports)
    func exportCounts(_ expected: Expected) throws {
        let stats = try Samples.stats(of: expected.file)
        #expect(stats.posts == expected.posts, "published posts")
        #expect(stats.draftsSkipped == expected.drafts, "drafts skipped")
        #expect(stats.pages == expected.pages, "pages")
        #expect(stats.labels == expected.labels, "labels")
        #expect(stats.comments == expected.comments, "comments")
        if let resolved = expected.resolved { #expect(stats.referencesResolved == resolved, "internal links resolved") }
        if let dangling = expected.dangling { #expect(stats.referencesDangling == dangling, "dangling internal links") }
    }

    /// 102 posts, 2013-2025; their five `{% link %}` / `{% post_url %}` tags to other posts
    /// resolve, and so do three Markdown links written as the site's own permalink paths
    /// (`/news/2016/04/19/jekyll-3-0-4-released/`: that post's date and slug); the three
    /// `{% link _docs/history.md %}` (a page, not a post) stay dangling.
    @Test func jekyllDocsPosts() throws {
        let stats = try Samples.stats(of: "markdown/jekyll-docs-posts")
        #expect(stats.posts == 102)
        #expect(stats.firstDate?.hasPrefix("2013") == true)
        #expect(stats.lastDate?.hasPrefix("2025") == true)
        #expect(stats.referencesResolved == 8)
        #expect(stats.referencesDangling == 3)
    }

    /// 11 `{% post_url %}` links between posts, all resolved, and one link written as the
    /// other post's file name (`2019-11-11-new-post-form.md`); one `draft: true` left out;
    /// kramdown footnotes, one of them in several paragraphs.
    @Test func oatcakePosts() throws {
        let stats = try Samples.stats(of: "markdown/oatcake-jekyll-posts")
        #expect(stats.posts == 31)
        #expect(stats.draftsSkipped == 1)
        #expect(stats.referencesResolved == 12)
        #expect(stats.referencesDangling == 0)
        #expect(stats.footnotes == 3)
    }

    /// Jekyll's edge cases: `published: false` skipped, `2017-2-5` read, other extensions left out.
    @Test func jekyllTestPosts() throws {
        let batch = try ExportReader.readMarkdownFolder(at: Samples.url("markdown/jekyll-test-posts"),
                                                        displayPath: "jekyll-test-posts", options: ImportOptions())
        #expect(batch.skipped["draft"] == 1)
        #expect(batch.posts.contains { $0.date == PostDate(year: 2017, month: 2, day: 5) })
        #expect(!batch.posts.contains { $0.title == "This file extension is skipped" })
        #expect(!batch.posts.contains { $0.title == "Not published!" })
    }

    /// TOML and YAML front matter side by side; `_index.md` is the section, not a post.
    @Test func hugoBasicExample() throws {
        let stats = try Samples.stats(of: "markdown/hugo-basic-example-post")
        #expect(stats.posts == 9)
        #expect(stats.labels > 0)
    }
}

