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
        if let sqlite = try sqlite3() {
            let p50 = Measure.percentile(sqlite, 50)
            table.add("search (sqlite3 FTS5 MATCH … LIMIT 50)", String(format: "p50 %.2f ms → Quire ÷ sqlite3 = %.2f", p50, quireP50 / p50),
                      target: "≤ 1.5")
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

    /// The same FTS5 expressions in the sqlite3 shell, timed by its own `.timer`.
    func sqlite3() throws -> [Double]? {
        guard let sqlite = Measure.which("sqlite3") else { return nil }
        var script = ".timer on\n"
        for _ in 0..<(repeats + 1) {
            for q in queries {
                guard let expr = SearchQuery(parsing: q.text).ftsExpression else { continue }
                script += "SELECT rowid FROM post_fts WHERE post_fts MATCH '\(expr.replacingOccurrences(of: "'", with: "''"))' LIMIT 50;\n"
            }
        }
        let scriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("quire-bench-\(getpid()).sql")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        let run = try Measure.spawn(sqlite, [store, ".read \(scriptFile.path)"])
        let times = run.output.split(separator: "\n").filter { $0.hasPrefix("Run Time: real ") }.compactMap {
            Double($0.dropFirst("Run Time: real ".count).split(separator: " ").first ?? "").map { $0 * 1000 }
        }
        // The first round warms the cache.
        return Array(times.dropFirst(queries.count))
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
