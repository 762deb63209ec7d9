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
}
