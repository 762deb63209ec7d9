import Foundation
import Testing
@testable import QuireImport
import QuireModel

@Suite struct JekyllSiteTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.markdownFolder("markdown/jekyll-site") }

    @Test func postsAndWhatWasLeftOut() {
        #expect(batch.format == "markdown")
        #expect(batch.posts.map(\.title).sorted() == ["First light on the marsh", "Frost", "Imported from WordPress", "Second post", "Short date", "The ferry to the island"])
        #expect(batch.skipped == ["draft": 2, "not markdown": 1, "not a post": 1])
        #expect(batch.ownHosts == ["notebook.example.org"])
    }

    @Test func yamlFrontMatter() throws {
        let post = try #require(batch.post(titled: "First light on the marsh"))
        #expect(post.sourceKey == "markdown:_posts/2016-04-03-first-light.md")
        #expect(post.slug == "first-light")
        #expect(post.date == PostDate(year: 2016, month: 4, day: 3, hour: 6, minute: 10, utcOffsetMinutes: 60))
        #expect(post.labels == ["birds", "dawn", "marsh"])
        #expect(post.permalink == "https://notebook.example.org/marsh/2016/04/03/first-light.html")
        #expect(post.aliases.contains("post_url:2016-04-03-first-light"))
        #expect(post.aliases.contains("_posts/2016-04-03-first-light.md"))
    }

    @Test func footnotesIncludingAMultiParagraphOne() throws {
        let post = try #require(batch.post(titled: "First light on the marsh"))
        #expect(post.document.blocks.first?.plainText == "The reeds were silver before the sun came up.[1] A bittern boomed twice.[2]")
        #expect(post.footnotes.map(\.label) == ["1", "2"])
        #expect(post.footnotes[0].plainText == "Around 05:50, by the church clock.")
        let long = post.footnotes[1].blocks
        #expect(long.count == 3)
        #expect(long[1].plainText == "On still mornings you feel it more than hear it.")
        #expect(long[2] == .quote([.paragraph([.text("Like someone blowing across a bottle.", [])])]))
    }

    @Test func footnoteSyntaxInCodeStaysLiteral() throws {
        let post = try #require(batch.post(titled: "First light on the marsh"))
        let code = post.document.blocks.compactMap { if case .code(let c) = $0 { return c } else { return nil } }
        #expect(code == ["# field log, not a footnote\n06:10 bittern [^1]",
                         "count = sightings.select { |s| s.species == \"bittern\" }.size # [^1] stays"])
    }

    @Test func absoluteLinkToAnotherPostOfTheSite() throws {
        let post = try #require(batch.post(titled: "First light on the marsh"))
        let ref = try #require(post.reference(shown: "the good binoculars"))
        #expect(ref.kind == .url && ref.explicit)
        let second = try #require(batch.post(titled: "Second post"))
        #expect(second.permalink == "https://notebook.example.org/2016/05/01/second-post.html")
    }

    @Test func noFrontMatterTitleFromHeadingAndLiquidTags() throws {
        let post = try #require(batch.post(titled: "Second post"))
        #expect(post.date == PostDate(year: 2016, month: 5, day: 1))
        #expect(post.document.blocks.first.map { if case .heading = $0 { return true } else { return false } } == false)
        let refs = post.bodyReferences
        #expect(refs.map(\.kind) == [.path, .path])
        #expect(refs.map(\.target) == ["post_url:2016-04-03-first-light", "post_url:2017-2-5-short-date"])
        #expect(refs.map(\.text) == ["the first post", "dates"])
        #expect(refs.allSatisfy { $0.explicit })
        let text = post.document.plainText
        #expect(text.contains("the tag itself looks like {% post_url name %}."))
        #expect(text.contains("The page  was rendered by Liquid.") || text.contains("The page was rendered by Liquid."))
    }

    @Test func shortDateInTheFileName() throws {
        let post = try #require(batch.post(titled: "Short date"))
        #expect(post.date == PostDate(year: 2017, month: 2, day: 5))
        #expect(post.aliases.first == "post_url:2017-2-5-short-date")
    }

    @Test func dateOverrideAndKramdownAttributes() throws {
        let post = try #require(batch.post(titled: "Frost"))
        #expect(post.date == PostDate(year: 2018, month: 1, day: 2, hour: 13, minute: 7, second: 9, utcOffsetMinutes: 60))
        #expect(post.labels == ["weather", "winter"])
        #expect(post.document.plainText == "Hard frost on the dykes.")
    }

    @Test func htmlPostWithLiquidLink() throws {
        let post = try #require(batch.post(titled: "Imported from WordPress"))
        #expect(post.document.blocks.map(\.plainText) == ["An HTML post, as jekyll-import writes them.", "It points back to the first light post."])
        #expect(post.bodyReferences == [Reference(kind: .path, target: "post_url:2016-04-03-first-light", text: "the first light post", explicit: true)])
        #expect(post.labels == ["Marsh"])
    }

    @Test func draftsOnRequest() throws {
        let all = try ImportFixtures.markdownFolder("markdown/jekyll-site", includeDrafts: true)
        #expect(Set(all.posts.map(\.title)).isSuperset(of: ["Not for now", "Sketch", "An idea"]))
        #expect(all.skipped["draft"] == nil)
    }

    @Test func postsFolderItself() throws {
        let only = try ImportFixtures.markdownFolder("markdown/jekyll-site/_posts")
        #expect(only.posts.count == 6)
        #expect(only.post(titled: "The ferry to the island")?.sourceKey == "markdown:travel/2018-07-09-ferry.md")
    }
}

@Suite struct HugoSiteTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.markdownFolder("markdown/hugo-site") }

    @Test func postsBundlesAndSectionIndex() {
        #expect(batch.posts.map(\.title).sorted() == ["Peppers in pots", "Runner beans", "Tomatoes, again"])
        #expect(batch.skipped == ["section index": 1, "draft": 1])
        #expect(batch.ownHosts == ["garden.example.net"])
    }

    @Test func tomlFrontMatter() throws {
        let post = try #require(batch.post(titled: "Tomatoes, again"))
        #expect(post.date == PostDate(year: 2021, month: 6, day: 1, hour: 8, utcOffsetMinutes: 120))
        #expect(post.labels == ["vegetables", "summer", "Growing"])
        #expect(post.aliases.contains("/old/tomatoes/"))
        #expect(post.permalink == "https://garden.example.net/posts/tomatoes/")
    }

    @Test func refShortcodes() throws {
        let post = try #require(batch.post(titled: "Tomatoes, again"))
        let refs = post.bodyReferences
        #expect(refs.map(\.target) == ["post_url:beans", "post_url:peppers", "post_url:missing-post"])
        #expect(refs.map(\.text) == ["beans", "peppers", "/posts/missing-post"])
        #expect(refs.allSatisfy { $0.kind == .path && $0.explicit })
        #expect(post.document.blocks.contains(.code("{{< ref \"beans.md\" >}} stays as written in code")))
        #expect(!post.document.plainText.contains("figure"))
        let peppers = try #require(batch.post(titled: "Peppers in pots"))
        #expect(peppers.aliases.first == "post_url:peppers")
        #expect(peppers.slug == "peppers")
    }

    @Test func yamlInAHugoSite() throws {
        let post = try #require(batch.post(titled: "Runner beans"))
        #expect(post.date == PostDate(year: 2021, month: 5, day: 15))
        #expect(post.reference(shown: "the tomatoes")?.explicit == true)
    }
}

@Suite struct MarkdownFileTests {
    @Test func oneFileWithoutFrontMatter() throws {
        let url = ImportFixtures.url("markdown/loose-note.md")
        let batch = try ExportReader.readMarkdownFile(at: url, displayPath: "loose-note.md", options: ImportOptions())
        let post = try #require(batch.posts.first)
        #expect(post.title == "A heading later")
        #expect(post.document.blocks.count == 3)
        #expect(batch.warnings.map(\.message) == ["no date; dated by the file's modification time"])
    }

    @Test func templateTagsInCodeAndText() {
        var tags = TemplateTags()
        let out = tags.protect("a {% post_url 2020-01-02-x %} b `{{ site.url }}` {% raw %}{% keep %}{% endraw %}", dialect: .jekyll)
        #expect(tags.items.count == 2)
        #expect(tags.restore(out) == "a {% post_url 2020-01-02-x %} b `{{ site.url }}` {% keep %}")
        #expect(tags.items[0].meaning == .reference(target: "post_url:2020-01-02-x", shown: "2020-01-02-x"))
    }

    @Test func referenceKeys() {
        #expect(TemplateTags.postKey("_posts/2017-01-18-release.markdown") == "post_url:2017-01-18-release")
        #expect(TemplateTags.postKey("\"posts/peppers/index.md#care\"") == "post_url:peppers")
        #expect(TemplateTags.postKey("es/2008-11-21-nested") == "post_url:2008-11-21-nested")
    }
}
