import Foundation
import Testing

/// `quire config`: the default file, checking a file, its path.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: quireBinary), "needs the quire binary"))
struct ConfigCommandTests {
    @Test func theDefaultFileIsCommentedAndChecksClean() throws {
        let dir = try TempDir()
        let result = try run(quireBinary, ["config", "--default"], env: ["XDG_CONFIG_HOME": dir.url.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Quire's reader configuration"))
        #expect(result.stdout.contains("[keys.reader]\n# next-link = \"Tab\""))
        #expect(result.stdout.contains("# toggle-bookmark = \"m\""))
        _ = try dir.write("quire/config.toml", result.stdout)
        let check = try run(quireBinary, ["config", "--check"], env: ["XDG_CONFIG_HOME": dir.url.path])
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("config.toml: no problems\n"))
    }

    @Test func checkNamesEachBadLineAndFails() throws {
        let dir = try TempDir()
        _ = try dir.write("quire/config.toml", "[reader]\nwidth = \"wide\"\n[keys.reader]\nfly = \"x\"\n[[[\n")
        let result = try run(quireBinary, ["config", "--check"], env: ["XDG_CONFIG_HOME": dir.url.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("config.toml: line 2: width should be a number from 20 to 400, not \"wide\"; using 80"))
        #expect(lines[1].contains("line 4: \"fly\" is not a command of [keys.reader]"))
        #expect(lines[2].contains("line 5: not a [table] header; the line is ignored"))
    }

    @Test func pathFollowsXDG() throws {
        let result = try run(quireBinary, ["config", "--path"], env: ["XDG_CONFIG_HOME": "/somewhere"])
        #expect(result.stdout == "/somewhere/quire/config.toml\n")
        let none = try run(quireBinary, ["config"], env: ["XDG_CONFIG_HOME": "/nonexistent-quire-test"])
        #expect(none.status == 0 && none.stdout.contains("no such file; the reader uses the defaults"))
    }
}
