import ArgumentParser

/// Starts `quire`, letting global options stand before the subcommand (`quire --store X list`).
@main
enum Entry {
    static func main() {
        QuireCommand.main(GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst())))
    }
}

/// `quire`: read an archived blog in the terminal, or query it from the command line.
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
                      StatsCommand.self, ConfigCommand.self],
        defaultSubcommand: ReadCommand.self
    )
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file to use.", valueName: "path"))
    var store: String?

    /// Moves `--store PATH` given before the subcommand's name to after it, where the
    /// subcommand's own copy of the option reads it.
    static func movedAfterSubcommand(_ args: [String]) -> [String] {
        let names = Set(QuireCommand.configuration.subcommands.flatMap {
            [$0.configuration.commandName ?? ""] + $0.configuration.aliases
        })
        guard let sub = args.firstIndex(where: { names.contains($0) }) else { return args }
        var moved: [String] = []
        var rest: [String] = []
        var i = 0
        while i < sub {
            if args[i] == "--store", i + 1 < sub { moved += [args[i], args[i + 1]]; i += 2; continue }
            if args[i].hasPrefix("--store=") { moved.append(args[i]) } else { rest.append(args[i]) }
            i += 1
        }
        return rest + [args[sub]] + moved + args[(sub + 1)...]
    }
}

/// Options of the commands that can answer in JSON.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false
}
