import ArgumentParser
import Foundation
import QuireCorpus
import QuireModel
import QuireStore

/// `quire-bench run`: one side-by-side benchmark run that prints a table of figures.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Generate a corpus, measure Quire, grep and sqlite3 on it.")
    @Option(help: "Number of posts.") var posts = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Working folder (kept; reused when it already holds this corpus).") var work = "bench-out"
    @Option(help: "Repetitions of each search.") var repeats = 5
    @Option(help: "Imports of each corpus (the median is reported).") var importRuns = 3
    @Flag(help: "Only the Latin text import and the Japanese/Chinese/Thai/Korean search figures.") var unspacedOnly = false

    func run() throws {
        let workURL = URL(fileURLWithPath: work).appendingPathComponent("\(posts)-\(seed)")
        try FileManager.default.createDirectory(at: workURL, withIntermediateDirectories: true)
        let corpus = CorpusGenerator(posts: posts, seed: seed)
        let quire = Self.siblingBinary("quire")
        var table = BenchTable(command: "quire-bench run --posts \(posts) --seed \(seed)")

        let textDir = workURL.appendingPathComponent("text"), blogFile = workURL.appendingPathComponent("blog.xml")
        let marker = workURL.appendingPathComponent("complete")
        var rawBytes = 0, blogBytes = 0
        if let saved = try? String(contentsOf: marker, encoding: .utf8), let parts = Optional(saved.split(separator: " ")),
           parts.count == 2, let r = Int(parts[0]), let b = Int(parts[1]) {
            rawBytes = r; blogBytes = b
        } else {
            log("generating \(posts) posts (text and Blogger XML) in \(workURL.path)")
            try? FileManager.default.removeItem(at: textDir)
            rawBytes = try CorpusWriter.writeText(corpus, to: textDir)
            blogBytes = try CorpusWriter.writeBlogger(corpus, to: blogFile)
            try "\(rawBytes) \(blogBytes)".write(to: marker, atomically: true, encoding: .utf8)
        }
        let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }

        // Import, each into a new store, `importRuns` times: one run's time moves by ±5 % on
        // this kind of machine, so the median of a few is reported, with every run.
        let textStore = workURL.appendingPathComponent("text.sqlite").path
        let blogStore = workURL.appendingPathComponent("blog.sqlite").path
        log("importing the text corpus (\(importRuns) times)")
        let textImport = try importRuns(quire, store: textStore, source: textDir.path)
        table.add("import from text", textImport.describe(posts: posts, megabytes: mb(rawBytes)), target: "≥ 10,000 posts/s")
        guard textImport.failed == nil else { table.print(); throw ExitCode.failure }
        let unspaced = UnspacedBench(posts: posts, seed: seed, repeats: repeats, workURL: workURL)
        if unspacedOnly {
            try unspaced.run(self, quire: quire, latinStore: textStore, latinRaw: rawBytes, into: &table)
            table.print()
            return
        }
        log("importing the Blogger XML corpus (\(importRuns) times)")
        let blogImport = try importRuns(quire, store: blogStore, source: blogFile.path)
        table.add("import from Blogger XML", blogImport.describe(posts: posts, megabytes: mb(blogBytes)),
                  target: "≥ 5,000 posts/s, RSS ≤ 150 MB")

        let storeBytes = Measure.fileSize(textStore) + Measure.fileSize(textStore + "-wal")
        table.add("store size ÷ raw text", String(format: "%.2f (%.1f MB ÷ %.1f MB)", Double(storeBytes) / Double(rawBytes),
                                                   mb(storeBytes), mb(rawBytes)), target: "≤ 2")

        // Start-up: a new process that opens the store, builds the reader's first frame
        // off-screen and exits; warm cache (one untimed run first).
        _ = try Measure.spawn(quire, ["--store", textStore, "read", "--first-frame-only"])
        let starts = try (0..<7).map { _ in try Measure.spawn(quire, ["--store", textStore, "read", "--first-frame-only"]) }
        guard starts.allSatisfy({ $0.status == 0 && $0.output.hasPrefix("first frame") }) else {
            throw ValidationError("quire read --first-frame-only failed")
        }
        table.add("start → first frame (new process, off-screen 100×30)",
                  String(format: "%.0f ms p50, peak RSS %.0f MB", Measure.percentile(starts.map { $0.seconds * 1000 }, 50),
                         starts.map(\.maxRSSMB).max() ?? 0), target: "≤ 150 ms, ≤ 50 MB")
        // The same on an archive a tenth the size (at most 10,000 posts), measured alternately
        // with the large one so both see the same machine: start-up must not grow with the archive.
        let smallPosts = min(10_000, max(1, posts / 10))
        let small = try smallStore(posts: smallPosts, quire: quire)
        var smallStarts: [Measure.ChildRun] = [], largeStarts: [Measure.ChildRun] = []
        _ = try Measure.spawn(quire, ["--store", small, "read", "--first-frame-only"])
        for _ in 0..<7 {
            smallStarts.append(try Measure.spawn(quire, ["--store", small, "read", "--first-frame-only"]))
            largeStarts.append(try Measure.spawn(quire, ["--store", textStore, "read", "--first-frame-only"]))
        }
        table.add("  the same at \(smallPosts) posts, alternating with \(posts)",
                  String(format: "%.0f ms vs %.0f ms p50; peak RSS %.0f MB vs %.0f MB",
                         Measure.percentile(smallStarts.map { $0.seconds * 1000 }, 50), Measure.percentile(largeStarts.map { $0.seconds * 1000 }, 50),
                         smallStarts.map(\.maxRSSMB).max() ?? 0, largeStarts.map(\.maxRSSMB).max() ?? 0), target: "within noise")

        if let common = corpus.benchmarkQueries().first(where: { $0.kind == .common }) {
            try ProcessBench(quire: quire, store: textStore, query: common).run(into: &table)
        }
        try SearchBench(store: textStore, corpusDir: textDir.appendingPathComponent("posts").path,
                        queries: corpus.benchmarkQueries(), repeats: repeats).run(into: &table)
        try PagingBench(store: textStore, label: corpus.largestLabel).run(into: &table)
        try UIBench(store: textStore).run(into: &table)
        try unspaced.run(self, quire: quire, latinStore: textStore, latinRaw: rawBytes, into: &table)
        table.print()
    }

    /// Imports of one source, each into a new store (the last one is kept).
    struct ImportRuns {
        var seconds: [Double] = []
        var maxRSSMB = 0.0
        var failed: Int32?

        func describe(posts: Int, megabytes: Double) -> String {
            if let failed { return "failed (exit \(failed))" }
            let median = Measure.percentile(seconds, 50)
            let each = seconds.map { String(format: "%.0f", Double(posts) / $0) }.joined(separator: ", ")
            return String(format: "%.0f posts/s (median of %d: %@), %.1f MB/s, peak RSS %.0f MB",
                          Double(posts) / median, seconds.count, each, megabytes / median, maxRSSMB)
        }
    }

    func importRuns(_ quire: String, store: String, source: String) throws -> ImportRuns {
        var runs = ImportRuns()
        for _ in 0..<max(1, importRuns) {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            let run = try Measure.spawn(quire, ["--store", store, "import", source])
            guard run.status == 0 else { runs.failed = run.status; return runs }
            runs.seconds.append(run.seconds)
            runs.maxRSSMB = max(runs.maxRSSMB, run.maxRSSMB)
        }
        return runs
    }

    /// A store of the first `posts` posts of a corpus with this seed, made once and kept.
    func smallStore(posts: Int, quire: String) throws -> String {
        let dir = URL(fileURLWithPath: work).appendingPathComponent("\(posts)-\(seed)")
        let store = dir.appendingPathComponent("text.sqlite").path
        let marker = dir.appendingPathComponent("store-complete")
        if FileManager.default.fileExists(atPath: marker.path) { return store }
        log("making a store of \(posts) posts for the start-up comparison")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try CorpusWriter.writeText(CorpusGenerator(posts: posts, seed: seed), to: dir.appendingPathComponent("text"))
        let run = try Measure.spawn(quire, ["--store", store, "import", dir.appendingPathComponent("text").path])
        guard run.status == 0 else { throw ValidationError("importing the \(posts)-post corpus failed") }
        try Data().write(to: marker)
        return store
    }

    static func siblingBinary(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }
}

func log(_ s: String) { FileHandle.standardError.write(Data(("quire-bench: " + s + "\n").utf8)) }

/// The figures of one run, printed as an aligned table.
struct BenchTable {
    var command: String
    var rows: [(String, String, String)] = []
    mutating func add(_ what: String, _ figure: String, target: String = "") { rows.append((what, figure, target)) }
    func print() {
        let w0 = rows.map(\.0.count).max() ?? 0, w1 = rows.map(\.1.count).max() ?? 0
        Swift.print("\n\(command)\n")
        Swift.print("what".padding(toLength: w0, withPad: " ", startingAt: 0) + "  " + "measured".padding(toLength: w1, withPad: " ", startingAt: 0) + "  target")
        for (a, b, c) in rows {
            Swift.print(a.padding(toLength: w0, withPad: " ", startingAt: 0) + "  " + b.padding(toLength: w1, withPad: " ", startingAt: 0) + "  " + c)
        }
    }
}
