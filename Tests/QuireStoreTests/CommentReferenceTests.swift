import Foundation
import GRDB
import Testing
import QuireImport
import QuireModel
@testable import QuireStore

/// Links written in comments, pingbacks, and links whose date is a day off, as the store keeps them.
@Suite struct CommentReferenceTests {
    static func fixture(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("QuireImportTests/Fixtures").appendingPathComponent(relative)
    }

    static func oddCorners() throws -> ArchiveStore {
        let batch = try ExportReader.readXML(at: fixture("wordpress/odd-corners.xml"), displayPath: "odd-corners.xml",
                                             options: ImportOptions())
        let store = try ArchiveStore.inMemory()
        _ = try store.importBatches([batch])
        return store
    }

    /// The post a commenter linked to lists the post holding the comment, marked as such; the
    /// link in the comment leads there.
    @Test func backlinksFromComments() throws {
        let store = try Self.oddCorners()
        let harbour = try #require(try store.find("sounds-of-the-harbour").first)
        let neap = try #require(try store.find("neap-tides").first)
        let target = try #require(try store.post(harbour.id))
        #expect(target.backlinks.map(\.id) == [neap.id])
        #expect(target.commentBacklinks == [neap.id])
        let holder = try #require(try store.post(neap.id))
        let index = try #require(holder.post.references.firstIndex { $0.inComment && $0.target.contains("sounds-of-the-harbour") })
        #expect(holder.targets[index] == .post(harbour.id, title: "Sounds of the harbour"))
        // The relative link in the reply resolves too.
        let footnotes = try #require(try store.find("footnotes-given-twice").first)
        #expect(try store.post(footnotes.id)?.commentBacklinks == [neap.id])
    }

    /// References in comments are counted apart, so the counts of what authors wrote stay theirs;
    /// pingbacks are counted.
    @Test func statsCountPingbacksAndCommentReferences() throws {
        let stats = try Self.oddCorners().stats()
        #expect(stats.pingbacks == 2)
        #expect(stats.comments == 3)
        #expect(stats.commentReferences == 2)
        #expect(stats.referencesResolved == 0)
        #expect(stats.posts == 5)
    }

    @Test func aBodyLinkIsNotOnlyFromAComment() throws {
        var a = makePost("Alpha", "2020-01-01")
        a.permalink = "https://x.example/2020/01/01/alpha.html"
        var b = makePost("Beta", "2020-02-01")
        b.references = [Reference(kind: .url, target: "https://x.example/2020/01/01/alpha.html", text: "alpha", explicit: true),
                        Reference(kind: .url, target: "https://x.example/2020/01/01/alpha.html", text: "alpha", explicit: true, inComment: true)]
        let s = try store(with: [a, b])
        let alpha = try #require(try s.find("alpha").first)
        let stored = try #require(try s.post(alpha.id))
        #expect(stored.backlinks.map(\.title) == ["Beta"])
        #expect(stored.commentBacklinks.isEmpty)
    }
}
