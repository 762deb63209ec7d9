import Testing
import QuireModel
@testable import QuireStore

/// Posts that want one slug are numbered in the order they come, in one import or several,
/// and a post imported again keeps the number it has.
@Suite struct SlugNumberingTests {
    static func posts(_ range: Range<Int>, text: String = "Some text.") -> [Post] {
        range.map { i in
            makePost("Untitled", String(format: "2030-01-%02d", i % 28 + 1), body: [text], key: "k\(i)")
        }
    }

    static func slugs(_ s: ArchiveStore) throws -> [String] {
        try s.posts(PostFilter(), after: nil, limit: 1_000).sorted { $0.id < $1.id }.map(\.slug)
    }

    @Test func numberedInOrderAcrossImports() throws {
        let s = try store(with: Self.posts(0..<5))
        #expect(try Self.slugs(s) == ["untitled", "untitled-2", "untitled-3", "untitled-4", "untitled-5"])
        _ = try s.importBatches([ImportBatch(format: "test", posts: Self.posts(5..<7))])
        #expect(try Self.slugs(s) == ["untitled", "untitled-2", "untitled-3", "untitled-4", "untitled-5", "untitled-6", "untitled-7"])
    }

    @Test func aPostImportedAgainKeepsItsNumber() throws {
        let s = try store(with: Self.posts(0..<4))
        // Changed, in reverse order: each is an update and keeps its slug.
        _ = try s.importBatches([ImportBatch(format: "test", posts: Self.posts(0..<4, text: "Changed.").reversed())])
        #expect(try Self.slugs(s) == ["untitled", "untitled-2", "untitled-3", "untitled-4"])
    }

    @Test func aSlugTakenByHandIsSkipped() throws {
        var taken = makePost("Untitled 3", "2029-01-01", key: "other")
        taken.slug = "untitled-3"
        let s = try store(with: [taken] + Self.posts(0..<4))
        #expect(try Self.slugs(s) == ["untitled-3", "untitled", "untitled-2", "untitled-4", "untitled-5"])
    }
}
