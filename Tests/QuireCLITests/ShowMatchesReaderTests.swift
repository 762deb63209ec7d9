import Foundation
import QuireModel
import QuireStore
import QuireUI
import Testing

/// `quire show --width N` prints what the reader shows in a text column N wide, line for
/// line: the reader's screen is rendered here from the same store, with the reader's own
/// session, tall enough to hold the whole post.
@Suite(.serialized) struct ShowMatchesReaderTests {
    static let widths = [20, 47, 80, 100]

    /// Demo posts that between them have notes, references, backlinks, elisions and the
    /// longest text, and every post of a Blogger, a WordPress and a Hugo export (threaded and
    /// removed comments, code, rules, images, links out, dangling references).
    @Test(arguments: widths)
    func showPrintsTheReadersLines(width: Int) throws {
        let demo = try ArchiveStore(readingOnly: DemoStore.shared.path)
        let exports = try ExportStore.shared.path
        let rich = try ArchiveStore(readingOnly: exports)
        let cases = try Self.demoPosts(demo).map { (DemoStore.shared.path, demo, $0) }
            + (try Self.allPosts(rich)).map { (exports, rich, $0) }
        for (path, archive, stored) in cases {
            for inline in [true, false] {
                let r = try quire(path, "show", String(stored.id), "--width", String(width), "--notes", inline ? "inline" : "end")
                #expect(r.status == 0, "\(r.stderr)")
                var shown = r.stdout.components(separatedBy: "\n")
                if shown.last == "" { shown.removeLast() }
                let reader = try Self.readerColumn(archive, stored, width: width, inlineNotes: inline)
                Self.expectSame(shown, reader, "\(stored.post.slug) at \(width), notes \(inline ? "inline" : "end")")
            }
        }
    }

    /// The chosen demo posts must have what the comparison is meant to cover.
    @Test func theChosenPostsCoverNotesReferencesAndBacklinks() throws {
        let posts = try Self.demoPosts(try ArchiveStore(readingOnly: DemoStore.shared.path))
        #expect(posts.contains { !$0.post.footnotes.isEmpty })
        #expect(posts.contains { !$0.numberedReferences.isEmpty })
        #expect(posts.contains { $0.targets.contains(.dangling) })
        #expect(posts.contains { !$0.backlinks.isEmpty })
        let rich = try Self.allPosts(try ArchiveStore(readingOnly: try ExportStore.shared.path))
        #expect(rich.contains { $0.post.comments.contains { $0.parentID != nil } })
        #expect(rich.contains { $0.post.comments.contains(where: \.removed) })
    }

    // MARK: Helpers

    static func demoPosts(_ archive: ArchiveStore) throws -> [StoredPost] {
        let all = try allPosts(archive)
        var chosen: [StoredPost] = []
        func pick(_ post: StoredPost?) { if let post, !chosen.contains(where: { $0.id == post.id }) { chosen.append(post) } }
        pick(all.first { $0.post.title == seedTitle })
        pick(all.max { $0.post.footnotes.count < $1.post.footnotes.count })
        pick(all.max { $0.numberedReferences.count < $1.numberedReferences.count })
        pick(all.max { $0.backlinks.count < $1.backlinks.count })
        pick(all.first { $0.targets.contains(.dangling) })
        pick(all.max { $0.post.document.plainText.count < $1.post.document.plainText.count })
        return chosen
    }

    static func allPosts(_ archive: ArchiveStore) throws -> [StoredPost] {
        let summaries = try archive.posts(PostFilter(), after: nil, limit: 1000)
        return try summaries.map { try #require(try archive.post($0.id)) }
    }

    /// The text column of the reader showing a post: the body rows of a window two columns
    /// wider than `width` (the reader keeps a margin) and tall enough for the whole post.
    static func readerColumn(_ archive: ArchiveStore, _ stored: StoredPost, width: Int, inlineNotes: Bool) throws -> [String] {
        var settings = ReaderSettings()
        settings.inlineNotes = inlineNotes
        // The column is as wide as asked, also beyond the default widest column.
        settings.textWidth = width
        let cols = width + 2
        let count = ReaderState(post: stored, origin: .archive, cols: cols, textWidth: settings.textWidth,
                                inlineNotes: inlineNotes).layout.lines.count
        let session = ReaderSession(archive: archive, options: ReaderOptions(openPost: stored.id, settings: settings),
                                    rows: count + 2, cols: cols)
        let reader = try #require(session.state.reader)
        #expect(reader.layout.width == width && reader.layout.lines.count == count)
        let margin = reader.margin(cols: cols)
        return session.render().lines[1...count].map { String($0.dropFirst(margin)) }
    }

    /// Reports the first line that differs, with both texts around it.
    static func expectSame(_ shown: [String], _ reader: [String], _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        guard shown != reader else { return }
        let i = (0..<min(shown.count, reader.count)).first { shown[$0] != reader[$0] } ?? min(shown.count, reader.count)
        let around = { (lines: [String]) in lines[max(0, i - 2)..<min(lines.count, i + 3)].map { "|" + $0 }.joined(separator: "\n") }
        Issue.record("""
            \(what): show and the reader differ at line \(i) (show \(shown.count) lines, reader \(reader.count))
            show:
            \(around(shown))
            reader:
            \(around(reader))
            """, sourceLocation: sourceLocation)
    }
}

/// A store holding a Blogger, a WordPress and a Hugo export from the import tests' fixtures,
/// made once for the suites that read it.
final class ExportStore: @unchecked Sendable {
    static let shared = ExportStore()
    private var dir: TempDir?
    private var result: Result<String, Error> = .failure(CancellationError())

    init() {
        let fixtures = repoRoot.appendingPathComponent("Tests/QuireImportTests/Fixtures")
        do {
            let dir = try TempDir()
            self.dir = dir
            let path = dir.path("exports.sqlite")
            let r = try quire(path, "import", fixtures.appendingPathComponent("blogger/classic.xml").path,
                              fixtures.appendingPathComponent("wordpress/wxr-1.2.xml").path,
                              fixtures.appendingPathComponent("markdown/hugo-site").path)
            struct ImportFailed: Error, CustomStringConvertible { var description: String }
            result = r.status == 0 ? .success(path) : .failure(ImportFailed(description: r.stderr))
        } catch {
            result = .failure(error)
        }
    }

    var path: String { get throws { try result.get() } }
}
