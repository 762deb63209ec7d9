import Foundation
import Testing

func statsJSON(_ store: String) throws -> String { try quire(store, "stats", "--json").stdout }

func integrity(_ store: String) throws -> String {
    try run("/usr/bin/sqlite3", [store, "PRAGMA integrity_check"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// `quire import` in the background with its stderr on a terminal of the test's own, where it
/// reports how many posts it has read ("PATH: 1200 posts, 3000/s, 20%, 2s left").
final class ReportingImport {
    let child: Child
    let terminal: PseudoTerminal

    init(into store: String, from folder: String) throws {
        terminal = try PseudoTerminal()
        child = try Child(quireBinary, ["--store", store, "import", folder], terminal: terminal, onTerminal: [2])
    }

    /// The largest count of posts the import has reported so far.
    var reported: Int {
        let text = String(decoding: terminal.received, as: UTF8.self)
        let counts = text.matches(of: /([0-9]+) posts/).compactMap { Int($0.output.1) }
        return counts.max() ?? 0
    }

    /// Waits until the import has reported reading at least `posts` posts.
    func waitForReport(posts: Int) throws {
        try terminal.waitFor("a report of \(posts) posts read") { _ in reported >= posts }
    }
}

@Suite(.serialized) struct StoreFaultTests {
    @Test(arguments: [0.1, 0.3, 0.5])
    func killingAnImportLeavesTheStoreAsItWas(atFraction fraction: Double) throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let before = try statsJSON(store)
        let running = try ReportingImport(into: store, from: GeneratedArchive.big.folder)
        try running.waitForReport(posts: Int(fraction * Double(GeneratedArchive.big.posts)))
        running.child.kill(SIGKILL)
        let end = running.child.wait()
        // The test means something only if the import was really cut off.
        try #require(end.signal == SIGKILL, "the import finished before it was killed")
        #expect(try statsJSON(store) == before)
        #expect(try integrity(store) == "ok")
        // And the store still takes the import afterwards.
        #expect(try quire(store, "import", GeneratedArchive.big.folder).status == 0)
        #expect(try integrity(store) == "ok")
    }

    /// An import into a new store runs differently (rollback journal, index built beside the
    /// store): cut off, it must leave an empty, sound store and no index file behind.
    @Test(arguments: [0.1, 0.3, 0.5])
    func killingTheFirstImportLeavesAnEmptyStore(atFraction fraction: Double) throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        let running = try ReportingImport(into: store, from: GeneratedArchive.big.folder)
        try running.waitForReport(posts: Int(fraction * Double(GeneratedArchive.big.posts)))
        running.child.kill(SIGKILL)
        let end = running.child.wait()
        try #require(end.signal == SIGKILL, "the import finished before it was killed")
        let stats = try quire(store, "stats", "--json")
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("\"posts\" : 0") || stats.stdout.contains("\"posts\":0"), "\(stats.stdout)")
        #expect(try integrity(store) == "ok")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path(""))
        #expect(!left.contains { $0.contains(".index-") }, "left behind: \(left)")
        #expect(try quire(store, "import", GeneratedArchive.big.folder).status == 0)
        #expect(try integrity(store) == "ok")
        #expect(try run("/usr/bin/sqlite3", [store, "PRAGMA journal_mode"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
    }

    @Test func aReaderDuringAnImportSeesTheOldOrTheNewArchiveNeverHalf() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let process = try Child(quireBinary, ["--store", store, "import", GeneratedArchive.big.folder])
        var seen = Set<Int>()
        while process.isRunning {
            let r = try quire(store, "stats", "--json")
            #expect(r.status == 0, "\(r.stderr)")
            if let json = try? JSONSerialization.jsonObject(with: r.stdoutBytes) as? [String: Any], let posts = json["posts"] as? Int {
                seen.insert(posts)
            }
        }
        #expect(process.wait().status == 0)
        #expect(seen.isSubset(of: [49, 49 + 6000]), "readers saw \(seen)")
        #expect(seen.contains(49), "no read happened while the import ran")
    }

    @Test func aDamagedStoreIsAClearErrorNotACrash() throws {
        let dir = try TempDir()
        let store = try dir.write("junk.sqlite", String(repeating: "not a database ", count: 500))
        let r = try quire(store, "list")
        #expect(r.status == 1)
        #expect(r.stderr.contains("not a Quire store, or it is damaged"))
        #expect(try String(contentsOfFile: store, encoding: .utf8).hasPrefix("not a database"), "the file was left alone")
    }

    @Test func aLockedStoreRefusesImportsClearlyAndStillReads() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        // Another program holds the write lock for as long as its input stays open, and says
        // once it has it (-bail: it ends instead if it cannot take it).
        let holder = try Child("/usr/bin/sqlite3", ["-bail", store], stdin: .pipe)
        defer { holder.closeInput(); holder.wait() }
        holder.write("BEGIN EXCLUSIVE; INSERT INTO source(path, format, imported_at, posts, drafts_skipped, skipped) VALUES ('x','x','x',0,0,'');\n.print LOCKED\n")
        try holder.waitForOutput("sqlite3 to hold the lock") { $0.contains("LOCKED") }
        let extra = try dir.write("more/p.txt", "2011-01-01\n\nOne More\n\nText.\n")
        let r = try quire(store, "import", (extra as NSString).deletingLastPathComponent)
        #expect(r.status == 1)
        #expect(r.stderr.contains("locked"), "\(r.stderr)")
        #expect(try quire(store, "list", "--limit", "1").status == 0)
    }

    @Test func aReadOnlyStoreOpensForReadingWithANote() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        // Root may write any file: run as an ordinary user where the tests run as root.
        let asUser: (String, [String]) -> (String, [String]) = { program, args in
            getuid() == 0 ? ("/usr/sbin/runuser", ["-u", "nobody", "--", program] + args) : (program, args)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        // That user may not reach the build folder (a checkout in a private folder): a copy of
        // the binary in the test's own folder.
        let binary = getuid() == 0 ? dir.path("quire") : quireBinary
        if binary != quireBinary {
            try FileManager.default.copyItem(atPath: quireBinary, toPath: binary)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        }
        let (p1, a1) = asUser(binary, ["--store", store, "list", "--limit", "3"])
        let read = try run(p1, a1)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("read-only; reading only"))
        #expect(read.stdout.contains("Taking a Break"))
        let (p2, a2) = asUser(binary, ["--store", store, "import", dataFolder])
        let write = try run(p2, a2)
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only; nothing can be imported"))
    }
}
