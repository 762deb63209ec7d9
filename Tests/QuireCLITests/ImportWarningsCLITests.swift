import Foundation
import Testing

/// An import with many warnings prints the first 20 and a count of the rest by kind; every one
/// is printed with --verbose and kept for `quire import --log`, in the state folder, never in
/// the archive.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: quireBinary), "needs the quire binary"))
struct ImportWarningsCLITests {
    /// Plain-text posts: `markers` with a footnote marker but no note, `orphans` with a note
    /// that no marker cites, each kind of warning named with its post's line.
    static func folder(markers: Int, orphans: Int, in dir: TempDir) throws -> String {
        for i in 0..<markers {
            _ = try dir.write("posts/m\(i).txt", """
                Saturday, March 25, 2006

                Marker Post \(i)

                A paragraph citing a note[\(i % 7 + 1)] that the post never gives.

                Labels: test

                """)
        }
        for i in 0..<orphans {
            _ = try dir.write("posts/o\(i).txt", """
                Sunday, March 26, 2006

                Orphan Note Post \(i)

                A paragraph citing nothing.

                1. A note nobody cites.

                Labels: test

                """)
        }
        return dir.path("posts")
    }

    static func warningLines(_ stderr: String) -> [String] {
        stderr.components(separatedBy: "\n").filter { $0.contains(": warning: ") }
    }

    @Test func theFirstTwentyThenACountByKind() throws {
        let dir = try TempDir()
        let posts = try Self.folder(markers: 30, orphans: 12, in: dir)
        let env: [String: String?] = ["XDG_STATE_HOME": dir.path("state")]
        let store = dir.path("s.sqlite")
        let r = try quire(store, "import", posts, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.warningLines(r.stderr).count == 20)
        let closing = try #require(r.stderr.components(separatedBy: "\n").first { $0.hasPrefix("+22 more warnings: ") })
        // 42 warnings: 30 of one kind and 12 of the other, 20 of them printed.
        let counted = closing.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
        #expect(counted.contains("footnote marker has no note"), "\(closing)")
        #expect(counted.contains("note has no marker in the text"), "\(closing)")
        let numbers = counted.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.reduce(0, +) == 22, "\(closing)")
        #expect(closing.contains("quire import --log"))
        #expect(r.stdout.contains("warnings 42"))

        // The whole list, kept per store in the state folder and not in the archive's folder.
        let log = try quire(store, "import", "--log", env: env)
        #expect(log.status == 0, "\(log.stderr)")
        let logged = Self.warningLines(log.stdout)
        #expect(logged.count == 42)
        #expect(log.stdout.contains("# 42 warnings"))
        let stateFiles = try FileManager.default.contentsOfDirectory(atPath: dir.path("state/quire"))
        #expect(stateFiles.contains { $0.hasSuffix(".import.log") }, "\(stateFiles)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("")).allSatisfy { !$0.hasSuffix(".log") })
    }

    @Test func verbosePrintsEveryWarning() throws {
        let dir = try TempDir()
        let posts = try Self.folder(markers: 25, orphans: 0, in: dir)
        let r = try quire(dir.path("s.sqlite"), "import", "--verbose", posts, env: ["XDG_STATE_HOME": dir.path("state")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.warningLines(r.stderr).count == 25)
        #expect(!r.stderr.contains("more warnings"))
    }

    @Test func aFewWarningsAreAllPrintedAndTheNextImportReplacesTheLog() throws {
        let dir = try TempDir()
        let env: [String: String?] = ["XDG_STATE_HOME": dir.path("state")]
        let store = dir.path("s.sqlite")
        let first = try quire(store, "import", try Self.folder(markers: 3, orphans: 0, in: dir), env: env)
        #expect(Self.warningLines(first.stderr).count == 3)
        #expect(!first.stderr.contains("more warnings"))
        let clean = try TempDir()
        _ = try clean.write("posts/a.txt", "Saturday, March 25, 2006\n\nA Clean Post\n\nNothing wrong here.\n\nLabels: test\n")
        #expect(try quire(store, "import", clean.path("posts"), env: env).status == 0)
        let log = try quire(store, "import", "--log", env: env)
        #expect(log.status == 0)
        #expect(Self.warningLines(log.stdout).isEmpty)
        #expect(log.stdout.contains("# 0 warnings"))
    }

    @Test func logWithoutAnImportOrWithPathsSaysWhy() throws {
        let dir = try TempDir()
        let env: [String: String?] = ["XDG_STATE_HOME": dir.path("state")]
        let none = try quire(dir.path("missing.sqlite"), "import", "--log", env: env)
        #expect(none.status != 0)
        #expect(none.stderr.contains("no store at"))
        let both = try quire(dir.path("s.sqlite"), "import", "--log", dataFolder, env: env)
        #expect(both.status != 0)
        #expect(both.stderr.contains("takes no paths"))
        let neither = try quire(dir.path("s.sqlite"), "import", env: env)
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("name the files or folders"))
    }

    @Test func linksNameTheSlugOfEachPostAReferenceLeadsTo() throws {
        let store = try DemoStore.shared.checkedPath()
        let r = try quire(store, "links", seedTitle)
        #expect(r.status == 0)
        #expect(!r.stdout.contains("[]"))
        let line = try #require(r.stdout.components(separatedBy: "\n").first { $0.contains("-> \(nmdTitle)") })
        #expect(line.hasSuffix("]"), "\(line)")
        let json = try quire(store, "links", seedTitle, "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
        let refs = try #require(object["references"] as? [[String: Any]])
        let toPost = try #require(refs.first { $0["status"] as? String == "post" })
        #expect((toPost["slug"] as? String)?.isEmpty == false)
    }
}
