import ArgumentParser
import Foundation
import GRDB

/// `quire`: read an archived blog in the terminal, or query it from the command line.
@main
struct QuireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quire",
        abstract: "A terminal reader for archived blogs.",
        discussion: """
            With no subcommand, opens the archive in the full-screen reader. The store is \
            --store PATH, else $QUIRE_STORE, else $XDG_DATA_HOME/quire/archive.sqlite \
            (~/.local/share/quire/archive.sqlite). An empty default store starts with the demo archive.
            """,
        subcommands: [ReadCommand.self, ImportCommand.self, ListCommand.self, LabelsCommand.self,
                      ArchiveCommand.self, ShowCommand.self, SearchCommand.self, LinksCommand.self,
                      StatsCommand.self, CheckCommand.self, ConfigCommand.self, ServeCommand.self, GenerateManualCommand.self],
        defaultSubcommand: ReadCommand.self
    )
    /// Lets `--store` stand before the subcommand (`quire --store X list`) as well as after it:
    /// the argument parser decodes the root's group, which reads the option wherever it stands,
    /// and gives that value to every subcommand's `@OptionGroup` of the same type. Given
    /// twice, the last one wins.
    @OptionGroup var global: GlobalOptions

    /// Runs the command. Every error that leaves a subcommand, and every message of the argument
    /// parser's own (help, usage, a value it refused), is printed here, cleaned like all other
    /// output: an error may quote a store's contents or an argument, and neither reaches the
    /// terminal raw.
    static func main() {
        PeakMemoryReport.installIfAsked()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as DatabaseError {
            // A store error that a command did not describe itself.
            Output.errorLine("quire: \(StoreErrors.describe(error))")
            Foundation.exit(ExitCode.failure.rawValue)
        } catch {
            let code = exitCode(for: error)
            Output.block(fullMessage(for: error), toStandardError: code != .success)
            Foundation.exit(code.rawValue)
        }
    }
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file to use.", valueName: "path"))
    var store: String?
}

/// Options of the commands that can answer in JSON.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false
}
