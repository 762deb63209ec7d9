import QuireUI

/// The commented default configuration that `quire config --default` prints. Made from the
/// same settings (`SettingsTable.all`), key table and theme the reader uses, so it always
/// tells the truth.
public enum DefaultConfig {
    public static func text() -> String {
        let d = ReaderSettings()
        var out: [String] = [
            "# Quire's reader configuration: $XDG_CONFIG_HOME/quire/config.toml (~/.config/quire/config.toml).",
            "# Every setting is shown with its default, commented out: remove the \"# \" to change one.",
            "# A line with a mistake is reported with its number when the reader starts, and the default",
            "# is used for it; `quire config --check` checks the file without starting the reader.",
        ]
        for table in SettingsTable.all {
            out += ["", "[\(table.name)]"] + table.doc
            for setting in table.settings {
                out += setting.doc + ["# \(setting.name) = \(setting.shown(d))"]
            }
        }
        out += [
            "",
            "# Keys, per context. A command takes a key or a list of keys: \"j\", \"Ctrl-D\", \"PgDn\",",
            "# \"Enter\", \"Tab\", \"Shift-Tab\", \"Esc\", \"Space\", \"Backspace\", \"F1\", \"Up\" ... An empty",
            "# list [] unbinds the command. A key given to a command leaves the other commands of",
            "# the same context. Help (?) and the status bar show the keys as configured here.",
        ]
        for context in KeyContext.allCases {
            let bindings = d.keys.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            out += ["", "# \(context.rawValue)", "[keys.\(context.configName)]"]
            let width = bindings.map { $0.command.rawValue.count + 3 + keysText($0.keys).count }.max() ?? 0
            for b in bindings {
                let setting = "\(b.command.rawValue) = \(keysText(b.keys))"
                out.append("# " + setting + String(repeating: " ", count: max(1, width - setting.count + 2)) + "# " + b.help)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func keysText(_ keys: [Key]) -> String {
        keys.count == 1 ? quoted(keys[0].configName) : "[" + keys.map { quoted($0.configName) }.joined(separator: ", ") + "]"
    }

    /// A TOML basic string.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
