import Foundation
import Testing

/// End-to-end tests of what the reader keeps between runs and what the configuration changes:
/// the real `quire` inside tmux (`TmuxPane`), with the pane's own XDG state and config folders.
@Suite(.enabled(if: TmuxPane.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct ReaderStateEndToEndTests {
    @Test func bookmarksAreKeptBetweenRuns() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()
        t.send("m")
        try t.waitFor { $0.last!.contains("Bookmarked") }
        t.send("q", "4")
        try t.waitFor { $0[1].contains("1 bookmark") && $0[2].contains("Missile Defense Talks With Russia Fail") }
        try t.quitReader()

        let files = try FileManager.default.contentsOfDirectory(atPath: t.home.path("state/quire"))
        #expect(files.count == 1 && files[0].hasSuffix(".json"))

        // The next run comes back to the Bookmarks screen, and the bookmark opens.
        try t.startReader { $0[0].contains("4 Bookmarks") && $0[2].contains("Missile Defense Talks With Russia Fail") }
        t.send("Enter")
        try t.waitFor { $0[1].contains("Missile Defense Talks With Russia Fail") }
        t.send("m")
        try t.waitFor { $0.last!.contains("Bookmark removed") }
        t.send("q")
        try t.waitFor { $0[1].contains("No bookmarks yet.") }
        t.send("q")
        try t.expectCleanExit()
    }

    @Test func reopensWherePostsWereLeftAndFreshStartsAtTheArchive() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader(args: "'Missile Defense Talks With Russia Fail'") { $0[0].contains("› Missile Defense") }
        // To the end (which marks the post read), then back up half a page.
        t.send("G")
        try t.waitFor("the end of the post") { TmuxPane.position($0)?.atEnd == true }
        t.send("C-u")
        let left = try t.waitFor("half a page up") { TmuxPane.position($0).map { !$0.atEnd } == true }
        #expect(!left[1].contains("Missile Defense"))
        try t.quitReader()

        // Where the last run ended: the same post, the same line at the top.
        let back = try t.startReader { $0[0].contains("Missile Defense") && $0.last!.contains("Back where you stopped") }
        #expect(Array(back[1..<(back.count - 1)]) == Array(left[1..<(left.count - 1)]))
        // The post was read to its end: the archive counts it.
        t.send("q")
        try t.waitFor { $0.contains { $0.contains("▾ October") && $0.contains("1 unread · 2 posts") } }
        t.send("q")
        try t.expectCleanExit()

        try t.startReader(args: "--fresh")
        try t.quitReader()
    }

    @Test func theLinkListFollowsLinkN() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()
        t.send("L")
        let list = try t.waitFor { $0[0].hasSuffix("› Links") }
        #expect(list[1].contains("links; type a number and Enter to follow one"))
        let row = try #require(list.firstIndex { $0.contains("Why Does Russia Object to NMD in the EU?") })
        let number = try #require(list[row].split(separator: " ").first.map(String.init))
        t.type(number)
        try t.waitFor { $0.last!.contains("Link \(number); Enter follows it") }
        t.send("Enter")
        try t.waitFor { $0[0].contains("Why Does Russia Object to NMD in the EU?") && $0[1].contains("Why Does Russia Object") }
        t.send("BSpace")
        try t.waitFor { $0[0].hasSuffix("Missile Defense Talks With Russia Fail") }
        try t.quitReader()
    }

    /// A store in the pane's folder holding one post, "Links Out", that links to `url`.
    static func storeLinkingOut(to url: String, in t: TmuxPane) throws -> String {
        _ = try t.home.write("md/posts/2020-01-02-links.md", "---\ntitle: \"Links Out\"\ndate: 2020-01-02\n---\nRead [the page](\(url)).\n")
        let store = t.home.path("md.sqlite")
        let imported = try quire(store, "import", t.home.path("md/posts"))
        try #require(imported.status == 0, "\(imported.stderr)")
        return store
    }

    @Test func linksOutOpenInTheBrowserStartedWithoutAShell() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        // A post whose link carries shell syntax: it must reach the browser as one argument.
        let pwned = t.home.path("pwned")
        let url = "https://example.com/a?b=1;touch${IFS}\(pwned)&c=$(touch${IFS}\(pwned))"
        let store = try Self.storeLinkingOut(to: url, in: t)
        let args = t.home.path("browser-args")
        let browser = t.home.url.appendingPathComponent("browser")
        try Data("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \(shellQuoted(args))\n".utf8).write(to: browser)
        chmod(browser.path, 0o755)

        try t.startReader(store: store, args: "'Links Out'", env: "BROWSER=\(shellQuoted(browser.path))") {
            $0[0].contains("› Links Out") && $0[1].contains("Links Out")
        }
        t.send("L")
        try t.waitFor { $0[2].contains("https://example.com/a?b=1") }
        t.send("o")
        try t.waitFor { $0.last!.contains("example.com — open in the browser? y: open  n: no  https://example.com/a?b=1") }
        t.send("y")
        try t.waitFor { $0.last!.contains("Opened in") }
        // The browser runs on its own: wait for the line it writes.
        try waitUntil("the browser's arguments") { (try? String(contentsOfFile: args, encoding: .utf8))?.hasSuffix("\n") == true }
        #expect(try String(contentsOfFile: args, encoding: .utf8) == url + "\n")
        #expect(!FileManager.default.fileExists(atPath: pwned))
        try t.quitReader()
    }

    @Test func aBrowserInTheTerminalGetsItAndTheReaderComesBack() throws {
        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        let store = try Self.storeLinkingOut(to: "https://example.com/x", in: t)
        let browser = t.home.url.appendingPathComponent("textbrowser")
        try Data("#!/bin/sh\nclear; echo \"TEXT BROWSER ON $1\"; read line\n".utf8).write(to: browser)
        chmod(browser.path, 0o755)
        let config = t.home.url.appendingPathComponent("config/quire")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("[links]\nbrowser = \"\(browser.path)\"\nin-terminal = true\n".utf8)
            .write(to: config.appendingPathComponent("config.toml"))

        try t.startReader(store: store, args: "'Links Out'") { $0[0].contains("› Links Out") }
        t.send("Tab", "o", "y")
        try t.waitFor { $0.contains("TEXT BROWSER ON https://example.com/x") }
        t.send("Enter")
        try t.waitFor { $0[0].contains("Links Out") && $0[1].contains("Links Out") }
        try t.quitReader()
    }

    @Test func aReboundKeyWorksAndABadLineIsReported() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        let config = t.home.url.appendingPathComponent("config/quire")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("""
            [reader]
            width = "wide"

            [keys.reader]
            toggle-bookmark = "b"

            [keys.global]
            bookmarks = "B"
            """.utf8).write(to: config.appendingPathComponent("config.toml"))
        try t.startReader { $0[0].contains("1 Archive") && $0.last!.contains("config.toml line 2: width should be a number") }
        try t.openSeedPost()
        t.send("m")
        try t.waitFor { $0.last!.contains("No action for m here") }
        t.send("b")
        try t.waitFor { $0.last!.contains("Bookmarked; B lists the bookmarks") }
        t.send("?")
        try t.waitFor { $0.contains { $0.hasPrefix("   B ") && $0.hasSuffix("Bookmarks") } }
        t.send("?", "q", "B")
        try t.waitFor { $0[1].contains("1 bookmark") }
        try t.quitReader()
    }

    /// Mouse reports as the terminal sends them (X10 encoding: button, column, row, each + 32).
    static func mouseBytes(button: Int, col: Int, row: Int) -> [String] {
        ["1b", "5b", "4d"] + [32 + button, 33 + col, 33 + row].map { String($0, radix: 16) }
    }

    @Test func theWheelScrollsAndAClickFollowsAReference() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader(args: "'Missile Defense Talks With Russia Fail'") { $0[0].contains("› Missile Defense") }
        t.sendBytes(Self.mouseBytes(button: 65, col: 10, row: 5))
        try t.waitFor { $0.last!.contains("line 4/") }
        t.sendBytes(Self.mouseBytes(button: 64, col: 10, row: 5))
        let screen = try t.waitFor { $0.last!.contains("line 1/") }
        // To the note (found with /), then a click on the reference in it.
        t.send("/")
        t.type("Please read my")
        t.send("Enter")
        let shown = try t.waitFor { $0.dropLast().contains { $0.contains("Why Does Russia Object to NMD in the EU?") } }
        let row = try #require(shown.dropLast().firstIndex { $0.contains("Why Does Russia Object to NMD in the EU?") })
        let col = shown[row].distance(from: shown[row].startIndex, to: shown[row].range(of: "Why Does")!.lowerBound)
        t.sendBytes(Self.mouseBytes(button: 0, col: col + 3, row: row) + Self.mouseBytes(button: 3, col: col + 3, row: row))
        try t.waitFor { $0[0].hasSuffix("› Why Does Russia Object to NMD in the EU?") }
        #expect(screen.count == 30)
        try t.quitReader()
    }
}
