import Foundation
import GRDB
import Testing
import QuireImport
import QuireModel
@testable import QuireStore

/// A link whose address is dated a day off its post's date (the generator used another time
/// zone) resolves when that slug names one post within a day.
@Suite struct ShiftedDateTests {
    func post(_ title: String, _ slug: String, _ day: String, link: String? = nil) -> Post {
        var p = makePost(title, day)
        p.slug = slug
        p.permalink = "/" + day.prefix(10).replacingOccurrences(of: "-", with: "/") + "/\(slug).html"
        if let link {
            p.references = [Reference(kind: .url, target: link, text: "there", explicit: true)]
            p.document.blocks.append(.paragraph([.reference(index: 0, text: "there")]))
        }
        return p
    }

    @Test func aDayOffResolves() throws {
        let s = try store(with: [
            post("Late night", "late-night", "2020-01-02T23:30:00"),
            post("Pointer", "pointer", "2020-02-01", link: "https://blog.example/2020/01/03/late-night.html"),
            post("Month pointer", "month-pointer", "2020-02-02", link: "/2020/01/late-night.html"),
        ])
        let late = try #require(try s.find("late-night").first)
        for name in ["pointer", "month-pointer"] {
            let p = try #require(try s.find(name).first)
            #expect(try s.post(p.id)?.targets == [.post(late.id, title: "Late night")])
        }
    }

    /// Two posts of that slug a day either side of the link's date, or one two days off: no guess.
    @Test func twoDaysOffOrTwoCandidatesStayDangling() throws {
        let s = try store(with: [
            post("Notes", "notes", "2020-01-02"),
            post("Notes again", "notes", "2020-01-04"),
            post("Far", "far", "2020-05-01"),
            post("Pointer", "pointer", "2020-06-01", link: "/2020/01/03/notes.html/"),
            post("Far pointer", "far-pointer", "2020-06-02", link: "/2020/05/03/far.html"),
        ])
        for name in ["pointer", "far-pointer"] {
            let p = try #require(try s.find(name).first)
            #expect(try s.post(p.id)?.targets == [.dangling])
        }
    }

    @Test func datedAddresses() {
        #expect(ShiftedDates.parse("https://b.example/2020/01/03/late-night.html")
                == .init(slug: "late-night", year: 2020, month: 1, day: 3))
        #expect(ShiftedDates.parse("/blog/2019/12/x/") == .init(slug: "x", year: 2019, month: 12))
        #expect(ShiftedDates.parse("/about/") == nil)
        #expect(ShiftedDates.parse("/2020/01/03/") == nil)
    }
}

/// Stores made before pingbacks and comment references were kept are brought up to date and read.
@Suite struct PingbackMigrationTests {
    @Test func aStoreOfTheEarlierSchemaMigrates() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-old-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let old = try ArchiveStore(path: path)
            _ = try old.importBatches([ImportBatch(format: "test", posts: [makePost("Before", "2019-01-01")])])
        }
        // Undo what the newest migration made, as a store written by the previous version.
        let queue = try DatabaseQueue(path: path, configuration: ArchiveStore.configuration(checkingSchema: false))
        try queue.write { db in
            try db.execute(sql: """
                ALTER TABLE post DROP COLUMN pingback_count;
                ALTER TABLE post_ref DROP COLUMN in_comment;
                DELETE FROM grdb_migrations WHERE identifier = 'v6-pingbacks-and-comment-references';
                """)
        }
        try queue.close()
        let store = try ArchiveStore(path: path)
        #expect(try store.stats().posts == 1)
        #expect(try store.stats().pingbacks == 0)
        let before = try #require(try store.find("before").first)
        #expect(try store.post(before.id)?.post.pingbacks == [])
        var with = makePost("After", "2019-02-01")
        with.pingbacks = [Pingback(kind: .pingback, source: "S", url: nil, date: nil, excerpt: "e")]
        _ = try store.importBatches([ImportBatch(format: "test", posts: [with])])
        #expect(try store.stats().pingbacks == 1)
    }
}
