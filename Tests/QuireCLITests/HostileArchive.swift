import Foundation

/// Posts built to break a terminal, imported once into a store the terminal-safety tests share.
///
/// From `Fixtures/hostile/`: plain-text posts carrying ESC, CSI, OSC (title, clipboard,
/// hyperlink), DCS, APC, PM and SOS sequences, C1 controls, DEL, BEL, backspaces, other C0
/// controls, bidi overrides and isolates, zero-width characters and lines of tabs, and a Blogger
/// export carrying the same as character references in titles, labels, authors, HTML bodies,
/// links, comments and `type='html'` titles. Generated here, being large: a post with a
/// 100,000-character word and one with a thousand combining marks stacked on single letters.
final class HostileArchive: @unchecked Sendable {
    static let fixtures = repoRoot.appendingPathComponent("Tests/QuireCLITests/Fixtures/hostile")
    private static let made = Result { try HostileArchive() }
    static func shared() throws -> HostileArchive { try made.get() }

    struct PostRef { var id: Int; var slug: String; var title: String; var date: String }

    let dir: TempDir
    let store: String
    let inputs: [String]
    /// Every post, oldest first.
    let posts: [PostRef]

    static let longWord = String(repeating: "antidisestablishmentarianism", count: 3572).prefix(100_000)
    static let stackedMarks = String(repeating: "\u{301}", count: 1000)

    /// The generated posts, by path under the input folder.
    static func generatedPosts() -> [String: String] {
        let mixedMarks = String(String.UnicodeScalarView((0..<1000).map { Unicode.Scalar(0x300 + UInt32($0 % 0x70))! }))
        let struck = String(repeating: "x" + String(repeating: "\u{336}", count: 20) + " ", count: 300)
        return [
            "2013/03/a-very-long-word.txt": """
                2013-03-01

                A Very Long Word

                Before the word \(longWord) after the word.

                \(longWord.prefix(20_000))

                A second paragraph with a note[1].

                1. The note holds part of the word too: \(longWord.prefix(5000))

                Labels: long

                """,
            "2013/03/zalgo.txt": """
                2013-03-02

                Zalgo Z\(stackedMarks)algo

                Combining: e\(stackedMarks) then a\(mixedMarks) and text after.

                \(struck)

                Labels: zalgo\(String(repeating: "\u{308}", count: 100))

                """,
        ]
    }

    /// Raw escapes written straight into a copy of the store, as an older Quire or another
    /// program could have left them: titles, authors, labels, notes and references.
    static let tamperSQL = """
        UPDATE post SET title = 'Tampered ' || char(27) || ']0;PWNED-DB' || char(7) || char(155) || '2J'
            || char(127) || char(8238) || ' title', author = 'Au' || char(27) || '[2J' || char(157) || 'x'
            WHERE slug = 'escapes-in-the-title-red';
        UPDATE label SET name = 'tampered' || char(27) || ']52;c;eA==' || char(7) || char(133) || 'label'
            WHERE name = 'escapes';
        UPDATE footnote SET text = 'tampered note ' || char(27) || ']0;PWNED-NOTE' || char(7);
        UPDATE post_ref SET text = 'tampered ref ' || char(27) || '[5m' || char(8238),
            target = 'http://evil.example/' || char(27) || ']0;PWNED-REF' || char(7);
        """

    private static let tamperedStore = Result { () throws -> String in
        let archive = try shared()
        let path = archive.dir.path("tampered.sqlite")
        let imported = try run(quireBinary, ["--store", path, "import"] + archive.inputs)
        guard imported.status == 0 else { throw TestFailure("import failed: \(imported.stderr)") }
        let r = try run("/usr/bin/sqlite3", [path], stdin: Data(tamperSQL.utf8))
        guard r.status == 0, r.stderr.isEmpty else { throw TestFailure("tampering failed: \(r.stderr)") }
        return path
    }
    static func tampered() throws -> String { try tamperedStore.get() }

    init() throws {
        dir = try TempDir()
        let folder = dir.path("in")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("posts").path, toPath: folder)
        for (path, text) in Self.generatedPosts() { _ = try dir.write("in/" + path, text) }
        inputs = [folder, Self.fixtures.appendingPathComponent("blogger-hostile.xml").path]
        store = dir.path("hostile.sqlite")
        let imported = try run(quireBinary, ["--store", store, "import"] + inputs)
        guard imported.status == 0 else { throw TestFailure("importing the hostile archive failed: \(imported.stderr)") }
        let listed = try quire(store, "list", "--json", "--limit", "100")
        guard let rows = try JSONSerialization.jsonObject(with: listed.stdoutBytes) as? [[String: Any]] else {
            throw TestFailure("list --json printed no JSON")
        }
        posts = rows.compactMap { row in
            guard let id = row["id"] as? Int, let slug = row["slug"] as? String, let title = row["title"] as? String,
                  let date = row["date"] as? String else { return nil }
            return PostRef(id: id, slug: slug, title: title, date: date)
        }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}

/// Columns a line captured from tmux takes: marks and format characters none, East Asian wide
/// and emoji two, everything else one.
func terminalWidth(_ line: String) -> Int {
    line.unicodeScalars.reduce(0) { total, s in
        let v = s.value
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return total
        default: break
        }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF01...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}
