import Foundation
import Testing
import QuireUI
import QuireCorpus
@testable import QuireConfig

/// The configuration reader: good files, bad ones (each problem with its line, the default
/// kept for it), and the default file `quire config --default` prints.
@Suite struct ConfigReaderTests {
    @Test func anEmptyFileIsTheDefaults() {
        let (settings, problems) = ConfigReader.read("")
        #expect(settings == ReaderSettings())
        #expect(problems.isEmpty)
    }

    @Test func readsEverySection() {
        let (s, problems) = ConfigReader.read("""
            # comment
            [reader]
            width = 72
            footnotes = "markers"
            mouse = false

            [links]
            browser = "w3m -N %s"
            in-terminal = true

            [colors]
            theme = "light"
            title = 208
            link = "bright-blue"
            bar = "black on yellow"

            [keys.reader]
            toggle-bookmark = "b"
            next-link = ["Tab", "Ctrl-N"]

            [keys.global]
            quit = []
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(s.textWidth == 72 && !s.inlineNotes && !s.mouse)
        #expect(s.browser == "w3m -N %s" && s.browserInTerminal == true)
        #expect(s.theme.colors(.title) == RoleColors(.index(208)))
        #expect(s.theme.colors(.link) == RoleColors(.index(12)))
        #expect(s.theme.colors(.bar) == RoleColors(.black, on: .yellow))
        #expect(s.theme.colors(.heading) == Theme.light.colors(.heading))
        #expect(s.keys.command(for: .char("b"), in: [.reader]) == .toggleBookmark)
        #expect(s.keys.command(for: .char("m"), in: [.reader]) == nil)
        #expect(s.keys.command(for: .ctrl("n"), in: [.reader]) == .nextLink)
        #expect(s.keys.command(for: .char("Q"), in: [.global]) == nil)
        // Other contexts keep their keys: b still pages up where the reader does not take it.
        #expect(s.keys.command(for: .char("b"), in: [.movement]) == .pageUp)
    }

    @Test func wrongTypesKeepTheDefaultAndNameTheLine() {
        let (s, problems) = ConfigReader.read("""
            [reader]
            width = "wide"
            footnotes = 3
            mouse = "yes"
            [colors]
            theme = "purple"
            title = 300
            link = "blue on"
            """)
        #expect(s == ReaderSettings())
        #expect(problems.map(\.line) == [2, 3, 4, 6, 7, 8])
        #expect(problems[0].description == "line 2: width should be a number from 20 to 400, not \"wide\"; using 80")
        #expect(problems[2].message.contains("mouse should be true or false"))
        #expect(problems[3].message.contains("theme should be"))
    }

    @Test func outOfRangeWidthIsAProblem() {
        let (s, problems) = ConfigReader.read("[reader]\nwidth = 5\n")
        #expect(s.textWidth == ReaderSettings.defaultTextWidth)
        #expect(problems.first?.line == 2)
    }

    @Test func unknownTablesAndKeysAreReportedAndIgnored() {
        let (s, problems) = ConfigReader.read("""
            colour = "red"
            [reader]
            widht = 80
            [sound]
            beep = true
            [colors]
            titel = "red"
            [keys.nowhere]
            down = "j"
            [keys.reader]
            fly = "x"
            """)
        #expect(s == ReaderSettings())
        #expect(problems.map(\.line) == [1, 3, 4, 7, 8, 11])
        #expect(problems[1].message.contains("unknown setting \"widht\" in [reader]"))
        #expect(problems[2].message.contains("unknown table [sound]"))
        #expect(problems[4].message.contains("[keys.nowhere]"))
        #expect(problems[5].message.contains("\"fly\" is not a command of [keys.reader]"))
    }

    @Test func badKeyNamesKeepTheCommandsKeys() {
        let (s, problems) = ConfigReader.read("""
            [keys.reader]
            toggle-bookmark = "Ctrl-M"
            links = ["L", "Hyper-X"]
            outline = 7
            find = ["/", 1]
            [keys.moving]
            down = "Ctrl-Shift-J"
            up = "K"
            """)
        #expect(problems.map(\.line) == [2, 3, 4, 5, 7])
        #expect(problems[0].message.contains("\"Ctrl-M\" is not a key name"))
        #expect(s.keys.command(for: .char("m"), in: [.reader]) == .toggleBookmark)
        #expect(s.keys.command(for: .char("L"), in: [.reader]) == .links)
        #expect(s.keys.command(for: .char("t"), in: [.reader]) == .outline)
        #expect(s.keys.command(for: .char("j"), in: [.movement]) == .lineDown)
        // The good line after the bad ones still counts.
        #expect(s.keys.command(for: .char("K"), in: [.movement]) == .lineUp)
        #expect(s.keys.command(for: .char("k"), in: [.movement]) == nil)
    }

    @Test func aBrokenTOMLLineIsSkippedAndTheRestStillCounts() {
        let (s, problems) = ConfigReader.read("""
            [reader]
            width = 80
            footnotes = "markers
            mouse = false
            this is not toml
            [keys.reader]
            toggle-bookmark = "b"
            """)
        #expect(problems.map(\.line) == [3, 5])
        #expect(problems.allSatisfy { $0.message.hasSuffix("the line is ignored") })
        #expect(s.textWidth == 80 && s.inlineNotes && !s.mouse)
        #expect(s.keys.command(for: .char("b"), in: [.reader]) == .toggleBookmark)
    }

    @Test func everyBadLineOfAFileIsReportedAndTheFirstGoodValueCounts() {
        // Each line after the first sets the same key again, which TOML refuses.
        let text = "[reader]\n" + String(repeating: "width = 50\n", count: 60)
        let (s, problems) = ConfigReader.read(text)
        #expect(s.textWidth == 50)
        #expect(problems.map(\.line) == Array(3...61))
        #expect(problems.allSatisfy { $0.message == "the key width is set twice; the line is ignored" })
    }

    /// Numbers of any size, and negative ones, are checked against the setting's range: a
    /// reported problem with the default kept, never a crash or a wrapped value.
    @Test(arguments: ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "-400",
                      "99999999999999999999999999999", "0x7FFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFFF", "1e400", "-inf", "nan"])
    func numbersOutOfRangeAreProblems(number: String) {
        let (s, problems) = ConfigReader.read("[reader]\nwidth = \(number)\n[colors]\ntitle = \(number)\nlink = \"\(number)\"\n")
        #expect(s == ReaderSettings())
        #expect(problems.map(\.line) == [2, 4, 5])
        #expect(problems[0].message == "width should be a number from 20 to 400, not \(number); using 80")
        #expect(problems[1].message.hasPrefix("title should be a colour name, a number from 0 to 255"))
    }

    @Test func numbersAtTheEndsOfTheirRangesAreTaken() {
        let (low, p1) = ConfigReader.read("[reader]\nwidth = 20\n[colors]\ntitle = 0\nlink = \"255\"\n")
        let (high, p2) = ConfigReader.read("[reader]\nwidth = 0x190\n")
        #expect(p1.isEmpty && p2.isEmpty)
        #expect(low.textWidth == 20 && high.textWidth == 400)
        #expect(low.theme.colors(.title) == RoleColors(.index(0)) && low.theme.colors(.link) == RoleColors(.index(255)))
    }

    /// The settings are described once: each is in the default file with its doc, and its
    /// message says what the description says.
    @Test func everyDescribedSettingIsInTheDefaultFileAndItsMessages() {
        let text = DefaultConfig.text()
        for table in SettingsTable.all {
            #expect(text.contains("\n[\(table.name)]\n"))
            for setting in table.settings {
                #expect(text.contains((setting.doc + ["# \(setting.name) = "]).joined(separator: "\n")), "\(setting.name)")
                let (_, problems) = ConfigReader.read("[\(table.name)]\n\(setting.name) = [[]]\n")
                #expect(problems.map(\.description) == ["line 2: \(setting.name) should be \(setting.expected), not a list; \(setting.instead)"])
            }
        }
    }

    @Test func aValueOverSeveralLinesIsTakenAndNamesTheLineOfItsKey() {
        let (s, problems) = ConfigReader.read("""
            [keys.reader]
            next-link = [
              "Tab",
              "Ctrl-N",
            ]
            links = [
              "Hyper-X",
            ]
            """)
        #expect(s.keys.command(for: .ctrl("n"), in: [.reader]) == .nextLink)
        #expect(problems.map(\.line) == [6])
    }

    @Test func aKeyGivenToAnotherCommandLeavesTheFirst() {
        let (s, problems) = ConfigReader.read("[keys.moving]\ntop = \"G\"\n")
        #expect(problems.isEmpty)
        #expect(s.keys.command(for: .char("G"), in: [.movement]) == .top)
        #expect(s.keys.command(for: .end, in: [.movement]) == .bottom)
    }

    @Test func theDefaultFileParsesToTheDefaults() {
        let text = DefaultConfig.text()
        let (asIs, problems) = ConfigReader.read(text)
        #expect(problems.isEmpty, "\(problems)")
        #expect(asIs == ReaderSettings())
        // With every setting switched on (uncommented) it still says exactly the defaults,
        // apart from the browser examples, which are examples.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("# "), line.dropFirst(2).contains(" = "), !line.contains("browser ="),
                  !line.contains("in-terminal =") else { return String(line) }
            return String(line.dropFirst(2))
        }.joined(separator: "\n")
        let (all, more) = ConfigReader.read(uncommented)
        #expect(more.isEmpty, "\(more)")
        var expected = ReaderSettings()
        expected.theme = all.theme  // every role written out, the same colours
        #expect(all == expected)
        for role in ColorRole.allCases { #expect(all.theme.colors(role) == Theme.dark.colors(role)) }
        #expect(uncommented.contains("\ntoggle-bookmark = \"m\""))
    }

    @Test func readsAFileAndToleratesAMissingOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = ConfigReader.load(path: dir.appendingPathComponent("none.toml").path)
        #expect(missing.0 == ReaderSettings() && missing.1.isEmpty)
        let path = dir.appendingPathComponent("config.toml").path
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
        #expect(ConfigReader.load(path: path).1.first?.message.contains("not UTF-8") == true)
        try Data("[reader]\nwidth = 60\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(ConfigReader.load(path: path).0.textWidth == 60)
    }

    @Test(arguments: [("j", Key.char("j")), ("Ctrl-D", .ctrl("d")), ("C-d", .ctrl("d")), ("^D", .ctrl("d")),
                      ("PgDn", .pageDown), ("pagedown", .pageDown), ("Shift-Tab", .backTab), ("ESC", .escape),
                      ("Space", .char(" ")), ("F12", .function(12)), ("Up", .up), ("漢", .char("漢"))])
    func keyNames(name: String, key: Key) {
        #expect(Key(configName: name) == key)
        #expect(Key(configName: key.configName) == key)
    }

    @Test(arguments: ["", "Ctrl-M", "Ctrl-I", "F13", "Ctrl-1", "Hyper-X", "ab", "\u{1B}", "\u{7F}"])
    func notKeyNames(name: String) {
        #expect(Key(configName: name) == nil)
    }
}

/// Text that is no configuration at all must never crash the reader: each line that is not
/// TOML is a problem with its number (toml++, used before, asserted on some, such as `[[#`).
@Suite struct ConfigFuzzTests {
    @Test(arguments: ["[[[", "[[#", "[\t[}", "[\n[.", " [ [=\n1", "[[\n", "[[,'\n]", "[[}\n.,", "[x.]", "[ ]"])
    func malformedHeadersAreProblemsNotCrashes(text: String) {
        let (s, problems) = ConfigReader.read("[reader]\nwidth = 70\n" + text + "\n[keys.reader]\nlinks = \"K\"\n")
        #expect(!problems.isEmpty)
        #expect(s.textWidth == 70)
        #expect(s.keys.command(for: .char("K"), in: [.reader]) == .links)
    }

    @Test func randomTextNeverCrashes() {
        var rng = SeededRandom(seed: 7)
        let alphabet = Array("[]=\"'.a1#\n{},- \tk")
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            _ = ConfigReader.read(text)
        }
    }

    /// Lines made of TOML-looking pieces, so that many get past the first characters.
    @Test func tomlLookingLinesNeverCrash() {
        var rng = SeededRandom(seed: 11)
        let pieces = ["[", "]", "[[", "]]", "a", "b.c", "\"q\"", "'l'", "=", " = ", "1", "-2", "0", "1_0", "true", "[1, 2]",
                      "[\"x\",]", "[]", ",", " #c", " ", "\"\\u00e9\"", "{", "}", "keys", "reader", ".", "\"", "'"]
        for _ in 0..<Self.fuzzRounds {
            let lines = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                (0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            }
            _ = ConfigReader.read(lines.joined(separator: "\n"))
        }
    }

    /// Raised by hand for a long run.
    static let fuzzRounds = 5000
}
