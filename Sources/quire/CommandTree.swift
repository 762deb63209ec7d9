/// The parts of the argument parser's `--experimental-dump-help` JSON the manual uses.
struct ToolInfo: Decodable {
    struct Command: Decodable {
        var commandName: String
        var aliases: [String]?
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var defaultSubcommand: String?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }

    struct Argument: Decodable {
        enum Kind: String, Decodable { case positional, option, flag }
        struct Name: Decodable { var kind: String; var name: String }
        var kind: Kind
        var shouldDisplay: Bool
        var isOptional: Bool
        var isRepeating: Bool
        var names: [Name]?
        var valueName: String?
        var defaultValue: String?
        var allValues: [String]?
        var abstract: String?
        var discussion: String?

        var isHelp: Bool { names?.contains { $0.kind == "long" && $0.name == "help" } == true }

        /// `\fB--label\fR, \fB--tag\fR \fIlabel\fR`, `\fB--json\fR` or `\fIpath\fR...`.
        var usage: String {
            let value = "\\fI" + Roff.escaped(valueName ?? "value") + "\\fR"
            switch kind {
            case .positional:
                return value + (isRepeating ? "..." : "")
            case .flag, .option:
                let spelled = (names ?? []).map { n in
                    "\\fB" + Roff.escaped((n.kind == "short" || n.kind == "longWithSingleDash" ? "-" : "--") + n.name) + "\\fR"
                }.joined(separator: ", ")
                return kind == .option ? spelled + " " + value : spelled
            }
        }

        /// The usage, in brackets when it may be left out.
        var bracketedUsage: String { isOptional ? "[" + usage + "]" : usage }
    }

    var command: Command
}
