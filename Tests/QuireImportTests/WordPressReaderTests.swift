import Foundation
import Testing
@testable import QuireImport
import QuireModel

@Suite struct WordPress12Tests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.xml("wordpress/wxr-1.2.xml") }

    @Test func publishedPostsAndPagesOnly() {
        #expect(batch.format == "wordpress")
        #expect(batch.posts.map(\.title) == ["A starter called Gerald", "The first loaf & what went wrong", "Menus", "Scheduled crumble"])
        #expect(batch.posts.map(\.kind) == ["post", "post", "page", "post"])
        #expect(batch.skipped == ["draft": 1, "attachment": 1, "nav_menu_item": 1, "wp_global_styles": 1])
        #expect(batch.ownHosts == ["kitchenledger.example.com"])
    }

    @Test func identityAndAddresses() throws {
        let post = try #require(batch.post(titled: "A starter called Gerald"))
        #expect(post.sourceKey == "wordpress:https://kitchenledger.example.com#12")
        #expect(post.slug == "a-starter-called-gerald")
        #expect(post.permalink == "https://kitchenledger.example.com/2023/02/11/a-starter-called-gerald/")
        #expect(post.aliases == ["https://kitchenledger.example.com/?p=12"])
        #expect(post.labels == ["Baking", "sourdough"])
        #expect(post.author == "sam")
        let page = try #require(batch.post(titled: "Menus"))
        #expect(page.aliases.contains("https://kitchenledger.example.com/?page_id=2"))
    }

    @Test func coreFootnotesFromPostMeta() throws {
        let post = try #require(batch.post(titled: "A starter called Gerald"))
        #expect(post.footnotes.map(\.label) == ["1", "2"])
        #expect(post.footnotes.map(\.plainText) == ["Counting from the first bubbles.", "Filtered, never straight from the tap."])
        #expect(post.footnotes[0].blocks == [.paragraph([.text("Counting from the first ", []), .text("bubbles", .emphasis), .text(".", [])])])
        #expect(post.document.blocks.first?.plainText == "Gerald is nine days old[1] and smells of apples.")
    }

    @Test func blockEditorContent() throws {
        let post = try #require(batch.post(titled: "A starter called Gerald"))
        let blocks = post.document.blocks
        #expect(blocks.contains(.heading(level: 2, [.text("Feeding", [])])))
        #expect(blocks.contains(.code("ratio = 1:1:1\n[ref]not a note inside code[/ref]")))
        #expect(blocks.contains { if case .list(false, let items) = $0 { return items.count == 2 } else { return false } })
        #expect(!post.document.plainText.contains("wp:"))
    }

    @Test func linksToOwnPostsAndToAMissingOne() throws {
        let post = try #require(batch.post(titled: "A starter called Gerald"))
        let first = try #require(post.reference(shown: "the first loaf"))
        #expect(first.explicit && first.target == "https://kitchenledger.example.com/2022/12/01/first-loaf/")
        #expect(post.reference(shown: "a recipe I deleted")?.explicit == true)
    }

    @Test func approvedCommentsThreadedWithoutSpamOrPingbacks() throws {
        let post = try #require(batch.post(titled: "A starter called Gerald"))
        #expect(post.comments.map(\.sourceID) == ["40", "41"])
        // The pingback is kept, apart from the comments.
        #expect(post.pingbacks == [Pingback(kind: .pingback, source: "Another Blog", url: nil,
                                            date: PostDate(year: 2023, month: 2, day: 12, hour: 8, utcOffsetMinutes: 0),
                                            excerpt: "[…] linked from here […]")])
        #expect(post.comments.map(\.parentID) == [nil, "40"])
        #expect(post.commentCount == 2)
        #expect(post.comments[0].blocks.map(\.plainText) == ["Mine is called Brian.", "He is less charming."])
        #expect(post.comments[0].date == PostDate(year: 2023, month: 2, day: 11, hour: 12, utcOffsetMinutes: 0))
    }

    @Test func classicEditorShortcodesAndMarkers() throws {
        let post = try #require(batch.post(titled: "The first loaf & what went wrong"))
        #expect(post.footnotes.map(\.plainText) == ["Oven door opened at minute ten.", "Like a brick, said my neighbour.", "It was three weeks."])
        #expect(post.footnotes.map(\.label) == ["1", "2", "3"])
        let text = post.document.blocks.map(\.plainText)
        #expect(text == ["It rose. Then it fell.[1]", "[image: A flat loaf]\nThe loaf, flat.",
                         "The crumb was dense[2] but edible.\nSecond attempt next week[3].", "", "Page two of the story."])
        // The caption shortcode is the image with its caption under it.
        #expect(post.document.blocks[1] == .figure(
            .media(kind: .image, url: "https://kitchenledger.example.com/wp-content/uploads/loaf.jpg", title: "A flat loaf"),
            caption: [.text("The loaf, flat.", [])]))
        #expect(post.document.blocks[3] == .rule)
        #expect(post.date == PostDate(year: 2022, month: 12, day: 1, hour: 19, minute: 30, utcOffsetMinutes: 60))
    }

    @Test func zeroGMTDateFallsBackToTheLocalOne() throws {
        let post = try #require(batch.post(titled: "Scheduled crumble"))
        #expect(post.date == PostDate(year: 2023, month: 3, day: 5, hour: 7, minute: 45))
    }

    @Test func draftsOnRequest() throws {
        let all = try ImportFixtures.xml("wordpress/wxr-1.2.xml", includeDrafts: true)
        #expect(all.post(titled: "Unfinished soup") != nil)
        #expect(all.skipped["draft"] == nil)
        #expect(all.skipped["attachment"] == 1)
    }
}

@Suite struct WordPress10Tests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.xml("wordpress/wxr-1.0.xml") }

    @Test func oldNamespaceAndTagDomain() throws {
        #expect(batch.posts.map(\.title) == ["Fixing a puncture", "The pump"])
        let post = try #require(batch.post(titled: "Fixing a puncture"))
        #expect(post.labels == ["Repairs", "tyres"])
        #expect(post.date == PostDate(year: 2009, month: 5, day: 4, hour: 19, minute: 20, utcOffsetMinutes: 120))
    }

    @Test func newlinesMakeParagraphsAndBreaks() throws {
        let post = try #require(batch.post(titled: "Fixing a puncture"))
        #expect(post.document.blocks.first == .paragraph([.text("Take the wheel off first.", []), .lineBreak, .text("Then the tyre.", [])]))
        #expect(post.document.blocks.count == 2)
    }

    @Test func questionMarkPLinksAreOwn() throws {
        let post = try #require(batch.post(titled: "Fixing a puncture"))
        #expect(post.reference(shown: "the pump post")?.explicit == true)
        let pump = try #require(batch.post(titled: "The pump"))
        #expect(pump.permalink == "http://bikes.example.org/?p=4")
    }

    @Test func trackbacksAreNotComments() throws {
        let post = try #require(batch.post(titled: "Fixing a puncture"))
        #expect(post.comments.map(\.author) == ["Joop"])
        #expect(post.commentCount == 1)
        #expect(post.pingbacks.map(\.kind) == [.trackback])
        #expect(post.pingbacks.map(\.source) == ["elsewhere.example"])
        #expect(post.pingbacks.map(\.excerpt) == ["Trackback text"])
    }
}

@Suite struct WordPressShortcodeTests {
    @Test func codeIsLeftAlone() {
        let r = WordPressShortcodes.process("a[ref]x[/ref] <code>[ref]y[/ref]</code> <pre>((z))</pre>")
        #expect(r.notes.map(\.html) == ["x"])
        #expect(r.html.contains("<code>[ref]y[/ref]</code>"))
        #expect(r.html.contains("<pre>((z))</pre>"))
    }

    @Test func emptyParenthesesAreNotNotes() {
        let r = WordPressShortcodes.process("f(g(x)) and (( )) stay")
        #expect(r.notes.isEmpty)
        #expect(r.html == "f(g(x)) and (( )) stay")
    }
}
