import Testing
@testable import QuireImport

/// The import's progress line reaches the terminal in bytes its charset can take.
@Suite struct ImportProgressTests {
    @Test func aUTF8TerminalGetsTheLineAsItIs() {
        #expect(ImportProgress.forTerminal("Блог.xml: 500 posts", utf8: true) == "Блог.xml: 500 posts")
    }

    /// "Б" in UTF-8 is D0 91: 0x91 is a C1 control to an 8-bit terminal.
    @Test func anEightBitTerminalGetsASCIIOnly() {
        let line = ImportProgress.forTerminal("Блог-é.xml: 500 posts", utf8: false)
        #expect(line == "????-?.xml: 500 posts")
        #expect(line.utf8.allSatisfy { $0 < 0x80 })
    }
}
