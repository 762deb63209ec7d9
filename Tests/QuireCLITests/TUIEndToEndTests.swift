import Foundation
import Testing

/// End-to-end tests of the full-screen reader: the real `quire` binary inside tmux (`TmuxPane`)
/// on a store imported from the demo archive. Keys go in with `send-keys`; each step waits for
/// what the screen must show after it.
@Suite(.enabled(if: TmuxPane.available, "needs tmux and the quire binary (QUIRE_BIN or .build/debug/quire)"))
struct TUIEndToEndTests {
    @Test func mainPathAt100x30() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()

        // Note 1 sits right after the paragraph that cites it, indented.
        let screen = try t.scroll(untilShown: "[1] Please read my post")
        let note = try #require(screen.firstIndex { $0.contains("[1] Please read my post") })
        #expect(screen[note - 1].contains("threat then. gah."))
        let indent = { (line: String) in line.prefix { $0 == " " }.count }
        #expect(indent(screen[note]) == indent(screen[note - 1]) + 4, "\(screen[note - 1])\n\(screen[note])")

        // Tab to the marker, then to the reference in the note, and follow it.
        t.send("Tab", "Tab")
        try t.waitFor("the reference in the note selected") { _ in t.selectedLink()?.contains(nmdTitle) == true }
        let before = t.capture()
        t.send("Enter")
        try t.waitFor("the referenced post") { $0[0].contains(nmdTitle) && $0[1].contains("Why Does Russia Object") }
        t.send("PageDown")
        try t.waitFor("a page down") { TmuxPane.position($0).map { $0.line > 1 || $0.total == 0 } == true }

        // Backspace comes back to exactly the same place.
        t.send("BSpace")
        let back = try t.waitFor("the same place in the seed post") {
            $0[0].contains(seedTitle) && Array($0.dropLast()) == Array(before.dropLast())
        }
        #expect(Array(back.dropLast()) == Array(before.dropLast()))

        // Search a keyword and open a hit.
        t.send("q", "/")
        try t.waitFor(text: "Search:")
        t.type("interceptors")
        let results = try t.waitFor("the results") { $0[1].contains("Search: interceptors") && $0[2].contains("result") }
        let firstRow = try #require(results.dropFirst(3).first)
        // A row is the unread flag, the date, then the title.
        let date = try #require(firstRow.range(of: #"\d{4}-\d{2}-\d{2}  "#, options: .regularExpression), "\(firstRow)")
        let firstTitle = String(firstRow[date.upperBound...]).trimmingCharacters(in: .whitespaces)
        t.send("Enter")
        try t.waitFor("the hit") { $0[0].contains(String(firstTitle.prefix(20))) && $0.last!.contains("line") }

        // Browse a label: the top label's posts, then open one.
        t.send("q", "2")
        let labels = try t.waitFor(text: "labels, by")
        // A label row is its name, then its counts at the right edge.
        let label = labels[2].trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")[0]
        t.send("Enter")
        try t.waitFor("the label's posts") { $0[1].contains("\(label):") && $0[1].contains("post") }
        t.send("Enter")
        try t.waitFor("a post") { $0.last!.contains("line") || $0.last!.contains("all") }
        // q closes the post, then the label's posts, then quits from the top screen.
        t.send("q", "q", "q")
        try t.expectCleanExit()
    }

    @Test(arguments: [(60, 20), (40, 12)])
    func narrowTerminals(cols: Int, rows: Int) throws {
        let t = try TmuxPane(cols: cols, rows: rows)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()
        t.expectWellFormed()
        try t.scroll(untilShown: "[1] Please read")
        t.expectWellFormed()
        t.send("Tab", "Tab", "Enter")
        try t.waitFor("the referenced post") { $0[0].contains("Why Does Russia") }
        t.expectWellFormed()
        t.send("BSpace")
        try t.waitFor("the seed post") { $0[0].contains("Missile Defense") }
        t.send("?")
        try t.waitFor(text: "Quire: keys")
        t.expectWellFormed()
        t.send("q", "2")
        try t.waitFor(text: "labels, by")
        t.expectWellFormed()
        t.send("3")
        t.type("russia")
        try t.waitFor(text: "result")
        t.expectWellFormed()
        // Escape and the next key, sent together, would read as Alt and that key.
        t.send("Escape")
        try t.waitFor("the results, not the query line") { !$0.last!.contains("↓ results") }
        // q on the results goes back to the screen before Search; Q quits.
        t.send("q")
        try t.waitFor(text: "labels, by")
        t.send("Q")
        try t.expectCleanExit()
    }

    @Test func resizeReflowsAndKeepsThePlace() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        try t.startReader()
        try t.openSeedPost()
        let start = try t.scroll(untilShown: "[1] Please read my post")
        // The first words at the top of the text stay at the top through every reflow.
        let topWords = start[1].split(separator: " ").prefix(3).joined(separator: " ")
        for (cols, rows) in [(60, 20), (40, 12), (100, 30)] {
            try t.resize(cols: cols, rows: rows)
            let screen = try t.waitFor("the post at \(cols)x\(rows)") { $0.count == rows && $0[0].contains("Missile") && !$0[rows - 1].isEmpty }
            let top = screen[1...2].joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(top.contains(topWords), "\(topWords) is no longer at the top at \(cols)x\(rows)")
            t.expectWellFormed()
        }
        try t.resize(cols: 15, rows: 5)
        try t.waitFor("too small") { $0.joined(separator: " ").split(separator: " ").joined(separator: " ").contains("too small") }
        try t.resize(cols: 100, rows: 30)
        try t.waitFor("the post again") { $0[0].contains("Missile Defense Talks") }
        try t.quitReader()
    }

    @Test func suspendAndResume() throws {
        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        t.shell("\(shellQuoted(quireBinary)) --store \(shellQuoted(try DemoStore.shared.checkedPath()))")
        try t.waitFor("the reader") { $0[0].contains("1 Archive") }
        t.send("C-z")
        try t.waitFor(text: "Stopped")
        t.shell("fg")
        try t.waitFor("the reader again") { $0[0].contains("1 Archive") && $0.last!.contains("1/") }
        t.send("Q")
        try t.waitFor("the prompt") { $0.contains { $0.hasPrefix("$") } }
        t.shell("stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-OK")
        try t.waitFor("the modes checked") { $0.contains { $0 == "TTY-OK" } }
    }

    @Test func noColorDrawsWithAttributesOnly() throws {
        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        try t.startReader(env: "NO_COLOR=1")
        let escaped = try t.waitFor("the reader", escaped: true) { $0.contains { $0.contains("1 Archive") } }
        let parameters = sgrParameters(escaped.joined(separator: "\n"))
        #expect(parameters.contains(7), "reverse video for the bars")
        #expect(parameters.contains(1), "bold")
        let colours = parameters.filter { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
        #expect(colours.isEmpty, "colours drawn under NO_COLOR: \(colours)")
        try t.quitReader()
    }

    /// The numbers of every SGR sequence (`ESC [ ... m`) in captured text.
    func sgrParameters(_ text: String) -> [Int] {
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
}
