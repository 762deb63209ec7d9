import Foundation
import Testing

let seedTitle = "Missile Defense Talks With Russia Fail"
let nmdTitle = "Why Does Russia Object to NMD in the EU?"

@Suite(.serialized) struct DemoArchiveCLITests {
    let store = DemoStore.shared.path

    @Test func importingTheDemoArchiveSucceeds() throws {
        let r = DemoStore.shared.importResult
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported "))
        #expect(!r.stderr.contains("error"))
    }

    @Test func showPrintsNoteOneRightAfterItsParagraphAndTheReferenceResolved() throws {
        let r = try quire(store, "show", seedTitle, "--width", "80")
        #expect(r.status == 0)
        let lines = r.stdout.components(separatedBy: "\n")
        let noteLine = try #require(lines.firstIndex { $0.hasPrefix("    [1] Please read my post") })
        // As in the reader: the note's text right under the paragraph that cites [1].
        #expect(lines[noteLine - 1].hasSuffix("threat then. gah."))
        #expect(lines[..<noteLine].contains { $0.contains("compromise on this[1].") })
        #expect(lines[noteLine].hasSuffix("\"\(nmdTitle)\"{1}"))
        let references = try #require(lines.firstIndex(of: "References"))
        #expect(lines[references + 1] == "{1} \(nmdTitle)")
        #expect(!r.stdout.contains("not in the archive"))
        let markers = lines.filter { $0.contains("[...]") }
        #expect(markers.count == 2)
    }

    @Test func linksListTheReferenceAndTheBacklink() throws {
        let out = try quire(store, "links", seedTitle)
        #expect(out.status == 0)
        #expect(out.stdout.contains("-> \(nmdTitle)"))
        let back = try quire(store, "links", nmdTitle)
        #expect(back.status == 0)
        let section = try #require(back.stdout.components(separatedBy: "Referenced by").last)
        #expect(section.contains(seedTitle))
    }

    @Test func searchRanksTheSeedInTheTopThree() throws {
        let r = try quire(store, "search", "missile defense", "--json")
        #expect(r.status == 0)
        let hits = try JSONSerialization.jsonObject(with: r.stdoutBytes) as! [[String: Any]]
        let titles = hits.prefix(3).map { $0["title"] as! String }
        #expect(titles.contains(seedTitle), "top hits: \(titles)")
    }

    @Test func jsonOutputsParse() throws {
        for args in [["list"], ["labels"], ["archive"], ["show", seedTitle], ["search", "russia"], ["links", seedTitle], ["stats"]] {
            let r = try run(quireBinary, ["--store", store] + args + ["--json"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: r.stdoutBytes)) != nil, "\(args) printed no JSON")
        }
    }

    @Test func tagsAndTagAreAliases() throws {
        let labels = try quire(store, "labels")
        let tags = try quire(store, "tags")
        #expect(labels.stdout == tags.stdout && !labels.stdout.isEmpty)
        let first = try #require(labels.stdout.split(separator: "\n").first?.split(separator: " ", maxSplits: 1).last)
        let byLabel = try quire(store, "list", "--label", String(first).trimmingCharacters(in: .whitespaces))
        let byTag = try quire(store, "list", "--tag", String(first).trimmingCharacters(in: .whitespaces))
        #expect(byLabel.stdout == byTag.stdout && !byLabel.stdout.isEmpty)
    }

    @Test func archiveAndListAgree() throws {
        let archive = try quire(store, "archive")
        #expect(archive.stdout.contains("2007"))
        #expect(archive.stdout.contains("  October"))
        let october = try quire(store, "list", "--year", "2007", "--month", "10")
        #expect(october.stdout.contains(seedTitle))
    }

    @Test func statsDrawYearsMonthsAndTheBusiestLabels() throws {
        let r = try quire(store, "stats")
        #expect(r.status == 0)
        let lines = r.stdout.components(separatedBy: "\n")
        let year2007 = try #require(lines.first { $0.hasPrefix("  2007  ") })
        #expect(year2007.contains("█"), "a bar for 2007: \(year2007)")
        let busiest = try #require(lines.firstIndex(of: "Busiest labels"))
        #expect(lines[busiest + 1].hasPrefix("  russia"))
        let json = try JSONSerialization.jsonObject(with: try quire(store, "stats", "--json").stdoutBytes) as! [String: Any]
        #expect(json["posts"] as? Int == 49)
        #expect((json["years"] as? [Any])?.count == 5)
    }

    @Test func unknownPostIsAClearError() throws {
        let r = try quire(store, "show", "No Such Post Anywhere")
        #expect(r.status != 0)
        #expect(r.stderr.contains("no post has the id, slug or title"))
    }
}

@Suite struct ImportCLITests {
    @Test func importingTwiceLeavesStatsUnchanged() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let before = try quire(store, "stats").stdout
        let again = try quire(store, "import", dataFolder)
        #expect(again.status == 0)
        #expect(again.stdout.contains("imported 0, updated 0"))
        #expect(try quire(store, "stats").stdout == before)
    }

    @Test func aMalformedFileExitsNonZeroNamingFileAndLineAndLeavesTheStore() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let before = try quire(store, "stats", "--json").stdout
        _ = try dir.write("in/good.txt", "2011-01-01\n\nA Good Post\n\nZyzzyvas everywhere.\n")
        let bad = try dir.write("in/zz-bad.txt", "2011-01-02\n\nA Good Title\n\nBody.\n".replacingOccurrences(of: "2011-01-02", with: "Someday, 2011"))
        let r = try quire(store, "import", dir.path("in"))
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(bad):1: error: expected a date header"), "\(r.stderr)")
        #expect(try quire(store, "stats", "--json").stdout == before)
        #expect(try quire(store, "search", "zyzzyvas").stdout.contains("no posts match"))
    }

    @Test func aMissingPathIsAnError() throws {
        let dir = try TempDir()
        let r = try quire(dir.path("s.sqlite"), "import", dir.path("nowhere"))
        #expect(r.status != 0)
        #expect(r.stderr.contains("no such file or folder"))
    }

    @Test func anEmptyDefaultStoreStartsWithTheDemoArchive() throws {
        let dir = try TempDir()
        let r = try run(quireBinary, ["list", "--limit", "3"], env: ["XDG_DATA_HOME": dir.path("xdg")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("importing the demo archive"))
        #expect(FileManager.default.fileExists(atPath: dir.path("xdg/quire/archive.sqlite")))
        // A store named by the user is never filled with the demo.
        let named = try quire(dir.path("named.sqlite"), "list")
        #expect(named.stdout.isEmpty && !named.stderr.contains("demo"))
    }

    @Test func controlCharactersFromPostsNeverReachTheOutput() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        let hostile = "2012-02-02\n\nEvil \u{1B}]0;owned\u{07}Title \u{1B}[31mred\n\nText \u{1B}[2J with \u{9B}1m C1, \u{7F} DEL, \u{8} backspace, \u{202E} bidi and a bell\u{7}.\n\nLabels: evil\u{1B}[5m\n"
        _ = try dir.write("in/evil.txt", hostile)
        try #require(try quire(store, "import", dir.path("in")).status == 0)
        for args in [["list"], ["show", "evil-title-red"], ["search", "text"], ["labels"], ["links", "evil-title-red"], ["archive"]] {
            let r = try run(quireBinary, ["--store", store] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let bad = r.stdoutBytes.contains { $0 < 0x20 && $0 != 0x0A } || r.stdout.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
            #expect(!bad, "\(args) wrote a control character")
        }
    }
}

@Suite struct IdentityCLITests {
    @Test func theSamePostFromARenamedFileUpdatesInsteadOfDuplicating() throws {
        let dir = try TempDir()
        let store = dir.path("s.sqlite")
        let seed = repoRoot.appendingPathComponent("data/posts/2007/10/missile-defense-talks-with-russia-fail.txt")
        let text = try String(contentsOf: seed, encoding: .utf8)
        _ = try dir.write("a/one-name.txt", text)
        _ = try dir.write("b/another-name.txt", text.replacingOccurrences(of: "No comments:", with: "2 comments:"))
        try #require(try quire(store, "import", dir.path("a")).status == 0)
        let second = try quire(store, "import", dir.path("b"))
        #expect(second.stdout.hasPrefix("imported 0, updated 1"), "\(second.stdout)")
        #expect(try quire(store, "list", "--json").stdout.components(separatedBy: "\"id\"").count == 2)
    }
}
