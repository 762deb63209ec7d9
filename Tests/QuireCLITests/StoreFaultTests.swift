import Foundation
import Testing

let benchBinary = URL(fileURLWithPath: quireBinary).deletingLastPathComponent().appendingPathComponent("quire-bench").path

/// A generated archive big enough that an import takes a while.
final class BigCorpus: @unchecked Sendable {
    static let shared = BigCorpus()
    let dir: TempDir
    let folder: String
    /// How long importing it into a new store takes here: the kill tests cut imports at
    /// fractions of this, since a fixed delay may fall after the end on a quicker build.
    let importSeconds: Double
    init() {
        dir = try! TempDir()
        folder = dir.path("corpus")
        try! run(benchBinary, ["generate", "--posts", "6000", "--seed", "7", "--format", "text", folder])
        let start = Date()
        try! #require(try quire(dir.path("timing.sqlite"), "import", folder).status == 0)
        importSeconds = Date().timeIntervalSince(start)
    }
}

func statsJSON(_ store: String) throws -> String { try quire(store, "stats", "--json").stdout }

func integrity(_ store: String) throws -> String {
    try run("/usr/bin/sqlite3", [store, "PRAGMA integrity_check"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Starts `quire import` in the background.
func startImport(into store: String, from folder: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: quireBinary)
    process.arguments = ["--store", store, "import", folder]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

@Suite(.serialized) struct StoreFaultTests {
    @Test(arguments: [0.1, 0.3, 0.5])
    func killingAnImportLeavesTheStoreAsItWas(atFraction fraction: Double) throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let before = try statsJSON(store)
        let process = try startImport(into: store, from: BigCorpus.shared.folder)
        Thread.sleep(forTimeInterval: fraction * BigCorpus.shared.importSeconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The test means something only if the import was really cut off.
        try #require(process.terminationReason == .uncaughtSignal, "the import finished before it was killed")
        #expect(try statsJSON(store) == before)
        #expect(try integrity(store) == "ok")
        // And the store still takes the import afterwards.
        #expect(try quire(store, "import", BigCorpus.shared.folder).status == 0)
        #expect(try integrity(store) == "ok")
    }

    /// An import into a new store runs differently (rollback journal, index built beside the
    /// store): cut off, it must leave an empty, sound store and no index file behind.
    @Test(arguments: [0.1, 0.3, 0.5])
    func killingTheFirstImportLeavesAnEmptyStore(atFraction fraction: Double) throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        let process = try startImport(into: store, from: BigCorpus.shared.folder)
        Thread.sleep(forTimeInterval: fraction * BigCorpus.shared.importSeconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(process.terminationReason == .uncaughtSignal, "the import finished before it was killed")
        let stats = try quire(store, "stats", "--json")
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("\"posts\" : 0") || stats.stdout.contains("\"posts\":0"), "\(stats.stdout)")
        #expect(try integrity(store) == "ok")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path(""))
        #expect(!left.contains { $0.contains(".index-") }, "left behind: \(left)")
        #expect(try quire(store, "import", BigCorpus.shared.folder).status == 0)
        #expect(try integrity(store) == "ok")
        #expect(try run("/usr/bin/sqlite3", [store, "PRAGMA journal_mode"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
    }

    @Test func aReaderDuringAnImportSeesTheOldOrTheNewArchiveNeverHalf() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let process = try startImport(into: store, from: BigCorpus.shared.folder)
        var seen = Set<Int>()
        while process.isRunning {
            let r = try quire(store, "stats", "--json")
            #expect(r.status == 0, "\(r.stderr)")
            if let json = try? JSONSerialization.jsonObject(with: r.stdoutBytes) as? [String: Any], let posts = json["posts"] as? Int {
                seen.insert(posts)
            }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
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
        // Another program holds the write lock for as long as its input stays open.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [store]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE; INSERT INTO source(path, format, imported_at, posts, drafts_skipped, skipped) VALUES ('x','x','x',0,0,'');\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }
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
