import Foundation
import Testing

/// The reader on real terminals, end to end: resize storms, windows down to 1×1, TERM unset or
/// dumb, ASCII and Latin-1 locales, and SIGTERM / SIGINT / SIGHUP (Ctrl-Z and a few resizes are
/// in `TUIEndToEndTests`). The reader runs in tmux (`TmuxPane`), each pane with its own XDG
/// folders; what needs no screen, or a terminal that is not UTF-8, runs under a pseudo-terminal
/// of the test's own (`PTY`), its bytes replayed by `ScreenReplay`.
@Suite struct TerminalEdgeTests {
    @Suite(.enabled(if: TmuxPane.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
    struct InTmux {
        // MARK: Resizing

        /// 100 sizes, the tiny ones among them, from one shell loop of `tmux resize-window`
        /// (about a second when the machine is quiet), ending at 83×27.
        static let stormSizes: [(Int, Int)] = {
            let cycle = [(60, 20), (1, 1), (200, 60), (2, 2), (40, 12), (10, 3), (133, 41), (19, 5), (20, 6),
                         (3, 40), (150, 4), (80, 24), (7, 7), (100, 30), (21, 9), (1, 50)]
            return (0..<99).map { cycle[$0 % cycle.count] } + [(83, 27)]
        }()

        @Test func aHundredResizesThenAKeyIsAnswered() throws {
            let t = try TmuxPane(cols: 100, rows: 30)
            defer { t.close() }
            try t.startReader()
            try t.openSeedPost()
            let readerPID = try t.readerPID()

            let tmux = shellQuoted(TmuxPane.tmux!), socket = shellQuoted(t.socket)
            let sizes = Self.stormSizes.map { "\($0.0)x\($0.1)" }.joined(separator: " ")
            let script = "for s in \(sizes); do \(tmux) -L \(socket) resize-window -t t -x \"${s%x*}\" -y \"${s#*x}\" || exit 1; done"
            let started = Date()
            let loop = try run("/bin/sh", ["-c", script])
            let elapsed = Date().timeIntervalSince(started)
            try #require(loop.status == 0, "the resize loop failed: \(loop.stderr)")
            #expect(Self.stormSizes.count == 100)
            // Not a time limit on quire: how fast tmux took the 100 sizes, in case a failure
            // below needs it.
            let storm = String(format: "100 resizes in %.2f s", elapsed)

            let (cols, rows) = Self.stormSizes.last!
            try t.resize(cols: cols, rows: rows)  // the size it already is; tells the helper
            #expect(isAlive(readerPID), "the reader died in the storm (\(storm))")

            // A key straight after the storm: the help opens, drawn whole at the final size, the
            // top bar on the first line (no backlog of stale frames in the way). tmux may still
            // be handing the pane its last sizes for a moment, so each screen is awaited.
            t.type("?")
            try t.waitFor("the help at 83x27") { screen in
                screen.count == rows && screen[0].hasPrefix(" 1 ") && screen.contains { $0.contains("Quire: keys") }
            }
            t.expectWellFormed()

            // Back in the post: the title bar first, the status bar last, nothing wider than 83.
            t.send("Escape")
            try t.waitFor("the post at 83x27") { $0.count == rows && $0[0].contains("Missile") && !$0.contains { $0.contains("Quire: keys") } }
            t.expectWellFormed()
            let post = t.capture()
            try #require(post.count == rows, "\(post.count) rows")
            #expect(post[0].hasPrefix(" 1 Archive") && post[0].contains("Missile Defense"), "title bar: \(post[0])")
            #expect(post[1].contains("Missile Defense Talks"), "the post's title: \(post[1])")
            #expect(post[rows - 1].contains("line") || post[rows - 1].contains("%"), "status bar: \(post[rows - 1])")
            for line in post { #expect(terminalWidth(line) <= cols, "wider than \(cols): \(line)") }
            try t.quitReader()
        }

        /// 1×1, 2×2 and 10×3 with keys pressed while tiny: the reader stays up, says the window
        /// is too small (as much of it as fits: at 1×1 the one cell is a lower-right corner and
        /// stays blank, see below), and draws the post again at 100×30.
        @Test func windowsDownToOneByOne() throws {
            let t = try TmuxPane(cols: 100, rows: 30)
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
            // Nothing to wait for at 1×1 (tmux's truncation of the old screen looks the same):
            // a key goes in while it is this small, and the 2×2 frame below, drawn after both,
            // shows the reader lived through them.
            #expect(isAlive(readerPID), "the reader died at 1x1")
            t.type("j")
            let one = try t.waitFor("a 1x1 screen") { $0.count == 1 }
            #expect(one.allSatisfy { terminalWidth($0) <= 1 }, "\(one)")
            #expect(onlyTheMessage(one), "at 1x1: \(one)")

            try t.resize(cols: 2, rows: 2)
            // The message's first letters replace the post: this frame was drawn after 1×1.
            let two = try t.waitFor("the message at 2x2") { $0 == ["te", "rm"] }
            #expect(onlyTheMessage(two))
            #expect(isAlive(readerPID), "the reader died at 2x2")
            t.type("?")

            try t.resize(cols: 10, rows: 3)
            let three = try t.waitFor("the message at 10x3") { $0.joined(separator: " ").contains("too small") }
            #expect(three.count == 3 && three.allSatisfy { terminalWidth($0) <= 10 }, "\(three)")
            #expect(onlyTheMessage(three), "at 10x3: \(three)")
            #expect(isAlive(readerPID), "the reader died at 10x3")

            // Normal again: the help asked for while tiny, then the post under it.
            try t.resize(cols: 100, rows: 30)
            try t.waitFor("the help at 100x30") { $0.count == 30 && $0.contains { $0.contains("Quire: keys") } }
            t.expectWellFormed()
            t.send("Escape")
            let back = try t.waitFor("the post at 100x30") { $0[0].contains("Missile Defense") && $0[1].contains("Missile Defense Talks") }
            #expect(!back.joined().contains("too small"))
            t.expectWellFormed()
            try t.quitReader()
        }

        /// The bottom cell of a one-column window: ncurses used to fill it from memory before the
        /// line (any character, any attributes: "ï", "—", blinking italics), because it writes an
        /// auto-margin terminal's lower-right cell from the column to its left. That cell must
        /// never be written (tmux then shows it as an empty row, with no attributes). Several
        /// rounds: what lay in that memory varied.
        @Test func oneColumnWindowsDrawNothingStray() throws {
            let t = try TmuxPane(cols: 100, rows: 30)
            defer { t.close() }
            try t.startReader()
            try t.openSeedPost()
            for round in 1...8 {
                try t.resize(cols: 1, rows: 5)
                // The message's first letters, one a row, and the last row plain and empty.
                try t.waitFor("1x5, round \(round)", escaped: true) { lines in
                    lines.count == 5 && lines[0].hasSuffix("t") && lines[1] == "e" && lines[2] == "r"
                        && lines[3].hasPrefix("m") && lines[4].isEmpty
                }
                try t.resize(cols: 1, rows: 1)
                try t.waitFor("1x1, round \(round)", escaped: true) { $0 == [""] }
                try t.resize(cols: 100, rows: 30)
                try t.waitFor("100x30, round \(round)") { $0.count == 30 && $0[0].contains("Missile Defense") && $0[1].contains("Missile Defense") }
            }
            t.expectWellFormed()
            try t.quitReader()
        }

        // MARK: TERM

        /// TERM=dumb in a real terminal: one line of error, the shell's modes as they were, and
        /// nothing else on the screen (ncurses could start on dumb and drew a screen of garbage
        /// with newlines and spaces).
        @Test func dumbTerminalGetsOneLineAndTheScreenStaysClean() throws {
            // Wide enough for the message on one row.
            let t = try TmuxPane(cols: 200, rows: 24)
            defer { t.close() }
            let store = try DemoStore.shared.checkedPath()
            t.shell("clear; S=$(stty -g); TERM=dumb \(shellQuoted(quireBinary)) --store \(shellQuoted(store)); "
                    + "echo \"EXIT=$?\"; [ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
            let screen = try t.waitFor("the shell back") { $0.contains { $0.hasPrefix("EXIT=") } && $0.last { !$0.isEmpty } == "$" }
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

        /// The reader, in a post, gets the signal; it leaves the alternate screen, shows the
        /// cursor, gives back the modes and ends by that signal (the shell sees 128 + n).
        ///
        /// The checks run as a second command line: bash abandons the rest of a list whose
        /// command died by SIGINT (as it should: that is how Ctrl-C stops a script).
        @Test(arguments: [("SIGTERM", SIGTERM), ("SIGINT", SIGINT), ("SIGHUP", SIGHUP)])
        func signalRestoresTheTerminal(name: String, signal: Int32) throws {
            let t = try TmuxPane(cols: 80, rows: 24)
            defer { t.close() }
            let store = try DemoStore.shared.checkedPath()
            t.shell("clear; S=$(stty -g); \(shellQuoted(quireBinary)) --store \(shellQuoted(store))")
            try t.waitFor("the reader", TmuxPane.atArchive)
            try t.openSeedPost()
            // While reading: alternate screen on, cursor hidden (so the checks below can fail).
            #expect(t.format("#{alternate_on} #{cursor_flag}") == "1 0")
            let pid = try t.readerPID()
            #expect(kill(pid, signal) == 0)
            try t.waitFor("the shell back") { !$0.contains { $0.contains("1 Archive") } && $0.last { !$0.isEmpty } == "$" }
            t.shell("echo \"EXIT=$?\"; [ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
            try t.expectCleanExit()
            let screen = t.capture()
            #expect(screen.contains("EXIT=\(128 + signal)"), "\(name): \(screen.filter { $0.hasPrefix("EXIT=") })")
            #expect(t.format("#{alternate_on} #{cursor_flag}") == "0 1", "after \(name)")
            #expect(!isAlive(pid))
        }

        /// The other SIGHUP: the terminal itself goes away (the pane is killed under the reader).
        /// The reader must end, not spin on a dead terminal.
        @Test func closingTheTerminalEndsTheReader() throws {
            let t = try TmuxPane(cols: 80, rows: 24)
            defer { t.close() }
            try t.startReader()
            let pid = try t.readerPID()
            #expect(isAlive(pid))
            t.killPane()
            let ended = (try? waitUntil("the reader to end") { !isAlive(pid) }) != nil
            #expect(ended, "the reader outlived its terminal")
        }
    }

    /// No tmux: quire under a pseudo-terminal of the test's own, stdout read byte for byte.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: quireBinary), "needs the quire binary"))
    struct WithoutATerminalType {
        /// TERM unset, empty, dumb or unknown: the reader exits 1 with one line on stderr that
        /// names TERM and says what to set it to, and writes nothing to the terminal.
        @Test(arguments: [(nil, "TERM is not set"), ("", "TERM is not set"), ("dumb", "TERM is dumb"),
                          ("no-such-terminal", "TERM is no-such-terminal")] as [(String?, String)])
        func theReaderRefusesWithOneClearLine(term: String?, naming: String) throws {
            let store = try DemoStore.shared.checkedPath()
            let r = try PTY.run(quireBinary, ["--store", store, "read"], term: term)
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
            let store = try DemoStore.shared.checkedPath()
            let commands: [([String], String)] = [
                (["list"], "Missile Defense Talks With Russia Fail"),
                (["show", "Missile Defense Talks With Russia Fail"], "credible"),
                (["search", "interceptors"], "*interceptors*"),
            ]
            for (args, expected) in commands {
                let r = try PTY.run(quireBinary, ["--store", store] + args, term: term)
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
            let styled = try PTY.run(quireBinary, ["--store", store, "search", "interceptors"], term: "xterm-256color")
            #expect(styled.status == 0)
            let bold = String(decoding: styled.terminal, as: UTF8.self).contains("\u{1B}[1minterceptors\u{1B}[22m")
            #expect(bold, "with TERM=xterm-256color hits are bold: \(TerminalStream.describe(styled.terminal.prefix(200)))")
        }
    }

    /// In a non-UTF-8 locale the reader must be readable, with replacement characters, and never
    /// show mojibake. No Latin-1 locale is installed and the tests install nothing, so glibc's
    /// `localedef` builds en_US.ISO-8859-1 into a folder of the test's own (`LOCPATH`). The
    /// reader runs in it under the test's own pseudo-terminal (tmux would decode UTF-8 whatever
    /// the locale), and the bytes it writes are replayed on a Latin-1 screen (`ScreenReplay`).
    ///
    /// Each screen is compared with the same screen drawn in C.UTF-8 (the same keys, the same
    /// size): cell for cell the same, except that every character Latin-1 lacks ("›", "“", 東)
    /// is '?', and a wide one '?' then a blank, so every column stays where it was.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: quireBinary), "needs the quire binary"))
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
            #expect(post[0].contains(" 5 Posts 6 History ? "), "top bar, › as ?: \(post[0])")
            #expect(post[1].contains("Crème Brûlée for the Holidays"), "the title: \(post[1])")
            #expect(post.contains { $0.contains("café near the Gare") }, "café:\n\(post.joined(separator: "\n"))")
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
            let charmap = try run("/usr/bin/env", ["LOCPATH=\(locpath)", "LC_ALL=\(Latin1Locale.name)", "locale", "charmap"])
            try #require(charmap.status == 0 && charmap.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ISO-8859-1",
                         "the built locale is not ISO-8859-1: \(charmap.stdout)\(charmap.stderr)", sourceLocation: sourceLocation)

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
            let store = try DemoStore.shared.checkedPath()
            let r = try PTY.run(quireBinary, ["--store", store, "read", slug], term: "xterm-256color", environment: environment,
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
        let store = try DemoStore.shared.checkedPath()
        for (slug, title, inText) in [("creme-brulee-for-the-holidays", "Crème Brûlée for the Holidays", "café"),
                                      ("tokyo-first-impressions", "Tokyo", "東京")] {
            let t = try TmuxPane(cols: 100, rows: 30)
            defer { t.close() }
            let screen = try t.startReader(store: store, args: "read \(slug)", env: env) {
                $0.count == 30 && $0[0].contains("1 Archive") && !$0[29].isEmpty && $0[1].contains(title.prefix(3))
            }
            let all = screen.joined(separator: "\n")
            #expect(shows(title, in: screen[1]), "\(env): title \(screen[1])", sourceLocation: sourceLocation)
            #expect(shows(" 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › ", in: screen[0]), "\(env): \(screen[0])", sourceLocation: sourceLocation)
            let text = (try? t.scroll(until: inText) { $0.contains { shows(inText, in: $0) } }) ?? t.capture()
            #expect(text.contains { shows(inText, in: $0) }, "\(env): never showed \(inText)", sourceLocation: sourceLocation)
            for piece in mojibake {
                #expect(!all.contains(piece) && !text.joined().contains(piece), "\(env): mojibake \(piece.debugDescription):\n\(all)",
                        sourceLocation: sourceLocation)
            }
            t.expectWellFormed(sourceLocation: sourceLocation)
            try t.quitReader()
        }
    }
}

/// en_US.ISO-8859-1, built once per test process with glibc's `localedef` into a folder of its
/// own, for `LOCPATH`: nothing is installed. The folder, or why it could not be built.
enum Latin1Locale {
    static let name = "en_US.ISO-8859-1"

    static let built: Result<String, TestFailure> = {
        let dir = folder(pid: getpid())
        try? FileManager.default.removeItem(at: dir)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            return .failure(TestFailure("cannot make \(dir.path): \(error)"))
        }
        // Removed when the test process exits; the closure captures nothing, as C requires.
        atexit { try? FileManager.default.removeItem(at: Latin1Locale.folder(pid: getpid())) }
        let made = try? run("/usr/bin/env", ["localedef", "-i", "en_US", "-f", "ISO-8859-1", dir.appendingPathComponent(name).path])
        guard let made, made.status == 0 else {
            return .failure(TestFailure("localedef -i en_US -f ISO-8859-1 failed (status \(made?.status ?? -1)): \(made?.stdout ?? "")\(made?.stderr ?? "")"))
        }
        return .success(dir.path)
    }()

    static func folder(pid: pid_t) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("quire-locale-\(pid)")
    }
}
