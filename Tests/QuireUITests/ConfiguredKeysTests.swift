import Testing
import QuireModel
@testable import QuireUI

/// Settings from the configuration: rebound keys act, and help and the status bar name them;
/// the text width and the notes mode apply.
@Suite struct ConfiguredKeysTests {
    static func settings() -> ReaderSettings {
        var s = ReaderSettings()
        try! s.keys.rebind(.toggleBookmark, in: .reader, to: [.char("b")])
        try! s.keys.rebind(.nextLink, in: .reader, to: [.ctrl("n")])
        try! s.keys.rebind(.help, in: .global, to: [.function(2)])
        return s
    }

    @Test func aReboundKeyActsAndTheOldOneDoesNot() {
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.seedID, settings: Self.settings()),
                              rows: 24, cols: 80)
        s.press(.char("m"))
        #expect(s.state.marks.bookmarks.isEmpty)
        s.press(.char("b"))
        #expect(s.state.marks.bookmarks.map(\.id) == [Fixtures.seedID])
        s.press(.tab)
        #expect(s.reader?.selectedLink == nil)
        s.press(.ctrl("n"))
        #expect(s.reader?.selectedLink == 0)
        #expect(s.lines.last?.hasPrefix(" Ctrl-N link  Enter follow") == true)
    }

    @Test func helpShowsTheConfiguredKeys() {
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(settings: Self.settings()), rows: 24, cols: 80)
        #expect(s.lines.last?.contains("F2 help") == true)
        s.press(.char("?"))
        #expect(s.state.help == nil)
        #expect(s.state.message?.text == "No action for ? here; F2 shows the keys")
        s.press(.function(2))
        let text = HelpScreen.lines(width: 80, keys: s.state.keys).map(\.plainText)
        #expect(text.contains { $0.hasPrefix("  F2 ") && $0.hasSuffix("Show or hide this help") })
        #expect(text.contains { $0.hasPrefix("  b ") && $0.hasSuffix("Bookmark this post, or remove its bookmark") })
        #expect(!text.contains { $0.hasPrefix("  ? F1") })
    }

    @Test func widthAndNotesComeFromTheSettings() {
        var settings = ReaderSettings()
        settings.textWidth = 40
        settings.inlineNotes = false
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.seedID, settings: settings),
                              rows: 24, cols: 100)
        #expect(s.reader?.layout.width == 40)
        #expect(s.reader?.inlineNotes == false)
        #expect(s.lines.allSatisfy { DisplayWidth.of($0) <= 100 })
        #expect(s.lines[5].hasPrefix(String(repeating: " ", count: 30) + "In a tense"))
    }

    @Test func rebindingTakesTheKeyFromAnotherCommandOfTheContext() throws {
        var keys = KeyMap.standard
        let displaced = try keys.rebind(.top, in: .movement, to: [.char("G")])
        #expect(displaced == [.bottom])
        #expect(keys.command(for: .char("G"), in: [.movement]) == .top)
        #expect(keys.command(for: .end, in: [.movement]) == .bottom)
        #expect(throws: KeyMap.RebindError.notInContext) { try keys.rebind(.follow, in: .movement, to: [.char("x")]) }
    }
}
