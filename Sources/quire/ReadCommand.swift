import ArgumentParser
import Foundation

/// Opens the full-screen reader.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Open the archive in the full-screen reader (the default)."
    )
    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = try StoreOpener.openForReading(global)
        Output.errorLine("quire: the full-screen reader is not built yet; use the subcommands (quire --help) meanwhile.")
        throw ExitCode(2)
    }
}
