import Testing
import QuireModel
@testable import QuireUI

/// The numbered links list (L), following link N, and opening a link out of the archive (o).
@Suite struct LinksKeyTests {
    func linksSession(rows: Int = 24, cols: Int = 80) -> ReaderSession {
        ReaderSession(archive: LinkFixtures.archive(), options: ReaderOptions(openPost: LinkFixtures.linksID), rows: rows, cols: cols)
    }

    @Test func theListNumbersEveryLinkAndIsDrawnClean() {
        let s = linksSession()
        s.press(.char("L"))
        expectScreen(s.render(), [
            " 1 Archive 2 3 4 5 6 › Links and Headings › Links",
            " 4 links; type a number and Enter to follow one",
            " 1  https://example.com/a?b=1                                               web",
            " 2  http://example.org/red                                                  web",
            " 3  Europe trip                                                            post",
            " 4  [1] A note.                                                            note",
        ] + Array(repeating: "", count: 17) + [
            " Enter follow  o browser  Esc back  ? help                              1/4 25%",
        ])
    }

    @Test func numbersStayTheSameWhateverTheWidthOrNotes() {
        let post = try! LinkFixtures.archive().post(LinkFixtures.linksID)!
        let before = PostLinks.of(post)
        let s = linksSession(rows: 12, cols: 40)
        s.press(.char("f"), .char("L"))
        #expect(s.lines[3].hasPrefix(" 2  http://example.org/red"))
        #expect(PostLinks.of(s.reader!.post) == before)
        // The text's {n} markers carry the same numbers.
        s.press(.escape)
        #expect(s.reader?.layout.links.contains { if case .reference(3, _, _) = $0.kind { return true } else { return false } } == true)
    }

    @Test func aNumberAndEnterFollowsThatLink() {
        let s = linksSession()
        s.press(.char("L"), .char("3"))
        #expect(s.state.message?.text == "Link 3; Enter follows it")
        s.press(.enter)
        #expect(s.reader?.post.id == Fixtures.tripID)
        #expect(s.reader?.panel == nil)
        s.press(.backspace)
        #expect(s.reader?.post.id == LinkFixtures.linksID)
    }

    @Test func digitsAreNumbersNotScreens() {
        let s = linksSession()
        s.press(.char("L"), .char("1"), .char("2"))
        #expect(s.state.screen == .archive && s.reader?.panel != nil)
        s.press(.backspace)
        #expect(s.state.message?.text == "Link 1; Enter follows it")
        s.press(.backspace, .char("9"), .enter)
        #expect(s.state.message == StatusMessage("No link 9 in this post", isError: true))
    }

    @Test func aNoteLinkJumpsToTheNote() {
        let s = linksSession(rows: 12, cols: 80)
        s.press(.char("f"), .char("L"), .char("4"), .enter)
        let line = s.reader!.layout.noteLines["1"]!
        #expect(s.reader!.scroll <= line && line < s.reader!.scroll + s.state.bodyHeight)
        #expect(s.reader?.back.count == 1)
    }

    @Test func oShowsTheURLAndOpensOnlyAfterYes() {
        let s = linksSession()
        s.press(.char("L"))
        #expect(s.press(.char("o")).isEmpty)
        #expect(s.state.pendingURL == "https://example.com/a?b=1")
        #expect(s.state.message?.text == "example.com — open in the browser? y: open  n: no  https://example.com/a?b=1")
        // The window is narrow for all of it: the URL is cut, never the host or the question.
        #expect(s.lines.last?.hasPrefix(" example.com — open in the browser? y: open  n: no  https://example.c…") == true,
                "\(s.lines.last ?? "")")
        #expect(s.press(.char("y")) == [.openURL("https://example.com/a?b=1")])
        #expect(s.state.pendingURL == nil)

        s.press(.char("o"))
        #expect(s.press(.char("n")).isEmpty)
        #expect(s.state.message?.text == "Not opened")
        // Any other key is a no, and does nothing else.
        s.press(.char("o"))
        #expect(s.press(.char("j")).isEmpty)
        #expect(s.state.pendingURL == nil && s.reader?.panel != nil)
    }

    @Test func controlCharactersInAURLNeverReachTheScreenAndSuchURLsAreNotOpened() {
        let s = linksSession()
        s.press(.char("L"), .char("2"), .char("o"))
        #expect(s.state.pendingURL == nil)
        #expect(s.state.message?.isError == true)
        let canvas = s.render()
        #expect(canvas.cells.allSatisfy { $0.char.unicodeScalars.allSatisfy { !Sanitizer.isUnsafe($0) } })
        // The escape sequence is dropped whole from what is drawn.
        #expect(s.state.message?.text.hasPrefix("Links with invisible characters or spaces are not opened: http://example.org/") == true)
        #expect(s.lines.last?.contains("Links with invisible characters or spaces are not opened: http://exa") == true,
                "\(s.lines.last ?? "")")
    }

    @Test(arguments: ["https://example.com/x", "http://a.b/c?d=e&f"])
    func webAddressesAreOpenable(url: String) { #expect(PostLinks.isOpenable(url)) }

    @Test(arguments: ["file:///etc/passwd", "javascript:alert(1)", "-x http://a", "https://a b", "http://", "ftp://x/y", "HTTP://\u{7}x.y"])
    func otherAddressesAreNot(url: String) { #expect(!PostLinks.isOpenable(url)) }

    @Test func oInTheTextOpensTheSelectedExternalLink() {
        let s = linksSession()
        s.press(.char("o"))
        #expect(s.state.message?.text.contains("Select a link out of the archive first (Tab)") == true)
        s.press(.tab)
        #expect(s.state.pendingURL == nil)
        s.press(.enter)
        #expect(s.state.message?.text == "https://example.com/a?b=1 (out of the archive; o opens it in the browser)")
        s.press(.char("o"), .char("y"))
        #expect(s.state.pendingURL == nil)
        #expect(s.state.message?.text == "Opening https://example.com/a?b=1")
    }

    /// A link that spells one site and leads to another shows the one it leads to, first and in
    /// full, however long the rest; a link with a user name before its host, or with
    /// invisible characters, is not opened at all.
    @Test(arguments: [
        ("https://accounts.google.com.signin.example/" + String(repeating: "x", count: 200), "accounts.google.com.signin.example"),
        ("http://EVIL.example:8080/a", "evil.example"),
        ("https://[2001:db8::1]:443/x", "[2001:db8::1]"),
        ("https://\\evil.example\\@google.com/", "evil.example"),
        ("https:///three.slashes.example/", "three.slashes.example"),
        ("https://evil.example#@google.com", "evil.example"),
        ("https://bücher.example/", "bücher.example"),
    ])
    func theHostIsTheOneTheLinkLeadsTo(url: String, host: String) {
        #expect(PostLinks.check(url) == .open(host: host))
    }

    @Test(arguments: [
        "https://accounts.google.com.signin" + String(repeating: "-", count: 170) + "@evil.example/",
        "http://user:password@example.com/",
        "https://@example.com/",
        "https://goo\u{200B}gle.com/", "https://google.com\u{2060}/", "https://paypal\u{AD}.com/", "https://a.example/\u{E0041}",
        "https://a.example/\u{202E}moc", "https://%65vil.example/", "https://", "https:\\\\evil.example/",
    ])
    func linksThatHideTheirHostAreNotOpened(url: String) {
        #expect(!PostLinks.isOpenable(url), "\(url.debugDescription)")
    }

    /// The question shows the host before anything else, and is answered yes only by y: the
    /// key that asked (o) or Enter, pressed again, is a no.
    @Test func theQuestionShowsTheHostFirstAndOnlyYOpens() {
        let long = "https://accounts.google.com.signin.evil.example/" + String(repeating: "path/", count: 40)
        for answer in [Key.char("o"), .enter, .char(" "), .char("Y")] {
            var state = linksSession().state
            _ = askToOpen(long, state: &state)
            #expect(state.message?.text.hasPrefix("accounts.google.com.signin.evil.example — open in the browser? y: open  n: no  https://") == true,
                    "\(state.message?.text ?? "")")
            let s = linksSession()
            s.press(.char("L"), .char("o"))
            #expect(s.state.pendingURL != nil)
            #expect(s.press(answer).isEmpty, "\(answer)")
            #expect(s.state.pendingURL == nil && s.state.message?.text == "Not opened", "\(answer)")
        }
        // A window too narrow to show the whole question with the host does not ask.
        var narrow = linksSession(rows: 12, cols: 30).state
        _ = askToOpen("https://a-rather-long-host-name.example/", state: &narrow)
        #expect(narrow.pendingURL == nil && narrow.message?.isError == true)
    }

    @Test func escapeClosesAndTheListStartsOnTheSelectedLink() {
        let s = linksSession()
        s.press(.tab, .tab, .char("L"))
        guard case .links(let panel) = s.reader?.panel else { Issue.record("no links list"); return }
        #expect(panel.cursor.selection == 1)
        s.press(.escape)
        #expect(s.reader?.panel == nil)
        s.press(.char("L"), .char("q"))
        #expect(s.reader?.panel == nil && s.reader != nil)
    }

    @Test func aPostWithoutLinksSaysSo() {
        let s = session(open: Fixtures.tripID)
        s.press(.char("L"))
        #expect(s.reader?.panel == nil)
        #expect(s.state.message?.text == "No links in this post")
    }
}
