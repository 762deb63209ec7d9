import Testing
import QuireModel
@testable import QuireUI

/// Keys that newsboat, w3m, lynx and less users reach for.
@Suite struct PeerKeysTests {
    // MARK: newsboat: unread posts

    @Test func everyUnreadRowIsFlagged() {
        let s = session()
        s.press(.enter, .down, .enter)   // 2007 › October
        #expect(s.lines[3].hasPrefix("     N 2007-10-12"))
        #expect(s.lines[4].hasPrefix("     N 2007-10-05"))
        s.press(.down, .char("r"))
        #expect(s.lines[3].hasPrefix("       2007-10-12"))
        s.press(.char("5"))
        #expect(s.lines[2].hasPrefix("   2007-10-12") && s.lines[3].hasPrefix(" N 2007-10-05"))
    }

    @Test func nFromAListOpensTheNextUnreadPost() {
        let s = session()
        // On the year 2007: its newest post.
        s.press(.char("n"))
        #expect(s.reader?.post.id == Fixtures.seedID)
        s.press(.char("G"))   // its end seen: read
        #expect(s.state.marks.read.contains(Fixtures.seedID))
        s.press(.char("q"))
        s.press(.char("n"))
        #expect(s.reader?.post.id == Fixtures.targetID)
        #expect(s.reader?.origin == .archive)
    }

    @Test func uInAPostOpensTheNextUnreadDownItsListAndGoesRound() {
        let s = session(open: Fixtures.seedID)
        s.press(.char("u"))
        #expect(s.reader?.post.id == Fixtures.targetID)
        // Followed like a link: Backspace comes back.
        s.press(.backspace)
        #expect(s.reader?.post.id == Fixtures.seedID)
        // From the oldest post, round to the newest unread one.
        let all = session(open: Fixtures.seedID)
        all.press(.char("5"), .char("G"), .enter)
        let oldest = all.reader?.post.id
        all.press(.char("u"))
        #expect(all.reader?.post.id != oldest)
        #expect(all.state.message?.text.contains("from the top") == true)
    }

    @Test func uSaysSoWhenEverythingIsRead() {
        let s = session(open: Fixtures.seedID)
        s.press(.char("q"), .char("5"), .char("A"), .char("y"))
        s.press(.char("1"))
        s.send(.openPost(Fixtures.seedID, .archive))
        s.press(.char("u"))
        #expect(s.reader?.post.id == Fixtures.seedID)
        #expect(s.state.message?.text == "No unread posts here")
    }

    @Test func aMarksTheSelectedYearReadAfterAskingFirst() {
        let s = session()
        s.press(.char("A"))
        #expect(s.state.message?.text == "Mark 3 unread posts of 2007 read? y: yes  n: no")
        s.press(.char("n"))
        #expect(s.state.marks.read.isEmpty)
        s.press(.char("A"), .char("y"))
        #expect(s.state.marks.read == [Fixtures.seedID, Fixtures.targetID, Fixtures.cjkID])
        s.press(.char("A"))
        #expect(s.state.message?.text == "Every post of 2007 is read already")
        // A label's posts.
        s.press(.char("2"), .enter, .char("A"))
        #expect(s.state.pendingMarkRead?.posts.isEmpty == false || s.state.message?.text.contains("read already") == true)
    }

    @Test func uppercaseUShowsOnlyUnreadPostsAndIsKept() {
        let store = MemoryStateStore()
        let s = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        s.press(.enter, .down, .enter, .down, .char("r"))   // the seed post read
        s.press(.char("U"))
        #expect(s.state.marks.onlyUnread)
        #expect(!s.lines.contains { $0.contains("Missile Defense Talks") })
        #expect(s.lines.contains { $0.contains("Why Does Russia Object") })
        s.press(.char("5"))
        #expect(s.lines[1].hasPrefix(" 4 unread posts"))
        s.press(.char("2"), .enter)
        #expect(!s.lines.contains { $0.contains("Missile Defense Talks") })
        s.press(.char("Q"))
        let again = ReaderSession(archive: Fixtures.archive(), rows: 24, cols: 80, stateStore: store)
        again.press(.char("5"))
        #expect(again.lines[1].hasPrefix(" 4 unread posts"))
        again.press(.char("U"))
        #expect(again.lines[1].hasPrefix(" 5 posts"))
    }

    // MARK: w3m and lynx: link numbers, history, =, copying

    func linksPost() -> ReaderSession {
        ReaderSession(archive: LinkFixtures.archive(), options: ReaderOptions(openPost: LinkFixtures.linksID), rows: 24, cols: 80)
    }

    @Test func aNumberThenEnterInThePostFollowsThatLink() {
        let s = linksPost()
        s.press(.char("3"))
        // 3 shows Search at once ...
        #expect(s.state.screen == .search && s.state.search.editing)
        // ... and Enter brings the post back and follows its link 3.
        s.press(.enter)
        #expect(s.state.screen == .archive)
        #expect(s.reader?.post.id == Fixtures.tripID)
        s.press(.backspace)
        #expect(s.reader?.post.id == LinkFixtures.linksID)
    }

    @Test func aDigitThatShowsAScreenStaysThereForAnyOtherKey() {
        let s = linksPost()
        s.press(.char("3"))
        s.type("missile")
        #expect(s.state.search.query == "missile")
        #expect(s.state.marks.bookmarks.isEmpty)
        let t = linksPost()
        t.press(.char("2"), .char("j"))
        #expect(t.state.screen == .labels && t.reader == nil)
    }

    @Test func aNumberNoLinkHasIsSaid() {
        let s = linksPost()
        s.press(.char("4"), .char("4"), .enter)
        // No link starts with 44: the second 4 is Bookmarks' key again.
        #expect(s.state.screen == .bookmarks)
        let t = linksPost()
        t.press(.char("9"))
        #expect(t.state.message?.text.hasPrefix("No action for 9") == true)
    }

    @Test func theHistoryListsThePostsOpenedNewestFirst() {
        let s = session(open: Fixtures.seedID)
        s.press(.char("L"), .char("1"), .enter)
        #expect(s.reader?.post.id == Fixtures.targetID)
        s.press(.char("6"))
        #expect(s.lines[1].hasPrefix(" 2 posts opened"))
        #expect(s.lines[2].contains("Why Does Russia Object"))
        #expect(s.lines[3].contains("Missile Defense Talks"))
        s.press(.down, .enter)
        #expect(s.reader?.post.id == Fixtures.seedID && s.reader?.origin == .history)
        s.press(.char("q"), .char("V"))
        #expect(s.state.screen == .history && s.lines[2].contains("Missile Defense Talks"))
    }

    static let permalinkID: PostID = 90
    static func permalinkArchive(_ permalink: String?) -> FakeArchive {
        var post = Fixtures.seed
        post.slug = "with-a-permalink"
        post.title = "A Post With a Permalink"
        post.permalink = permalink
        post.sourceKey = "tag:blogger.com,1999:blog-1.post-90"
        return FakeArchive(Fixtures.all + [(permalinkID, post)])
    }

    @Test func equalsShowsThePermalinkAndSourceAndYCopiesIt() {
        let url = "https://example.blogspot.com/2007/10/with-a-permalink.html"
        let s = ReaderSession(archive: Self.permalinkArchive(url), options: ReaderOptions(openPost: Self.permalinkID), rows: 24, cols: 80)
        // Nothing reaches the clipboard unless asked for.
        #expect(!s.press(.char("="), .escape, .char("j"), .char("k")).contains { if case .copyToClipboard = $0 { return true } else { return false } })
        s.press(.char("="))
        #expect(s.lines.contains { $0.contains("Permalink") && $0.contains(url) })
        #expect(s.lines.contains { $0.contains("Source") && $0.contains("tag:blogger.com,1999:blog-1.post-90") })
        #expect(s.press(.char("y")) == [.copyToClipboard(url)])
        s.press(.escape)
        #expect(s.reader?.panel == nil)
        #expect(s.press(.char("y")) == [.copyToClipboard(url)])
    }

    @Test(arguments: [nil, "javascript:alert(1)", "https://example.com/\u{1B}]52;c;ZXZpbA==\u{07}", "https://example.com/\u{202E}gpj.exe"])
    func onlyACheckedAddressIsEverCopied(permalink: String?) {
        let s = ReaderSession(archive: Self.permalinkArchive(permalink), options: ReaderOptions(openPost: Self.permalinkID), rows: 24, cols: 80)
        #expect(s.press(.char("y")).isEmpty)
        #expect(s.state.message?.text == "This post has no web address to copy")
        s.press(.char("="))
        #expect(s.lines.allSatisfy { !$0.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
    }

    // MARK: newsboat: saving a post

    @Test func sSavesThePostAsTextOrAsMarkdown() throws {
        let s = session(open: Fixtures.seedID)
        s.press(.char("s"))
        #expect(s.state.prompt?.text == "missile-defense-talks-with-russia-fail.txt")
        #expect(s.lines.last?.hasPrefix(" Save as: missile-defense-talks-with-russia-fail.txt") == true)
        let text = s.press(.enter)
        guard case .saveFile(let path, let contents)? = text.first else { Issue.record("no file saved: \(text)"); return }
        #expect(path == "missile-defense-talks-with-russia-fail.txt")
        #expect(contents.hasPrefix("Missile Defense Talks With Russia Fail\nFriday, October 12, 2007\n"))
        #expect(contents.contains("    [1] Please read my post"))

        s.press(.char("s"), .tab)
        #expect(s.state.prompt?.text == "missile-defense-talks-with-russia-fail.md")
        s.press(.ctrl("u"))
        s.type("~/notes/seed.md")
        guard case .saveFile(let mdPath, let markdown)? = s.press(.enter).first else { Issue.record("no Markdown saved"); return }
        #expect(mdPath == "~/notes/seed.md")
        #expect(markdown.hasPrefix("# Missile Defense Talks With Russia Fail\n\n*Friday, October 12, 2007* · Labels: politics, russia\n"))
        #expect(markdown.contains("compromise on this[^1]"))
        #expect(markdown.contains("\n[^1]: Please read my post"))
        #expect(markdown.contains("\\[...\\]"))
        // Esc does not save.
        s.press(.char("s"))
        #expect(s.press(.escape).isEmpty)
        #expect(s.state.prompt == nil)
    }

    @Test func aGuestSessionSavesNothing() {
        var settings = ReaderSettings()
        settings.savesFiles = false
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.seedID, settings: settings), rows: 24, cols: 80)
        #expect(s.press(.char("s")).isEmpty)
        #expect(s.state.prompt == nil)
        #expect(s.state.message?.text == "Posts cannot be saved in a guest session")
        #expect(s.press(.enter).isEmpty)
    }

    @Test func markdownEscapesWhatWouldBeMarkup() {
        var post = Fixtures.seed
        post.title = "*Not* a [link] # or <tag>"
        post.document = Document(blocks: [.paragraph([.text("1. not a list, _not_ emphasis", []), .text("bold", .strong)]),
                                          .code("let a = `b`\n```"), .list(ordered: false, items: [[Fixtures.p("item")]])])
        let stored = StoredPost(id: 1, post: post, targets: [], backlinks: [])
        let md = PostFile.markdown(stored)
        #expect(md.hasPrefix("# \\*Not\\* a \\[link\\] \\# or \\<tag\\>\n"))
        #expect(md.contains("1\\. not a list, \\_not\\_ emphasis**bold**"))
        #expect(md.contains("````\nlet a = `b`\n```\n````"))
        #expect(md.contains("\n- item"))
    }

    // MARK: less: finding in a post and in the help

    @Test func findMovesToTheFirstHitAsYouTypeAndEscComesBack() {
        let s = session(rows: 12, cols: 80, open: Fixtures.targetID)
        s.press(.char("/"))
        s.type("Paragraph 25 ")
        let r = try! #require(s.reader)
        let hit = try! #require(r.layout.hitLines.first)
        #expect(r.scroll > 0 && hit >= r.scroll && hit < r.scroll + s.state.bodyHeight)
        #expect(r.currentHit == 0)
        s.press(.escape)
        #expect(s.reader?.scroll == 0)
        // Enter keeps the place found, and the find is remembered.
        s.press(.char("/"))
        s.type("Paragraph 7 ")
        let found = s.reader?.scroll
        s.press(.enter)
        #expect(s.reader?.scroll == found)
        s.press(.char("/"), .up)
        #expect(s.reader?.find.input == "Paragraph 7 ")
        s.press(.up)
        #expect(s.reader?.find.input == "Paragraph 7 ")
        s.press(.down)
        #expect(s.reader?.find.input == "")
        #expect(s.state.marks.finds == ["Paragraph 7 "])
    }

    @Test func slashFindsInTheHelp() {
        let s = session(rows: 12, cols: 80)
        s.press(.char("?"), .char("/"))
        s.type("clipboard")
        #expect(s.lines.last?.hasPrefix(" Find in help: clipboard") == true)
        let help = try! #require(s.state.help)
        #expect(help.scroll > 0)
        #expect(s.lines.contains { $0.contains("clipboard") })
        s.press(.enter, .char("n"))
        let second = try! #require(s.state.help?.currentHit)
        #expect(second != help.currentHit)
        #expect(s.lines.contains { $0.contains("clipboard") })
        s.press(.escape)
        #expect(s.state.help == nil)
    }

    // MARK: Everyone

    @Test func fiveListsEveryPostNewestFirst() {
        let s = session()
        s.press(.char("5"))
        #expect(s.lines[1] == " 5 posts, newest first")
        #expect(s.lines[2].hasPrefix(" N 2007-10-12  Missile Defense Talks"))
        s.press(.char("G"), .enter)
        #expect(s.reader?.origin == .posts)
        s.press(.char("q"), .char("m"), .char("k"))
        #expect(s.lines.contains { $0.hasSuffix("★") })
    }

    @Test func theBusiestLabelsAreRowsOfTheArchive() {
        let s = session(rows: 24, cols: 80)
        s.press(.char("G"))
        let label = try! #require(ArchiveScreen.selectedLabel(s.state))
        #expect(s.lines.last?.contains("7/7") == true)
        s.press(.enter)
        #expect(s.state.screen == .labels)
        guard case .posts(let lp) = s.state.labels.top else { Issue.record("no label's posts"); return }
        #expect(lp.labels == [label])
        // A click selects one, a second click opens it.
        let t = session(rows: 24, cols: 80)
        let row = try! #require(t.lines.firstIndex { $0.hasPrefix("   politics") })
        t.handle(.mouse(MouseEvent(.click, row: row, col: 5)))
        #expect(ArchiveScreen.selectedLabel(t.state) == "politics")
        t.handle(.mouse(MouseEvent(.click, row: row, col: 5)))
        #expect(t.state.screen == .labels)
    }

    @Test func theTextColumnIs80WideByDefault() {
        let s = session(cols: 140, open: Fixtures.seedID)
        #expect(s.reader?.layout.width == 80)
    }

    @Test func anEmptyArchiveSaysHowToImportAndHowToSeeTheDemo() {
        var options = ReaderOptions()
        options.demoFolder = "/usr/local/share/quire/data"
        let s = ReaderSession(archive: FakeArchive([]), options: options, rows: 24, cols: 100)
        let text = s.lines.joined(separator: "\n")
        #expect(text.contains("The archive is empty."))
        #expect(text.contains("quire import PATH"))
        #expect(text.contains("quire --store ~/quire-demo.sqlite import /usr/local/share/quire/data"))
    }
}
