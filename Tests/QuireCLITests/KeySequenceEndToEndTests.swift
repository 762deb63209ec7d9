import Foundation
import Testing

/// Keys whose sequences the terminfo entry in use does not list (TERM=xterm-256color inside
/// tmux, a terminal sending rxvt's or the Linux console's keys) reach the reader as one key, or
/// as one ignored key: never as Esc, `[`, `4` and `~`, each running a command of its own.
@Suite(.enabled(if: TmuxPane.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct KeySequenceEndToEndTests {
    /// The terminal types tried: those terminfo has here.
    static let terms = ["xterm-256color", "screen", "tmux-256color", "rxvt-unicode", "linux", "xterm-kitty", "alacritty"]
        .filter { (try? run("/usr/bin/infocmp", [$0]))?.status == 0 }

    /// The selected row of the list on screen and the rows of the list, from the status bar.
    static func listPosition(_ screen: [String]) -> (row: Int, count: Int)? {
        let status = screen.last ?? ""
        guard let range = status.range(of: #"[0-9]+/[0-9]+ [0-9]+%\s*$"#, options: .regularExpression) else { return nil }
        let parts = status[range].split(whereSeparator: { $0 == "/" || $0 == " " })
        guard parts.count >= 2, let row = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        return (row, count)
    }

    @Test(arguments: terms)
    func homeEndAndUnknownKeysOnTheArchive(term: String) throws {
        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        try t.startReader(env: "TERM=\(term)")
        // A year open, so that the list has rows to move through.
        t.send("Enter")
        let opened = try t.waitFor("a year opened") { Self.listPosition($0)?.count ?? 0 > 3 }
        let count = try #require(Self.listPosition(opened)).count

        func expectRow(_ row: Int, after what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let screen = try t.waitFor("row \(row) after \(what) (TERM=\(term))", sourceLocation: sourceLocation) {
                Self.listPosition($0)?.row == row
            }
            #expect(!screen.contains { $0.contains("No action for") }, "\(what) ran as pieces", sourceLocation: sourceLocation)
            #expect(!screen.contains { $0.contains("No bookmarks yet") }, "\(what) ran 4 (Bookmarks)", sourceLocation: sourceLocation)
            // Still the Archive: its first row is a year.
            #expect(screen[1].hasPrefix(" ▾ ") || screen[1].hasPrefix(" ▸ "), "\(what) left the Archive", sourceLocation: sourceLocation)
        }

        // tmux's own sequences for its key names.
        t.send("End")
        try expectRow(count, after: "End")
        t.send("Home")
        try expectRow(1, after: "Home")
        t.send("C-End")
        try expectRow(count, after: "Ctrl-End")
        t.send("C-Home")
        try expectRow(1, after: "Ctrl-Home")

        // Other terminals' sequences, written as those terminals write them.
        let ends: [(String, [String])] = [
            ("rxvt End", ["1b", "5b", "38", "7e"]), ("vt220 End", ["1b", "5b", "34", "7e"]),
            ("xterm End", ["1b", "5b", "46"]), ("xterm application End", ["1b", "4f", "46"]),
            ("xterm Ctrl-End", ["1b", "5b", "31", "3b", "35", "46"]),
        ]
        let homes: [(String, [String])] = [
            ("rxvt Home", ["1b", "5b", "37", "7e"]), ("vt220 Home", ["1b", "5b", "31", "7e"]),
            ("xterm Home", ["1b", "5b", "48"]), ("xterm application Home", ["1b", "4f", "48"]),
            ("xterm Ctrl-Home", ["1b", "5b", "31", "3b", "35", "48"]),
        ]
        for (end, home) in zip(ends, homes) {
            t.sendBytes(end.1)
            try expectRow(count, after: end.0)
            t.sendBytes(home.1)
            try expectRow(1, after: home.0)
        }

        // Keys with no action here, and a sequence nobody knows: each is one key, ignored.
        t.send("Down")
        try expectRow(2, after: "Down")
        for (name, bytes) in [("Insert", ["1b", "5b", "32", "7e"]), ("Delete", ["1b", "5b", "33", "7e"]),
                              ("an unknown key", ["1b", "5b", "39", "39", "7e"]), ("Ctrl-Insert", ["1b", "5b", "32", "3b", "35", "7e"])] {
            t.sendBytes(bytes)
            t.send("Down")
            t.send("Up")
            try expectRow(2, after: name)
        }
        // Modified arrows move as the arrows do.
        t.sendBytes(["1b", "5b", "31", "3b", "35", "42"])   // Ctrl-↓
        try expectRow(3, after: "Ctrl-Down")
        t.sendBytes(["1b", "5b", "31", "3b", "32", "41"])   // Shift-↑
        try expectRow(2, after: "Shift-Up")
        if term == "linux" {
            // The console has no alternate screen: the reader's last frame stays behind.
            t.send("Q")
            try t.waitFor(text: "TERMINAL-RESTORED")
        } else {
            try t.quitReader()
        }
    }
}
