import Foundation
import Testing

/// `--store` is read wherever it stands on the command line, and never falls back to the
/// default store when given.
@Suite struct StoreOptionTests {
    @Test func storeMayComeBeforeOrAfterTheSubcommand() throws {
        let dir = try TempDir()
        let one = dir.path("one.sqlite"), other = dir.path("other.sqlite")
        let folder = (try dir.write("one/p.txt", "2011-01-01\n\nOne More\n\nText.\n") as NSString).deletingLastPathComponent
        let folder2 = (try dir.write("two/p.txt", "2012-02-02\n\nAnother One\n\nText.\n") as NSString).deletingLastPathComponent
        // The default store lives here, so a command that ignored --store would fill it with the demo.
        let env = ["XDG_DATA_HOME": dir.path("xdg")]
        #expect(try run(quireBinary, ["--store", one, "import", folder], env: env).status == 0)
        #expect(try run(quireBinary, ["import", "--store", other, folder2], env: env).status == 0)
        let placements: [([String], String)] = [
            (["--store", one, "list"], "One More"),
            (["list", "--store", one], "One More"),
            (["--store=\(one)", "list"], "One More"),
            (["list", "--store=\(other)"], "Another One"),
            (["--store", one, "show", "one-more", "--width", "40"], "One More"),
            // Given twice, the last one wins.
            (["--store", one, "list", "--store", other], "Another One"),
            (["--store", other, "list", "--store", one], "One More"),
        ]
        for (args, title) in placements {
            let r = try run(quireBinary, args, env: env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.contains(title), "\(args): \(r.stdout)")
            #expect(!r.stdout.contains(title == "One More" ? "Another One" : "One More"), "\(args): \(r.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("xdg/quire/archive.sqlite")), "the default store was opened")
    }

    @Test func storeWithoutAValueIsAUsageError() throws {
        let r = try run(quireBinary, ["--store"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Missing value for '--store <path>'"), "\(r.stderr)")
    }
}
