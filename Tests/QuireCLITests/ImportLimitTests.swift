import Foundation
import Testing

/// Hostile inputs through the real `quire import`, each generated here: memory and time stay
/// bounded (peak resident memory from the child's rusage, under 300 MB), the import succeeds
/// with a warning that names the file, and every post it stored can be read back.
@Suite(.serialized) struct ImportLimitTests {
    /// Imports `files` (written under a new folder) into a new store and checks the bounds.
    /// The time limit is a hang guard, far above what any of these takes.
    struct Imported {
        /// Holds the inputs and the store: removed when this is dropped.
        var dir: TempDir
        var store: String
        var result: RunResult
    }

    static func importMeasured(_ files: [String: Data], paths: [String]? = nil, extra: [String] = []) throws -> Imported {
        let dir = try TempDir()
        for (name, bytes) in files {
            let path = dir.path(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        let store = dir.path("store.sqlite")
        let inputs = (paths ?? files.keys.sorted()).map { dir.path($0) }
        let r = try run(quireBinary, ["--store", store, "import"] + extra + inputs, timeout: 120 * Sanitizers.slowdown)
        #expect(!r.timedOut, "hung: \(r.stderr.suffix(500))")
        #expect(r.signal == nil, "crashed: signal \(r.signal ?? 0)\n\(r.stderr.suffix(2000))")
        #expect(r.peakMB < Sanitizers.memoryLimitMB, "peak resident memory \(r.peakMB) MB")
        return Imported(dir: dir, store: store, result: r)
    }

    /// Every post of the store, read back whole through `show --json` and `show`.
    static func readBack(_ store: String) throws -> [[String: Any]] {
        let listed = try quire(store, "list", "--json", "--limit", "100000")
        let rows = try JSONSerialization.jsonObject(with: listed.stdoutBytes) as? [[String: Any]] ?? []
        var posts: [[String: Any]] = []
        for row in rows {
            let id = String(row["id"] as? Int ?? 0)
            let shown = try quire(store, "show", id, "--json")
            #expect(shown.status == 0, "post \(id): \(shown.stderr)")
            posts.append(try JSONSerialization.jsonObject(with: shown.stdoutBytes) as? [String: Any] ?? [:])
            let plain = try quire(store, "show", id, "--width", "80")
            #expect(plain.status == 0 && plain.stderr.isEmpty, "post \(id): \(plain.stderr)")
        }
        return posts
    }

    // MARK: - Front matter

    @Test func yamlAliasesInFrontMatter() throws {
        var lines = ["---", "title: Laughs", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1..<8 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let laughs = (lines + ["tags: *a7", "---", "", "The body survives."]).joined(separator: "\n") + "\n"
        let keys = (lines + ["? *a7", ": x", "---", "", "The body survives."]).joined(separator: "\n") + "\n"
        let imported = try Self.importMeasured(["2030-01-01-laughs.md": Data(laughs.utf8), "2030-01-02-keys.md": Data(keys.utf8)])
        let r = imported.result
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2030-01-01-laughs.md:2: warning: front matter expands to more than"), "\(r.stderr)")
        #expect(r.stderr.contains("2030-01-02-keys.md:2: warning: front matter uses a YAML alias in a mapping key"), "\(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 2,"), "\(r.stdout)")
        let posts = try Self.readBack(imported.store)
        // Without its front matter, each post is titled by its file name.
        #expect(Set(posts.compactMap { $0["title"] as? String }) == ["Laughs", "Keys"])
        for post in posts {
            #expect((post["text"] as? String) == "The body survives.")
            #expect((post["labels"] as? [String]) == [])
        }
    }

    // MARK: - Nesting

    /// 300 levels once imported and then never read again (JSONDecoder refuses more than 512
    /// levels of JSON); 100,000 once overflowed the stack of the import (SIGSEGV).
    @Test func deepMarkdownImportsAndReadsBack() throws {
        func post(_ body: String) -> Data { Data(("---\ntitle: Deep\n---\n\n" + body + "\n\nAfter.\n").utf8) }
        let files = [
            "q300/2030-01-01-q.md": post(String(repeating: ">", count: 300) + " deep text"),
            "q100k/2030-01-01-q.md": post(String(repeating: ">", count: 100_000) + " deep text"),
            "l100k/2030-01-01-l.md": post(String(repeating: "- ", count: 100_000) + "deep text"),
            "o100k/2030-01-01-o.md": post(String(repeating: "1. ", count: 100_000) + "deep text"),
        ]
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let imported = try Self.importMeasured([name: bytes])
            let r = imported.result
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(": warning: \"Deep\" nests quotes or lists more than 100 levels deep"), "\(name): \(r.stderr)")
            let posts = try Self.readBack(imported.store)
            #expect(posts.count == 1)
            let text = posts.first?["text"] as? String ?? ""
            #expect(text.contains("deep text"), "\(name)")
        }
    }

    /// HTML nests as deep as its parser lets it; whatever it keeps, the post reads back.
    @Test func deepHTMLReadsBack() throws {
        func feed(_ html: String) -> Data {
            let escaped = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            return HostileInput.feed(HostileInput.entry(1, escaped))
        }
        for (name, html) in [("quotes.xml", HostileInput.nested("blockquote", 300, "deep")),
                             ("lists.xml", String(repeating: "<ul><li>", count: 300) + "deep" + String(repeating: "</li></ul>", count: 300)),
                             ("unclosed.xml", String(repeating: "<blockquote><ul><li>", count: 20_000) + "deep")] {
            let imported = try Self.importMeasured([name: feed(html)])
            #expect(imported.result.status == 0, "\(name): \(imported.result.stderr)")
            #expect(try Self.readBack(imported.store).count == 1, "\(name)")
        }
    }

    // MARK: - File names and links

    /// A name that is not UTF-8 once aborted the whole import; a link to /proc/self/environ
    /// was read as a post.
    @Test func namesThatAreNotUTF8AndLinksOutOfTheFolder() throws {
        let dir = try TempDir()
        let folder = dir.path("posts")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = Array(folder.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        try #require(fd >= 0)
        _ = "2030-01-01\n\nCafe\n\nA post under a Latin-1 name.\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        _ = try dir.write("posts/good.txt", "2030-01-02\n\nGood\n\nA post.\n")
        _ = try dir.write("elsewhere/secret.txt", "2030-01-03\n\nSecret\n\nzanzibarsecret\n")
        try FileManager.default.createSymbolicLink(atPath: folder + "/environ.txt", withDestinationPath: "/proc/self/environ")
        try FileManager.default.createSymbolicLink(atPath: folder + "/secret.txt", withDestinationPath: "../elsewhere/secret.txt")
        let store = dir.path("store.sqlite")
        let r = try run(quireBinary, ["--store", store, "import", folder], timeout: 60 * Sanitizers.slowdown)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 2, updated 0, unchanged 0, skipped: 2 link out of the folder, warnings 2"), "\(r.stdout)")
        #expect(r.stderr.contains("\(folder)/environ.txt: warning: a link to /proc/"), "\(r.stderr)")
        #expect(r.stderr.contains("\(folder)/secret.txt: warning: a link to "), "\(r.stderr)")
        #expect(try quire(store, "search", "zanzibarsecret").stdout.contains("no posts match"))
        #expect(Set(try Self.readBack(store).compactMap { $0["title"] as? String }) == ["Cafe", "Good"])
    }

    // MARK: - Post size

    /// Posts longer than `--max-post-size` are cut, say so at their end, and the import warns;
    /// an XML post split by comments under libxml2's own limit used to be cut silently.
    @Test func longPostsAreCutWithANote() throws {
        let paragraph = String(repeating: "lorem ipsum dolor sit amet ", count: 20) + "\n\n"
        let body = "zanzibarstart\n\n" + String(repeating: paragraph, count: 6_000) + "zanzibarend\n"
        let html = body.split(separator: "\n").map { "&lt;p&gt;" + $0 + "&lt;/p&gt;" }
        let files = [
            "long.txt": Data(("2030-01-01\n\nLong Text\n\n" + body).utf8),
            "2030-01-02-long.md": Data(("---\ntitle: Long Markdown\n---\n\n" + body).utf8),
            "long.xml": HostileInput.feed(HostileInput.entry(3, html.joined(separator: "<!---->"), title: "Long XML")),
        ]
        let imported = try Self.importMeasured(files, extra: ["--max-post-size", "1MB"])
        let r = imported.result
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 3, updated 0, unchanged 0, skipped 0, warnings 3"), "\(r.stdout)")
        for warning in ["long.txt: warning: \"Long Text\" holds 3.[0-9] MB of text, more than the 1 MB Quire reads",
                        "2030-01-02-long.md: warning: the post holds 3.[0-9] MB of text, more than the 1 MB Quire reads",
                        "long.xml:4: warning: <entry> holds 3.[0-9] MB of text, more than the 1 MB Quire reads"] {
            #expect(r.stderr.range(of: warning, options: .regularExpression) != nil, "\(r.stderr)")
        }
        for id in ["1", "2", "3"] {
            let shown = try quire(imported.store, "show", id, "--width", "80")
            #expect(shown.status == 0 && shown.stdout.contains("zanzibarstart") && !shown.stdout.contains("zanzibarend"), "post \(id)")
            #expect(shown.stdout.range(of: "\\[Quire cut this post at 1 MB; the export holds 3.[0-9] MB\\]\n", options: .regularExpression) != nil,
                    "post \(id): \(shown.stdout.suffix(300))")
        }
        #expect(try quire(imported.store, "search", "zanzibarend").stdout.contains("no posts match"))
    }

    @Test(arguments: [("0", "expected a size of at least 1KB"), ("0.5KB", "expected a size of at least 1KB"),
                      ("tenMB", "expected a size"), ("500B", "expected a size"), ("", "expected a size"),
                      ("21MB", "at most 20 MB"), ("1GB", "at most 20 MB")])
    func aMaxPostSizeThatIsNoSize(_ value: String, _ message: String) throws {
        let dir = try TempDir()
        let r = try quire(dir.path("s.sqlite"), "import", "--max-post-size", value, dataFolder)
        #expect(r.status == 64, "\(value): \(r.status)")
        #expect(r.stderr.contains("--max-post-size: " + message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("s.sqlite")))
    }

    // MARK: - The scaling benchmark

    /// `quire-bench scaling` at its smallest sizes, so that it keeps working: every case
    /// imports and gets a figure. The figures are not checked (a benchmark, not a timed test).
    @Test func theScalingBenchmarkRuns() throws {
        let dir = try TempDir()
        let r = try run(benchBinary, ["scaling", "--factors", "1", "--quire", quireBinary, "--work", dir.path("work")])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { $0.contains(" s, ") }
        #expect(rows.count == 7, "\(r.stdout)")
        #expect(!r.stdout.contains("exit"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("work")))
    }
}
