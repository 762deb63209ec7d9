import Foundation
import QuireCorpus
import QuireModel
import QuireStore

/// Search latency of Quire, next to grep (rg) over one file per post and the sqlite3 shell
/// running the same FTS5 MATCH on Quire's store.
struct SearchBench {
    var store: String
    var corpusDir: String
    var queries: [BenchmarkQuery]
    var repeats: Int

    func run(into table: inout BenchTable) throws {
        let archive = try ArchiveStore(path: store)
        for q in queries { _ = try archive.search(q.text, limit: 50) } // warm the cache
        var all: [Double] = []
        var byKind: [BenchmarkQuery.Kind: [Double]] = [:]
        for _ in 0..<repeats {
            for q in queries {
                let t = try Measure.ms { _ = try archive.search(q.text, limit: 50) }
                all.append(t); byKind[q.kind, default: []].append(t)
            }
        }
        table.add("search (Quire, ranked + snippets, 50 hits)",
                  String(format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", Measure.percentile(all, 50),
                         Measure.percentile(all, 95), Measure.percentile(all, 99)), target: "p50 ≤ 10 ms, p99 ≤ 50 ms")
        for kind in BenchmarkQuery.Kind.allCases {
            let t = byKind[kind] ?? []
            table.add("  \(kind.rawValue)", String(format: "p50 %.2f ms, p99 %.2f ms", Measure.percentile(t, 50), Measure.percentile(t, 99)))
        }
        let quireP50 = Measure.percentile(all, 50)

        if let grepTimes = try grep() {
            let p50 = Measure.percentile(grepTimes.times, 50)
            table.add("search (\(grepTimes.tool), warm)", String(format: "p50 %.1f ms → Quire ÷ %@ = %.4f (%.0f× faster)",
                                                               p50, grepTimes.tool, quireP50 / p50, p50 / quireP50), target: "≥ 20× faster")
        } else {
            table.add("search (grep)", "skipped: neither rg nor grep found")
        }
        let quireMean = all.reduce(0, +) / Double(max(all.count, 1))
        if let plain = try sqlite3(ranked: false), let ranked = try sqlite3(ranked: true) {
            table.add("search (sqlite3 MATCH … LIMIT 50, unranked)", String(format: "mean %.3f ms; Quire mean %.3f ms → Quire ÷ sqlite3 = %.2f",
                                                                             plain, quireMean, quireMean / plain), target: "≤ 1.5")
            table.add("search (sqlite3 MATCH … ORDER BY rank LIMIT 50)", String(format: "mean %.3f ms → Quire ÷ sqlite3 = %.2f",
                                                                                 ranked, quireMean / ranked), target: "≤ 1.5")
        } else {
            table.add("search (sqlite3)", "skipped: sqlite3 not found")
        }
    }

    /// One timed rg (or grep) run per query, after one untimed run to warm the page cache.
    func grep() throws -> (tool: String, times: [Double])? {
        let rg = Measure.which("rg"), grep = Measure.which("grep")
        guard let tool = rg ?? grep else { return nil }
        var times: [Double] = []
        for q in queries {
            let pattern: String
            if q.kind == .prefix { pattern = q.words[0].dropLast() + "\\w*" } else { pattern = q.words.joined(separator: " ") }
            let args = rg != nil ? ["-l", "-i", "-w", pattern, corpusDir] : ["-rliwE", pattern, corpusDir]
            _ = try Measure.spawn(tool, args)
            times.append(try Measure.spawn(tool, args).seconds * 1000)
        }
        return (rg != nil ? "rg" : "grep", times)
    }

    /// Mean milliseconds per query of the same FTS5 expressions in the sqlite3 shell: its
    /// `.timer` rounds to whole milliseconds, so one process runs every query `rounds` times
    /// and the time of a process that runs none is taken off.
    func sqlite3(ranked: Bool, rounds: Int = 20) throws -> Double? {
        guard let sqlite = Measure.which("sqlite3") else { return nil }
        let order = ranked ? " ORDER BY rank" : ""
        let statements = queries.compactMap { q in SearchQuery(parsing: q.text).ftsExpression }.map {
            "SELECT rowid FROM post_fts WHERE post_fts MATCH '\($0.replacingOccurrences(of: "'", with: "''"))'\(order) LIMIT 50;\n"
        }
        let scriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("quire-bench-\(getpid()).sql")
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        try String(repeating: statements.joined(), count: rounds).write(to: scriptFile, atomically: true, encoding: .utf8)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("quire-bench-\(getpid())-empty.sql")
        defer { try? FileManager.default.removeItem(at: empty) }
        try "SELECT 1;\n".write(to: empty, atomically: true, encoding: .utf8)
        _ = try Measure.spawn(sqlite, [store, ".read \(scriptFile.path)"]) // warm the cache
        let base = try (0..<3).map { _ in try Measure.spawn(sqlite, [store, ".read \(empty.path)"]).seconds }.min()!
        let full = try (0..<3).map { _ in try Measure.spawn(sqlite, [store, ".read \(scriptFile.path)"]).seconds }.min()!
        return max(0, full - base) * 1000 / Double(rounds * statements.count)
    }
}

/// Fetching a page deep in the date list and in the largest label, by keyset cursor.
struct PagingBench {
    var store: String
    var label: String
    static let pageSize = 20

    func run(into table: inout BenchTable) throws {
        let archive = try ArchiveStore(path: store)
        for (name, filter) in [("date list", PostFilter()), ("label “\(label)”", PostFilter(labels: [label]))] {
            let total = try archive.count(filter)
            let page = min(1000, max(1, total / Self.pageSize))
            var cursor: PostCursor?
            for _ in 1..<page { cursor = try archive.posts(filter, after: cursor, limit: Self.pageSize).last?.cursor }
            let times = try (0..<20).map { _ in try Measure.ms { _ = try archive.posts(filter, after: cursor, limit: Self.pageSize) } }
            table.add("list page \(page) of the \(name) (\(total) posts)", String(format: "p50 %.3f ms, max %.3f ms",
                      Measure.percentile(times, 50), times.max() ?? 0), target: "≤ 5 ms")
        }
    }
}
