import QuireModel
import Testing
@testable import QuireUI

/// What the reader shows of a post's password, pingbacks, comment links and thread depth.
@Suite struct PingbackLayoutTests {
    static func lines(_ stored: StoredPost, width: Int = 60) -> [String] {
        let layout = PostLayout(DocumentLayout(stored, inlineNotes: true), width: width, highlight: .none, inlineNotes: true)
        return layout.lines.map { $0.spans.plainText }
    }

    static let day = PostDate(year: 2021, month: 10, day: 5)

    @Test func passwordLineUnderTheTitle() {
        let post = Post(sourceKey: "k", slug: "cove", title: "The cove", date: Self.day,
                        document: Document(blocks: [.paragraph([.text("North of the lighthouse.", [])])]), passwordProtected: true)
        let text = Self.lines(StoredPost(id: 1, post: post, targets: [], backlinks: []))
        let line = text.firstIndex(of: DocumentLayout.passwordLine)
        let body = text.firstIndex(of: "North of the lighthouse.")
        #expect(line != nil && body != nil && line! < body!)
        var open = post
        open.passwordProtected = false
        #expect(!Self.lines(StoredPost(id: 1, post: open, targets: [], backlinks: [])).contains(DocumentLayout.passwordLine))
    }

    @Test func pingbacksApartFromComments() {
        let post = Post(sourceKey: "k", slug: "neap", title: "Neap tides", date: Self.day,
                        comments: [Comment(sourceID: "1", author: "Pieter", date: Self.day, blocks: [.paragraph([.text("Nice.", [])])])],
                        pingbacks: [
                            Pingback(kind: .pingback, source: "Harbour Watch", url: "https://hw.example/links/",
                                     date: PostDate(year: 2021, month: 10, day: 6), excerpt: "[…] small tides […]"),
                            Pingback(kind: .trackback, source: "Gull Log", url: nil, date: nil, excerpt: "tides"),
                        ])
        let text = Self.lines(StoredPost(id: 1, post: post, targets: [], backlinks: []))
        let comments = text.firstIndex(of: "1 comment")
        let pingbacks = text.firstIndex(of: "2 pingbacks")
        #expect(comments != nil && pingbacks != nil && comments! < pingbacks!)
        #expect(text.contains("Harbour Watch · 2021-10-06"))
        #expect(text.contains("https://hw.example/links/"))
        #expect(text.contains("[…] small tides […]"))
        #expect(text.contains("Gull Log"))
    }

    @Test func backlinksFromCommentsSaySo() {
        let post = Post(sourceKey: "k", slug: "harbour", title: "Harbour", date: Self.day)
        let stored = StoredPost(id: 1, post: post, targets: [], backlinks: [
            PostSummary(id: 2, slug: "a", title: "Written about", date: Self.day),
            PostSummary(id: 3, slug: "b", title: "Commented on", date: Self.day),
        ], commentBacklinks: [3])
        let text = Self.lines(stored)
        #expect(text.contains("← 2021-10-05  Written about"))
        #expect(text.contains("← 2021-10-05  Commented on (in a comment)"))
    }

    /// A reply to a reply is indented deeper than the reply, and a comment's paragraphs stay apart.
    @Test func threadDepthAndParagraphs() {
        let p = { (s: String) in Block.paragraph([.text(s, [])]) }
        let post = Post(sourceKey: "k", slug: "t", title: "Thread", date: Self.day, commentCount: 3, comments: [
            Comment(sourceID: "1", author: "A", date: nil, blocks: [p("first"), p("second paragraph")]),
            Comment(sourceID: "2", parentID: "1", author: "B", date: nil, blocks: [p("reply")]),
            Comment(sourceID: "3", parentID: "2", author: "C", date: nil, blocks: [p("reply to reply")]),
        ])
        let text = Self.lines(StoredPost(id: 1, post: post, targets: [], backlinks: []))
        #expect(text.contains("first"))
        let first = text.firstIndex(of: "first")!
        #expect(text[first + 1].trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(text[first + 2] == "second paragraph")
        #expect(text.contains("  reply"))
        #expect(text.contains("    reply to reply"))
    }
}
