import Foundation
import Testing

/// The reader's keys in a real terminal: what comes back after a restart, saving a post to a
/// file, and the clipboard request that only `y` sends.
@Suite(.enabled(if: TmuxPane.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct ReaderKeysEndToEndTests {
    @Test func theLabelOrderAndATypedQueryComeBackAfterARestart() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        t.send("2")
        try t.waitFor(text: "labels, by count")
        t.send("s")
        try t.waitFor(text: "labels, by name")
        t.send("3")
        try t.waitFor(text: "Search:")
        t.type("missile")
        try t.waitFor("the results") { $0[1].contains("Search: missile") && $0[2].contains("result") }
        t.send("Enter")
        try t.waitFor("the top hit open") { $0.last!.contains("line") || $0.last!.hasSuffix("all") }
        try t.quitReader()

        try t.startReader { $0[0].contains("1 Archive") && ($0.last!.contains("line") || $0.last!.hasSuffix("all")) }
        t.send("q")
        let results = try t.waitFor("the results back") { $0[1].contains("Search:") && $0[2].contains("result") }
        #expect(results[1].trimmingCharacters(in: .whitespaces) == "Search: missile")
        t.send("2")
        try t.waitFor(text: "labels, by name")
        try t.quitReader()
    }

    @Test func sSavesThePostToANewFileAsTextOrMarkdown() throws {
        let dir = try TempDir()
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        t.shell("cd \(shellQuoted(dir.path("")))")
        try t.startReader()
        try t.openSeedPost()
        t.send("s")
        try t.waitFor(text: "Save as: missile-defense-talks-with-russia-fail.txt")
        t.send("Enter")
        try t.waitFor(text: "Saved to")
        let text = try String(contentsOfFile: dir.path("missile-defense-talks-with-russia-fail.txt"), encoding: .utf8)
        #expect(text.hasPrefix("\(seedTitle)\nFriday, October 12, 2007\n"))
        #expect(text.contains("    [1] Please read my post"))

        // Never over a file that is there.
        t.send("s", "Enter")
        try t.waitFor(text: "a file of that name is there already")
        #expect(try String(contentsOfFile: dir.path("missile-defense-talks-with-russia-fail.txt"), encoding: .utf8) == text)

        t.send("s", "Tab")
        try t.waitFor(text: "Save as: missile-defense-talks-with-russia-fail.md")
        t.send("Enter")
        try t.waitFor(text: "Saved to")
        let markdown = try String(contentsOfFile: dir.path("missile-defense-talks-with-russia-fail.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# \(seedTitle)\n"))
        #expect(markdown.contains("[^1]: Please read my post"))
        try t.quitReader()
    }

    @Test func theClipboardIsAskedForOnlyOnYAndOnlyWithThePermalink() throws {
        let dir = try TempDir()
        let url = "https://example.org/2011/03/spring-tides.html"
        _ = try dir.write("site/_posts/2011-03-27-spring-tides.md", """
            ---
            title: Spring tides
            permalink: \(url)
            ---
            The water came in fast this morning.
            """)
        let store = dir.path("s.sqlite")
        let imported = try quire(store, "import", dir.path("site"))
        try #require(imported.status == 0, "\(imported.stderr)")
        let pane = try TmuxPane.recordingReader(cols: 80, rows: 24, args: ["--store", store, "read", "spring-tides"])
        defer { pane.close() }
        try pane.startRecordedReader()
        pane.send("=")
        try pane.waitFor(text: url)
        pane.send("Escape", "j", "k", "L", "Escape")
        try pane.sync()
        let osc = Array("\u{1B}]52;".utf8)
        #expect(KeySequenceEndToEndTests.find(osc, in: try pane.recorded(until: "the keys drawn") { _ in true }) == nil,
                "a clipboard request before y")
        pane.send("y")
        let request = Array("\u{1B}]52;c;\(Data(url.utf8).base64EncodedString())\u{07}".utf8)
        let bytes = try pane.recorded(until: "the clipboard request") { KeySequenceEndToEndTests.find(request, in: $0) != nil }
        // Exactly one request, with the address and nothing else.
        #expect(KeySequenceEndToEndTests.count(osc, in: bytes) == 1)
        try pane.waitFor(text: "Copied to the clipboard")
        try pane.quitRecordedReader()
    }
}

extension KeySequenceEndToEndTests {
    /// Where `needle` first occurs in `bytes`.
    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static func count(_ needle: [UInt8], in bytes: [UInt8]) -> Int {
        guard needle.count <= bytes.count else { return 0 }
        return (0...(bytes.count - needle.count)).filter { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }.count
    }
}
