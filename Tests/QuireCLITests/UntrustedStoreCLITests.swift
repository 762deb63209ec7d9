import Foundation
import Testing

/// A store from someone else, through the real binary: its SQL never runs, `quire check` says
/// what differs, new stores are private, and no error reaches the terminal raw.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs sqlite3"))
struct UntrustedStoreCLITests {
    /// A copy of the demo store with `sql` run on it by the sqlite3 shell (none of Quire's
    /// defences), as another program would.
    func tampered(_ sql: String, in dir: TempDir) throws -> String {
        let store = try DemoStore.shared.copy(into: dir)
        let r = try run("/usr/bin/sqlite3", [store], stdin: Data(sql.utf8))
        guard r.status == 0, r.stderr.isEmpty else { throw TestFailure("sqlite3: \(r.stderr)") }
        return store
    }

    func sqlite(_ store: String, _ sql: String) throws -> String {
        try run("/usr/bin/sqlite3", [store, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `quire archive` on a store whose search view never ends used to hang; every reading
    /// command now refuses the store at once and says why.
    @Test func aStoreWithAnEndlessViewIsRefusedAtOnce() throws {
        let dir = try TempDir()
        let store = try tampered("""
            DROP VIEW post_text;
            CREATE VIEW post_text AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
                SELECT p.id, p.title, (SELECT COUNT(*) FROM n) AS plain, p.notes FROM post p;
            DROP VIEW IF EXISTS month_view;
            """, in: dir)
        for args in [["archive"], ["list"], ["search", "russia"], ["stats", "--json"], ["read", "--first-frame-only"]] {
            // Generous: only a hang guard; the refusal takes milliseconds.
            let r = try run(quireBinary, ["--store", store] + args, timeout: 60)
            #expect(!r.timedOut && r.status == 1, "\(args): status \(r.status)")
            #expect(r.stderr.contains("its schema is not the one Quire makes") && r.stderr.contains("quire check"), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    /// A trigger in the store would fire during `quire import`: the import is refused and the
    /// trigger never runs.
    @Test func anImportIntoAStoreWithATriggerIsRefused() throws {
        let dir = try TempDir()
        let store = try tampered("""
            CREATE TABLE fired (what TEXT);
            CREATE TRIGGER on_post AFTER INSERT ON post BEGIN INSERT INTO fired VALUES (NEW.title); END;
            CREATE TRIGGER on_delete AFTER DELETE ON post BEGIN INSERT INTO fired VALUES ('deleted'); END;
            """, in: dir)
        let posts = try sqlite(store, "SELECT COUNT(*) FROM post")
        let input = try dir.write("new/2020/01/new.txt", "2020-01-01\n\nA New Post\n\nText.\n")
        let r = try quire(store, "import", (input as NSString).deletingLastPathComponent)
        #expect(r.status == 1 && r.stderr.contains("its schema is not the one Quire makes"), "\(r.status) \(r.stderr)")
        #expect(try sqlite(store, "SELECT COUNT(*) FROM fired") == "0")
        #expect(try sqlite(store, "SELECT COUNT(*) FROM post") == posts)
    }

    /// `quire check` lists every difference and exits 1; on a store Quire made it says all is
    /// well and exits 0.
    @Test func checkSaysWhatDiffers() throws {
        let dir = try TempDir()
        let good = try DemoStore.shared.copy(into: dir)
        let fine = try run(quireBinary, ["check", good])
        #expect(fine.status == 0, "\(fine.stdout)\(fine.stderr)")
        #expect(fine.stdout.contains("schema: as Quire makes it"), "\(fine.stdout)")
        #expect(fine.stdout.contains("file: whole") && fine.stdout.contains("search index: whole"), "\(fine.stdout)")

        let otherDir = try TempDir()
        let bad = try tampered("""
            CREATE TRIGGER t AFTER UPDATE ON label BEGIN SELECT 1; END;
            CREATE INDEX extra ON post(author);
            DROP VIEW post_text; CREATE VIEW post_text AS SELECT id, title, title AS plain, notes FROM post;
            """, in: otherDir)
        let r = try quire(bad, "check")
        #expect(r.status == 1)
        for line in ["schema: not the one Quire makes", "  - extra trigger 't' on 'label'", "  - extra index 'extra' on 'post'",
                     "  - view 'post_text' is not the one Quire makes", "search index: not checked (the schema differs)"] {
            #expect(r.stdout.contains(line), "no \(line.debugDescription) in:\n\(r.stdout)")
        }

        let missing = try run(quireBinary, ["check", dir.path("nothing.sqlite")])
        #expect(missing.status == 1 && missing.stderr.contains("there is no store there"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("nothing.sqlite")))
        let text = try dir.write("not-a-store.sqlite", String(repeating: "not a database\n", count: 100))
        let notAStore = try run(quireBinary, ["check", text])
        #expect(notAStore.status == 1 && notAStore.stderr.contains("not a Quire store"), "\(notAStore.stderr)")
    }

    /// `--store /dev/null` used to create /dev/null-journal; now any path that is not a
    /// regular file is refused, for reading and for importing.
    @Test func aDeviceIsNotAStore() throws {
        let existed = FileManager.default.fileExists(atPath: "/dev/null-journal")
        for args in [["list"], ["import", dataFolder], ["check"]] {
            let r = try run(quireBinary, ["--store", "/dev/null"] + args)
            #expect(r.status == 1 && r.stderr.contains("it is a device; a store is a regular file"), "\(args): \(r.stderr)")
        }
        if !existed { #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal")) }
    }

    /// A new store (drafts included) is readable by its owner only, in folders made for it that
    /// only the owner may enter.
    @Test func aNewStoreIsPrivate() throws {
        let dir = try TempDir()
        let store = dir.path("made/for/it/drafts.sqlite")
        let r = try quire(store, "import", "--include-drafts", dataFolder)
        #expect(r.status == 0, "\(r.stderr)")
        func mode(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p))?[.posixPermissions] as? NSNumber)?.intValue ?? -1 }
        #expect(mode(store) == 0o600)
        for folder in ["made", "made/for", "made/for/it"] { #expect(mode(dir.path(folder)) == 0o700, "\(folder)") }
        let listed = try quire(store, "list")
        #expect(listed.status == 0)
        for file in [store + "-wal", store + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(mode(file) == 0o600, "\(file)")
        }
    }

    /// Errors that leave a subcommand, and the argument parser's own messages (which quote the
    /// arguments), are cleaned like every other output.
    @Test func errorsReachTheTerminalClean() throws {
        let hostile = "X\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}31m"
        let dir = try TempDir()
        let store = try DemoStore.shared.checkedPath()
        let newer = try tampered("INSERT INTO grdb_migrations VALUES ('v9-\(hostile.replacingOccurrences(of: "\u{1B}", with: "' || char(27) || '").replacingOccurrences(of: "\u{07}", with: "' || char(7) || '"))');", in: dir)
        let runs: [[String]] = [
            ["--store", store, "list", "--year", hostile],
            ["--store", store, "list", "--month", hostile],
            ["--store", store, "search", "--limit", hostile, "x"],
            ["--store", store, "show", hostile],
            ["--store", store, "--\(hostile)"],
            ["--store", store, "labels", hostile],
            ["--store", newer, "list"],
            ["check", hostile],
        ]
        for args in runs {
            let r = try run(quireBinary, args)
            #expect(r.status != 0, "\(args)")
            #expect(!r.stderr.isEmpty, "\(args): no message")
            let controls = r.stderr.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(controls.isEmpty, "\(args.last!.debugDescription): \(r.stderr.debugDescription)")
        }
        let unknown = try run(quireBinary, ["--store", newer, "list"])
        #expect(unknown.stderr.contains("newer Quire"), "\(unknown.stderr)")
    }
}
