import Foundation
import Testing
import QuireImport
import QuireModel
@testable import QuireStore

/// What the store writes it can read again: the encoder and JSONDecoder share the nesting
/// limit, and a post handed to the store nested deeper is flattened before it is written.
@Suite struct DeepDocumentStoreTests {
    /// Lists only: a list costs the most levels of JSON.
    static func lists(_ depth: Int, _ text: String) -> [Block] {
        var inner: [Block] = [.paragraph([.text(text, [.emphasis]), .footnoteMarker(label: "1")])]
        for _ in 0..<depth { inner = [.list(ordered: true, items: [[.rule], inner])] }
        return inner
    }

    static func post(depth: Int) -> Post {
        Post(sourceKey: "deep", slug: "deep", title: "Deep", date: PostDate(year: 2030, month: 1, day: 1),
             document: Document(blocks: lists(depth, "body")), footnotes: [Footnote(label: "1", blocks: lists(depth, "note"))],
             comments: [Comment(sourceID: "c1", author: "A", date: nil, blocks: lists(depth, "comment"))])
    }

    @Test func aPostAtTheLimitDecodes() throws {
        let post = Self.post(depth: Document.nestingLimit)
        let decoded = try JSONDecoder().decode(Post.self, from: PostJSON.encode(post))
        #expect(decoded == post)
    }

    @Test(arguments: [Document.nestingLimit + 1, 300, 3_000])
    func aDeeperPostIsFlattenedAndReadsBack(depth: Int) throws {
        let post = Self.post(depth: depth)
        let s = try store(with: [post])
        let stored = try #require(try s.post(1))
        #expect(stored.post.nestingDepth == Document.nestingLimit)
        #expect(stored.post.document.plainText == post.document.plainText)
        #expect(stored.post.footnotes[0].plainText == post.footnotes[0].plainText)
        #expect(stored.post.comments[0].blocks.map(\.plainText) == post.comments[0].blocks.flattened(deeperThan: Document.nestingLimit).map(\.plainText))
    }

    /// The stored blob is the text, a NUL, then the JSON: a NUL in the text (which the readers
    /// remove, but a post may come from elsewhere) must not end it early.
    @Test func aNULInTheTextDoesNotCutTheStoredPost() throws {
        let post = makePost("Nul", "2030-01-01", body: ["before\u{0}after"])
        let s = try store(with: [post])
        let stored = try #require(try s.post(1))
        #expect(stored.post.document == post.document)
        #expect(try s.search("after", limit: 5).count == 1)
    }

    /// Every fixture the tests have, and the demo archive, imported and read back post by
    /// post: each decodes to what was imported. Inputs that are malformed on purpose are
    /// refused with an ImportError.
    @Test func everyFixtureReadsBack() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fm = FileManager.default
        var inputs: [String] = [root.appendingPathComponent("data/posts").path]
        for suite in try fm.contentsOfDirectory(atPath: root.appendingPathComponent("Tests").path).sorted() {
            let fixtures = root.appendingPathComponent("Tests/\(suite)/Fixtures")
            guard let walker = fm.enumerator(atPath: fixtures.path) else { continue }
            var sites: [String] = []
            for case let relative as String in walker {
                let path = fixtures.appendingPathComponent(relative).path
                if sites.contains(where: { path.hasPrefix($0 + "/") }) { continue }
                var isDir: ObjCBool = false
                _ = fm.fileExists(atPath: path, isDirectory: &isDir)
                if isDir.boolValue {
                    // A site is read whole: its posts refer to each other.
                    if fm.fileExists(atPath: path + "/_posts") || fm.fileExists(atPath: path + "/content") {
                        sites.append(path)
                        inputs.append(path)
                    }
                } else {
                    inputs.append(path)
                }
            }
        }
        let s = try ArchiveStore.inMemory()
        var imported: [String: Post] = [:]
        var refused: [String] = []
        for input in inputs {
            do {
                let batch = try SourceReader.read(path: input, options: ImportOptions(includeDrafts: true))
                _ = try s.importBatches([batch])
                for post in batch.posts { imported[post.sourceKey] = post }
            } catch is ImportError {
                refused.append(input)
            }
        }
        #expect(imported.count > 80, "\(imported.count) posts from \(inputs.count) inputs")
        #expect(refused.count < inputs.count / 2, "\(refused)")
        let count = try s.count(PostFilter())
        #expect(count == imported.count)
        for id in 1...Int64(count + 50) {
            guard let stored = try s.post(id) else { continue }
            let original = try #require(imported[stored.post.sourceKey], "\(stored.post.sourceKey)")
            var expected = original
            expected.limitNesting()
            expected.slug = stored.post.slug
            #expect(stored.post == expected, "\(original.sourceKey)")
        }
    }
}
