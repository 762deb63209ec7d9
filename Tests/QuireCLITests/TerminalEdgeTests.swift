import Foundation
import Testing

/// Issue 6 §4, "Terminals", end to end: resize storms, windows down to 1×1, TERM unset or dumb,
/// ASCII and Latin-1 locales, and SIGINT / SIGHUP (SIGTERM, Ctrl-Z and a few resizes are in
/// `TUIEndToEndTests`). The reader runs in tmux through the `TUI` helpers, each pane with its own
/// XDG folders; what needs no screen, or a terminal that is not UTF-8, runs under a
/// pseudo-terminal of the test's own (`PTY`), its bytes replayed by `ScreenReplay`.
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

        /// The locale: quire calls `setlocale(LC_ALL, "")`, and when that gives the C or POSIX
        /// locale (codeset plain ASCII) it switches LC_CTYPE alone to C.UTF-8 and draws UTF-8
        /// (`quire_setup_locale` in the CNCursesW shim). The bet: a C or POSIX locale nearly
        /// always means "no locale configured" on a terminal that is UTF-8 anyway (ssh,
        /// containers), and a wrong bet shows raw UTF-8 bytes, never text re-encoded twice.
        /// Where a character cannot be drawn at the width the layout gave it, the backend draws
        /// '?' (or U+FFFD for a wide one). So: the right characters or stand-ins, never
        /// mojibake such as "Ã©" for "é". Other codesets (Latin-1) are kept: tmux always
        /// decodes UTF-8, so that case is tested under a pseudo-terminal, in `InALatin1Locale`.
        @Test(arguments: ["LANG=C LC_ALL=C", "env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES LANG=POSIX"])
        func asciiLocaleShowsTextOrStandIns(env: String) throws {
            try TerminalEdgeTests.readNonASCIIPosts(env: env)
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

    /// Issue 6: in a non-UTF-8 locale the reader is "readable with replacement characters, never
    /// mojibake". No Latin-1 locale is installed and the tests install nothing, so glibc's
    /// `localedef` builds en_US.ISO-8859-1 into a folder of the test's own (`LOCPATH`). The
    /// reader runs in it under the test's own pseudo-terminal (tmux would decode UTF-8 whatever
    /// the locale), and the bytes it writes are replayed on a Latin-1 screen (`ScreenReplay`).
    ///
    /// Each screen is compared with the same screen drawn in C.UTF-8 (the same keys, the same
    /// size): cell for cell the same, except that every character Latin-1 lacks ("›", "“", 東)
    /// is '?', and a wide one '?' then a blank, so every column stays where it was.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: TUI.binary), "needs the quire binary"))
    struct InALatin1Locale {
        static let cols = 100, rows = 30

        /// The accents go out as Latin-1 bytes (è 0xE8, é 0xE9, û 0xFB), never as UTF-8 (which a
        /// Latin-1 terminal shows as "Ã©"); and keys typed in Latin-1 are the same letters:
        /// "/brûlée" typed as 62 72 FB 6C E9 65 is echoed and finds the words in the post.
        @Test func accentsAreLatin1BytesAndTypedOnesAreUnderstood() throws {
            let runs = try Self.readInBothLocales("creme-brulee-for-the-holidays") { encode in [
                (Self.postDrawn(titleStart: "Cr"), Array("/".utf8) + encode("brûlée")),
                (Self.statusBar { $0.contains("Find: br") }, [0x0D]),
                (Self.statusBar { $0.contains("Hit ") || $0.contains("Not found") }, Array("Q".utf8)),
            ] }
            let bytes = runs.latin1Bytes
            for (letter, byte) in [("è", 0xE8), ("é", 0xE9), ("û", 0xFB)] as [(String, UInt8)] {
                let latin1 = bytes.contains(byte), utf8 = Array(letter.utf8), asUTF8 = Self.offset(of: utf8, in: bytes)
                #expect(latin1, "no Latin-1 \(letter) (\(String(format: "%02X", byte))) written")
                #expect(asUTF8 == nil, "\(letter) written in UTF-8 (\(TerminalStream.hex(utf8))), which this terminal shows as mojibake")
            }
            let post = runs.latin1[0].lines, find = runs.latin1[1].lines, found = runs.latin1[2].lines
            #expect(post[0].contains(" 1 Archive 2 Labels 3 Search 4 Bookmarks ? "), "top bar, › as ?: \(post[0])")
            #expect(post[1].contains("Crème Brûlée for the Holidays"), "the title: \(post[1])")
            #expect(post.contains { $0.contains("at a café near the Gare") }, "café:\n\(post.joined(separator: "\n"))")
            #expect(find[Self.rows - 1].contains("Find: brûlée "), "the typed Latin-1 letters: \(find[Self.rows - 1])")
            #expect(found[Self.rows - 1].contains("Hit 1 of "), "the find: \(found[Self.rows - 1])")
        }

        /// Wide characters (東京, two columns each) become '?' and a blank, so the text after them
        /// and the bars keep their columns; nothing of their UTF-8 is written.
        @Test func wideCharactersBecomeStandInsOfTheirWidth() throws {
            let runs = try Self.readInBothLocales("tokyo-first-impressions") { _ in
                [(Self.postDrawn(titleStart: "Tokyo"), Array("Q".utf8))]
            }
            let bytes = runs.latin1Bytes
            for cjk in ["東", "京", "漢", "字"] {
                let utf8 = Array(cjk.utf8), asUTF8 = Self.offset(of: utf8, in: bytes)
                #expect(asUTF8 == nil, "\(cjk) written in UTF-8 (\(TerminalStream.hex(utf8)))")
            }
            let post = runs.latin1[0].lines
            #expect(post.contains { $0.contains("So. ? ? . I've been here three days.") }, "東京 as '? ? ':\n\(post.joined(separator: "\n"))")
            #expect(post.contains { $0.contains("(?Morning Kanji: ? ?  Before Coffee?") }, "(“…漢字 …” as (?…? ?  …?:\n\(post.joined(separator: "\n"))")
        }

        // MARK: Helpers

        struct Runs {
            /// The screens in C.UTF-8 and in Latin-1 when each step's keys were sent.
            var utf8: [ScreenReplay]
            var latin1: [ScreenReplay]
            /// Everything the reader wrote in Latin-1.
            var latin1Bytes: [UInt8]
        }

        typealias Steps = [(until: ([String]) -> Bool, send: [UInt8])]

        /// Reads a post in C.UTF-8, then in en_US.ISO-8859-1, typing the same keys (`steps`, given
        /// the charset's encoder) in each; checks every screen of the one against the other and
        /// that both ran cleanly. Cancels the test when localedef cannot build the locale.
        static func readInBothLocales(_ slug: String, sourceLocation: SourceLocation = #_sourceLocation,
                                      _ steps: ((String) -> [UInt8]) -> Steps) throws -> Runs {
            let locpath: String
            switch Latin1Locale.built {
            case .success(let path): locpath = path
            case .failure(let failure): try Test.cancel("\(failure)")
            }
            // The locale works: its codeset is what the reader will see.
            let (status, charmap) = TUI.run("/usr/bin/env", ["LOCPATH=\(locpath)", "LC_ALL=\(Latin1Locale.name)", "locale", "charmap"])
            try #require(status == 0 && charmap.trimmingCharacters(in: .whitespacesAndNewlines) == "ISO-8859-1",
                         "the built locale is not ISO-8859-1: \(charmap)", sourceLocation: sourceLocation)

            let utf8 = try read(slug, charset: .utf8, environment: [:], steps: steps { Array($0.utf8) },
                                sourceLocation: sourceLocation)
            let latin1Steps = steps { text in
                text.unicodeScalars.map { scalar in
                    precondition(scalar.value <= 0xFF, "not Latin-1: \(scalar)")
                    return UInt8(scalar.value)
                }
            }
            let latin1 = try read(slug, charset: .latin1, environment: ["LOCPATH": locpath, "LANG": Latin1Locale.name,
                                                                        "LC_ALL": Latin1Locale.name],
                                  steps: latin1Steps, sourceLocation: sourceLocation)
            for (n, (reference, screen)) in zip(utf8.screens, latin1.screens).enumerated() {
                let expected = reference.linesInLatin1
                let differing = (0..<rows).filter { screen.lines[$0] != expected[$0] }
                #expect(differing.isEmpty, """
                    screen \(n + 1) in Latin-1 is not the UTF-8 one with stand-ins; rows \(differing.map { $0 + 1 }):
                    \(differing.prefix(6).map { "expected |\(expected[$0])|\n     got |\(screen.lines[$0])|" }.joined(separator: "\n"))
                    """, sourceLocation: sourceLocation)
                #expect(screen.lines.allSatisfy { $0.count == cols }, "a row is not \(cols) cells wide", sourceLocation: sourceLocation)
            }
            return Runs(utf8: utf8.screens, latin1: latin1.screens, latin1Bytes: latin1.bytes)
        }

        /// Runs the reader on a post at 100×30 in one charset, typing `steps`; the screens seen
        /// when each step's keys went in.
        static func read(_ slug: String, charset: ScreenReplay.Charset, environment: [String: String], steps: Steps,
                         sourceLocation: SourceLocation) throws -> (screens: [ScreenReplay], bytes: [UInt8]) {
            let store = try TUI.store()
            let r = try PTY.run(TUI.binary, ["--store", store, "read", slug], term: "xterm-256color", environment: environment,
                                size: (cols, rows), steps: steps.map { step in
                                    PTY.Step(until: { step.until(ScreenReplay($0, cols: cols, rows: rows, charset: charset).lines) },
                                             send: step.send)
                                }, timeout: 30)
            let what = "\(charset), \(slug)"
            let last = ScreenReplay(r.terminal, cols: cols, rows: rows, charset: charset)
            try #require(!r.timedOut && r.marks.count == steps.count, """
                \(what): step \(r.marks.count + 1) of \(steps.count) never came; the screen:
                \(last.lines.map { "|" + $0 }.joined(separator: "\n"))
                """, sourceLocation: sourceLocation)
            #expect(r.status == 0 && r.stderr.isEmpty, "\(what): status \(r.status), \(r.stderr)", sourceLocation: sourceLocation)
            let problems = last.problems.count
            #expect(problems == 0, "\(what): \(last.problems.prefix(5))", sourceLocation: sourceLocation)
            return (r.marks.map { ScreenReplay(r.terminal[0..<$0], cols: cols, rows: rows, charset: charset) }, r.terminal)
        }

        /// The post is on the screen: the top bar, its title on the second row, the status bar.
        static func postDrawn(titleStart: String) -> ([String]) -> Bool {
            { $0[0].contains("1 Archive") && $0[1].contains(titleStart) && !$0[rows - 1].trimmingCharacters(in: .whitespaces).isEmpty }
        }

        static func statusBar(_ done: @escaping (String) -> Bool) -> ([String]) -> Bool {
            { done($0[rows - 1]) }
        }

        static func offset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
            guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
            return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
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
        /// How many bytes had been written to the terminal when each step's input was sent.
        var marks: [Int] = []
    }

    /// Input typed once the output so far satisfies `until` and the program has been quiet
    /// for a moment (a frame is written whole before the next key goes in).
    struct Step {
        var until: ([UInt8]) -> Bool
        var send: [UInt8]
    }

    /// - Parameters:
    ///   - environment: set after the defaults (LANG and LC_ALL are C.UTF-8 unless given here).
    ///   - size: the terminal's size; unset (0×0, ncurses then takes terminfo's) when nil.
    ///   - steps: input, in order; the program is killed at `timeout` if one never comes.
    static func run(_ program: String, _ args: [String], term: String?, environment extra: [String: String] = [:],
                    size: (cols: Int, rows: Int)? = nil, steps: [Step] = [], timeout: Double = 20) throws -> Result {
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
        if let size {
            var window = winsize(ws_row: UInt16(size.rows), ws_col: UInt16(size.cols), ws_xpixel: 0, ws_ypixel: 0)
            guard ioctl(master, UInt(TIOCSWINSZ), &window) == 0 else {
                throw TUI.Failure(description: "cannot size the pseudo-terminal: errno \(errno)")
            }
        }
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
        environment.merge(extra) { $1 }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR | O_NOCTTY, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeInheritedDescriptors(&actions)
        var pid = pid_t()
        let rc = spawnWithCleanSignals(&pid, program, args, &actions, environment: environment)
        guard rc == 0 else { throw TUI.Failure(description: "cannot start \(program): \(rc)") }

        // Read the terminal while the program runs, and what is left once it has ended.
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        var exited = false, timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        var marks: [Int] = []
        var lastOutput = Date()
        while true {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, 50) > 0 {
                if fds[0].revents & Int16(POLLIN) != 0 {
                    let n = read(master, &buffer, buffer.count)
                    if n > 0 { bytes += buffer[0..<n]; lastOutput = Date(); continue }
                }
                // Hung up (before the child opened its side, or after it closed it).
                if !exited { usleep(10_000) }
            }
            if exited { break }
            if marks.count < steps.count, Date().timeIntervalSince(lastOutput) > 0.2, steps[marks.count].until(bytes) {
                let input = steps[marks.count].send
                marks.append(bytes.count)
                var sent = 0
                while sent < input.count {
                    let n = input[sent...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
                    if n > 0 { sent += n } else if errno != EINTR { break }
                }
                lastOutput = Date()
            }
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
        return Result(status: code, terminal: bytes, stderr: stderr, timedOut: timedOut, marks: marks)
    }
}

/// en_US.ISO-8859-1, built once per test process with glibc's `localedef` into a folder of its
/// own, for `LOCPATH`: nothing is installed. The folder, or why it could not be built.
enum Latin1Locale {
    static let name = "en_US.ISO-8859-1"

    static let built: Result<String, TUI.Failure> = {
        let dir = folder(pid: getpid())
        try? FileManager.default.removeItem(at: dir)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            return .failure(TUI.Failure(description: "cannot make \(dir.path): \(error)"))
        }
        // Removed when the test process exits; the closure captures nothing, as C requires.
        atexit { try? FileManager.default.removeItem(at: Latin1Locale.folder(pid: getpid())) }
        let (status, out) = TUI.run("/usr/bin/env", ["localedef", "-i", "en_US", "-f", "ISO-8859-1",
                                                     dir.appendingPathComponent(name).path])
        guard status == 0 else {
            return .failure(TUI.Failure(description: "localedef -i en_US -f ISO-8859-1 failed (status \(status)): \(out)"))
        }
        return .success(dir.path)
    }()

    static func folder(pid: pid_t) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("quire-locale-\(pid)")
    }
}

/// Replays what a program wrote to a terminal on a screen of `cols` × `rows` cells, as xterm
/// would show it in one charset: enough of ECMA-48 and xterm for what ncurses writes for
/// xterm-256color (cursor moves, erases, insert and delete, scrolling regions, repeats).
/// Attributes and modes are ignored; whatever else it meets is listed in `problems`, as are C1
/// bytes, invalid UTF-8 and text written past the end of a row (ncurses never relies on the
/// wrap, so a row that overflows is a row that did not keep its width).
struct ScreenReplay {
    enum Charset { case utf8, latin1 }

    let cols: Int, rows: Int, charset: Charset
    /// A character a cell; "" is the right half of a wide character.
    private(set) var cells: [[String]]
    private(set) var problems: [String] = []
    private var row = 0, col = 0, wrapPending = false
    private var top = 0, bottom: Int
    private var saved = (row: 0, col: 0)
    private var insertMode = false
    private var lastPrinted: (String, Int)?

    init<C: Collection>(_ bytes: C, cols: Int, rows: Int, charset: Charset) where C.Element == UInt8 {
        self.cols = cols; self.rows = rows; self.charset = charset
        cells = Array(repeating: Array(repeating: " ", count: cols), count: rows)
        bottom = rows - 1
        feed(Array(bytes))
    }

    var lines: [String] { cells.map { $0.joined() } }

    /// The rows a Latin-1 terminal shows for this screen, were every character Latin-1 lacks
    /// drawn as '?' and the right half of a wide one as a blank.
    var linesInLatin1: [String] {
        cells.map { line in
            line.map { cell -> String in
                if cell.isEmpty { return " " }
                let composed = cell.precomposedStringWithCanonicalMapping
                let latin1 = composed.unicodeScalars.allSatisfy { $0.value < 0x7F && $0.value >= 0x20 || (0xA0...0xFF).contains($0.value) }
                return latin1 ? composed : "?"
            }.joined()
        }
    }

    private var blankRow: [String] { Array(repeating: " ", count: cols) }

    private mutating func feed(_ b: [UInt8]) {
        var i = 0
        while i < b.count {
            if b[i] < 0x20 {
                let unit = Array(TerminalStream.controlUnit(b, at: i))
                control(unit)
                i += unit.count
            } else {
                var j = i
                while j < b.count, b[j] >= 0x20 { j += 1 }
                text(b[i..<j])
                i = j
            }
        }
    }

    private mutating func text(_ bytes: ArraySlice<UInt8>) {
        switch charset {
        case .latin1:
            for b in bytes where b != 0x7F {
                if (0x80...0x9F).contains(b) {
                    problems.append(String(format: "C1 byte %02X at row %d", b, row + 1))
                } else {
                    put(String(Character(Unicode.Scalar(b))), width: 1)
                }
            }
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                problems.append("invalid UTF-8 at row \(row + 1): \(TerminalStream.hex(bytes.prefix(12)))")
                put("\u{FFFD}", width: 1)
                return
            }
            for scalar in text.unicodeScalars where scalar.value != 0x7F {
                if (0x80...0x9F).contains(scalar.value) { problems.append(String(format: "U+%04X at row %d", scalar.value, row + 1)) }
                put(String(scalar), width: TUI.width(String(scalar)))
            }
        }
    }

    private mutating func put(_ char: String, width: Int) {
        guard width > 0 else {
            // A combining mark joins the character before the cursor.
            let c = wrapPending ? col : max(col - 1, 0)
            cells[row][c] += char
            return
        }
        if wrapPending || col + width > cols {
            problems.append("text past the end of row \(row + 1): \(char.debugDescription)")
            col = 0
            wrapPending = false
            lineFeed()
        }
        if insertMode {
            cells[row].insert(contentsOf: Array(repeating: " ", count: width), at: col)
            cells[row].removeLast(width)
        }
        // Half a wide character overwritten: the other half goes blank.
        for c in col..<(col + width) {
            if cells[row][c].isEmpty, c > 0 { cells[row][c - 1] = " " }
            if c + 1 < cols, cells[row][c + 1].isEmpty { cells[row][c + 1] = " " }
        }
        cells[row][col] = char
        if width == 2 { cells[row][col + 1] = "" }
        if insertMode { repair(row) }
        lastPrinted = (char, width)
        col += width
        if col >= cols {
            col = cols - 1
            wrapPending = true
        }
    }

    /// A right half without its left, or a wide character without its right half, is a blank.
    private mutating func repair(_ r: Int) {
        for c in 0..<cols {
            if cells[r][c].isEmpty, c == 0 || cells[r][c - 1].isEmpty || TUI.width(cells[r][c - 1]) != 2 { cells[r][c] = " " }
            if !cells[r][c].isEmpty, TUI.width(cells[r][c]) == 2, c + 1 == cols || !cells[r][c + 1].isEmpty { cells[r][c] = " " }
        }
    }

    private mutating func blank(_ r: Int, _ range: Range<Int>) {
        for c in range where c >= 0 && c < cols { cells[r][c] = " " }
        repair(r)
    }

    private mutating func lineFeed() {
        if row == bottom {
            scrollUp(1)
        } else if row < rows - 1 {
            row += 1
        }
    }

    private mutating func scrollUp(_ n: Int) {
        for _ in 0..<n {
            cells.remove(at: top)
            cells.insert(blankRow, at: bottom)
        }
    }

    private mutating func scrollDown(_ n: Int) {
        for _ in 0..<n {
            cells.remove(at: bottom)
            cells.insert(blankRow, at: top)
        }
    }

    private mutating func control(_ u: [UInt8]) {
        switch u[0] {
        case 0x0D: col = 0; wrapPending = false
        case 0x0A, 0x0B, 0x0C: lineFeed(); wrapPending = false
        case 0x08: col = max(col - 1, 0); wrapPending = false
        case 0x09: col = min((col / 8 + 1) * 8, cols - 1); wrapPending = false
        case 0x00, 0x07, 0x0E, 0x0F: break
        case 0x1B: escape(u)
        default: problems.append(TerminalStream.describe(u))
        }
    }

    private mutating func escape(_ u: [UInt8]) {
        guard u.count >= 2 else { problems.append(TerminalStream.describe(u)); return }
        switch u[1] {
        case 0x5B: csi(u)
        case 0x28, 0x29, 0x2A, 0x2B, 0x3D, 0x3E: break  // character sets, keypad modes
        case 0x37: saved = (row, col)
        case 0x38: (row, col) = saved; wrapPending = false
        case 0x44: lineFeed(); wrapPending = false  // IND
        case 0x45: col = 0; lineFeed(); wrapPending = false  // NEL
        case 0x4D:  // RI
            if row == top { scrollDown(1) } else if row > 0 { row -= 1 }
            wrapPending = false
        default: problems.append(TerminalStream.describe(u))
        }
    }

    private mutating func csi(_ u: [UInt8]) {
        guard let final = u.last, u.count >= 3, (0x40...0x7E).contains(final) else {
            problems.append(TerminalStream.describe(u)); return
        }
        let body = String(decoding: u.dropFirst(2).dropLast(), as: UTF8.self)
        let marker = body.first.flatMap { "?>=<".contains($0) ? $0 : nil }
        let intermediates = body.filter { ("\u{20}"..."\u{2F}").contains($0) }
        let params = (marker == nil ? body : String(body.dropFirst())).filter { $0.isNumber || $0 == ";" }
            .split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        func p(_ i: Int, _ otherwise: Int = 1) -> Int { i < params.count && params[i] > 0 ? params[i] : otherwise }
        let f = Character(Unicode.Scalar(final))
        if marker != nil || !intermediates.isEmpty {
            if marker == "?", f == "h" || f == "l" {
                // The alternate screen (the main one was blank before the reader started).
                if params.contains(where: { [47, 1047, 1049].contains($0) }) {
                    cells = Array(repeating: blankRow, count: rows)
                }
            } else if !(intermediates == "!" && f == "p") && !(intermediates == " " && f == "q") && marker != ">" {
                problems.append(TerminalStream.describe(u))
            }
            return
        }
        switch f {
        case "m", "t", "n", "c", "q": return  // attributes, window operations, reports
        case "h", "l":
            if params.contains(4) { insertMode = f == "h" }
            return
        case "H", "f": row = min(p(0), rows) - 1; col = min(p(1), cols) - 1
        case "A": row = max(row - p(0), 0)
        case "B": row = min(row + p(0), rows - 1)
        case "C": col = min(col + p(0), cols - 1)
        case "D": col = max(col - p(0), 0)
        case "E": row = min(row + p(0), rows - 1); col = 0
        case "F": row = max(row - p(0), 0); col = 0
        case "G", "`": col = min(p(0), cols) - 1
        case "d": row = min(p(0), rows) - 1
        case "I": for _ in 0..<p(0) { col = min((col / 8 + 1) * 8, cols - 1) }
        case "Z": for _ in 0..<p(0) { col = max(((col - 1) / 8) * 8, 0) }
        case "J":
            switch p(0, 0) {
            case 0:
                blank(row, col..<cols)
                for r in (row + 1)..<max(rows, row + 1) { blank(r, 0..<cols) }
            case 1:
                for r in 0..<row { blank(r, 0..<cols) }
                blank(row, 0..<(col + 1))
            default:
                cells = Array(repeating: blankRow, count: rows)
            }
        case "K":
            switch p(0, 0) {
            case 0: blank(row, col..<cols)
            case 1: blank(row, 0..<(col + 1))
            default: blank(row, 0..<cols)
            }
        case "X": blank(row, col..<min(col + p(0), cols))
        case "b":
            if let (char, width) = lastPrinted {
                for _ in 0..<p(0) { put(char, width: width) }
            }
            return
        case "P":
            let n = min(p(0), cols - col)
            cells[row].removeSubrange(col..<(col + n))
            cells[row] += Array(repeating: " ", count: n)
            repair(row)
        case "@":
            let n = min(p(0), cols - col)
            cells[row].insert(contentsOf: Array(repeating: " ", count: n), at: col)
            cells[row].removeLast(n)
            repair(row)
        case "L", "M":
            guard (top...bottom).contains(row) else { break }
            for _ in 0..<min(p(0), bottom - row + 1) {
                if f == "L" {
                    cells.remove(at: bottom)
                    cells.insert(blankRow, at: row)
                } else {
                    cells.remove(at: row)
                    cells.insert(blankRow, at: bottom)
                }
            }
            col = 0
        case "S": scrollUp(p(0))
        case "T": scrollDown(p(0))
        case "r":
            top = min(p(0), rows) - 1
            bottom = min(p(1, rows), rows) - 1
            if top >= bottom { top = 0; bottom = rows - 1 }
            row = 0; col = 0
        case "s": saved = (row, col)
        case "u": (row, col) = saved
        default:
            problems.append(TerminalStream.describe(u))
            return
        }
        wrapPending = false
    }
}
