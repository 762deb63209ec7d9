import QuireTOML
import QuireUI

/// One setting of the configuration file, described once: the reader takes values with it,
/// its messages say what it expects from it, and the default file is printed from it.
struct Setting: Sendable {
    let name: String
    /// Comment lines the default file prints above the setting.
    let doc: [String]
    /// What a value should be, as messages say it: `a number from 20 to 400`.
    let expected: String
    /// What is used instead of a wrong value, as messages say it: `using 100`.
    let instead: String
    /// The value the default file shows (commented out): the default, or an example where
    /// the default is not a value (the browser).
    let shown: @Sendable (ReaderSettings) -> String
    /// Takes a value into the settings; false, changing nothing, when it is not one the
    /// setting takes.
    let read: @Sendable (TOMLValue, inout ReaderSettings) -> Bool

    /// A value `take` makes of what the file holds (nil: not one the setting takes), stored at `path`.
    static func value<Value: Sendable>(_ name: String, _ path: WritableKeyPath<ReaderSettings, Value> & Sendable,
                                       expected: String, instead: String, doc: [String],
                                       shown: @escaping @Sendable (ReaderSettings) -> String,
                                       _ take: @escaping @Sendable (TOMLValue) -> Value?) -> Setting {
        Setting(name: name, doc: doc, expected: expected, instead: instead, shown: shown,
                read: { value, settings in
                    guard let v = take(value) else { return false }
                    settings[keyPath: path] = v
                    return true
                })
    }

    /// A whole number in `range`; anything outside it, however large, is refused.
    static func number(_ name: String, _ path: WritableKeyPath<ReaderSettings, Int> & Sendable, in range: ClosedRange<Int>,
                       doc: String) -> Setting {
        .value(name, path, expected: "a number from \(range.lowerBound) to \(range.upperBound)",
               instead: "using \(ReaderSettings()[keyPath: path])", doc: ["\(doc) (\(range.lowerBound) to \(range.upperBound))."],
               shown: { "\($0[keyPath: path])" }) { value in value.int.flatMap { range.contains($0) ? $0 : nil } }
    }

    static func flag(_ name: String, _ path: WritableKeyPath<ReaderSettings, Bool> & Sendable, doc: [String]) -> Setting {
        .value(name, path, expected: "true or false", instead: "using \(ReaderSettings()[keyPath: path])", doc: doc,
               shown: { "\($0[keyPath: path])" }) { $0.bool }
    }

    /// One of a few words, each standing for a value; `aliases` are taken but not offered.
    static func choice<Value: Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<ReaderSettings, Value> & Sendable,
                                                    _ words: [(String, Value)], aliases: [(String, Value)] = [],
                                                    doc: [String]) -> Setting {
        let quoted = words.map { "\"\($0.0)\"" }
        let expected = quoted.count < 2 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        @Sendable func word(_ settings: ReaderSettings) -> String {
            words.first { $0.1 == settings[keyPath: path] }.map { "\"\($0.0)\"" } ?? "\"\(words[0].0)\""
        }
        return .value(name, path, expected: expected, instead: "using \(word(ReaderSettings()))", doc: doc, shown: word) { value in
            value.string.flatMap { s in (words + aliases).first { $0.0 == s }?.1 }
        }
    }

    /// A colour of one role (see `ColorParser`), on top of the theme.
    static func colour(_ role: ColorRole) -> Setting {
        .value(role.configName, \.theme.colors[role],
               expected: "a colour name, a number from \(ColorParser.indexes.lowerBound) to \(ColorParser.indexes.upperBound), or \"fg on bg\"",
               instead: "keeping the theme's", doc: [],
               shown: { DefaultConfig.quoted(ColorParser.text($0.theme.colors(role))) }) { value in
            ColorParser.roleColors(value).map { Optional($0) }
        }
    }
}

/// A `[table]` of settings.
struct SettingsTable: Sendable {
    let name: String
    /// Other names it is read under.
    var aliases: [String] = []
    /// Comment lines the default file prints under the header.
    var doc: [String] = []
    /// In the order they are applied (the theme before the colours it changes) and printed.
    let settings: [Setting]

    func setting(_ name: String) -> (index: Int, setting: Setting)? {
        settings.firstIndex { $0.name == name }.map { ($0, settings[$0]) }
    }

    /// Every table of settings; `[keys.*]` is read apart (see `ConfigReader`).
    static let all: [SettingsTable] = [
        SettingsTable(name: "reader", settings: [
            .number("width", \.textWidth, in: ReaderSettings.textWidths, doc: "# The widest the text column gets, in columns"),
            .choice("footnotes", \.inlineNotes, [("inline", true), ("markers", false)],
                    doc: ["# Footnotes \"inline\" (after the paragraph citing them) or \"markers\" (notes at the end)."]),
            .flag("mouse", \.mouse, doc: ["# The mouse: the wheel scrolls, a click selects a row or follows a link."]),
        ]),
        SettingsTable(name: "links", settings: [
            .value("browser", \.browser, expected: "a command in quotes", instead: "using $BROWSER or xdg-open",
                   doc: ["# The browser for links out of the archive. %s stands for the URL (else it goes last).",
                         "# It is started directly, never through a shell. Default: $BROWSER, else xdg-open."],
                   shown: { _ in "\"firefox --new-tab\"" }) { value in value.string.map { Optional($0) } },
            .value("in-terminal", \.browserInTerminal, expected: "true or false", instead: "judged by the browser's name",
                   doc: ["# Whether it draws in this terminal (the reader steps aside until it exits). Default:",
                         "# judged by its name (w3m, lynx, links, elinks ... do)."],
                   shown: { _ in "false" }) { value in value.bool.map { Optional($0) } },
        ]),
        SettingsTable(name: "colors", aliases: ["colours"], doc: [
            "# \"dark\", \"light\" or \"mono\" (no colours). Then any role: a colour name (black red green",
            "# yellow blue magenta cyan white, bright-red ..., default), a number from \(ColorParser.indexes.lowerBound) to \(ColorParser.indexes.upperBound) for",
            "# 256-colour terminals, or \"fg on bg\". Bold, dim, reverse and underline stay either way.",
        ], settings: [
            .choice("theme", \.theme, [("dark", Theme.dark), ("light", Theme.light), ("mono", Theme.mono)],
                    aliases: [("none", Theme.mono)], doc: []),
        ] + ColorRole.allCases.map(Setting.colour)),
    ]

    static func named(_ name: String) -> SettingsTable? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }
}
