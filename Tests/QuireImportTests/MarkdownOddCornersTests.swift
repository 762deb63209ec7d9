import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// `markdown/jekyll-odd`: the singular `tag`, posts in a subfolder of `_posts`, Liquid that is
/// text (`{% raw %}`), Liquid that shows nothing (`{{ site.title }}`), embed tags.
@Suite struct JekyllOddCornersTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.markdownFolder("markdown/jekyll-odd") }

    @Test func singularTagAsAStringOrAList() throws {
        // Jekyll takes `tag` over `tags` when both are there, and a string there is one tag.
        #expect(batch.post(titled: "Bouldering in the rain")?.labels == ["Rock climbing"])
        #expect(batch.post(titled: "Gear list")?.labels == ["ropes", "chalk"])
        #expect(batch.post(titled: "Escalada bajo la lluvia")?.labels == ["lluvia", "roca"])
    }

    @Test func postsInSubfoldersOfPosts() throws {
        let post = try #require(batch.post(titled: "Escalada bajo la lluvia"))
        #expect(post.sourceKey == "markdown:_posts/es/2020-03-03-escalada.md")
        #expect(post.date == PostDate(year: 2020, month: 3, day: 3))
        #expect(post.bodyReferences.map(\.target) == ["post_url:2020-03-01-bouldering"])
        #expect(batch.posts.count == 3)
    }

    /// Given the `_posts` folder itself, holding posts only in subfolders, the import reads them.
    @Test func postsFolderWithOnlySubfolders() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("quire-posts-\(UUID().uuidString)")
        let es = tmp.appendingPathComponent("_posts/es")
        try FileManager.default.createDirectory(at: es, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try FileManager.default.copyItem(at: ImportFixtures.url("markdown/jekyll-odd/_posts/es/2020-03-03-escalada.md"),
                                         to: es.appendingPathComponent("2020-03-03-escalada.md"))
        let batch = try SourceReader.read(path: tmp.appendingPathComponent("_posts").path, options: ImportOptions())
        #expect(batch.format == "markdown")
        #expect(batch.posts.map(\.title) == ["Escalada bajo la lluvia"])
    }

    @Test func liquidIsNeverShownAsMarkup() throws {
        let post = try #require(batch.post(titled: "Bouldering in the rain"))
        let blocks = post.document.blocks
        let text = post.document.plainText
        // An output tag shows nothing, and leaves no double space behind.
        #expect(blocks.first == .paragraph([.text("Wet holds. says hello.", [])]))
        // Raw is text as written.
        #expect(blocks[1].plainText == "In a template, write {{ page.title }} or {% include note.html %}.")
        #expect(blocks.contains(.code("{{ page.url }} stays as written in code, and so does {{ site.url }}.")))
        // A link definition whose address is Liquid defines a link; it is never shown as text.
        #expect(!text.contains("[home]:"))
        #expect(!text.contains("{%") || text.contains("{% include note.html %}"))
        #expect(!text.unicodeScalars.contains { (0xE000...0xE003).contains($0.value) })
    }

    @Test func embedTags() throws {
        let post = try #require(batch.post(titled: "Bouldering in the rain"))
        let media = post.document.blocks.filter { if case .media = $0 { return true } else { return false } }
        #expect(media == [
            .media(kind: .video, url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", title: nil),
            .media(kind: .gist, url: "https://gist.github.com/octo/0123abcd", title: "notes.md"),
            .media(kind: .video, url: "https://vimeo.com/Sea2020abc", title: nil),
        ])
    }
}

/// `markdown/hugo-embeds`: Hugo's embedded shortcodes as placeholders, never as raw text.
@Suite struct HugoShortcodeEmbedTests {
    let post: Post
    init() throws {
        let batch = try ImportFixtures.markdownFolder("markdown/hugo-embeds")
        post = try #require(batch.post(titled: "Embeds"))
    }

    @Test func embedsBecomeMediaBlocks() {
        #expect(post.document.blocks == [
            .paragraph([.text("A talk:", [])]),
            .media(kind: .video, url: "https://www.youtube.com/watch?v=w7Ft2ymGmfc", title: nil),
            .media(kind: .video, url: "https://vimeo.com/146022717", title: "Sea kayaking"),
            .media(kind: .tweet, url: "https://x.com/harbourcam/status/1453110110599868418", title: nil),
            .media(kind: .tweet, url: "https://x.com/i/status/1453110110599868418", title: nil),
            .figure(.media(kind: .image, url: "/images/quay.jpg", title: "A quay at low tide"),
                    caption: [.text("The quay", .strong), .text(" ", []), .text("At low tide", [])]),
            .media(kind: .gist, url: "https://gist.github.com/spf13/7896402", title: "img.html"),
            .media(kind: .embed, url: "https://www.instagram.com/p/BWNjjyYFxVx/", title: nil),
            .paragraph([.text("Inline", [])]),
            .media(kind: .video, url: "https://www.youtube.com/watch?v=abcdEFGhijk", title: nil),
            .paragraph([.text("in a sentence.", [])]),
            .paragraph([.text("{{< youtube inCode >}}", .code), .text(" stays as written.", [])]),
            .code("{{< vimeo 1 >}}"),
        ])
        #expect(!post.document.plainText.contains("{{<") || post.document.plainText.contains("inCode"))
    }

    @Test func figureOfTheOlderSite() throws {
        let batch = try ImportFixtures.markdownFolder("markdown/hugo-site")
        let post = try #require(batch.post(titled: "Tomatoes, again"))
        #expect(post.document.blocks.contains(.figure(.media(kind: .image, url: "/img/tomato.jpg", title: "tomato.jpg"),
                                                      caption: [.text("Gardener's Delight", [])])))
    }
}

@Suite struct TemplateTokenTests {
    /// Private-use characters already in a post cannot pass for a tag's or an embed's token.
    @Test func forgedTokensAreScrubbed() {
        var tags = TemplateTags()
        let out = tags.protect("a \u{E000}0\u{E001} \u{E002}0\u{E003} {{ x }}", dialect: .jekyll)
        #expect(out.hasPrefix("a \u{FFFD}0\u{FFFD} \u{FFFD}0\u{FFFD} "))
        #expect(tags.items.count == 1)
    }
}
