import Foundation
import Testing

/// Issue 6 §4, "Terminals", end to end: resize storms, windows down to 1×1, TERM unset or dumb,
/// a non-UTF-8 locale, and SIGINT / SIGHUP (SIGTERM, Ctrl-Z and a few resizes are in
/// `TUIEndToEndTests`). The reader runs in tmux through the `TUI` helpers, each pane with its own
/// XDG folders; what needs no screen runs under a pseudo-terminal of the test's own (`PTY`).
@Suite struct TerminalEdgeTests {
    @Suite(.enabled(if: TUI.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
    struct InTmux {
        // MARK: Resizing

        /// 100 sizes, the tiny ones among them, from one shell loop of `tmux resize-window`
        /// (about a second when the machine is quiet), ending at 83×27.
        static let stormSizes: [(Int, Int)] = {
            let cycle = [(60, 20), (1, 1), (200, 60), (2, 2), (40, 12), (10, 3), (133, 41), (19, 5), (20, 6),
                         (3, 40), (150, 4), (80, 24), (7, 7), (100, 30), (21, 9), (1, 50)]
            return (0..<99).map { cycle[$0 % cycle.count] } + [(83, 27)]
        }()

        @Test func aHundredResizesInASecondThenAKeyIsAnsweredAtOnce() throws {
            let t = try TUI.Pane(cols: 100, rows: 30)
            defer { t.close() }
            try t.startReader()
            try t.openSeedPost()
            let readerPID = try t.readerPID()

            let tmux = TUI.quoted(TUI.tmux!), socket = TUI.quoted(t.socket)
            let sizes = Self.stormSizes.map { "\($0.0)x\($0.1)" }.joined(separator: " ")
            let script = "for s in \(sizes); do \(tmux) -L \(socket) resize-window -t t -x \"${s%x*}\" -y \"${s#*x}\" || exit 1; done"
            let started = Date()
            let (status, out) = TUI.run("/bin/sh", ["-c", script])
            let elapsed = Date().timeIntervalSince(started)
            try #require(status == 0, "the resize loop failed: \(out)")
            #expect(Self.stormSizes.count == 100)
            // Not a time limit on quire: how fast tmux took the 100 sizes, in case a failure
            // below needs it.
            let storm = String(format: "100 resizes in %.2f s", elapsed)

            let (cols, rows) = Self.stormSizes.last!
            try t.resize(cols: cols, rows: rows)  // the size it already is; tells the helper
            #expect(TerminalEdgeTests.isAlive(readerPID), "the reader died in the storm (\(storm))")

            // A key straight after the storm: the help opens within a few seconds, drawn whole
            // at the final size, the top bar on the first line (no backlog of stale frames in
            // the way). tmux may still be handing the pane its last sizes for a moment, so the
            // screen is awaited, then checked again once it has settled.
            try t.type("?")
            try t.waitFor(timeout: 5) { screen in
                screen.count == rows && screen[0].hasPrefix(" 1 ") && screen.contains { $0.contains("Quire: keys") }
            }
            try t.expectWellFormed()

            // Back in the post: the title bar first, the status bar last, nothing wider than 83.
            try t.keys("Escape")
            try t.waitFor(timeout: 5) { $0.count == rows && $0[0].contains("Missile") && !$0.contains { $0.contains("Quire: keys") } }
            try t.expectWellFormed()
            let post = t.capture()
            try #require(post.count == rows, "\(post.count) rows")
            #expect(post[0].hasPrefix(" 1 Archive") && post[0].contains("Missile Defense"), "title bar: \(post[0])")
            #expect(post[1].contains("Missile Defense Talks"), "the post's title: \(post[1])")
            #expect(post[rows - 1].contains("line") || post[rows - 1].contains("%"), "status bar: \(post[rows - 1])")
            for line in post { #expect(TUI.width(line) <= cols, "wider than \(cols): \(line)") }
            try t.keys("Q")
            try t.expectCleanExit()
        }

        /// 1×1, 2×2 and 10×3 with keys pressed while tiny: the reader stays up, says the window
        /// is too small (as much of it as fits: at 1×1 the one cell is a lower-right corner and
        /// stays blank, see below), and draws the post again at 100×30.
        @Test func windowsDownToOneByOne() throws {
            let t = try TUI.Pane(cols: 100, rows: 30)
            defer { t.close() }
            try t.startReader()
            try t.openSeedPost()
            let readerPID = try t.readerPID()

            // The "terminal too small" message, wrapped to the width and centred: all that may
            // be drawn below 20×6, so the screen without spaces is the start of its letters.
            func onlyTheMessage(_ screen: [String]) -> Bool {
                let letters = screen.joined().filter { $0 != " " }
                return "terminaltoosmall".hasPrefix(letters)
            }

            try t.resize(cols: 1, rows: 1)
            // Nothing to wait for at 1×1 (tmux's truncation of the old screen looks the same),
            // so the reader's life is checked, and a key goes in while it is this small.
            usleep(300_000)
            #expect(TerminalEdgeTests.isAlive(readerPID), "the reader died at 1x1")
            try t.type("j")
            let one = try t.waitFor(timeout: 5) { $0.count == 1 }
            #expect(one.allSatisfy { TUI.width($0) <= 1 }, "\(one)")
            #expect(onlyTheMessage(one), "at 1x1: \(one)")

            try t.resize(cols: 2, rows: 2)
            // The message's first letters replace the post: this frame was drawn after 1×1.
            let two = try t.waitFor(timeout: 5) { $0 == ["te", "rm"] }
            #expect(onlyTheMessage(two))
            #expect(TerminalEdgeTests.isAlive(readerPID), "the reader died at 2x2")
            try t.type("?")

            try t.resize(cols: 10, rows: 3)
            let three = try t.waitFor(timeout: 5) { $0.joined(separator: " ").contains("too small") }
            #expect(three.count == 3 && three.allSatisfy { TUI.width($0) <= 10 }, "\(three)")
            #expect(onlyTheMessage(three), "at 10x3: \(three)")
            #expect(TerminalEdgeTests.isAlive(readerPID), "the reader died at 10x3")

            // Normal again: the help asked for while tiny, then the post under it.
            try t.resize(cols: 100, rows: 30)
            try t.waitFor(timeout: 5) { $0.count == 30 && $0.contains { $0.contains("Quire: keys") } }
            try t.expectWellFormed()
            try t.keys("Escape")
            let back = try t.waitFor(timeout: 5) { $0[0].contains("Missile Defense") && $0[1].contains("Missile Defense Talks") }
            #expect(!back.joined().contains("too small"))
            try t.expectWellFormed()
            try t.keys("Q")
            try t.expectCleanExit()
        }

        /// The bottom cell of a one-column window: ncurses used to fill it from memory before the
        /// line (any character, any attributes: "ï", "—", blinking italics), because it writes an
        /// auto-margin terminal's lower-right cell from the column to its left. That cell must
        /// never be written (tmux then shows it as an empty row, with no attributes). Several
        /// rounds: what lay in that memory varied.
        @Test func oneColumnWindowsDrawNothingStray() throws {
            let t = try TUI.Pane(cols: 100, rows: 30)
            defer { t.close() }
            try t.startReader()
            try t.openSeedPost()
            for round in 1...8 {
                try t.resize(cols: 1, rows: 5)
                // The message's first letters, one a row, and the last row plain and empty.
                try TerminalEdgeTests.waitEscaped(t, "1x5, round \(round)") { lines in
                    lines.count == 5 && lines[0].hasSuffix("t") && lines[1] == "e" && lines[2] == "r"
                        && lines[3].hasPrefix("m") && lines[4].isEmpty
                }
                try t.resize(cols: 1, rows: 1)
                try TerminalEdgeTests.waitEscaped(t, "1x1, round \(round)") { $0 == [""] }
                try t.resize(cols: 100, rows: 30)
                try t.waitFor(timeout: 5) { $0.count == 30 && $0[0].contains("Missile Defense") && $0[1].contains("Missile Defense") }
            }
            try t.expectWellFormed()
            try t.keys("Q")
            try t.expectCleanExit()
        }

        // MARK: TERM

        /// TERM=dumb in a real terminal: one line of error, the shell's modes as they were, and
        /// nothing else on the screen (ncurses could start on dumb and drew a screen of garbage
        /// with newlines and spaces).
        @Test func dumbTerminalGetsOneLineAndTheScreenStaysClean() throws {
            // Wide enough for the message on one row.
            let t = try TUI.Pane(cols: 200, rows: 24)
            defer { t.close() }
            let store = try TUI.store()
            try t.shell("clear; S=$(stty -g); TERM=dumb \(TUI.quoted(TUI.binary)) --store \(TUI.quoted(store)); "
                        + "echo \"EXIT=$?\"; [ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
            let screen = try t.waitFor(timeout: 10) { $0.contains { $0.hasPrefix("EXIT=") } && $0.last { !$0.isEmpty } == "$" }
            // `clear` took the command line away: what is left is quire's, then the shell's.
            let lines = screen.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(lines.count == 4, "expected one error line, EXIT=1, TERMINAL-RESTORED, $:\n\(screen.joined(separator: "\n"))")
            #expect(lines.first?.hasPrefix("quire: cannot drive this terminal (TERM is dumb") == true, "\(lines.first ?? "")")
            #expect(Array(lines.dropFirst()) == ["EXIT=1", "TERMINAL-RESTORED", "$"])
        }

        // MARK: Locale

        /// The locale: quire calls `setlocale(LC_ALL, "")`, and when the codeset that gives is
        /// not UTF-8 (C, POSIX, Latin-1…) it switches LC_CTYPE alone to C.UTF-8 and draws UTF-8
        /// (`quire_setup_locale` in the CNCursesW shim). The bet: a C or POSIX locale nearly
        /// always means "no locale configured" on a terminal that is UTF-8 anyway (ssh,
        /// containers), and a wrong bet shows raw UTF-8 bytes, never text re-encoded twice.
        /// Where a character cannot be drawn at the width the layout gave it, the backend draws
        /// '?' (or U+FFFD for a wide one). So: the right characters or stand-ins, never
        /// mojibake such as "Ã©" for "é".
        @Test(arguments: ["LANG=C LC_ALL=C", "env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES LANG=POSIX"])
        func asciiLocaleShowsTextOrStandIns(env: String) throws {
            try TerminalEdgeTests.readNonASCIIPosts(env: env)
        }

        @Test(.enabled(if: TerminalEdgeTests.latin1Locale != nil,
                       "no Latin-1 locale installed (locale -a lists none); the tests do not install locales"))
        func latin1LocaleShowsTextOrStandIns() throws {
            let locale = try #require(TerminalEdgeTests.latin1Locale)
            try TerminalEdgeTests.readNonASCIIPosts(env: "LANG=\(locale) LC_ALL=\(locale)")
        }

        // MARK: Signals

        /// Next to `TUIEndToEndTests.sigtermRestoresTheTerminal`: the reader, in a post, gets the
        /// signal; it leaves the alternate screen, shows the cursor, gives back the modes and
        /// ends by that signal (the shell sees 128 + n).
        ///
        /// The checks run as a second command line: bash abandons the rest of a list whose
        /// command died by SIGINT (as it should: that is how Ctrl-C stops a script).
        @Test(arguments: [("SIGINT", SIGINT), ("SIGHUP", SIGHUP)])
        func signalRestoresTheTerminal(name: String, signal: Int32) throws {
            let t = try TUI.Pane(cols: 80, rows: 24)
            defer { t.close() }
            let store = try TUI.store()
            try t.shell("clear; S=$(stty -g); \(TUI.quoted(TUI.binary)) --store \(TUI.quoted(store))")
            try t.waitFor { $0[0].contains("1 Archive") && $0.last!.contains("1/") }
            try t.openSeedPost()
            // While reading: alternate screen on, cursor hidden (so the checks below can fail).
            #expect(TerminalEdgeTests.paneFormat(t, "#{alternate_on} #{cursor_flag}") == "1 0")
            let pid = try t.readerPID()
            #expect(kill(pid, signal) == 0)
            try t.waitFor { !$0.contains { $0.contains("1 Archive") } && $0.last { !$0.isEmpty } == "$" }
            try t.shell("echo \"EXIT=$?\"; [ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
            try t.expectCleanExit()
            let screen = t.capture()
            #expect(screen.contains("EXIT=\(128 + signal)"), "\(name): \(screen.filter { $0.hasPrefix("EXIT=") })")
            #expect(TerminalEdgeTests.paneFormat(t, "#{alternate_on} #{cursor_flag}") == "0 1", "after \(name)")
            #expect(!TerminalEdgeTests.isAlive(pid))
        }

        /// The other SIGHUP: the terminal itself goes away (the pane is killed under the reader).
        /// The reader must end, not spin on a dead terminal.
        @Test func closingTheTerminalEndsTheReader() throws {
            let t = try TUI.Pane(cols: 80, rows: 24)
            defer { t.close() }
            try t.startReader()
            let pid = try t.readerPID()
            #expect(TerminalEdgeTests.isAlive(pid))
            _ = TUI.run(TUI.tmux!, ["-L", t.socket, "kill-pane", "-t", "t"])
            let deadline = Date().addingTimeInterval(10)
            while TerminalEdgeTests.isAlive(pid), Date() < deadline { usleep(50_000) }
            #expect(!TerminalEdgeTests.isAlive(pid), "the reader outlived its terminal")
        }
    }

    /// No tmux: quire under a pseudo-terminal of the test's own, stdout read byte for byte.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: TUI.binary), "needs the quire binary"))
    struct WithoutATerminalType {
        /// TERM unset, empty, dumb or unknown: the reader exits 1 with one line on stderr that
        /// names TERM and says what to set it to, and writes nothing to the terminal.
        @Test(arguments: [(nil, "TERM is not set"), ("", "TERM is not set"), ("dumb", "TERM is dumb"),
                          ("no-such-terminal", "TERM is no-such-terminal")] as [(String?, String)])
        func theReaderRefusesWithOneClearLine(term: String?, naming: String) throws {
            let store = try TUI.store()
            let r = try PTY.run(TUI.binary, ["--store", store, "read"], term: term)
            let timedOut = r.timedOut
            #expect(!timedOut, "TERM=\(term ?? "(unset)"): the reader started and had to be killed")
            #expect(r.status == 1, "TERM=\(term ?? "(unset)"): status \(r.status)")
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 1 && r.stderr.hasSuffix("\n"), "not one line: \(r.stderr.debugDescription)")
            #expect(r.stderr.hasPrefix("quire: cannot drive this terminal (\(naming)"), "\(r.stderr)")
            #expect(r.stderr.contains("set TERM to your terminal's type, e.g. xterm-256color"), "says what to do: \(r.stderr)")
            let escapes = r.terminal.filter { $0 == 0x1B }.count, written = r.terminal.count
            #expect(escapes == 0, "escape sequences written: \(TerminalStream.describe(r.terminal.prefix(80)))")
            #expect(written == 0, "written to the terminal: \(TerminalStream.describe(r.terminal.prefix(80)))")
        }

        /// The commands need no terminal type: with TERM dumb or unset they print the same text,
        /// plain (hits marked *so*). With a real TERM, search marks hits in bold, which shows
        /// the pseudo-terminal does make quire style its output, so the checks can fail.
        @Test(arguments: [nil, "dumb"] as [String?])
        func commandsPrintPlainText(term: String?) throws {
            let store = try TUI.store()
            let commands: [([String], String)] = [
                (["list"], "Missile Defense Talks With Russia Fail"),
                (["show", "Missile Defense Talks With Russia Fail"], "credible"),
                (["search", "interceptors"], "*interceptors*"),
            ]
            for (args, expected) in commands {
                let r = try PTY.run(TUI.binary, ["--store", store] + args, term: term)
                let what = "TERM=\(term ?? "(unset)") quire \(args.joined(separator: " "))"
                let status = r.timedOut ? -1 : r.status
                #expect(status == 0, "\(what): status \(r.status), \(r.stderr)")
                #expect(r.stderr.isEmpty, "\(what): \(r.stderr)")
                let text = String(decoding: r.terminal, as: UTF8.self)
                let found = text.contains(expected)
                #expect(found, "\(what): no \(expected) in \(text.prefix(300))")
                let escapes = r.terminal.filter { $0 == 0x1B }.count
                #expect(escapes == 0, "\(what): escape sequences: \(TerminalStream.describe(r.terminal.prefix(300)))")
                let violations = TerminalStream.textViolations(r.terminal)
                #expect(violations.isEmpty, "\(what): \(violations.prefix(3))")
            }
            let styled = try PTY.run(TUI.binary, ["--store", store, "search", "interceptors"], term: "xterm-256color")
            #expect(styled.status == 0)
            let bold = String(decoding: styled.terminal, as: UTF8.self).contains("\u{1B}[1minterceptors\u{1B}[22m")
            #expect(bold, "with TERM=xterm-256color hits are bold: \(TerminalStream.describe(styled.terminal.prefix(200)))")
        }
    }

    // MARK: Shared helpers

    /// A process that exists and is not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // The state follows the command name in parentheses.
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Polls the screen with its attributes (`capture-pane -e`, one string a row) until `done`
    /// holds; a timeout is a failure that shows the last screen.
    static func waitEscaped(_ t: TUI.Pane, _ what: String, timeout: Double = 5, _ done: ([String]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var lines = t.captureEscaped().components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            if done(lines) { return }
            guard Date() < deadline else {
                throw TUI.Failure(description: "\(what): timed out; screen with attributes:\n"
                                  + lines.map { "|" + $0.debugDescription }.joined(separator: "\n"))
            }
            usleep(30_000)
        }
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`.
    static func paneFormat(_ t: TUI.Pane, _ format: String) -> String {
        TUI.run(TUI.tmux!, ["-L", t.socket, "display-message", "-p", "-t", "t", format]).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A Latin-1 locale `locale -a` lists, if any.
    static let latin1Locale: String? = {
        let (status, out) = TUI.run("/usr/bin/env", ["locale", "-a"])
        guard status == 0 else { return nil }
        return out.split(separator: "\n").map(String.init).first {
            let l = $0.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
            return l.hasSuffix(".iso88591") || l.hasSuffix(".latin1")
        }
    }()

    /// Text that mojibake is made of: UTF-8 read as Latin-1 or CP1252 ("Ã©", "Â ", "â€™").
    static let mojibake = ["Ã", "Â", "â€", "Ð", "Ñ", "ã\u{81}", "æ"]

    /// Whether `line` shows `text`, each non-ASCII character in it either itself, '?' or U+FFFD
    /// (a wide one may be a stand-in followed by a space).
    static func shows(_ text: String, in line: String) -> Bool {
        var pattern = ""
        for c in text {
            if c.isASCII {
                pattern += NSRegularExpression.escapedPattern(for: String(c))
            } else {
                pattern += "(?:\(NSRegularExpression.escapedPattern(for: String(c)))|\\?|\u{FFFD}) ?"
            }
        }
        return line.range(of: pattern, options: .regularExpression) != nil
    }

    /// Opens a post with accents in its title and text, then a Japanese one, under `env`, and
    /// checks each screen: readable, aligned, no mojibake.
    static func readNonASCIIPosts(env: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = try TUI.store()
        for (slug, title, inText) in [("creme-brulee-for-the-holidays", "Crème Brûlée for the Holidays", "café"),
                                      ("tokyo-first-impressions", "Tokyo", "東京")] {
            let t = try TUI.Pane(cols: 100, rows: 30)
            defer { t.close() }
            try t.shell("clear; S=$(stty -g); \(env) \(TUI.quoted(TUI.binary)) --store \(TUI.quoted(store)) read \(slug); "
                        + "[ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
            let screen = try t.waitFor { $0.count == 30 && $0[0].contains("1 Archive") && !$0[29].isEmpty && $0[1].contains(title.prefix(3)) }
            let all = screen.joined(separator: "\n")
            #expect(shows(title, in: screen[1]), "\(env): title \(screen[1])", sourceLocation: sourceLocation)
            #expect(shows(" 1 Archive 2 Labels 3 Search 4 Bookmarks › ", in: screen[0]), "\(env): \(screen[0])", sourceLocation: sourceLocation)
            var text = t.capture()
            for _ in 0..<40 where !text.contains(where: { shows(inText, in: $0) }) {
                text = try t.keys("j")
            }
            #expect(text.contains { shows(inText, in: $0) }, "\(env): never showed \(inText)", sourceLocation: sourceLocation)
            for piece in mojibake {
                #expect(!all.contains(piece) && !text.joined().contains(piece), "\(env): mojibake \(piece.debugDescription):\n\(all)",
                        sourceLocation: sourceLocation)
            }
            try t.expectWellFormed(sourceLocation: sourceLocation)
            try t.keys("Q")
            try t.expectCleanExit()
        }
    }
}

/// Runs a program with a pseudo-terminal of the test's own as stdin and stdout (so quire sees
/// a terminal), stderr in a file, and TERM as given (nil: unset). Every byte written to the
/// terminal comes back. No tmux, no script(1): nothing between quire and the bytes.
enum PTY {
    struct Result {
        var status: Int32
        var terminal: [UInt8]
        var stderr: String
        var timedOut: Bool
    }

    static func run(_ program: String, _ args: [String], term: String?, timeout: Double = 20) throws -> Result {
        // posix_openpt on Linux; grantpt and friends are not imported into Swift, so looked up.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw TUI.Failure(description: "cannot open /dev/ptmx: errno \(errno)") }
        defer { close(master) }
        typealias OnDescriptor = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        func function<T>(_ name: String, as: T.Type) -> T? {
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let grant = function("grantpt", as: OnDescriptor.self), let unlock = function("unlockpt", as: OnDescriptor.self),
              let ptsname = function("ptsname", as: Name.self),
              grant(master) == 0, unlock(master) == 0, let name = ptsname(master) else {
            throw TUI.Failure(description: "cannot set up the pseudo-terminal: errno \(errno)")
        }
        let slave = String(cString: name)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("quire-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let errPath = home.appendingPathComponent("stderr").path

        var environment = ProcessInfo.processInfo.environment
        for key in ["TERM", "QUIRE_STORE", "NO_COLOR", "COLUMNS", "LINES"] { environment.removeValue(forKey: key) }
        if let term { environment["TERM"] = term }
        environment["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR | O_NOCTTY, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TUI.Failure(description: "cannot start \(program): \(rc)") }

        // Read the terminal while the program runs, and what is left once it has ended.
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        var exited = false, timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, 50) > 0 {
                if fds[0].revents & Int16(POLLIN) != 0 {
                    let n = read(master, &buffer, buffer.count)
                    if n > 0 { bytes += buffer[0..<n]; continue }
                }
                // Hung up (before the child opened its side, or after it closed it).
                if !exited { usleep(10_000) }
            }
            if exited { break }
            if waitpid(pid, &status, WNOHANG) == pid { exited = true; continue }
            if Date() > deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                timedOut = true
                break
            }
        }
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
        return Result(status: code, terminal: bytes, stderr: stderr, timedOut: timedOut)
    }
}
