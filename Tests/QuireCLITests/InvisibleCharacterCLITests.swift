import Foundation
import Testing

/// Characters that draw nothing never reach the command line's output, whether they came in
/// with an import or were already in a store.
@Suite struct InvisibleCharacterCLITests {
    static let zeroWidth = "\u{200B}", softHyphen = "\u{AD}", wordJoiner = "\u{2060}", rlm = "\u{200F}", tag = "\u{E0041}"

    /// Whether any scalar of `text` is one of the invisible ones (joiners inside emoji aside).
    static func invisibles(in text: String) -> [String] {
        text.unicodeScalars.filter { s in
            [0xAD, 0x61C, 0x180E].contains(s.value) || (0x200B...0x200F).contains(s.value) || (0x2060...0x206F).contains(s.value)
                || (0xE0000...0xE007F).contains(s.value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func importedNamesAreCleanAndSlugsLookAsTheyAre() throws {
        let dir = try TempDir()
        let z = Self.zeroWidth, sh = Self.softHyphen, wj = Self.wordJoiner, rlm = Self.rlm, tag = Self.tag
        let folder = dir.path("in")
        _ = try dir.write("in/2020/01/a.txt", """
            2020-01-01

            Pay\(z)Pal Secu\(sh)rity Notice\(rlm)

            Log in at https://pay\(z)pal.example/login to keep your account\(wj) open.

            Labels: sec\(sh)urity, ne\(wj)ws\(tag)

            """)
        _ = try dir.write("in/2020/01/b.txt", """
            2020-01-02

            PayPal Security Notice

            The real one.

            Labels: security

            """)
        let store = dir.path("s.sqlite")
        let imported = try quire(store, "import", folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        var outputs: [String: String] = [:]
        for args in [["list"], ["labels"], ["search", "paypal"], ["show", "paypal-security-notice"], ["links", "paypal-security-notice"],
                     ["list", "--json"], ["labels", "--json"], ["show", "--json", "paypal-security-notice"]] {
            let full = try run(quireBinary, ["--store", store] + args)
            #expect(full.status == 0, "\(args): \(full.stderr)")
            #expect(Self.invisibles(in: full.stdout).isEmpty, "\(args): \(Self.invisibles(in: full.stdout)) in \(full.stdout)")
            outputs[args.joined(separator: " ")] = full.stdout
        }
        // The two titles are the same now, so their slugs are too: the second gets a suffix.
        let list = outputs["list"] ?? ""
        #expect(list.contains("PayPal Security Notice  [paypal-security-notice]"), "\(list)")
        #expect(list.components(separatedBy: "PayPal Security Notice  [paypal-security-notice").count == 3, "\(list)")
        #expect(outputs["labels"]?.contains("2  security") == true, "\(outputs["labels"] ?? "")")
        #expect(outputs["labels"]?.contains("1  news") == true, "\(outputs["labels"] ?? "")")
    }

    /// A store made before this cleaning (or written by another program) is cleaned on output;
    /// its JSON shows the characters escaped, so they are seen.
    @Test func anExistingStoreIsCleanedOnOutput() throws {
        let dir = try TempDir()
        let store = try DemoStore.shared.copy(into: dir)
        let set = try run("/usr/bin/sqlite3", [store, """
            UPDATE post SET title = 'Tw' || char(8203) || 'in' || char(173) || ' Peaks' || char(917569),
                slug = 'tw' || char(8203) || 'in-peaks' WHERE id = (SELECT MIN(id) FROM post);
            UPDATE label SET name = 'hid' || char(8288) || 'den' WHERE id = (SELECT MIN(id) FROM label);
            """])
        try #require(set.status == 0, "\(set.stderr)")
        for args in [["list", "--limit", "100"], ["labels"], ["archive"], ["stats"]] {
            let r = try run(quireBinary, ["--store", store] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(Self.invisibles(in: r.stdout).isEmpty, "\(args): \(Self.invisibles(in: r.stdout))")
        }
        let list = try quire(store, "list", "--limit", "100")
        #expect(list.stdout.contains("Twin Peaks  [twin-peaks]"), "\(list.stdout)")
        let json = try quire(store, "list", "--json", "--limit", "100")
        #expect(Self.invisibles(in: json.stdout).isEmpty)
        #expect(json.stdout.contains("Tw\\u200Bin\\u00ADPeaks") || json.stdout.contains("Tw\\u200Bin\\u00AD Peaks"), "\(json.stdout.prefix(600))")
    }
}
