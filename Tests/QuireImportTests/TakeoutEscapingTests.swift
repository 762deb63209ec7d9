import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// Blogger Takeout escapes titles and labels twice: they are shown as Blogger shows them.
@Suite struct TakeoutEscapingTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.xml("blogger/takeout-escaped.atom") }

    @Test func titlesAndLabelsDecodedOnce() throws {
        #expect(batch.posts.map(\.title) == ["Workshop 'reshape' coordination", "Why we write &amp; in HTML", "A <b> tag, typed"])
        #expect(batch.post(titled: "Workshop 'reshape' coordination")?.labels == ["Q&A", "\"Plans\""])
    }

    /// A commenter's link to another post of the blog is a reference of the post; a link out is text.
    @Test func commentLinksToOwnPosts() throws {
        let post = try #require(batch.post(titled: "Why we write &amp; in HTML"))
        #expect(batch.ownHosts == ["workshop-log.example.jp"])
        let comment = try #require(post.comments.first)
        #expect(comment.blocks.count == 2)
        let fromComment = post.references.filter(\.inComment)
        #expect(fromComment.map(\.target) == ["https://workshop-log.example.jp/2025/02/workshop-reshape.html"])
        #expect(fromComment.first?.explicit == true)
        let index = try #require(post.references.firstIndex { $0.inComment })
        #expect(comment.blocks[0] == .paragraph([.text("Related: ", []), .reference(index: index, text: "the workshop post"), .text(".", [])]))
        #expect(comment.blocks[1].plainText == "And a second paragraph, with a link out <https://elsewhere.example.com/x>.")
        // The post's own link comes first; the comment's after it.
        #expect(post.references.first?.inComment == false)
    }

    @Test func classicCommentTitlesKeepTheirCharacters() {
        #expect(BloggerEntry.decodeTwiceEscaped("I&#39;m &lt;here&gt; &amp;amp; <b>") == "I'm <here> &amp; <b>")
    }
}
