import Foundation
import Testing

/// Issue 6 §1: nothing from a post reaches a terminal raw. The real binary runs under a
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
/// terminal copied out by `pipe-pane`.
@Suite(.serialized, .enabled(if: PipedPane.available, "needs tmux, infocmp and the quire binary"))
struct ReaderTerminalSafetyTests {
    @Test(arguments: [(80, 24), (34, 10)])
    func hostilePostsInTheReader(cols: Int, rows: Int) throws {
        let archive = try HostileArchive.shared()
        let pane = try PipedPane(cols: cols, rows: rows, args: ["--store", archive.store, "read", archive.posts[0].slug])
        defer { pane.close() }
        try pane.start()
        try pane.expectWellFormed()
        var previousTitle = ""
        for (i, post) in archive.posts.enumerated() {
            let prefix = String(post.title.prefix(5))
            let screen = try pane.waitFor("post \(post.slug)") { $0.count > 1 && $0[1].contains(prefix) && $0[1] != previousTitle }
            previousTitle = screen[1]
            try pane.exercisePost()
            if i + 1 < archive.posts.count { try pane.keys("]") }
        }
        try pane.searchAndBrowse(query: "pwned")
        try pane.quit()
        try pane.expectCleanStream()
        #expect(pane.slowestKey < 2 * Sanitizers.slowdown, "a key took \(pane.slowestKey) s to answer")
    }

    /// The reader cleans again what it draws: a store holding raw escapes shows none of them.
    @Test func aTamperedStoreInTheReader() throws {
        let store = try HostileArchive.tampered()
        let pane = try PipedPane(cols: 80, rows: 24, args: ["--store", store, "read", "escapes-in-the-title-red"])
        defer { pane.close() }
        try pane.start()
        try pane.exercisePost()
        try pane.keys("3")
        pane.type("escapes")
        try pane.waitFor("the tampered title in the results") { $0.contains { $0.contains("Tampered") } }
        try pane.expectWellFormed()
        try pane.keys("Escape", "2")
        try pane.waitFor("the tampered label") { $0.contains { $0.contains("tampered") && $0.contains("label") } }
        try pane.expectWellFormed()
        try pane.quit()
        try pane.expectCleanStream()
    }

    /// The same walk over ordinary posts: the check accepts everything ncurses itself writes, so
    /// the hostile run's result means something.
    @Test func ordinaryPostsPassTheSameCheck() throws {
        let dir = try TempDir()
        let store = dir.path("demo.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let pane = try PipedPane(cols: 80, rows: 24, args: ["--store", store, "read", seedTitle])
        defer { pane.close() }
        try pane.start()
        for _ in 0..<3 {
            let before = pane.capture()
            try pane.exercisePost()
            try pane.keys("]")
            try pane.waitFor("the next post") { $0[1] != before[1] }
        }
        try pane.searchAndBrowse(query: "russia")
        try pane.quit()
        try pane.expectCleanStream()
    }
}

/// A tmux server of its own running `quire ARGS` in one pane whose output is copied to a file.
final class PipedPane {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool {
        tmux != nil && FileManager.default.isExecutableFile(atPath: quireBinary)
            && runCapturing("/usr/bin/env", ["infocmp", "screen"]).0 == 0
    }
    static let term = "screen"

    let socket = "quire-safety-\(getpid())-\(UUID().uuidString.prefix(8))"
    let dir: TempDir
    let log: String
    let rows: Int, cols: Int
    private(set) var slowestKey = 0.0

    init(cols: Int, rows: Int, args: [String]) throws {
        self.cols = cols; self.rows = rows
        dir = try TempDir()
        log = dir.path("pane.bin")
        // The shell waits for a line so that the pipe is in place before quire writes anything.
        let script = "read _; " + ([quireBinary] + args).map(shellQuoted).joined(separator: " ") + "; echo \"EXIT=$?\"; read _"
        // A state and configuration of its own: no saved place or user's key map changes what
        // the keys do, and the tests leave the user's files alone.
        let (status, out) = tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(cols)", "-y", "\(rows)",
                                  "env", "TERM=\(Self.term)", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
                                  "XDG_STATE_HOME=\(dir.path("state"))", "XDG_CONFIG_HOME=\(dir.path("config"))", "/bin/sh", "-c", script])
        guard status == 0 else { throw TestFailure("tmux new-session: \(out)") }
        tmux(["set-option", "-t", "t", "status", "off"])
        let (piped, pipeOut) = tmux(["pipe-pane", "-t", "t", "-o", "cat >> \(shellQuoted(log))"])
        guard piped == 0 else { throw TestFailure("tmux pipe-pane: \(pipeOut)") }
    }

    func close() { tmux(["kill-server"]) }

    @discardableResult
    private func tmux(_ args: [String]) -> (Int32, String) { runCapturing(Self.tmux!, ["-L", socket] + args) }

    func start() throws {
        tmux(["send-keys", "-t", "t", "Enter"])
        try waitFor("the reader") { $0.first?.contains("1 Archive") == true && $0.count == rows }
    }

    func capture() -> [String] {
        var lines = tmux(["capture-pane", "-p", "-t", "t"]).1.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Polls until `done` holds; the time it took counts as the answer time of the last key.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, _ done: ([String]) -> Bool) throws -> [String] {
        let start = Date()
        var screen = capture()
        while !done(screen) {
            guard Date().timeIntervalSince(start) < timeout else {
                throw TestFailure("waiting for \(what) timed out; screen:\n" + screen.map { "|" + $0 }.joined(separator: "\n"))
            }
            usleep(20_000)
            screen = capture()
        }
        slowestKey = max(slowestKey, Date().timeIntervalSince(start))
        return screen
    }

    /// Sends keys (tmux names) and waits until the screen has settled; the time until it
    /// first changes (or settles unchanged) is the key's answer time.
    @discardableResult
    func keys(_ names: String...) throws -> [String] {
        var screen = capture()
        for name in names {
            let before = screen
            let start = Date()
            tmux(["send-keys", "-t", "t", name])
            var last = capture(), stable = 0
            var answered: Double?
            while stable < 2 {
                usleep(25_000)
                let now = capture()
                if answered == nil && now != before { answered = Date().timeIntervalSince(start) }
                stable = now == last ? stable + 1 : 0
                last = now
                if Date().timeIntervalSince(start) > 10 { break }
            }
            slowestKey = max(slowestKey, answered ?? 0)
            screen = last
        }
        return screen
    }

    func type(_ text: String) { tmux(["send-keys", "-t", "t", "-l", text]) }

    /// Scrolls, jumps, follows links, opens help and checks the layout after each step.
    func exercisePost() throws {
        for key in ["G", "g", "j", "Space", "b", "Tab", "Enter", "f", "f"] {
            try keys(key)
            try expectWellFormed()
        }
        // Help must answer at once, whatever the post holds.
        try keys("?")
        try waitFor("help") { $0.contains { $0.contains("Quire: keys") } }
        try keys("Escape")
        try waitFor("help closed") { !$0.contains { $0.contains("Quire: keys") } }
        try expectWellFormed()
    }

    /// Finds in the post, searches the archive, opens a hit, browses the labels.
    func searchAndBrowse(query: String) throws {
        try keys("/")
        type(query)
        try keys("Enter")
        try expectWellFormed()
        try keys("3")
        try waitFor("the search line") { $0.contains { $0.contains("Search:") } }
        type(query)
        try waitFor("results") { $0.contains { $0.contains("result") } }
        try expectWellFormed()
        try keys("Enter")
        try expectWellFormed()
        try keys("q", "2")
        try waitFor("labels") { $0.contains { $0.contains("labels, by") } }
        try expectWellFormed()
        for key in ["j", "Enter", "Enter", "G"] {
            try keys(key)
            try expectWellFormed()
        }
        try keys("1")
        try expectWellFormed()
    }

    func quit() throws {
        tmux(["send-keys", "-t", "t", "Q"])
        try waitFor("quire to exit") { $0.contains { $0.hasPrefix("EXIT=") } }
        #expect(capture().contains("EXIT=0"))
    }

    /// Rows, bars and widths in place, and no control character drawn in caret notation.
    func expectWellFormed(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let screen = capture()
        let tooWide = screen.filter { terminalWidth($0) > cols }
        #expect(screen.count == rows, "\(screen.count) rows in a \(rows)-row pane", sourceLocation: sourceLocation)
        #expect(tooWide.isEmpty, "rows wider than \(cols): \(tooWide)", sourceLocation: sourceLocation)
        #expect(screen.first?.hasPrefix(" 1 ") == true, "top bar: \(screen.first ?? "")", sourceLocation: sourceLocation)
        #expect(screen.last.map { !$0.isEmpty } == true, "no status bar", sourceLocation: sourceLocation)
        let carets = screen.filter { $0.contains("^[") || $0.contains("^G") || $0.contains("^H") }
        #expect(carets.isEmpty, "control characters reached ncurses: \(carets)", sourceLocation: sourceLocation)
    }

    /// The whole stream, checked against the rule of `TerminalStream`.
    func expectCleanStream(sourceLocation: SourceLocation = #_sourceLocation) throws {
        var bytes: [UInt8] = []
        for _ in 0..<100 {
            bytes = Array((try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data())
            if String(decoding: bytes.suffix(64), as: UTF8.self).contains("EXIT=") { break }
            usleep(20_000)
        }
        #expect(bytes.count > 1000, "only \(bytes.count) bytes were captured", sourceLocation: sourceLocation)
        let vocabulary = try TerminfoVocabulary(term: Self.term)
        let problems = TerminalStream.textViolations(bytes) + vocabulary.violations(bytes)
        #expect(problems.isEmpty, "\(problems.prefix(8))", sourceLocation: sourceLocation)
    }
}

func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
