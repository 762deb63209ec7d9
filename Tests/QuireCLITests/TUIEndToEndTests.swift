import Foundation
import Testing

/// End-to-end tests of the full-screen reader: the real `quire` binary inside tmux on a store
/// imported from the demo archive. Keys go in with `send-keys`; screens come back with
/// `capture-pane`, polled until the expected text shows (never fixed sleeps).
@Suite(.enabled(if: TUI.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct TUIEndToEndTests {
    @Test func mainPathAt100x30() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()

        // Note 1 sits right after the paragraph that cites it, indented.
        let screen = try t.scroll(untilShown: "[1] Please read my post")
        let note = try #require(screen.firstIndex { $0.contains("[1] Please read my post") })
        #expect(screen[note - 1].contains("credible threat then. gah."))
        #expect(screen[note].hasPrefix("     [1]"))

        // Tab to the marker, then to the reference in the note, and follow it.
        let before = try t.keys("Tab", "Tab")
        try t.keys("Enter")
        try t.waitFor { $0[0].contains("Why Does Russia Object to NMD in the EU?") && $0[1].contains("Why Does Russia Object") }
        try t.keys("PageDown")

        // Backspace comes back to exactly the same place.
        try t.keys("BSpace")
        let back = try t.waitFor { $0[0].contains("Missile Defense Talks With Russia Fail") }
        #expect(Array(back.dropLast()) == Array(before.dropLast()))

        // Search a keyword and open a hit.
        try t.keys("q", "/")
        try t.waitFor { $0.contains { $0.contains("Search:") } }
        try t.type("interceptors")
        let results = try t.waitFor { $0[1].contains("Search: interceptors") && $0[2].contains("result") }
        let firstRow = try #require(results.dropFirst(3).first)
        let firstTitle = String(firstRow.trimmingCharacters(in: .whitespaces).dropFirst(10)).trimmingCharacters(in: .whitespaces)
        try t.keys("Enter")
        try t.waitFor { $0[0].contains(String(firstTitle.prefix(20))) && $0.last!.contains("line") }

        // Browse a label: the top label's posts, then open one.
        try t.keys("q", "2")
        let labels = try t.waitFor { $0.contains { $0.contains("labels, by") } }
        // A label row is its name, then its counts at the right edge.
        let label = labels[2].trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")[0]
        try t.keys("Enter")
        try t.waitFor { $0[1].contains("\(label):") && $0[1].contains("post") }
        try t.keys("Enter")
        try t.waitFor { $0.last!.contains("line") || $0.last!.contains("all") }
        // q closes the post, then the label's posts, then quits from the top screen.
        try t.keys("q", "q", "q")
        try t.expectCleanExit()
    }

    @Test(arguments: [(60, 20), (40, 12)])
    func narrowTerminals(cols: Int, rows: Int) throws {
        let t = try TUI.Pane(cols: cols, rows: rows)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()
        try t.expectWellFormed()
        try t.scroll(untilShown: "[1] Please read")
        try t.expectWellFormed()
        try t.keys("Tab", "Tab", "Enter")
        try t.waitFor { $0[0].contains("Why Does Russia") }
        try t.expectWellFormed()
        try t.keys("BSpace")
        try t.waitFor { $0[0].contains("Missile Defense") }
        try t.keys("?")
        try t.waitFor { $0.contains { $0.contains("Quire: keys") } }
        try t.expectWellFormed()
        try t.keys("q", "2")
        try t.waitFor { $0.contains { $0.contains("labels, by") } }
        try t.expectWellFormed()
        try t.keys("3")
        try t.type("russia")
        try t.waitFor { $0.contains { $0.contains("result") } }
        try t.expectWellFormed()
        try t.keys("Escape", "q")
        try t.expectCleanExit()
    }

    @Test func resizeReflowsAndKeepsThePlace() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()
        let start = try t.scroll(untilShown: "[1] Please read my post")
        // The first words at the top of the text stay at the top through every reflow.
        let topWords = start[1].split(separator: " ").prefix(3).joined(separator: " ")
        for (cols, rows) in [(60, 20), (40, 12), (100, 30)] {
            try t.resize(cols: cols, rows: rows)
            let screen = try t.waitFor { $0.count == rows && $0[0].contains("Missile") && !$0[rows - 1].isEmpty }
            let top = screen[1...2].joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(top.contains(topWords), "\(topWords) is no longer at the top at \(cols)x\(rows)")
            try t.expectWellFormed()
        }
        try t.resize(cols: 15, rows: 5)
        try t.waitFor { $0.joined(separator: " ").split(separator: " ").joined(separator: " ").contains("too small") }
        try t.resize(cols: 100, rows: 30)
        try t.waitFor { $0[0].contains("Missile Defense Talks") }
        try t.keys("Q")
        try t.expectCleanExit()
    }

    @Test func suspendAndResume() throws {
        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        try t.shell("\(TUI.quoted(TUI.binary)) --store \(TUI.quoted(try TUI.store()))")
        try t.waitFor { $0[0].contains("1 Archive") }
        try t.keys("C-z")
        try t.waitFor { $0.contains { $0.contains("Stopped") } }
        try t.shell("fg")
        try t.waitFor { $0[0].contains("1 Archive") && $0.last!.contains("1/") }
        try t.keys("Q")
        try t.waitFor { $0.contains { $0.hasPrefix("$") } }
        try t.shell("stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-OK")
        try t.waitFor { $0.contains { $0 == "TTY-OK" } }
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        try t.startReader()
        let pid = try t.readerPID()
        kill(pid, SIGTERM)
        try t.expectCleanExit()
    }

    @Test func noColorDrawsWithAttributesOnly() throws {
        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        try t.startReader(env: "NO_COLOR=1")
        let escaped = try t.waitForEscaped { $0.contains("1 Archive") }
        let parameters = TUI.sgrParameters(escaped)
        #expect(parameters.contains(7), "reverse video for the bars")
        #expect(parameters.contains(1), "bold")
        let colours = parameters.filter { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
        #expect(colours.isEmpty, "colours drawn under NO_COLOR: \(colours)")
        try t.keys("Q")
        try t.expectCleanExit()
    }
}

/// Helpers that drive tmux for these tests.
enum TUI {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary = quireBinary

    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var available: Bool { tmux != nil && FileManager.default.isExecutableFile(atPath: binary) }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// One store for every test, imported from the demo archive once.
    private static let sharedStore: Result<String, Failure> = {
        let dir = storeFolder(pid: getpid())
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Removed when the test process exits; the closure captures nothing, as C requires.
        atexit { try? FileManager.default.removeItem(at: TUI.storeFolder(pid: getpid())) }
        let store = dir.appendingPathComponent("demo.sqlite").path
        let (status, output) = TUI.run(binary, ["--store", store, "import", repoRoot.appendingPathComponent("data").path])
        return status == 0 ? .success(store) : .failure(Failure(description: "import failed: \(output)"))
    }()

    static func store() throws -> String { try sharedStore.get() }

    static func storeFolder(pid: pid_t) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("quire-tui-\(pid)")
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a program to completion, its output (both streams) collected in a file.
    ///
    /// Not `Process`: `tmux new-session` leaves a server behind, and Foundation's `Process`
    /// then never sees the client exit on Linux, so `waitUntilExit` hangs. `waitpid` does not.
    @discardableResult
    static func run(_ program: String, _ args: [String]) -> (Int32, String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("quire-tui-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block signals; tmux and the reader under it must not
        // inherit that, or they would never see SIGWINCH.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard rc == 0 else { return (-1, "cannot start \(program): \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : -1, output)
    }

    /// A tmux server of its own (private socket) running a plain shell in one pane.
    final class Pane {
        private static let counter = Counter()
        let socket: String
        private(set) var rows: Int
        private(set) var cols: Int

        init(cols: Int, rows: Int) throws {
            self.cols = cols; self.rows = rows
            socket = "quire-test-\(getpid())-\(Self.counter.next())"
            // Reading state and configuration of this pane only: tests share one store, and
            // the reader would otherwise come back to where another test left it.
            home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let (status, out) = tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(cols)", "-y", "\(rows)",
                                      "env", "PS1=$ ", "TERM=screen",
                                      "XDG_STATE_HOME=" + home.appendingPathComponent("state").path,
                                      "XDG_CONFIG_HOME=" + home.appendingPathComponent("config").path,
                                      "bash", "--norc", "--noprofile"])
            guard status == 0 else { throw Failure(description: "tmux new-session: \(out)") }
            _ = tmux(["set-option", "-t", "t", "status", "off"])
            try waitFor { $0.contains { $0.hasPrefix("$") } }
        }

        /// The pane's own folder: `state` and `config` under it are its XDG folders.
        let home: URL

        func close() {
            _ = tmux(["kill-server"])
            try? FileManager.default.removeItem(at: home)
        }

        @discardableResult
        private func tmux(_ args: [String]) -> (Int32, String) { TUI.run(TUI.tmux!, ["-L", socket] + args) }

        /// Runs a shell command line in the pane.
        func shell(_ line: String) throws {
            _ = tmux(["send-keys", "-t", "t", "-l", line])
            _ = tmux(["send-keys", "-t", "t", "Enter"])
        }

        /// Starts the reader on the demo store; afterwards the shell reports whether the
        /// terminal modes came back exactly as they were.
        func startReader(env: String = "") throws {
            let store = try TUI.store()
            try shell("clear; S=$(stty -g); \(env) \(TUI.quoted(TUI.binary)) --store \(TUI.quoted(store)); "
                      + "[ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
            try waitFor { $0[0].contains("1 Archive") && $0.last!.contains("1/") }
        }

        /// Sends keys (tmux key names) and returns the screen once it has reacted and settled.
        ///
        /// Reacting is judged on the screen with its attributes, since selecting a link only
        /// changes colours; a key that changes nothing costs a short wait, never a failure.
        @discardableResult
        func keys(_ names: String...) throws -> [String] {
            let before = captureEscaped()
            for name in names { _ = tmux(["send-keys", "-t", "t", name]) }
            let deadline = Date().addingTimeInterval(2)
            while captureEscaped() == before, Date() < deadline { usleep(20_000) }
            return try settle()
        }

        /// Sends raw bytes, given in hex, as the terminal would (mouse reports).
        func sendBytes(_ hex: [String]) throws { _ = tmux(["send-keys", "-t", "t", "-H"] + hex) }

        /// Types text literally.
        func type(_ text: String) throws { _ = tmux(["send-keys", "-t", "t", "-l", text]) }

        func captureEscaped() -> String { tmux(["capture-pane", "-p", "-e", "-t", "t"]).1 }

        func capture() -> [String] {
            let (_, out) = tmux(["capture-pane", "-p", "-t", "t"])
            var lines = out.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        /// Polls the screen until `done` holds, for up to ten seconds.
        @discardableResult
        func waitFor(timeout: Double = 20, _ done: ([String]) -> Bool) throws -> [String] {
            let deadline = Date().addingTimeInterval(timeout)
            var screen = capture()
            while !done(screen) {
                guard Date() < deadline else {
                    throw Failure(description: "timed out; screen:\n" + screen.map { "|" + $0 }.joined(separator: "\n"))
                }
                usleep(30_000)
                screen = capture()
            }
            return screen
        }

        /// Polls the screen with its escape sequences (`capture-pane -e`).
        func waitForEscaped(_ done: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(20)
            while true {
                let (_, out) = tmux(["capture-pane", "-p", "-e", "-t", "t"])
                if done(out) { return out }
                guard Date() < deadline else { throw Failure(description: "timed out; screen:\n\(out)") }
                usleep(30_000)
            }
        }

        /// Waits until two captures in a row agree, so a key has been handled and drawn.
        private func settle() throws -> [String] {
            var last = captureEscaped()
            for _ in 0..<100 {
                usleep(40_000)
                let now = captureEscaped()
                if now == last { break }
                last = now
            }
            return capture()
        }

        func resize(cols: Int, rows: Int) throws {
            self.cols = cols; self.rows = rows
            let (status, out) = tmux(["resize-window", "-t", "t", "-x", "\(cols)", "-y", "\(rows)"])
            guard status == 0 else { throw Failure(description: "resize-window: \(out)") }
        }

        /// Archive → 2007 → October → "Missile Defense Talks With Russia Fail".
        func openSeedPost() throws {
            try selectRow { $0[0].hasSuffix("› 2007") }
            try keys("Enter")
            try selectRow { $0[0].hasSuffix("› 2007 › October") }
            let screen = try keys("Enter")
            let month = try #require(screen.firstIndex { $0.contains("▾ October") })
            let post = try #require(screen.firstIndex { $0.contains("Missile Defense Talks") })
            for _ in 0..<(post - month) { try keys("Down") }
            try keys("Enter")
            try waitFor { $0[0].contains("Missile Defense") && $0[1].contains("Missile Defense") }
        }

        /// Presses Down until the top bar says the wanted row is selected.
        private func selectRow(_ selected: ([String]) -> Bool) throws {
            for _ in 0..<40 {
                if selected(capture()) { return }
                try keys("Down")
            }
            throw Failure(description: "row not found; screen:\n" + capture().joined(separator: "\n"))
        }

        /// Scrolls down a line at a time until some text is on screen.
        @discardableResult
        func scroll(untilShown text: String) throws -> [String] {
            for _ in 0..<300 {
                let screen = capture()
                if screen.dropLast().contains(where: { $0.contains(text) }) { return screen }
                try keys("j")
            }
            throw Failure(description: "never showed \(text)")
        }

        /// Every row fits the pane, the bars are in place, nothing spills.
        func expectWellFormed(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let screen = try settle()
            #expect(screen.count == rows, "\(screen.count) rows in a \(rows)-row pane", sourceLocation: sourceLocation)
            #expect(screen.first?.hasPrefix(" 1 ") == true, "top bar: \(screen.first ?? "")", sourceLocation: sourceLocation)
            #expect(screen.last?.isEmpty == false, "status bar is empty:\n\(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
            for line in screen {
                #expect(TUI.width(line) <= cols, "too wide: \(line)", sourceLocation: sourceLocation)
            }
        }

        /// The shell is back with its prompt, the screen is clean and the modes are restored.
        func expectCleanExit() throws {
            // The shell prints its prompt just after the line: wait for both, or a capture
            // taken in between fails on a prompt still to come.
            let screen = try waitFor { screen in
                screen.contains("TERMINAL-RESTORED") && screen.last { !$0.isEmpty } == "$"
            }
            #expect(!screen.contains { $0.contains("1 Archive") }, "the reader's screen was left behind")
            #expect(screen.last { !$0.isEmpty } == "$")
        }

        /// The pid of the reader running in the pane's shell.
        func readerPID() throws -> pid_t {
            let (_, panePID) = tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"])
            let shell = panePID.trimmingCharacters(in: .whitespacesAndNewlines)
            let (_, children) = TUI.run("/usr/bin/pgrep", ["-P", shell])
            guard let pid = children.split(separator: "\n").compactMap({ pid_t($0) }).first else {
                throw Failure(description: "no reader under shell \(shell)")
            }
            return pid
        }
    }

    /// The numbers of every SGR sequence (`ESC [ ... m`) in captured text.
    static func sgrParameters(_ text: String) -> [Int] {
        var out: [Int] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            if rest[end] == "m" { out += rest[..<end].split(separator: ";").compactMap { Int($0) } }
            rest = rest[end...]
        }
        return out
    }

    /// Columns a captured line takes (wide CJK and emoji count two).
    static func width(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { total, s in
            let v = s.value
            if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark { return total }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF01...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
                || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}

/// A thread-safe counter for unique socket names.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
