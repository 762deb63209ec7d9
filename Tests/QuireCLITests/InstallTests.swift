import Foundation
import Testing

@Suite struct InstallTests {
    @Test func installPutsBinaryManPageCompletionsAndDemoInPlace() throws {
        let dir = try TempDir()
        let prefix = dir.path("prefix")
        let make = try run("/usr/bin/make", ["-s", "-C", repoRoot.path, "install-files", "PREFIX=\(prefix)", "BIN=\(quireBinary)"])
        try #require(make.status == 0, "\(make.stderr)")
        for file in ["bin/quire", "share/man/man1/quire.1", "share/bash-completion/completions/quire",
                     "share/zsh/site-functions/_quire", "share/fish/vendor_completions.d/quire.fish",
                     "share/quire/data/posts/2007/10/missile-defense-talks-with-russia-fail.txt"] {
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file) is missing")
        }
        // Installed stripped: no symbol table, which the binary under test has.
        let sections = { (file: String) in try run("/usr/bin/readelf", ["-S", "-W", file]).stdout }
        #expect(try sections(quireBinary).contains(".symtab"))
        #expect(try !sections("\(prefix)/bin/quire").contains(".symtab"), "the installed binary is not stripped")
        let bash = try String(contentsOfFile: "\(prefix)/share/bash-completion/completions/quire", encoding: .utf8)
        for sub in ["import", "search", "links", "stats"] { #expect(bash.contains(sub)) }
        // The installed binary finds the installed demo archive.
        let first = try run("\(prefix)/bin/quire", ["list", "--limit", "1"], env: ["XDG_DATA_HOME": dir.path("xdg")])
        #expect(first.status == 0)
        #expect(first.stderr.contains("importing the demo archive from \(prefix)/share/quire/data"), "\(first.stderr)")
    }

    @Test func theManPageRendersWithoutWarnings() throws {
        // groff-base is one of the packages `make test` installs.
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"))
        let r = try run("/usr/bin/groff", ["-man", "-ww", "-z", repoRoot.appendingPathComponent("doc/quire.1").path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}
