import ArgumentParser
import Foundation
import QuireModel
import QuireStore

/// `quire show POST`: one post as wrapped text.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a post as wrapped text.")
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
        for line in PostTextFormatter(width: columns, notes: notes).lines(for: stored) { Output.line(line) }
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
