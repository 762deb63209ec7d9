import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// `wordpress/odd-corners.xml`: what real WordPress exports hold beyond plain posts.
@Suite struct WordPressOddCornersTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.xml("wordpress/odd-corners.xml") }

    static let cdn = "https://cdn.tidetables.example.org/2021/06/"
    static let harbour = "https://tidetables.example.org/2021/06/04/sounds-of-the-harbour/"

    @Test func mediaShortcodesArePlaceholdersWithTheirSource() throws {
        let post = try #require(batch.post(titled: "Sounds of the harbour"))
        let cdn = Self.cdn
        #expect(post.document.blocks == [
            .paragraph([.text("Recorded at the pier this morning.", [])]),
            .media(kind: .audio, url: cdn + "gulls.mp3", title: nil),
            .paragraph([.text("The boats, in pictures:", [])]),
            // A gallery of the post's attachments is seen on the post's own page.
            .media(kind: .gallery, url: Self.harbour, title: "3 images"),
            .media(kind: .video, url: cdn + "crane.mp4", title: nil),
            .media(kind: .video, url: "https://www.youtube.com/watch?v=Hb0r_Tide1", title: nil),
            // No alt text: the image is named by its file.
            .figure(.media(kind: .image, url: cdn + "dusk-over-the-quay.jpg", title: "dusk-over-the-quay.jpg"),
                    caption: [.text("Dusk over the quay", [])]),
            .figure(.media(kind: .image, url: cdn + "hut.jpg", title: "A green hut"),
                    caption: [.text("The harbour master's hut", [])]),
            .media(kind: .playlist, url: Self.harbour, title: "2 videos"),
            .media(kind: .video, url: "https://www.youtube.com/watch?v=Quay2021xyz", title: nil),
            // A shortcode inside a paragraph splits it: the player is a block of its own.
            .paragraph([.text("Between the tides", [])]),
            .media(kind: .audio, url: cdn + "bell.mp3", title: nil),
            .paragraph([.text("the bell rang.", [])]),
            // `[[gallery]]` is how WordPress writes the shortcode itself; code is left as written.
            .paragraph([.text("To show a gallery, write [gallery] in the post, or ", []), .text("[gallery ids=\"1\"]", .code),
                        .text(" inline.", [])]),
        ])
        #expect(!post.document.plainText.contains("[audio src") && !post.document.plainText.contains("[/caption]"))
        #expect(Block.media(kind: .video, url: "https://www.youtube.com/watch?v=Hb0r_Tide1", title: nil).plainText
                == "[video: youtube.com/watch?v=Hb0r_Tide1]")
    }

    @Test func blockEditorEmbedsWithTheirCaption() throws {
        let post = try #require(batch.post(titled: "A talk about tides"))
        #expect(post.document.blocks == [
            .paragraph([.text("The whole talk is worth it.", [])]),
            .figure(.media(kind: .video, url: "https://vimeo.com/76979871", title: nil),
                    caption: [.text("Spring tides, explained in twenty minutes", [])]),
            .media(kind: .tweet, url: "https://twitter.com/tidewatch/status/1410000000000000000", title: nil),
        ])
    }

    /// The export repeats the `footnotes` meta with an empty value after the real one: the
    /// notes are kept. The third marker's note is in neither: it stays visible, with a warning.
    @Test func footnotesMetaGivenTwice() throws {
        let post = try #require(batch.post(titled: "Footnotes given twice"))
        #expect(post.footnotes.map(\.label) == ["1", "2"])
        #expect(post.footnotes.map(\.plainText) == ["Forty minutes before the table.", "After sunset."])
        #expect(post.document.plainText == "High water came early[1] and left late[2], as the almanac said[3].")
        let warning = try #require(batch.warnings.first { $0.message.contains("Footnotes given twice") })
        #expect(warning.message.contains("[3]"))
        #expect(warning.line != nil)
    }

    @Test func passwordProtectedPostsAreMarked() throws {
        #expect(batch.post(titled: "Members only: the secret cove")?.passwordProtected == true)
        #expect(batch.post(titled: "Neap tides")?.passwordProtected == false)
    }

    @Test func pingbacksApartFromComments() throws {
        let post = try #require(batch.post(titled: "Neap tides"))
        #expect(post.commentCount == 3)
        #expect(post.comments.map(\.sourceID) == ["70", "71", "72"])
        #expect(post.pingbacks.map(\.source) == ["Harbour Watch » Weekly links", "Tide Tables"])
        #expect(post.pingbacks.map(\.url) == ["https://harbourwatch.example.com/2021/10/06/weekly-links/",
                                               "https://tidetables.example.org/2021/07/01/a-talk-about-tides/"])
        #expect(post.pingbacks.map(\.excerpt) == ["[…] small tides, says Tide Tables […]", "[…] neap tides […]"])
        #expect(post.pingbacks.allSatisfy { $0.kind == .pingback })
    }

    /// A commenter's link to another post of the blog is a reference of the post, marked as
    /// written in a comment; a link out of the blog stays text with its address.
    @Test func linksInCommentsToTheBlogsOwnPosts() throws {
        let post = try #require(batch.post(titled: "Neap tides"))
        let fromComments = post.references.filter(\.inComment)
        #expect(fromComments.map(\.target) == [Self.harbour, "/2021/08/02/footnotes-given-twice/"])
        #expect(fromComments.allSatisfy { $0.explicit && $0.kind == .url })
        let first = post.comments[0]
        // Its two paragraphs are kept.
        #expect(first.blocks.count == 2)
        guard case .paragraph(let inlines) = first.blocks[0] else { Issue.record("not a paragraph"); return }
        let index = try #require(post.references.firstIndex { $0.target == Self.harbour })
        #expect(inlines.contains(.reference(index: index, text: "your recording in June")))
        #expect(first.blocks[1].plainText == "My own notes are here <https://pieter.example.net/tides>.")
        #expect(post.comments.map(\.parentID) == [nil, "70", "71"])
    }

    /// Counted, not silently dropped: the revision whose post is missing is named in a warning
    /// and imported with --include-drafts (newest first); one of a post that is there is an old version.
    @Test func revisionsWithoutTheirPost() throws {
        #expect(batch.post(titled: "Storm surge diary") == nil)
        #expect(batch.skipped["revision without its post"] == 1)
        #expect(batch.skipped["revision"] == 1)
        #expect(batch.warnings.contains { $0.message.contains("\"Storm surge diary\"") && $0.message.contains("--include-drafts") })
        let all = try ImportFixtures.xml("wordpress/odd-corners.xml", includeDrafts: true)
        let diary = try #require(all.post(titled: "Storm surge diary"))
        #expect(diary.document.plainText == "The storm surge diary, as it was last saved.")
        #expect(diary.sourceKey == "wordpress:https://tidetables.example.org#20")
        #expect(diary.kind == "post")
        #expect(diary.slug == "storm-surge-diary")
        #expect(diary.aliases == ["https://tidetables.example.org/?p=20"])
        #expect(all.skipped["revision without its post"] == nil)
    }

    /// Namespaces are told by their address: an item whose `wp:` is bound to another is no WordPress post.
    @Test func itemsOfAnotherNamespaceAreNotPosts() throws {
        #expect(batch.post(titled: "Not a WordPress post") == nil)
        #expect(batch.skipped["item without WordPress fields"] == 1)
        #expect(batch.warnings.contains { $0.message.contains("http://example.com/not-wordpress/") && $0.line != nil })
        #expect(batch.posts.count == 5)
    }
}

@Suite struct WordPressMediaShortcodeTests {
    func blocks(_ html: String, page: String? = "https://b.example/p/") -> [Block] {
        let r = WordPressShortcodes.process(html, page: page)
        var refs: [Reference] = []
        var options = HTMLDocumentConverter.Options()
        options.paragraphsFromNewlines = true
        return r.media.expand(HTMLDocumentConverter.convert(r.html, options: options, references: &refs).blocks)
    }

    @Test func jetpackAndOEmbedForms() {
        #expect(blocks("[youtube=https://www.youtube.com/watch?v=abc&amp;w=640]") == [.media(kind: .video, url: "https://www.youtube.com/watch?v=abc", title: nil)])
        #expect(blocks("[vimeo 123456]") == [.media(kind: .video, url: "https://vimeo.com/123456", title: nil)])
        #expect(blocks("[embed]https://www.youtube.com/embed/xyz?rel=0[/embed]") == [.media(kind: .video, url: "https://www.youtube.com/watch?v=xyz", title: nil)])
        #expect(blocks("[embed]https://gist.github.com/someone/abc123[/embed]") == [.media(kind: .gist, url: "https://gist.github.com/someone/abc123", title: nil)])
        #expect(blocks("[tweet https://twitter.com/a/status/1]") == [.media(kind: .tweet, url: "https://twitter.com/a/status/1", title: nil)])
    }

    @Test func otherBracketsStayText() {
        #expect(blocks("He said [sic] and [1] and [galleryish] and [video-games].").map(\.plainText)
                == ["He said [sic] and [1] and [galleryish] and [video-games]."])
        #expect(blocks("[gallery") .map(\.plainText) == ["[gallery"])
    }

    @Test func aGalleryWithoutIdsOrPage() {
        #expect(blocks("[gallery]", page: nil) == [.media(kind: .gallery, url: "", title: nil)])
        #expect(Block.media(kind: .gallery, url: "", title: nil).plainText == "[gallery]")
    }

    /// Private-use characters already in a post cannot pass for a token.
    @Test func forgedTokensAreScrubbed() {
        #expect(blocks("a \u{E002}0\u{E003} b [audio src=\"x.mp3\"]").first == .paragraph([.text("a \u{FFFD}0\u{FFFD} b", [])]))
    }

    /// Thousands of tags left open: each closing tag is looked for once per name, not once per
    /// tag (this took 103 s at 20,000 of each when every search started over). The time limit
    /// is a generous guard against a hang, not a speed target.
    @Test func unclosedTagsStayLinear() {
        let parts = ["[caption]x ", "[video]y ", "[embed]z ", "<!-- wp:embed {\"url\":\"https://e.example/v\"} --> ",
                     "[audio src=\"", "<sup data-fn=\"nope\">1 "]
        let html = String(repeating: parts.joined(), count: 5_000)
        let start = Date()
        let r = WordPressShortcodes.process(html, page: nil)
        _ = WordPressFootnotes.showingUnknownMarkers(r.html, known: [:])
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(r.media.items.count >= 5_000)
    }
}
