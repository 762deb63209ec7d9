import Foundation
import Testing
@testable import QuireImport
import QuireModel

@Suite struct BloggerClassicTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.xml("blogger/classic.xml") }

    @Test func kindsComeFromTheKindCategory() {
        #expect(batch.format == "blogger")
        #expect(batch.posts.filter { $0.kind == "post" }.count == 2)
        #expect(batch.posts.filter { $0.kind == "page" }.map(\.title) == ["About this log"])
        #expect(batch.skipped == ["settings": 2, "template": 1, "draft": 1])
        #expect(batch.ownHosts == ["harbour-notes.blogspot.com"])
    }

    @Test func postFields() throws {
        let post = try #require(batch.post(titled: "Spring tides at Kerlouan"))
        #expect(post.sourceKey == "blogger:tag:blogger.com,1999:blog-111.post-1001")
        #expect(post.slug == "spring-tides-at-kerlouan")
        #expect(post.permalink == "http://harbour-notes.blogspot.com/2011/03/spring-tides-at-kerlouan.html")
        #expect(post.date == PostDate(year: 2011, month: 3, day: 27, hour: 9, minute: 15, utcOffsetMinutes: 60))
        #expect(post.updated == PostDate(year: 2011, month: 3, day: 28, hour: 11, utcOffsetMinutes: 120))
        #expect(post.labels == ["Tides", "Boats"])
        #expect(post.author == "Ines")
    }

    @Test func breakSeparatedParagraphs() throws {
        let post = try #require(batch.post(titled: "Spring tides at Kerlouan"))
        let blocks = post.document.blocks
        #expect(blocks.count == 3)
        #expect(blocks[0] == .paragraph([.text("The water came in fast this morning.", []), .lineBreak,
                                         .text("Faster than the table said.", [])]))
        #expect(blocks[1].plainText == "We moved the dinghy twice[1] and still got our feet wet. Crêpes afterwards, naturally.")
        #expect(blocks[2] == .paragraph([.text("Lesson:", .strong), .text(" read the almanac, not the app.", [])]))
    }

    @Test func linkedHandWrittenFootnote() throws {
        let post = try #require(batch.post(titled: "Spring tides at Kerlouan"))
        #expect(post.document.blocks.flatMap(\.footnoteLabels) == ["1"])
        #expect(post.footnotes == [Footnote(label: "1", blocks: [.paragraph([.text("The second time in the dark, with a torch in my teeth.", [])])])])
    }

    @Test func supMarkersWithANumberedListOfNotes() throws {
        let post = try #require(batch.post(titled: "Rigging the old sloop <b> & more"))
        #expect(post.footnotes.map(\.label) == ["1", "2"])
        #expect(post.footnotes.map(\.plainText) == ["Built in 1962.", "Cut in 2009 by a sailmaker in Brest."])
        #expect(post.document.blocks.first?.plainText == "The mast is older than I am[1], the sails are newer[2].")
        // The "Notes" heading went with its list; the script was never text, the iframe is a
        // placeholder whose address can be followed.
        #expect(post.document.blocks.count == 3)
        #expect(post.document.blocks.last == .media(kind: .embed, url: "https://example.com/embed", title: nil))
        #expect(post.references.last?.target == "https://example.com/embed")
        #expect(!post.document.plainText.contains("alert"))
    }

    @Test func ownLinksAreExplicitOthersAreNot() throws {
        let post = try #require(batch.post(titled: "Rigging the old sloop <b> & more"))
        let refs = post.bodyReferences
        #expect(refs.map(\.text) == ["the spring tides post", "an older one", "everything about boats", "what a sloop is"])
        #expect(refs.map(\.explicit) == [true, true, false, false])
        #expect(refs.allSatisfy { $0.kind == .url })
    }

    @Test func commentsThreadedAndRemoved() throws {
        let post = try #require(batch.post(titled: "Spring tides at Kerlouan"))
        #expect(post.comments.map(\.sourceID) == ["2001", "2002", "2003"])
        #expect(post.comments.map(\.parentID) == [nil, "2001", nil])
        #expect(post.commentCount == 3)
        #expect(post.comments[0].author == "Yann")
        #expect(post.comments[0].blocks.first?.plainText == "Didn't the harbour master warn you? Tide tables <http://example.org/tides>")
        #expect(post.comments[2].removed)
        #expect(post.comments[2].blocks.isEmpty)
    }

    @Test func commentTitlesEscapedTwiceAreDecoded() {
        #expect(BloggerEntry.decodeTwiceEscaped("Didn&#39;t the harbour master") == "Didn't the harbour master")
        #expect(BloggerEntry.decodeTwiceEscaped("Fish &amp; chips") == "Fish & chips")
    }

    @Test func divParagraphsOfAPage() throws {
        let page = try #require(batch.post(titled: "About this log"))
        #expect(page.slug == "about")
        #expect(page.document.blocks.map(\.plainText) == ["Kept since 2011.", "Write to me at the harbour office."])
    }

    @Test func draftsOnRequest() throws {
        let all = try ImportFixtures.xml("blogger/classic.xml", includeDrafts: true)
        let draft = try #require(all.post(titled: "Half-written thoughts on anchors"))
        #expect(draft.comments.count == 1)
        #expect(all.skipped["draft"] == nil)
    }
}

@Suite struct BloggerTakeoutTests {
    let batch: ImportBatch
    init() throws { batch = try ImportFixtures.xml("blogger/takeout.atom") }

    @Test func typesAndStatuses() {
        #expect(batch.format == "blogger-takeout")
        #expect(batch.posts.map(\.title) == ["Grafting the pear tree", "Pruning", "About the orchard"])
        #expect(batch.posts.map(\.kind) == ["post", "post", "page"])
        #expect(batch.skipped == ["draft": 1, "trashed": 1])
    }

    @Test func relativeFilenamesGetTheHostTheLinksUse() throws {
        #expect(batch.ownHosts == ["orchard-diary.example.net"])
        let post = try #require(batch.post(titled: "Grafting the pear tree"))
        #expect(post.permalink == "https://orchard-diary.example.net/2020/04/grafting-pear-tree.html")
        #expect(post.slug == "grafting-pear-tree")
        #expect(post.labels == ["Trees", "Spring"])
        #expect(post.reference(shown: "pruned too hard")?.explicit == true)
        #expect(post.date == PostDate(year: 2020, month: 4, day: 2, hour: 10, minute: 30, utcOffsetMinutes: 120))
    }

    @Test func commentsByParentAndInReplyTo() throws {
        let post = try #require(batch.post(titled: "Grafting the pear tree"))
        #expect(post.comments.map(\.sourceID) == ["701", "702"])
        #expect(post.comments.map(\.parentID) == [nil, "701"])
        #expect(post.comments.map(\.author) == ["Piotr", "Marta"])
    }

    @Test func breakParagraphs() throws {
        let post = try #require(batch.post(titled: "Pruning"))
        #expect(post.document.blocks.map(\.plainText) == ["Cut back the apple trees.", "All of them."])
    }
}
