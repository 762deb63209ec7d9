import Foundation
import Testing

/// `$BROWSER` is a list of commands separated by colons: each is tried in turn until one
/// starts, and `%s` stands for the URL only as an argument of its own.
@Suite(.enabled(if: TmuxPane.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct BrowserListEndToEndTests {
    /// Opens "Links Out"'s link with `$BROWSER` set to `browser` (given the path of a script
    /// that writes its arguments, one a line, to `args`) and returns those arguments.
    func argumentsOfTheBrowser(_ browser: (String) -> String) throws -> [String] {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        let url = "https://example.com/a?b=1"
        let store = try ReaderStateEndToEndTests.storeLinkingOut(to: url, in: t)
        let args = t.home.path("browser-args")
        let script = t.home.url.appendingPathComponent("browser")
        try Data("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \(shellQuoted(args))\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        try t.startReader(store: store, args: "'Links Out'", env: "BROWSER=\(shellQuoted(browser(script.path)))") {
            $0[0].contains("› Links Out") && $0[1].contains("Links Out")
        }
        t.send("L")
        try t.waitFor { $0[2].contains(url) }
        t.send("o")
        try t.waitFor { $0.last!.contains("example.com — open in the browser?") }
        t.send("y")
        try t.waitFor { $0.last!.contains("Opened in") }
        try waitUntil("the browser's arguments") { (try? String(contentsOfFile: args, encoding: .utf8))?.hasSuffix("\n") == true }
        try t.quitReader()
        return try String(contentsOfFile: args, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func aBrowserThatCannotStartIsFollowedByTheNext() throws {
        let args = try argumentsOfTheBrowser { "/nonexistent/first-browser:\($0) --new-tab %s:/nonexistent/third" }
        #expect(args == ["--new-tab", "https://example.com/a?b=1"])
    }

    @Test func percentSIsReplacedOnlyAsAWholeArgument() throws {
        let args = try argumentsOfTheBrowser { "\($0) --url=%s" }
        #expect(args == ["--url=%s", "https://example.com/a?b=1"])
    }
}
