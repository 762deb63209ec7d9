import Foundation
import Testing

/// `quire import` and `quire stats` on an export with pingbacks, a lone revision and an item of
/// another namespace (`Tests/QuireImportTests/Fixtures/wordpress/odd-corners.xml`).
@Suite struct ExportCornersCLITests {
    static let export = repoRoot.appendingPathComponent("Tests/QuireImportTests/Fixtures/wordpress/odd-corners.xml").path

    @Test func summaryAndStatsCountWhatWasKeptApart() throws {
        let dir = try TempDir()
        let store = dir.path("odd.sqlite")
        let imported = try quire(store, "import", Self.export)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 revision without its post"))
        #expect(imported.stdout.contains("1 item without WordPress fields"))
        #expect(imported.stderr.contains("\"Storm surge diary\" is a revision"))
        let stats = try quire(store, "stats")
        let lines = stats.stdout.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("pingbacks ") && $0.hasSuffix(" 2") })
        #expect(lines.contains { $0.hasPrefix("comments ") && $0.hasSuffix(" 3") })
        #expect(lines.contains { $0.hasPrefix("comment references ") && $0.hasSuffix(" 2") })
        let json = try JSONSerialization.jsonObject(with: try quire(store, "stats", "--json").stdoutBytes) as! [String: Any]
        #expect(json["pingbacks"] as? Int == 2)
        #expect(json["commentReferences"] as? Int == 2)
        // With drafts, the revision is the post it stands for.
        let all = try quire(dir.path("all.sqlite"), "import", "--include-drafts", Self.export)
        #expect(all.status == 0)
        #expect(try quire(dir.path("all.sqlite"), "show", "storm-surge-diary").stdout.contains("as it was last saved"))
    }

    /// `show` draws what the reader draws: the thread's depth, a comment's paragraphs, the
    /// pingbacks after the comments, the password line, backlinks from comments.
    @Test func showDrawsTheReadersLayout() throws {
        let dir = try TempDir()
        let store = dir.path("odd.sqlite")
        #expect(try quire(store, "import", Self.export).status == 0)
        let neap = try quire(store, "show", "neap-tides", "--width", "70").stdout.components(separatedBy: "\n")
        #expect(neap.contains("Pieter · 2021-10-05"))
        #expect(neap.contains("  lena · 2021-10-05"))
        #expect(neap.contains("    Pieter · 2021-10-05"))
        #expect(neap.contains("    Found it: early water{2}."))
        let first = try #require(neap.firstIndex(of: "Compare your recording in June{1}, when the gulls were louder."))
        #expect(neap[first + 1].isEmpty && neap[first + 2].hasPrefix("My own notes are here"))
        let comments = try #require(neap.firstIndex(of: "3 comments"))
        let pingbacks = try #require(neap.firstIndex(of: "2 pingbacks"))
        #expect(comments < pingbacks)
        #expect(neap.contains("[…] small tides, says Tide Tables […]"))
        let harbour = try quire(store, "show", "sounds-of-the-harbour").stdout
        #expect(harbour.contains("← 2021-10-05  Neap tides (in a comment)"))
        #expect(harbour.contains("[video: youtube.com/watch?v=Hb0r_Tide1]"))
        #expect(!harbour.contains("[/caption]") && !harbour.contains("[audio src"))
        let cove = try quire(store, "show", "the-secret-cove").stdout.components(separatedBy: "\n")
        #expect(cove.prefix(4).contains("The blog kept this post behind a password."))
    }
}
