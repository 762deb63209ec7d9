import ArgumentParser
import Foundation
import QuireModel
import QuireStore
import QuireUI

/// `quire show POST`: one post as the reader lays it out, as plain text.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a post as wrapped text.",
        discussion: "The same lines the reader shows at that width, without colours or attributes.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Wrap at this many columns (default: the terminal's width, at most 100).") var width: Int?
    @Option(help: "Footnotes right after the paragraph citing them (inline) or all at the end (end).")
    var notes: NotePlacement = .inline
    @Argument(help: "The post: its id, its slug or its exact title.") var post: String

    func validate() throws {
        if let width, width < 20 { throw ValidationError("--width must be at least 20") }
    }

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        let stored = try PostLookup.one(post, in: store)
        if output.json { return try Output.json(PostDetailJSON(stored)) }
        let columns = width ?? min(100, TerminalSize.columns() ?? 80)
        PostLayout.plainLines(of: stored, width: columns, inlineNotes: notes == .inline) { Output.line($0) }
    }
}

/// The whole post for `quire show --json`.
struct PostDetailJSON: Encodable {
    struct Note: Encodable { var label: String, text: String }
    var id: Int64, slug: String, title: String, date: String, author: String?, permalink: String?
    var labels: [String], text: String, notes: [Note], comments: Int, links: LinkList

    init(_ s: StoredPost) {
        id = s.id; slug = s.post.slug; title = s.post.title; date = s.post.date.sortKey
        author = s.post.author; permalink = s.post.permalink; labels = s.post.labels
        text = s.post.document.plainText
        notes = s.post.footnotes.map { Note(label: $0.label, text: $0.plainText) }
        comments = s.post.commentCount; links = LinkList(s)
    }
}

enum NotePlacement: String, ExpressibleByArgument, CaseIterable { case inline, end }

/// Resolves the POST argument of `show` and `links`.
enum PostLookup {
    static func one(_ name: String, in store: ArchiveStore) throws -> StoredPost {
        let found = try store.find(name)
        guard let first = found.first else {
            Output.errorLine("quire: no post has the id, slug or title '\(name)' (try: quire search \(name.split(separator: " ").first ?? ""))")
            throw ExitCode.failure
        }
        if found.count > 1 {
            Output.errorLine("quire: \(found.count) posts are titled '\(name)'; showing the first. Name one by slug:")
            for p in found { Output.errorLine("  \(p.slug)  (\(p.date.isoDay))") }
        }
        guard let stored = try store.post(first.id) else { throw ExitCode.failure }
        return stored
    }
}

enum TerminalSize {
    static func columns() -> Int? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
