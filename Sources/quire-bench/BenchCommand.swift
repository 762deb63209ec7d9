import ArgumentParser

/// `quire-bench`: makes synthetic archives and measures Quire on them.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quire-bench",
        abstract: "Generate synthetic blog archives and benchmark Quire on them.",
        subcommands: [GenerateCommand.self, RunCommand.self, ScalingCommand.self, LayoutCommand.self]
    )
}
