import Foundation
import Testing

/// End-to-end tests of what the reader keeps between runs and what the configuration changes:
/// the real `quire` inside tmux, with the pane's own XDG state and config folders.
@Suite(.enabled(if: TUI.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct ReaderStateEndToEndTests {
    /// Starts the reader in the pane and waits until `ready` holds. The command line itself is
    /// on the screen until the reader clears it: conditions look for what only the reader
    /// draws (the top bar's "› title").
    @discardableResult
    static func start(_ t: TUI.Pane, store: String? = nil, args: String = "", env: String = "",
                      until ready: ([String]) -> Bool) throws -> [String] {
        let store = try store ?? TUI.store()
        try t.shell("clear; S=$(stty -g); \(env) \(TUI.quoted(TUI.binary)) --store \(TUI.quoted(store)) \(args); "
                    + "[ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
        return try t.waitFor(ready)
    }

    static func atArchive(_ s: [String]) -> Bool { s[0].contains("1 Archive") && s.last!.contains("1/") }

    @Test func bookmarksAreKeptBetweenRuns() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        try Self.start(t, until: Self.atArchive)
        try t.openSeedPost()
        try t.keys("m")
        try t.waitFor { $0.last!.contains("Bookmarked") }
        try t.keys("q", "4")
        try t.waitFor { $0[1].contains("1 bookmark") && $0[2].contains("Missile Defense Talks With Russia Fail") }
        try t.keys("Q")
        try t.expectCleanExit()

        let files = try FileManager.default.contentsOfDirectory(atPath: t.home.appendingPathComponent("state/quire").path)
        #expect(files.count == 1 && files[0].hasSuffix(".json"))

        // The next run comes back to the Bookmarks screen, and the bookmark opens.
        try Self.start(t) { $0[0].contains("4 Bookmarks") && $0[2].contains("Missile Defense Talks With Russia Fail") }
        try t.keys("Enter")
        try t.waitFor { $0[1].contains("Missile Defense Talks With Russia Fail") }
        try t.keys("m")
        try t.waitFor { $0.last!.contains("Bookmark removed") }
        try t.keys("q")
        try t.waitFor { $0[1].contains("No bookmarks yet.") }
        try t.keys("q")
        try t.expectCleanExit()
    }

    @Test func reopensWherePostsWereLeftAndFreshStartsAtTheArchive() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        try Self.start(t, args: "'Missile Defense Talks With Russia Fail'") { $0[0].contains("› Missile Defense") }
        // To the end (which marks the post read), then back up half a page.
        try t.keys("G")
        let left = try t.keys("C-u")
        #expect(!left[1].contains("Missile Defense"))
        try t.keys("Q")
        try t.expectCleanExit()

        // Where the last run ended: the same post, the same line at the top.
        let back = try Self.start(t) { $0[0].contains("Missile Defense") && $0.last!.contains("Back where you stopped") }
        #expect(Array(back[1..<(back.count - 1)]) == Array(left[1..<(left.count - 1)]))
        // The post was read to its end: the archive counts it.
        try t.keys("q")
        try t.waitFor { $0.contains { $0.contains("▾ October") && $0.contains("1 unread · 2 posts") } }
        try t.keys("q")
        try t.expectCleanExit()

        try Self.start(t, args: "--fresh", until: Self.atArchive)
        try t.keys("Q")
        try t.expectCleanExit()
    }

    @Test func theLinkListFollowsLinkN() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        try Self.start(t, until: Self.atArchive)
        try t.openSeedPost()
        try t.keys("L")
        let list = try t.waitFor { $0[0].hasSuffix("› Links") }
        #expect(list[1].contains("links; type a number and Enter to follow one"))
        let row = try #require(list.firstIndex { $0.contains("Why Does Russia Object to NMD in the EU?") })
        let number = try #require(list[row].split(separator: " ").first.map(String.init))
        try t.type(number)
        try t.waitFor { $0.last!.contains("Link \(number); Enter follows it") }
        try t.keys("Enter")
        try t.waitFor { $0[0].contains("Why Does Russia Object to NMD in the EU?") && $0[1].contains("Why Does Russia Object") }
        try t.keys("BSpace")
        try t.waitFor { $0[0].hasSuffix("Missile Defense Talks With Russia Fail") }
        try t.keys("Q")
        try t.expectCleanExit()
    }

    @Test func linksOutOpenInTheBrowserStartedWithoutAShell() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        // A post whose link carries shell syntax: it must reach the browser as one argument.
        let posts = t.home.appendingPathComponent("md/posts")
        try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        let pwned = t.home.appendingPathComponent("pwned").path
        let url = "https://example.com/a?b=1;touch${IFS}\(pwned)&c=$(touch${IFS}\(pwned))"
        try Data("---\ntitle: \"Links Out\"\ndate: 2020-01-02\n---\nRead [the page](\(url)).\n".utf8)
            .write(to: posts.appendingPathComponent("2020-01-02-links.md"))
        let store = t.home.appendingPathComponent("md.sqlite").path
        let (status, output) = TUI.run(TUI.binary, ["--store", store, "import", posts.path])
        try #require(status == 0, "\(output)")
        let args = t.home.appendingPathComponent("browser-args").path
        let browser = t.home.appendingPathComponent("browser")
        try Data("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \(TUI.quoted(args))\n".utf8).write(to: browser)
        chmod(browser.path, 0o755)

        try Self.start(t, store: store, args: "'Links Out'", env: "BROWSER=\(TUI.quoted(browser.path))") {
            $0[0].contains("› Links Out") && $0[1].contains("Links Out")
        }
        try t.keys("L")
        try t.waitFor { $0[2].contains("https://example.com/a?b=1") }
        try t.keys("o")
        try t.waitFor { $0.last!.contains("Open in the browser? y: open  n: no  https://example.com/a?b=1") }
        try t.keys("y")
        try t.waitFor { $0.last!.contains("Opened in") }
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: args), Date() < deadline { usleep(30_000) }
        #expect(try String(contentsOfFile: args, encoding: .utf8) == url + "\n")
        #expect(!FileManager.default.fileExists(atPath: pwned))
        try t.keys("Q")
        try t.expectCleanExit()
    }

    @Test func aBrowserInTheTerminalGetsItAndTheReaderComesBack() throws {
        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        let posts = t.home.appendingPathComponent("md/posts")
        try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        try Data("---\ntitle: \"Links Out\"\ndate: 2020-01-02\n---\nRead [the page](https://example.com/x).\n".utf8)
            .write(to: posts.appendingPathComponent("2020-01-02-links.md"))
        let store = t.home.appendingPathComponent("md.sqlite").path
        try #require(TUI.run(TUI.binary, ["--store", store, "import", posts.path]).0 == 0)
        let browser = t.home.appendingPathComponent("textbrowser")
        try Data("#!/bin/sh\nclear; echo \"TEXT BROWSER ON $1\"; read line\n".utf8).write(to: browser)
        chmod(browser.path, 0o755)
        let config = t.home.appendingPathComponent("config/quire")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("[links]\nbrowser = \"\(browser.path)\"\nin-terminal = true\n".utf8)
            .write(to: config.appendingPathComponent("config.toml"))

        try Self.start(t, store: store, args: "'Links Out'") { $0[0].contains("› Links Out") }
        try t.keys("Tab", "o", "y")
        try t.waitFor { $0.contains("TEXT BROWSER ON https://example.com/x") }
        try t.keys("Enter")
        try t.waitFor { $0[0].contains("Links Out") && $0[1].contains("Links Out") }
        try t.keys("Q")
        try t.expectCleanExit()
    }

    @Test func aReboundKeyWorksAndABadLineIsReported() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        let config = t.home.appendingPathComponent("config/quire")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("""
            [reader]
            width = "wide"

            [keys.reader]
            toggle-bookmark = "b"

            [keys.global]
            bookmarks = "B"
            """.utf8).write(to: config.appendingPathComponent("config.toml"))
        try Self.start(t) { $0[0].contains("1 Archive") && $0.last!.contains("config.toml line 2: width should be a number") }
        try t.openSeedPost()
        try t.keys("m")
        try t.waitFor { $0.last!.contains("No action for m here") }
        try t.keys("b")
        try t.waitFor { $0.last!.contains("Bookmarked; B lists the bookmarks") }
        try t.keys("?")
        try t.waitFor { $0.contains { $0.hasPrefix("   B ") && $0.hasSuffix("Bookmarks") } }
        try t.keys("?", "q", "B")
        try t.waitFor { $0[1].contains("1 bookmark") }
        try t.keys("Q")
        try t.expectCleanExit()
    }

    /// Mouse reports as the terminal sends them (X10 encoding: button, column, row, each + 32).
    static func mouseBytes(button: Int, col: Int, row: Int) -> [String] {
        ["1b", "5b", "4d"] + [32 + button, 33 + col, 33 + row].map { String($0, radix: 16) }
    }

    @Test func theWheelScrollsAndAClickFollowsAReference() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        try Self.start(t, args: "'Missile Defense Talks With Russia Fail'") { $0[0].contains("› Missile Defense") }
        try t.sendBytes(Self.mouseBytes(button: 65, col: 10, row: 5))
        try t.waitFor { $0.last!.contains("line 4/") }
        try t.sendBytes(Self.mouseBytes(button: 64, col: 10, row: 5))
        let screen = try t.waitFor { $0.last!.contains("line 1/") }
        // To the note (found with /), then a click on the reference in it.
        try t.keys("/")
        try t.type("Please read my")
        try t.keys("Enter")
        let shown = try t.waitFor { $0.dropLast().contains { $0.contains("Why Does Russia Object to NMD in the EU?") } }
        let row = try #require(shown.dropLast().firstIndex { $0.contains("Why Does Russia Object to NMD in the EU?") })
        let col = shown[row].distance(from: shown[row].startIndex, to: shown[row].range(of: "Why Does")!.lowerBound)
        try t.sendBytes(Self.mouseBytes(button: 0, col: col + 3, row: row) + Self.mouseBytes(button: 3, col: col + 3, row: row))
        try t.waitFor { $0[0].hasSuffix("› Why Does Russia Object to NMD in the EU?") }
        #expect(screen.count == 30)
        try t.keys("Q")
        try t.expectCleanExit()
    }
}
