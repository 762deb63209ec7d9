import Foundation
import QuireCorpus
import QuireModel

/// Whole processes, from exec to exit: `quire --help`, `quire search WORD`, and the sqlite3
/// shell running the same ranked FTS5 query on Quire's store. What a person waits for when
/// they type a command, start-up included; the three run in turn so all see the same machine.
struct ProcessBench {
    var quire: String
    var store: String
    var query: BenchmarkQuery
    var rounds = 21

    func run(into table: inout BenchTable) throws {
        let search = ["--store", store, "search", query.text, "--limit", "50"]
        var commands: [(name: String, program: String, args: [String])] = [
            ("quire --help", quire, ["--help"]),
            ("quire search \(query.text) (50 hits, snippets)", quire, search),
        ]
        if let sqlite = Measure.which("sqlite3"), let fts = SearchQuery(parsing: query.text).ftsExpression {
            let sql = "SELECT rowid FROM post_fts WHERE post_fts MATCH '\(fts.replacingOccurrences(of: "'", with: "''"))' ORDER BY rank LIMIT 50;"
            commands.append(("sqlite3 shell, the same MATCH … ORDER BY rank LIMIT 50", sqlite, [store, sql]))
        }
        var times = Array(repeating: [Double](), count: commands.count)
        for round in 0..<(rounds + 2) {
            for (i, c) in commands.enumerated() {
                let run = try Measure.spawn(c.program, c.args)
                guard run.status == 0, !run.output.isEmpty else {
                    throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(c.name) failed (exit \(run.status))"])
                }
                // The first two rounds warm the page cache and are not counted.
                if round >= 2 { times[i].append(run.seconds * 1000) }
            }
        }
        let p50 = times.map { Measure.percentile($0, 50) }
        for (i, c) in commands.enumerated() {
            var figure = String(format: "p50 %.1f ms, min %.1f ms", p50[i], times[i].min() ?? .nan)
            if i == 2 { figure += String(format: " → quire search ÷ sqlite3 = %.2f", p50[1] / p50[2]) }
            table.add((i == 0 ? "process, exec to exit: " : "  ") + c.name, figure)
        }
        if commands.count < 3 { table.add("  sqlite3 shell", "skipped: sqlite3 not found") }
    }
}
