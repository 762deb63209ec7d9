import Foundation
import Testing

/// The reader in a `TmuxPane`: starting it, walking to a post, checking its screens and its exit.
///
///     let pane = try TmuxPane(cols: 100, rows: 30)
///     defer { pane.close() }
///     try pane.startReader()                 // or startReader(args: "read SLUG", until: { ... })
///     try pane.openSeedPost()                // Archive → 2007 → October → the seed post
///     try pane.scroll(untilShown: "[1] Please read my post")
///     pane.expectWellFormed()                // waits for a whole screen: bars, rows, widths
///     try pane.sync()                        // every key sent so far has been handled
///     try pane.quitReader()                  // Q; the prompt is back and the modes are restored
///
/// The reader runs from the pane's shell with a check after it: the shell prints
/// TERMINAL-RESTORED when the terminal's modes are as they were before it started.
extension TmuxPane {
    /// The Archive screen is up: its tab in the top bar, the list's position in the status bar.
    static func atArchive(_ screen: [String]) -> Bool { screen[0].contains("1 Archive") && screen.last!.contains("1/") }

    /// Starts `quire --store STORE ARGS` (the demo store by default) from the pane's shell with
    /// `env` (shell assignments) before it, and waits until `ready` holds. The command line is on
    /// the screen until the reader clears it: conditions look for what only the reader draws.
    @discardableResult
    func startReader(store: String? = nil, args: String = "", env: String = "",
                     until ready: ([String]) -> Bool = TmuxPane.atArchive) throws -> [String] {
        let store = try store ?? DemoStore.shared.checkedPath()
        shell("clear; S=$(stty -g); \(env) \(shellQuoted(quireBinary)) --store \(shellQuoted(store)) \(args); "
              + "[ \"$(stty -g)\" = \"$S\" ] && echo TERMINAL-RESTORED")
        return try waitFor("the reader", ready)
    }

    /// The reader's pid.
    func readerPID() throws -> pid_t { try childOfShell() }

    /// Q, then `expectCleanExit`.
    func quitReader(sourceLocation: SourceLocation = #_sourceLocation) throws {
        send("Q")
        try expectCleanExit(sourceLocation: sourceLocation)
    }

    /// The shell is back with its prompt, the reader's screen is gone and the modes are restored.
    func expectCleanExit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The shell prints its prompt just after the line: wait for both, or a capture taken in
        // between fails on a prompt still to come.
        let screen = try waitFor("the shell back, the modes restored") { screen in
            screen.contains("TERMINAL-RESTORED") && screen.last { !$0.isEmpty } == "$"
        }
        #expect(!screen.contains { $0.contains("1 Archive") }, "the reader's screen was left behind", sourceLocation: sourceLocation)
    }

    /// Waits until every key sent so far has been handled and drawn: opens the help and closes
    /// it again (keys are handled in order, so the help shows after the ones before it). Only
    /// where `?` opens the help: not while a line of text is being typed, nor at a question.
    func sync() throws {
        send("?")
        try waitFor(text: "Quire: keys")
        send("Escape")
        try waitUntilGone(text: "Quire: keys")
    }

    /// What is wrong with a screen: rows, bars and widths out of place, or a control character
    /// that reached ncurses (drawn in caret notation).
    func wellFormedProblems(_ screen: [String]) -> [String] {
        var problems: [String] = []
        if screen.count != rows { problems.append("\(screen.count) rows in a \(rows)-row pane") }
        if screen.first?.hasPrefix(" 1 ") != true { problems.append("top bar: \(screen.first ?? "")") }
        if screen.last?.isEmpty != false { problems.append("no status bar") }
        let tooWide = screen.filter { terminalWidth($0) > cols }
        if !tooWide.isEmpty { problems.append("rows wider than \(cols): \(tooWide)") }
        let carets = screen.filter { $0.contains("^[") || $0.contains("^G") || $0.contains("^H") }
        if !carets.isEmpty { problems.append("control characters reached ncurses: \(carets)") }
        return problems
    }

    /// Waits for a whole, well-formed screen (a capture may catch a frame half drawn); records
    /// what is wrong with the last one if none comes.
    func expectWellFormed(sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try waitFor("a well-formed screen") { wellFormedProblems($0).isEmpty }
        } catch {
            Issue.record("\(wellFormedProblems(capture())) \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Archive → 2007 → October → "Missile Defense Talks With Russia Fail".
    func openSeedPost() throws {
        try selectRow { $0[0].hasSuffix("› 2007") }
        send("Enter")
        try selectRow { $0[0].hasSuffix("› 2007 › October") }
        send("Enter")
        let screen = try waitFor("October open") { screen in
            screen.contains { $0.contains("▾ October") } && screen.contains { $0.contains("Missile Defense Talks") }
        }
        let month = try #require(screen.firstIndex { $0.contains("▾ October") })
        let post = try #require(screen.firstIndex { $0.contains("Missile Defense Talks") })
        for _ in 0..<(post - month) { try moveSelection("Down") }
        send("Enter")
        try waitFor("the seed post") { $0[0].contains("Missile Defense") && $0[1].contains("Missile Defense") }
    }

    /// Presses Down until the top bar says the wanted row is selected.
    private func selectRow(_ selected: ([String]) -> Bool) throws {
        for _ in 0..<40 {
            if selected(capture()) { return }
            try moveSelection("Down")
        }
        throw TestFailure("row not found; screen:\n" + capture().joined(separator: "\n"))
    }

    /// Moves the selection in a list: the status bar counts the selected row ("8/19 42%").
    private func moveSelection(_ key: String) throws {
        let before = capture().last
        send(key)
        try waitFor("the selection to move from \(before ?? "")") { $0.last != before }
    }

    /// The reader's position in its status bar: "all", or "line N/TOTAL P%".
    static func position(_ screen: [String]) -> (line: Int, total: Int, atEnd: Bool)? {
        let status = screen.last ?? ""
        if status.hasSuffix(" all") { return (1, 0, true) }
        guard let range = status.range(of: #"line [0-9]+/[0-9]+ [0-9]+%$"#, options: .regularExpression) else { return nil }
        let parts = status[range].dropFirst(5).split(whereSeparator: { $0 == "/" || $0 == " " || $0 == "%" })
        guard parts.count == 3, let line = Int(parts[0]), let total = Int(parts[1]), let percent = Int(parts[2]) else { return nil }
        return (line, total, percent == 100)
    }

    /// Scrolls down a line at a time (j) until `shown` holds for the screen, and returns it.
    @discardableResult
    func scroll(until what: String, _ shown: ([String]) -> Bool) throws -> [String] {
        var screen = capture()
        while !shown(screen) {
            guard let before = Self.position(screen), !before.atEnd else {
                throw TestFailure("scrolled to the end and never showed \(what); screen:\n" + screen.joined(separator: "\n"))
            }
            send("j")
            screen = try waitFor("line \(before.line + 1)") { Self.position($0)?.line == before.line + 1 }
        }
        return screen
    }

    /// Scrolls until `text` is in the text (above the status bar).
    @discardableResult
    func scroll(untilShown text: String) throws -> [String] {
        try scroll(until: text) { $0.dropLast().contains { $0.contains(text) } }
    }

    /// The text drawn as the selected link (underlined and reversed), if any.
    func selectedLink() -> String? {
        var selected = "", inside = false
        for line in captureEscaped() {
            var rest = Substring(line)
            while let c = rest.first {
                // An SGR sequence: ESC [ numbers m. A reset (0) ends the selection unless the
                // same sequence starts it again; colours alone change nothing.
                if c == "\u{1B}", rest.dropFirst().first == "[",
                   let end = rest.dropFirst(2).firstIndex(where: { !($0.isNumber || $0 == ";") }), rest[end] == "m" {
                    let parameters = rest[rest.index(rest.startIndex, offsetBy: 2)..<end].split(separator: ";").compactMap { Int($0) }
                    if parameters.contains(4) && parameters.contains(7) {
                        inside = true
                    } else if parameters.isEmpty || parameters.contains(0) || parameters.contains(24) || parameters.contains(27) {
                        inside = false
                    }
                    rest = rest[rest.index(after: end)...]
                    continue
                }
                if inside { selected.append(c) }
                rest = rest.dropFirst()
            }
            if inside { selected.append(" ") }
        }
        return selected.isEmpty ? nil : selected
    }

    // MARK: A pane that records what the reader writes

    /// A pane whose only program is `quire ARGS`, with every byte it writes kept (`recording`),
    /// TERM=screen and a UTF-8 locale; its exit status is printed after it as EXIT=n. Started
    /// waiting for a line, so that the recording is in place before quire writes anything:
    /// `startRecordedReader` lets it go.
    static func recordingReader(cols: Int, rows: Int, args: [String]) throws -> TmuxPane {
        let script = "read _; " + ([quireBinary] + args).map(shellQuoted).joined(separator: " ") + "; echo \"EXIT=$?\"; read _"
        return try TmuxPane(cols: cols, rows: rows, env: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"],
                            command: ["/bin/sh", "-c", script], recording: true)
    }

    func startRecordedReader() throws {
        send("Enter")
        try waitFor("the reader") { $0.first?.contains("1 Archive") == true && $0.count == rows }
    }

    /// Q, then the recorded reader's exit status 0.
    func quitRecordedReader(sourceLocation: SourceLocation = #_sourceLocation) throws {
        send("Q")
        let screen = try waitFor("quire to exit") { $0.contains { $0.hasPrefix("EXIT=") } }
        #expect(screen.contains("EXIT=0"), sourceLocation: sourceLocation)
    }
}
