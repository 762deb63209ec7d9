import Foundation
import QuireTOML
import QuireUI

/// Reads the reader's configuration (TOML) into settings. Never fails: every problem is
/// reported with its line, and whatever that line tried to set keeps its default.
///
///     [reader]   width, footnotes ("inline" / "markers"), mouse
///     [links]    browser, in-terminal
///     [colors]   theme ("dark" / "light" / "mono"), then a colour per role
///     [keys.CONTEXT]  command = "key" or ["key", ...]   (see `quire config --default`)
///
/// The settings are described once, in `SettingsTable.all`.
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
        // A line the TOML reader rejects is reported and left out; the rest still counts.
        let (root, failures) = TOMLReader.parseRecovering(text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var reader = Reader()
        for failure in failures {
            let isHeader = lines.indices.contains(failure.line - 1)
                && lines[failure.line - 1].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("[")
            reader.problems.append(ConfigProblem(line: failure.line,
                                                 "\(isHeader ? "not a [table] header" : failure.message); the line is ignored"))
        }
        reader.apply(root)
        // In the order of the file; problems of the whole file (no line) last.
        let all = reader.problems.enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }
        return (reader.settings, all.map(\.element))
    }
}

/// Walks the parsed table into settings, collecting problems.
private struct Reader {
    var settings = ReaderSettings()
    var problems: [ConfigProblem] = []

    mutating func problem(_ line: Int, _ message: String) {
        problems.append(ConfigProblem(line: line, message))
    }

    static func describe(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return "\"\(s)\""
        case .integer(let n), .float(let n): return n
        case .boolean(let b): return "\(b)"
        case .dateTime: return "a date"
        case .time(let t): return t
        case .array: return "a list"
        case .table: return "a table"
        }
    }

    mutating func apply(_ root: TOMLTable) {
        for entry in root {
            guard let table = entry.value.table else {
                problem(entry.line, "\(entry.key) should be a table ([\(entry.key)]); ignored")
                continue
            }
            if entry.key == "keys" {
                keysTable(table)
            } else if let described = SettingsTable.named(entry.key) {
                apply(table, described)
            } else {
                let known = SettingsTable.all.map(\.name) + ["keys"]
                problem(entry.line, "unknown table [\(entry.key)] (known: \(known.joined(separator: ", "))); ignored")
            }
        }
    }

    mutating func apply(_ table: TOMLTable, _ described: SettingsTable) {
        var known: [(index: Int, setting: Setting, entry: TOMLTable.Entry)] = []
        for entry in table {
            if let (index, setting) = described.setting(entry.key) {
                known.append((index, setting, entry))
            } else {
                problem(entry.line, "unknown setting \"\(entry.key)\" in [\(described.name)] (known: \(described.settings.map(\.name).joined(separator: ", "))); ignored")
            }
        }
        // In the order the settings are described: the theme before the colours it changes.
        for (_, setting, entry) in known.sorted(by: { $0.index < $1.index }) where !setting.read(entry.value, &settings) {
            problem(entry.line, "\(setting.name) should be \(setting.expected), not \(Self.describe(entry.value)); \(setting.instead)")
        }
    }

    // MARK: [keys.*]

    mutating func keysTable(_ table: TOMLTable) {
        let contexts = Dictionary(uniqueKeysWithValues: KeyContext.allCases.map { ($0.configName, $0) })
        for entry in table {
            guard let context = contexts[entry.key] else {
                problem(entry.line, "unknown key table [keys.\(entry.key)] (known: \(KeyContext.allCases.map(\.configName).joined(separator: ", "))); ignored")
                continue
            }
            guard let bindings = entry.value.table else {
                problem(entry.line, "keys.\(entry.key) should be a table of command = \"key\"; ignored")
                continue
            }
            // In the order of the file: a key given twice in one context ends with the later command.
            for binding in bindings { bind(context, binding) }
        }
    }

    mutating func bind(_ context: KeyContext, _ binding: TOMLTable.Entry) {
        let (commandName, value, line) = (binding.key, binding.value, binding.line)
        let commands = settings.keys.bindings(in: context).map(\.command)
        guard let command = Command(rawValue: commandName), commands.contains(command) else {
            problem(line, "\"\(commandName)\" is not a command of [keys.\(context.configName)] (there: \(commands.map(\.rawValue).joined(separator: ", "))); ignored")
            return
        }
        var names: [String] = []
        if let s = value.string {
            names = [s]
        } else if let array = value.array {
            for item in array {
                guard let s = item.string else {
                    problem(line, "keys of \(commandName) should be strings, not \(Self.describe(item)); keeping its default keys")
                    return
                }
                names.append(s)
            }
        } else {
            problem(line, "\(commandName) should be a key name or a list of them, not \(Self.describe(value)); keeping its default keys")
            return
        }
        var keys: [Key] = []
        for name in names {
            guard let key = Key(configName: name) else {
                problem(line, "\"\(name)\" is not a key name (like j, Ctrl-D, PgDn, Enter, Shift-Tab, F1); keeping the default keys of \(commandName)")
                return
            }
            keys.append(key)
        }
        do {
            try settings.keys.rebind(command, in: context, to: keys)
        } catch {
            problem(line, "\(commandName) cannot be bound in [keys.\(context.configName)]; ignored")
        }
    }
}
