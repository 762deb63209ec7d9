import Foundation
import QuireCorpus
import QuireModel
import QuireStore

/// Search of text written without spaces between words (Japanese, Chinese, Thai, Korean), next
/// to the Latin corpus of the same run: import rate, search index size ÷ raw text, search
/// latency, and recall against a plain substring scan of the generated posts.
struct UnspacedBench {
    var posts: Int
    var seed: UInt64
    var repeats: Int
    var workURL: URL

    static let name = "Japanese/Chinese/Thai/Korean"

    func run(_ command: RunCommand, quire: String, latinStore: String, latinRaw: Int, into table: inout BenchTable) throws {
        let corpus = UnspacedCorpusGenerator(posts: posts, seed: seed)
        let dir = workURL.appendingPathComponent("unspaced-text"), marker = workURL.appendingPathComponent("unspaced-complete")
        let raw: Int
        if let saved = try? String(contentsOf: marker, encoding: .utf8), let n = Int(saved) {
            raw = n
        } else {
            log("generating \(posts) posts in Japanese, Chinese, Thai and Korean in \(dir.path)")
            try? FileManager.default.removeItem(at: dir)
            raw = try CorpusWriter.writeText(count: posts, post: corpus.post, to: dir)
            try "\(raw)".write(to: marker, atomically: true, encoding: .utf8)
        }
        let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }
        let store = workURL.appendingPathComponent("unspaced.sqlite").path
        log("importing the \(Self.name) corpus (\(command.importRuns) times)")
        let imports = try command.importRuns(quire, store: store, source: dir.path)
        table.add("import from text, \(Self.name)", imports.describe(posts: posts, megabytes: mb(raw)))
        guard imports.failed == nil else { return }

        let archive = try ArchiveStore(path: store)
        let index = try archive.searchIndexBytes(), latinIndex = try ArchiveStore(path: latinStore).searchIndexBytes()
        table.add("search index ÷ raw text, \(Self.name)", String(format: "%.2f (%.1f MB ÷ %.1f MB)", Double(index) / Double(raw),
                                                                   mb(index), mb(raw)), target: "≤ 3")
        table.add("search index ÷ raw text, Latin", String(format: "%.3f (%.1f MB ÷ %.1f MB)", Double(latinIndex) / Double(latinRaw),
                                                            mb(latinIndex), mb(latinRaw)), target: "as before")

        let queries = corpus.benchmarkQueries()
        for q in queries { _ = try archive.search(q.text, limit: 50) } // warm the cache
        var all: [Double] = [], cpu: [Double] = []
        var byKind: [UnspacedQuery.Kind: [Double]] = [:]
        for _ in 0..<repeats {
            for q in queries {
                var used = 0.0
                let t = try Measure.ms { used = try Measure.cpuMs { _ = try archive.search(q.text, limit: 50) } }
                all.append(t); cpu.append(used); byKind[q.kind, default: []].append(t)
            }
        }
        table.add("search, \(Self.name) (ranked + snippets, 50 hits)",
                  String(format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d queries × %d)", Measure.percentile(all, 50),
                         Measure.percentile(all, 95), Measure.percentile(all, 99), queries.count, repeats), target: "p99 ≤ 50 ms")
        table.add("  the same, CPU time of the searching thread",
                  String(format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", Measure.percentile(cpu, 50),
                         Measure.percentile(cpu, 95), Measure.percentile(cpu, 99)))
        // The Latin corpus's queries, timed the same way in the same minutes: on a busy machine
        // the ratio of the two says more than either figure.
        let latin = try ArchiveStore(path: latinStore), latinQueries = CorpusGenerator(posts: posts, seed: seed).benchmarkQueries()
        for q in latinQueries { _ = try latin.search(q.text, limit: 50) }
        var latinWall: [Double] = [], latinCPU: [Double] = []
        for _ in 0..<repeats {
            for q in latinQueries {
                var used = 0.0
                latinWall.append(try Measure.ms { used = try Measure.cpuMs { _ = try latin.search(q.text, limit: 50) } })
                latinCPU.append(used)
            }
        }
        for kind in UnspacedQuery.Kind.allCases {
            let t = byKind[kind] ?? []
            table.add("  \(kind.rawValue)", String(format: "p50 %.2f ms, p99 %.2f ms", Measure.percentile(t, 50), Measure.percentile(t, 99)))
        }
        table.add("search, the Latin queries in this run: wall; CPU",
                  String(format: "p50 %.2f ms, p99 %.2f ms; p50 %.2f ms, p99 %.2f ms", Measure.percentile(latinWall, 50),
                         Measure.percentile(latinWall, 99), Measure.percentile(latinCPU, 50), Measure.percentile(latinCPU, 99)))

        log("scanning the \(posts) posts for the queries' text")
        let expected = SubstringScan.posts(holding: queries.map(\.text), count: posts, post: corpus.post)
        var holding = 0, found = 0, beyond = 0
        var lowest = (query: "", recall: 1.0)
        for (i, q) in queries.enumerated() {
            let hits = Set(try archive.allMatches(q.text).compactMap { Int($0.title.split(separator: " ").last ?? "") })
            let got = expected[i].intersection(hits).count
            holding += expected[i].count
            found += got
            beyond += hits.subtracting(expected[i]).count
            let recall = expected[i].isEmpty ? 1 : Double(got) / Double(expected[i].count)
            if recall < lowest.recall { lowest = (q.text, recall) }
        }
        table.add("recall against a substring scan, \(Self.name)",
                  String(format: "%.2f %% (%d of %d posts holding a query's text; lowest query %.2f %%%@); %d found beyond the scan",
                         holding == 0 ? 100 : 100 * Double(found) / Double(holding), found, holding, 100 * lowest.recall,
                         lowest.query.isEmpty ? "" : " " + lowest.query, beyond), target: "100 %")
    }
}
