import ArgumentParser
import Foundation
import QuireImport
import QuireModel
import QuireStore

/// `quire import PATH...`: reads files and folders and writes them to the store in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import posts from files or folders (plain-text posts, Blogger, WordPress, Markdown).",
        discussion: "All paths are read first; if any is malformed, nothing is written and the store stays as it was."
    )
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Import drafts and other unpublished posts too.")
    var includeDrafts = false
    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let (store, path, _) = try StoreOpener.open(global)
        let options = ImportOptions(includeDrafts: includeDrafts)
        var formats: [String] = []
        let summary: ImportSummary
        do {
            // One transaction: a bad file anywhere leaves the store exactly as it was.
            summary = try store.importing { writer in
                for source in paths {
                    try SourceReader.stream(path: source, options: options) { chunk in
                        for warning in chunk.warnings { Output.errorLine(warning.description) }
                        if !chunk.posts.isEmpty || formats.isEmpty { formats.append(chunk.format) }
                        try writer.write(chunk)
                    }
                    try writer.endSource(Self.absolute(source))
                }
            }
        } catch let error as ImportError {
            Output.errorLine(error.description)
            Output.errorLine("quire: nothing was imported; the store is unchanged.")
            throw ExitCode.failure
        } catch {
            Output.errorLine("quire: writing to \(path) failed, nothing was imported: \(error)")
            throw ExitCode.failure
        }
        Output.line(Self.describe(summary, formats: formats))
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func describe(_ s: ImportSummary, formats: [String]) -> String {
        var text = "imported \(s.imported), updated \(s.updated), unchanged \(s.unchanged)"
        let skipped = s.skipped.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        text += skipped.isEmpty ? ", skipped 0" : ", skipped: " + skipped.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        text += ", warnings \(s.warnings)"
        let kinds = Array(Set(formats)).sorted()
        return text + " (\(kinds.joined(separator: ", ")))"
    }
}
