import ArgumentParser
import Foundation
import QuireImport
import QuireModel
import QuireState
import QuireStore

/// `quire import PATH...`: reads files and folders and writes them to the store in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import posts from files or folders (plain-text posts, Blogger, WordPress, Markdown).",
        discussion: """
            All paths are read first; if any is malformed, nothing is written and the store stays as it was. \
            The first \(WarningReport.shownLimit) warnings are printed, then a count of the rest by kind; \
            --verbose prints them all, and `quire import --log` prints the last import's full list \
            (kept per store in $XDG_STATE_HOME/quire, never in the archive).
            """
    )
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Import drafts and other unpublished posts too.")
    var includeDrafts = false
    @Flag(name: .long, help: "Print every warning, not only the first \(WarningReport.shownLimit).")
    var verbose = false
    @Flag(name: .long, help: "Print the warnings of the last import into the store; import nothing.")
    var log = false
    @Option(name: .long, help: ArgumentHelp(
        "The most of one post that is read: megabytes, or a size such as 500KB (decimal; at most 20MB). Past it a post is cut, with a warning and a note at its end.",
        valueName: "size"))
    var maxPostSize = PostSizeLimit.size(ImportOptions.defaultMaxPostBytes).replacingOccurrences(of: " ", with: "")
    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if log, !paths.isEmpty { throw ValidationError("--log prints the last import's warnings and takes no paths") }
        if !log, paths.isEmpty { throw ValidationError("name the files or folders to import (or --log for the last import's warnings)") }
        guard let bytes = PostSizeLimit.parse(maxPostSize), bytes >= 1_000 else {
            throw ValidationError("--max-post-size: expected a size of at least 1KB, such as 10MB, 500KB or 20 (megabytes), found '\(maxPostSize)'")
        }
        guard bytes <= PostSizeLimit.largest else {
            throw ValidationError("--max-post-size: at most \(PostSizeLimit.size(PostSizeLimit.largest)): the store keeps a post of up to 64 MiB with its JSON, found '\(maxPostSize)'")
        }
    }

    func run() throws {
        if log { return try printLog() }
        let (store, path, _) = try StoreOpener.open(global)
        let options = ImportOptions(includeDrafts: includeDrafts,
                                    maxPostBytes: PostSizeLimit.parse(maxPostSize) ?? ImportOptions.defaultMaxPostBytes)
        var formats: [String] = []
        var report = WarningReport(verbose: verbose)
        let summary: ImportSummary
        do {
            // One transaction: a bad file anywhere leaves the store exactly as it was.
            summary = try store.importing { writer in
                for source in paths {
                    try SourceReader.stream(path: source, options: options) { chunk in
                        for warning in chunk.warnings {
                            if let line = report.add(warning) { Output.errorLine(line) }
                        }
                        if !chunk.posts.isEmpty || formats.isEmpty { formats.append(chunk.format) }
                        try writer.write(chunk)
                    }
                    try writer.endSource(Self.absolute(source))
                }
            }
        } catch let error as ImportError {
            if let closing = report.closingLine { Output.errorLine(closing) }
            Output.errorLine(error.description)
            Output.errorLine("quire: nothing was imported; the store is unchanged.")
            keepLog(report, store: store, path: path, ending: [error.description, "nothing was imported; the store is unchanged"])
            throw ExitCode.failure
        } catch {
            if let closing = report.closingLine { Output.errorLine(closing) }
            Output.errorLine("quire: writing to \(path) failed, nothing was imported: \(error)")
            keepLog(report, store: store, path: path, ending: ["writing to \(path) failed, nothing was imported: \(error)"])
            throw ExitCode.failure
        }
        if let closing = report.closingLine { Output.errorLine(closing) }
        let described = Self.describe(summary, formats: formats)
        keepLog(report, store: store, path: path, ending: [described])
        Output.line(described)
    }

    /// Replaces the store's import log with this import's warnings. A log that cannot be
    /// written is said once and does not fail the import.
    private func keepLog(_ report: WarningReport, store: ArchiveStore, path: String, ending: [String]) {
        let environment = ProcessInfo.processInfo.environment
        do {
            let log = ImportLog(identity: try store.identity(path: path), environment: environment)
            let stamp = ISO8601DateFormatter().string(from: Date())
            var lines = ["# quire import \(paths.map(Self.absolute).joined(separator: " ")) into \(path), \(stamp)",
                         "# \(report.count) warning\(report.count == 1 ? "" : "s")"]
            lines += report.kept
            if report.kept.count < report.count { lines.append("# \(report.count - report.kept.count) more not kept") }
            lines += ending.map { "# " + $0 }
            try log.write(lines)
        } catch {
            Output.errorLine("quire: note: the import's warnings could not be kept for --log: \(error)")
        }
    }

    /// `--log`: the last import's warnings, as that import kept them.
    private func printLog() throws {
        let (path, _) = StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: path) else {
            Output.errorLine("quire: there is no store at \(path), so no import to show the warnings of")
            throw ExitCode.failure
        }
        let store = try StoreOpener.attempt(path) { try ArchiveStore(readingOnly: path) }
        let log = ImportLog(identity: try store.identity(path: path), environment: ProcessInfo.processInfo.environment)
        guard let lines = log.read() else {
            Output.errorLine("quire: no import into \(path) has been logged yet (\(log.path))")
            throw ExitCode.failure
        }
        for line in lines { Output.line(line) }
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
