import ArgumentParser
import Foundation
import QuireConfig

/// `quire config`: the reader's configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show, check or print a default for the reader's configuration file.",
        discussion: """
            The reader reads $XDG_CONFIG_HOME/quire/config.toml (~/.config/quire/config.toml): \
            keys per screen, colours, the text width, footnotes inline or as markers, the mouse, \
            the browser. With no option, prints where the file is and whether it is in order.
            """
    )
    @Flag(name: .customLong("default"), help: "Print a commented configuration with every default.") var printDefault = false
    @Flag(help: "Check the file: print each problem with its line; exit 1 if there are any.") var check = false
    @Flag(help: "Print the file's path only.") var path = false

    func run() throws {
        if printDefault {
            // Line by line: Output cleans each line (the text is Quire's own, but the rule holds).
            for line in DefaultConfig.text().split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                Output.line(String(line))
            }
            return
        }
        let file = ConfigFile.path(environment: ProcessInfo.processInfo.environment)
        if path {
            Output.line(file)
            return
        }
        guard FileManager.default.fileExists(atPath: file) else {
            Output.line("\(file): no such file; the reader uses the defaults (quire config --default prints them)")
            return
        }
        let (_, problems) = ConfigReader.load(path: file)
        if problems.isEmpty {
            Output.line("\(file): no problems")
            return
        }
        for p in problems { Output.line("\(file): \(p)") }
        if check { throw ExitCode.failure }
    }
}
