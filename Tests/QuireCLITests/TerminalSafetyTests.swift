import Foundation
import Testing

/// Nothing from a post reaches a terminal raw. The real binary runs under a
/// pseudo-terminal (`script` for the commands, tmux for the reader) on the hostile archive, and
/// every byte it wrote is checked by `TerminalStream` (the rule is written down there).
@Suite struct TerminalStreamCheckTests {
    /// The checks must be able to fail: each of these streams breaks the rule.
    @Test func theCheckFindsWhatItLooksFor() throws {
        let bad: [[UInt8]] = [
            Array("title \u{1B}]0;owned\u{07}".utf8), Array("clip \u{1B}]52;c;eA==\u{1B}\\".utf8),
            Array("clear \u{1B}[2J".utf8), Array("bell \u{07}".utf8), Array("bs \u{08}".utf8),
            Array("reset \u{1B}c".utf8), Array("dcs \u{1B}P+q\u{1B}\\".utf8),
        ]
        for stream in bad {
            #expect(!TerminalStream.plainViolations(stream, hitMarks: true).isEmpty, "\(TerminalStream.describe(stream))")
        }
        #expect(!TerminalStream.textViolations(Array("c1 \u{9B}2J".utf8)).isEmpty)
        #expect(!TerminalStream.textViolations([0x41, 0x9B, 0x32, 0x4A]).isEmpty, "a raw 8-bit CSI byte")
        #expect(!TerminalStream.textViolations(Array("bidi \u{202E}x".utf8)).isEmpty)
        #expect(!TerminalStream.plainViolations(Array("\u{1B}[1m\u{1B}[22m".utf8), hitMarks: true).isEmpty, "an empty hit")
        #expect(!TerminalStream.plainViolations(Array("\u{1B}[1mword".utf8), hitMarks: true).isEmpty, "an unclosed hit")
        #expect(TerminalStream.plainViolations(Array("a \u{1B}[1mhit\u{1B}[22m b\r\n".utf8), hitMarks: true).isEmpty)

        let screen = try TerminfoVocabulary(term: "screen")
        // What ncurses writes for screen: cursor moves, attributes, charset shifts, modes.
        let drawing = Array("\u{1B}(B\u{1B})0\u{1B}[?1049h\u{1B}[1;24r\u{1B}[m\u{0F}\u{1B}[4l\u{1B}[?1h\u{1B}=\u{1B}[?25l\u{1B}[H\u{1B}[J\u{1B}[0;7m\u{0F}\u{1B}[36m text\u{1B}[12;3H\u{1B}[5d\r\n\u{1B}[3@\u{1B}[?1049l".utf8)
        #expect(screen.violations(drawing).isEmpty, "\(screen.violations(drawing))")
        // A backspace is a cursor move ncurses may use (cub1), so it is left out here.
        for stream in bad.filter({ !$0.contains(0x08) }) + [Array("\u{1B}[6n".utf8), Array("\u{1B}[?2004h".utf8), Array("\u{1B}[21t".utf8)] {
            #expect(!screen.violations(stream).isEmpty, "\(TerminalStream.describe(stream))")
        }
    }
}

@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1)"))
struct CLITerminalSafetyTests {
    /// Runs `quire ARGS` under a pseudo-terminal made by script(1): stdout and stderr both go
    /// to the terminal, as they would for a person. Returns the exit status and the bytes.
    func underTerminal(_ args: [String]) throws -> (Int32, [UInt8]) {
        let line = ([quireBinary] + args).map(shellQuoted).joined(separator: " ")
        let r = try run("/usr/bin/script", ["-qfec", line, "/dev/null"],
                        env: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "80"])
        return (r.status, Array(r.stdoutBytes))
    }

    func expectClean(_ args: [String], bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = TerminalStream.textViolations(bytes)
            + TerminalStream.plainViolations(bytes, hitMarks: args.contains("search") && !args.contains("--json"),
                                             progress: args.contains("import"))
        #expect(problems.isEmpty, "quire \(args.joined(separator: " ")): \(problems.prefix(5))", sourceLocation: sourceLocation)
    }

    @Test func everyCommandWritesOnlyCleanText() throws {
        let archive = try HostileArchive.shared()
        let store = archive.store
        #expect(archive.posts.count == 7, "\(archive.posts.map(\.title))")
        var commands: [[String]] = [["import"] + archive.inputs]
        for args in [["list"], ["labels"], ["labels", "--by-name"], ["archive"], ["stats"]] {
            commands += [args, args + ["--json"]]
        }
        for query in ["pwned", "title", "zero", "antidisestablishmentarianism", "antidis*", "tabs", "zalgo", "c1", "\u{1B}]0;x\u{07}", "label:escapes"] {
            commands += [["search", query], ["search", query, "--json"]]
        }
        for post in archive.posts {
            commands += [["show", post.slug], ["show", post.slug, "--notes", "end", "--width", "20"],
                         ["show", post.slug, "--json"], ["links", post.slug], ["links", post.slug, "--json"]]
        }
        let labels = try JSONSerialization.jsonObject(with: try quire(store, "labels", "--json").stdoutBytes) as? [[String: Any]] ?? []
        #expect(labels.count >= 6)
        for label in labels.compactMap({ $0["name"] as? String }) { commands.append(["list", "--label", label]) }
        for args in commands {
            let (status, bytes) = try underTerminal(["--store", store] + args)
            #expect(status == 0, "quire \(args.joined(separator: " ")) exited \(status)")
            #expect(!bytes.isEmpty, "quire \(args.joined(separator: " ")) wrote nothing")
            expectClean(args, bytes: bytes)
        }
    }

    /// Defence in depth: text with raw escapes that got into the store some other way is cleaned
    /// again on the way out, and JSON escapes what its encoder leaves raw (DEL, C1, bidi).
    @Test func aTamperedStoreIsCleanedOnTheWayOut() throws {
        let store = try HostileArchive.tampered()
        let slug = "escapes-in-the-title-red"
        // `show` and `links` read the post's own stored document, the others the tampered columns.
        let showsColumns = [["list"], ["labels"], ["search", "escapes"], ["list", "--label", "tampered\u{1B}]52;c;eA==\u{07}\u{85}label"]]
        for args in showsColumns + [["show", slug], ["links", slug], ["search", "note"]] {
            let (status, bytes) = try underTerminal(["--store", store] + args)
            #expect(status == 0)
            if showsColumns.contains(args) {
                #expect(String(decoding: bytes, as: UTF8.self).lowercased().contains("tampered"), "\(args) showed no tampered text")
            }
            expectClean(args, bytes: bytes)
            let (jsonStatus, json) = try underTerminal(["--store", store] + args + ["--json"])
            #expect(jsonStatus == 0)
            expectClean(args + ["--json"], bytes: json)
        }
        // JSON still says what the store holds, escaped.
        let listed = try quire(store, "list", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdoutBytes) as? [[String: Any]])
        #expect(rows.contains { ($0["title"] as? String)?.contains("\u{9B}2J\u{7F}\u{202E}") == true })
        #expect(listed.stdout.contains("\\u009B2J\\u007F\\u202E"))
    }

    /// `show` wraps by display width: no line is wider than asked, whatever the post holds
    /// (code blocks are printed as they are, and the hostile ones are under 40 columns).
    @Test(arguments: [40, 80])
    func showStaysWithinItsWidth(width: Int) throws {
        let archive = try HostileArchive.shared()
        for post in archive.posts {
            let r = try quire(archive.store, "show", post.slug, "--width", String(width))
            #expect(r.status == 0)
            let wide = r.stdout.split(separator: "\n").filter { terminalWidth(String($0)) > width }
            #expect(wide.isEmpty, "\(post.slug): \(wide.prefix(2).map { String($0.prefix(120)) })")
        }
    }

    /// Errors, warnings and the import's progress line name paths and quote text from files:
    /// they are cleaned too. (The progress line once wrote a file's name raw.)
    @Test func messagesAboutHostileFilesAreClean() throws {
        let dir = try TempDir()
        let evilName = dir.path("export \u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}31m.xml")
        try FileManager.default.copyItem(atPath: HostileArchive.fixtures.appendingPathComponent("blogger-hostile.xml").path, toPath: evilName)
        let (imported, output) = try underTerminal(["--store", dir.path("s.sqlite"), "import", evilName])
        #expect(imported == 0)
        #expect(String(decoding: output, as: UTF8.self).contains("imported 2"))
        expectClean(["import", "evil name"], bytes: output)
        let evil = "2012-01-01 \u{1B}]0;PWNED\u{07}\u{9B}2J"
        _ = try dir.write("in/\u{1B}[2Jevil\u{1B}]0;name\u{07}.txt", "Someday \u{1B}]52;c;eA==\u{07}\n\nTitle\n")
        _ = try dir.write("in2/bad.txt", evil + "\n")
        for folder in ["in", "in2"] {
            let (status, bytes) = try underTerminal(["--store", dir.path("s.sqlite"), "import", dir.path(folder)])
            #expect(status == 1)
            #expect(String(decoding: bytes, as: UTF8.self).contains("error"))
            expectClean(["import", folder], bytes: bytes)
        }
    }
}

/// The full-screen reader on the hostile archive, in tmux, with every byte it writes to its
/// terminal recorded (`TmuxPane.recordingReader`). Every step waits for its screen for at most
/// `TmuxPane.timeout`, a hang guard: a key the reader never answers fails there.
@Suite(.serialized, .enabled(if: TmuxPane.available && TerminfoVocabulary.infocmpWorks, "needs tmux, infocmp and the quire binary"))
struct ReaderTerminalSafetyTests {
    @Test(arguments: [(80, 24), (34, 10)])
    func hostilePostsInTheReader(cols: Int, rows: Int) throws {
        let archive = try HostileArchive.shared()
        let pane = try TmuxPane.recordingReader(cols: cols, rows: rows, args: ["--store", archive.store, "read", archive.posts[0].slug])
        defer { pane.close() }
        try pane.startRecordedReader()
        pane.expectWellFormed()
        var previousTitle = ""
        for (i, post) in archive.posts.enumerated() {
            let prefix = String(post.title.prefix(5))
            let screen = try pane.waitFor("post \(post.slug)") { $0.count > 1 && $0[1].contains(prefix) && $0[1] != previousTitle }
            previousTitle = screen[1]
            try exercisePost(pane)
            if i + 1 < archive.posts.count { pane.send("]") }
        }
        // "numeric" finds the post whose snippet holds the HTML character references of
        // controls (an HTML5 parser turns `&#27;` into ESC, and the whole sequence goes).
        try searchAndBrowse(pane, query: "numeric")
        try pane.quitRecordedReader()
        try expectCleanStream(pane)
    }

    /// The reader cleans again what it draws: a store holding raw escapes shows none of them.
    @Test func aTamperedStoreInTheReader() throws {
        let store = try HostileArchive.tampered()
        let pane = try TmuxPane.recordingReader(cols: 80, rows: 24, args: ["--store", store, "read", "escapes-in-the-title-red"])
        defer { pane.close() }
        try pane.startRecordedReader()
        try exercisePost(pane)
        pane.send("3")
        try pane.waitFor(text: "Search:")
        pane.type("escapes")
        try pane.waitFor("the tampered title in the results") { $0.contains { $0.contains("Tampered") } }
        pane.expectWellFormed()
        // Escape and the next key, sent together, would read as Alt and that key.
        pane.send("Escape")
        try pane.waitFor("the results, not the query line") { !$0.last!.contains("↓ results") }
        pane.send("2")
        try pane.waitFor("the tampered label") { $0.contains { $0.contains("tampered") && $0.contains("label") } }
        pane.expectWellFormed()
        try pane.quitRecordedReader()
        try expectCleanStream(pane)
    }

    /// The same walk over ordinary posts: the check accepts everything ncurses itself writes, so
    /// the hostile run's result means something.
    @Test func ordinaryPostsPassTheSameCheck() throws {
        let pane = try TmuxPane.recordingReader(cols: 80, rows: 24, args: ["--store", try DemoStore.shared.checkedPath(), "read", seedTitle])
        defer { pane.close() }
        try pane.startRecordedReader()
        for _ in 0..<3 {
            let before = pane.capture()
            try exercisePost(pane)
            pane.send("]")
            try pane.waitFor("the next post") { $0[1] != before[1] }
        }
        try searchAndBrowse(pane, query: "russia")
        try pane.quitRecordedReader()
        try expectCleanStream(pane)
    }

    /// Scrolls, jumps, follows links, opens help and checks the layout after each step.
    func exercisePost(_ pane: TmuxPane) throws {
        for key in ["G", "g", "j", "Space", "b", "Tab", "Enter", "f", "f"] {
            pane.send(key)
            try pane.sync()
            pane.expectWellFormed()
        }
    }

    /// Finds in the post, searches the archive, opens a hit, browses the labels.
    func searchAndBrowse(_ pane: TmuxPane, query: String) throws {
        pane.send("/")
        try pane.waitFor("the find line") { $0.last?.contains("Find:") == true }
        pane.type(query)
        try pane.waitFor("the query typed") { $0.last?.contains("Find: \(query)") == true }
        pane.send("Enter")
        try pane.waitFor("the find's answer") { $0.last.map { $0.contains("Hit ") || $0.contains("Not found") } == true }
        pane.expectWellFormed()
        pane.send("3")
        try pane.waitFor(text: "Search:")
        pane.type(query)
        try pane.waitFor("the results") { $0.contains { $0.contains(" result") } }
        pane.expectWellFormed()
        pane.send("Enter")
        try pane.waitFor("the first hit open") { TmuxPane.position($0) != nil && !$0.contains { $0.contains("Search:") } }
        pane.expectWellFormed()
        pane.send("q", "2")
        try pane.waitFor(text: "labels, by")
        pane.expectWellFormed()
        for key in ["j", "Enter", "Enter", "G", "1"] {
            pane.send(key)
            try pane.sync()
            pane.expectWellFormed()
        }
    }

    /// The whole stream, checked against the rule of `TerminalStream`.
    func expectCleanStream(_ pane: TmuxPane, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = try pane.recorded(until: "quire's exit") { String(decoding: $0.suffix(64), as: UTF8.self).contains("EXIT=") }
        #expect(bytes.count > 1000, "only \(bytes.count) bytes were captured", sourceLocation: sourceLocation)
        let vocabulary = try TerminfoVocabulary(term: TmuxPane.term)
        let problems = TerminalStream.textViolations(bytes) + vocabulary.violations(bytes)
        #expect(problems.isEmpty, "\(problems.prefix(8))", sourceLocation: sourceLocation)
    }
}
