import ArgumentParser
import Foundation
import QuireUI

/// `quire generate-manual`: prints the manual page (doc/quire.1; `make man` rewrites it).
/// Hidden: it is for building Quire, not for reading an archive.
struct GenerateManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual", abstract: "Print the manual page (roff).", shouldDisplay: false)

    func run() throws {
        print(try ManualPage.text(), terminator: "")
    }
}

/// The manual page, written from the argument parser's command tree (every command, its
/// abstract and discussion, its options and their help) and from the key table the reader's
/// `?` help is drawn from; only the sections neither of them knows are written here.
enum ManualPage {
    static func text() throws -> String {
        let root = try commandTree()
        var page = Roff()
        page.request(".TH QUIRE 1 \"\" \"Quire\" \"User Commands\"")
        page.request(".SH NAME")
        page.text("quire \\- " + Roff.escaped(summary(root.abstract ?? "")))
        synopsis(root, into: &page)
        page.request(".SH DESCRIPTION")
        page.raw(Self.description)
        if let discussion = root.discussion {
            page.request(".PP")
            page.text(Roff.escaped(discussion))
        }
        page.request(".PP")
        page.text("Press \\fB?\\fR in the reader for every key (READER KEYS below lists them).")
        options(root, into: &page)
        commands(root, into: &page)
        keys(into: &page)
        page.raw(Self.closingSections)
        return page.output
    }

    // MARK: From the argument parser

    /// The command tree as the argument parser describes it (`--experimental-dump-help`).
    static func commandTree() throws -> ToolInfo.Command {
        // The parser answers the request as it answers --help: by stopping with the text.
        var json = ""
        do { _ = try QuireCommand.parseAsRoot(["--experimental-dump-help"]) } catch { json = QuireCommand.fullMessage(for: error) }
        return try JSONDecoder().decode(ToolInfo.self, from: Data(json.utf8)).command
    }

    /// The commands a user may type: hidden ones and the parser's own `help` left out.
    static func visibleSubcommands(_ root: ToolInfo.Command) -> [ToolInfo.Command] {
        (root.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
    }

    /// Arguments shown in a command's section: not `--help`, and not the root's own options
    /// (listed once under OPTIONS although every command takes them).
    static func ownArguments(_ command: ToolInfo.Command, root: ToolInfo.Command) -> [ToolInfo.Argument] {
        let shared = Set(rootOptions(root).flatMap { $0.names ?? [] }.map(\.name))
        return (command.arguments ?? []).filter { arg in
            arg.shouldDisplay && !arg.isHelp && !(arg.names ?? []).contains { shared.contains($0.name) }
        }
    }

    static func rootOptions(_ root: ToolInfo.Command) -> [ToolInfo.Argument] {
        (root.arguments ?? []).filter { $0.shouldDisplay && !$0.isHelp }
    }

    /// The root's options that a command takes too.
    static func sharedOptions(_ command: ToolInfo.Command, root: ToolInfo.Command) -> [ToolInfo.Argument] {
        let names = Set((command.arguments ?? []).flatMap { $0.names ?? [] }.map(\.name))
        return rootOptions(root).filter { ($0.names ?? []).contains { names.contains($0.name) } }
    }

    static func synopsis(_ root: ToolInfo.Command, into page: inout Roff) {
        page.request(".SH SYNOPSIS")
        let subcommands = visibleSubcommands(root)
        func line(_ name: String, _ command: ToolInfo.Command, withOptions: Bool) {
            let args = ownArguments(command, root: root)
            var words = sharedOptions(command, root: root).map { "[" + $0.usage + "]" }
            if withOptions, args.contains(where: { $0.kind != .positional }) { words.append("[\\fIoptions\\fR]") }
            words += args.filter { $0.kind == .positional }.map(\.bracketedUsage)
            page.request(".B " + name)
            page.text(words.joined(separator: " "))
        }
        if let name = root.defaultSubcommand, let command = subcommands.first(where: { $0.commandName == name }) {
            // The default command's name may be left out: `quire` alone opens the reader.
            line("quire", command, withOptions: false)
            page.request(".br")
        }
        for (i, command) in subcommands.enumerated() {
            if i > 0 { page.request(".br") }
            line("quire " + Roff.escaped(command.commandName), command, withOptions: true)
        }
    }

    static func options(_ root: ToolInfo.Command, into page: inout Roff) {
        page.request(".SH OPTIONS")
        for arg in rootOptions(root) {
            let names = Set((arg.names ?? []).map(\.name))
            let takers = visibleSubcommands(root).filter { c in
                (c.arguments ?? []).contains { ($0.names ?? []).contains { names.contains($0.name) } }
            }.map(\.commandName)
            argument(arg, into: &page)
            page.text(Roff.escaped("Before or after the command's name; taken by " + takers.joined(separator: ", ") + "."))
        }
        page.request(".PP")
        page.text("Every command takes \\fB\\-\\-help\\fR.")
    }

    static func commands(_ root: ToolInfo.Command, into page: inout Roff) {
        page.request(".SH COMMANDS")
        for command in visibleSubcommands(root) {
            var title = "quire " + command.commandName
            if let aliases = command.aliases, !aliases.isEmpty {
                title += " (also " + aliases.joined(separator: ", ") + ")"
            }
            page.request(".SS \"\(Roff.escaped(title))\"")
            if let abstract = command.abstract { page.text(Roff.escaped(abstract)) }
            if let discussion = command.discussion {
                page.request(".PP")
                page.text(Roff.escaped(discussion))
            }
            for arg in ownArguments(command, root: root) { argument(arg, into: &page) }
        }
    }

    static func argument(_ arg: ToolInfo.Argument, into page: inout Roff) {
        page.request(".TP")
        page.text(arg.usage)
        var help = arg.abstract ?? ""
        if let values = arg.allValues, !values.isEmpty { help += " One of: " + values.joined(separator: ", ") + "." }
        if let value = arg.defaultValue, !value.isEmpty { help += " Default: " + value + "." }
        if arg.isRepeating && arg.kind != .positional { help += " May be given more than once." }
        if let discussion = arg.discussion, !discussion.isEmpty { help += " " + discussion }
        page.text(Roff.escaped(help.trimmingCharacters(in: .whitespaces)))
    }

    /// "A terminal reader for archived blogs." as the NAME line wants it: lower case, no stop.
    static func summary(_ abstract: String) -> String {
        var s = abstract
        if s.hasSuffix(".") { s.removeLast() }
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }

    // MARK: From the key table

    static func keys(into page: inout Roff) {
        page.request(".SH READER KEYS")
        page.text("Press \\fB?\\fR in the reader for this list. The keys of each section can be changed in the "
            + "configuration file, in the table named in brackets after the section's title.")
        let keys = KeyMap.standard
        for context in KeyContext.allCases {
            let bindings = keys.bindings(in: context).filter { !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            page.request(".SS \"\(Roff.escaped(context.rawValue)) [keys.\(Roff.escaped(context.configName))]\"")
            for b in bindings {
                page.request(".TP")
                page.text(b.keys.map { "\\fB" + Roff.escaped($0.name) + "\\fR" }.joined(separator: " "))
                page.text(Roff.escaped(b.help))
            }
        }
        page.request(".SS Mouse")
        page.text(Roff.escaped(HelpScreen.mouseHelp))
    }

    // MARK: Written here

    static let description = """
        .B quire
        imports the export of a blog (plain-text posts, a Blogger backup or Takeout feed, a WordPress
        WXR file, a Jekyll or Hugo folder of Markdown posts) into a local store, and reads it: by date
        and by label, by search, each post with its footnotes inline, following the references
        between posts and back.

        """

    static let closingSections = """
        .SH FILES
        .TP
        .I $XDG_DATA_HOME/quire/archive.sqlite
        The store (\\fI~/.local/share/quire/archive.sqlite\\fR), unless \\fB\\-\\-store\\fR or
        \\fBQUIRE_STORE\\fR names another. The first reading command that finds it empty imports the
        demo archive.
        .TP
        .I $XDG_STATE_HOME/quire/
        Reading state, one file per store: read posts, bookmarks, positions, the last place.
        .TP
        .I $XDG_CONFIG_HOME/quire/config.toml
        Settings: keys, colours, reader width, footnotes, mouse, browser.
        .SH ENVIRONMENT
        .TP
        .B QUIRE_STORE
        The store to use when \\fB\\-\\-store\\fR is not given.
        .TP
        .B NO_COLOR
        Draw without colours (bold, reverse and underline only).
        .SH EXIT STATUS
        0 on success; 1 when an input is malformed, a post is not found or the store cannot be opened;
        64 for a usage error.
        .SH EXAMPLES
        .nf
        quire import ~/blog-12-31-2010.xml
        quire search 'missile defense label:russia'
        quire show "Missile Defense Talks With Russia Fail" \\-\\-width 72
        .fi

        """
}
