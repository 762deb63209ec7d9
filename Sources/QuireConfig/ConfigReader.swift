import Foundation
import QuireUI
import TOMLKit

/// Reads the reader's configuration (TOML) into settings. Never fails: every problem is
/// reported with its line, and whatever that line tried to set keeps its default.
///
///     [reader]   width, footnotes ("inline" / "markers"), mouse
///     [links]    browser, in-terminal
///     [colors]   theme ("dark" / "light" / "mono"), then a colour per role
///     [keys.CONTEXT]  command = "key" or ["key", ...]   (see `quire config --default`)
public enum ConfigReader {
    /// The settings of the file at `path`; a missing file is no problem (all defaults).
    public static func load(path: String) -> (ReaderSettings, [ConfigProblem]) {
        guard FileManager.default.fileExists(atPath: path) else { return (ReaderSettings(), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (ReaderSettings(), [ConfigProblem(line: nil, "cannot read \(path); using the defaults")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (ReaderSettings(), [ConfigProblem(line: nil, "\(path) is not UTF-8 text; using the defaults")])
        }
        return read(text)
    }

    public static func read(_ text: String) -> (ReaderSettings, [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        let (table, usedText) = parse(text, problems: &problems)
        var reader = Reader(index: LineIndex(usedText))
        reader.apply(table)
        // In the order of the file; problems of the whole file (no line) last.
        let all = (problems + reader.problems).enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }
        return (reader.settings, all.map(\.element))
    }

    /// Parses the TOML; a line the parser rejects is reported and left out, and the rest is
    /// parsed again, so one typo costs one setting, not the whole file.
    static func parse(_ text: String, problems: inout [ConfigProblem]) -> (TOMLTable, String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Lines outside the small grammar the file needs never reach toml++ (see LineGrammar).
        for (i, line) in lines.enumerated() where !LineGrammar.isValid(line) {
            let what = line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("[")
                ? "not a [table] header" : "not a setting (name = \"text\", number, true/false or [list], on one line)"
            problems.append(ConfigProblem(line: i + 1, "\(what); the line is ignored"))
            lines[i] = ""
        }
        for _ in 0..<50 {
            let current = lines.joined(separator: "\n")
            do {
                return (try TOMLTable(string: current), current)
            } catch let error as TOMLParseError {
                let line = error.source.begin.line
                guard lines.indices.contains(line - 1), !lines[line - 1].isEmpty else { break }
                problems.append(ConfigProblem(line: line, "\(error.description); the line is ignored"))
                lines[line - 1] = ""
            } catch {
                break
            }
        }
        problems.append(ConfigProblem(line: nil, "the file cannot be read as TOML; using the defaults"))
        return (TOMLTable(), "")
    }
}

/// Walks the parsed table into settings, collecting problems.
private struct Reader {
    let index: LineIndex
    var settings = ReaderSettings()
    var problems: [ConfigProblem] = []

    mutating func problem(_ path: [String], _ message: String) {
        problems.append(ConfigProblem(line: index.line(path), message))
    }

    static func describe(_ value: TOMLValueConvertible) -> String {
        if let s = value.string { return "\"\(s)\"" }
        if let i = value.int { return "\(i)" }
        if let b = value.bool { return "\(b)" }
        if value.table != nil { return "a table" }
        if value.array != nil { return "a list" }
        return "a \(value.type)"
    }

    mutating func apply(_ root: TOMLTable) {
        for (name, value) in root {
            guard let table = value.table else {
                problem([name], "\(name) should be a table ([\(name)]); ignored")
                continue
            }
            switch name {
            case "reader": readerTable(table)
            case "links": linksTable(table)
            case "colors", "colours": colorsTable(table, name: name)
            case "keys": keysTable(table)
            default: problem([name], "unknown table [\(name)] (known: reader, links, colors, keys); ignored")
            }
        }
    }

    // MARK: [reader] and [links]

    mutating func readerTable(_ table: TOMLTable) {
        for (key, value) in table {
            let path = ["reader", key]
            switch key {
            case "width":
                let range = ReaderSettings.textWidths
                if let n = value.int, range.contains(n) {
                    settings.textWidth = n
                } else {
                    problem(path, "width should be a number from \(range.lowerBound) to \(range.upperBound), not \(Self.describe(value)); using \(settings.textWidth)")
                }
            case "footnotes":
                switch value.string {
                case "inline": settings.inlineNotes = true
                case "markers": settings.inlineNotes = false
                default: problem(path, "footnotes should be \"inline\" or \"markers\", not \(Self.describe(value)); using \"inline\"")
                }
            case "mouse":
                if let b = value.bool { settings.mouse = b } else {
                    problem(path, "mouse should be true or false, not \(Self.describe(value)); using true")
                }
            default:
                problem(path, "unknown setting \"\(key)\" in [reader] (known: width, footnotes, mouse); ignored")
            }
        }
    }

    mutating func linksTable(_ table: TOMLTable) {
        for (key, value) in table {
            let path = ["links", key]
            switch key {
            case "browser":
                if let s = value.string { settings.browser = s } else {
                    problem(path, "browser should be a command in quotes, not \(Self.describe(value)); using $BROWSER or xdg-open")
                }
            case "in-terminal":
                if let b = value.bool { settings.browserInTerminal = b } else {
                    problem(path, "in-terminal should be true or false, not \(Self.describe(value)); judged by the browser's name")
                }
            default:
                problem(path, "unknown setting \"\(key)\" in [links] (known: browser, in-terminal); ignored")
            }
        }
    }

    // MARK: [colors]

    mutating func colorsTable(_ table: TOMLTable, name: String) {
        // The theme first, whatever its place in the table: the roles change it.
        if let theme = table["theme"] {
            switch theme.string {
            case "dark": settings.theme = .dark
            case "light": settings.theme = .light
            case "mono", "none": settings.theme = .mono
            default: problem([name, "theme"], "theme should be \"dark\", \"light\" or \"mono\", not \(Self.describe(theme)); using \"dark\"")
            }
        }
        let roles = Dictionary(uniqueKeysWithValues: ColorRole.allCases.map { ($0.configName, $0) })
        for (key, value) in table where key != "theme" {
            guard let role = roles[key] else {
                problem([name, key], "unknown colour \"\(key)\" (known: theme, \(ColorRole.allCases.map(\.configName).joined(separator: ", "))); ignored")
                continue
            }
            if let colors = ColorParser.roleColors(value) {
                settings.theme.colors[role] = colors
            } else {
                problem([name, key], "\(key) should be a colour name, a number from 0 to 255, or \"fg on bg\", not \(Self.describe(value)); keeping the theme's")
            }
        }
    }

    // MARK: [keys.*]

    mutating func keysTable(_ table: TOMLTable) {
        let contexts = Dictionary(uniqueKeysWithValues: KeyContext.allCases.map { ($0.configName, $0) })
        for (contextName, value) in table {
            guard let context = contexts[contextName] else {
                problem(["keys", contextName], "unknown key table [keys.\(contextName)] (known: \(KeyContext.allCases.map(\.configName).joined(separator: ", "))); ignored")
                continue
            }
            guard let bindings = value.table else {
                problem(["keys", contextName], "keys.\(contextName) should be a table of command = \"key\"; ignored")
                continue
            }
            for (commandName, keys) in bindings {
                bind(context, commandName, keys)
            }
        }
    }

    mutating func bind(_ context: KeyContext, _ commandName: String, _ value: TOMLValueConvertible) {
        let path = ["keys", context.configName, commandName]
        let commands = settings.keys.bindings(in: context).map(\.command)
        guard let command = Command(rawValue: commandName), commands.contains(command) else {
            problem(path, "\"\(commandName)\" is not a command of [keys.\(context.configName)] (there: \(commands.map(\.rawValue).joined(separator: ", "))); ignored")
            return
        }
        var names: [String] = []
        if let s = value.string {
            names = [s]
        } else if let array = value.array {
            for item in array {
                guard let s = item.string else {
                    problem(path, "keys of \(commandName) should be strings, not \(Self.describe(item)); keeping its default keys")
                    return
                }
                names.append(s)
            }
        } else {
            problem(path, "\(commandName) should be a key name or a list of them, not \(Self.describe(value)); keeping its default keys")
            return
        }
        var keys: [Key] = []
        for name in names {
            guard let key = Key(configName: name) else {
                problem(path, "\"\(name)\" is not a key name (like j, Ctrl-D, PgDn, Enter, Shift-Tab, F1); keeping the default keys of \(commandName)")
                return
            }
            keys.append(key)
        }
        do {
            try settings.keys.rebind(command, in: context, to: keys)
        } catch {
            problem(path, "\(commandName) cannot be bound in [keys.\(context.configName)]; ignored")
        }
    }
}
