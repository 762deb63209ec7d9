import Foundation
import QuireUI
import Testing

/// doc/quire.1 is generated (`make man`, which runs `quire generate-manual`) from the command
/// tree and the key table, and kept in the repository: it must be what the generator prints.
@Suite struct ManualPageTests {
    static let regenerate = "make man (or: swift build --product quire && .build/debug/quire generate-manual > doc/quire.1)"

    @Test func theCommittedManualPageIsWhatTheGeneratorPrints() throws {
        let generated = try run(quireBinary, ["generate-manual"])
        try #require(generated.status == 0, "\(generated.stderr)")
        let committed = try String(contentsOf: repoRoot.appendingPathComponent("doc/quire.1"), encoding: .utf8)
        guard generated.stdout != committed else { return }
        let new = generated.stdout.components(separatedBy: "\n"), old = committed.components(separatedBy: "\n")
        let i = (0..<min(new.count, old.count)).first { new[$0] != old[$0] } ?? min(new.count, old.count)
        Issue.record("""
            doc/quire.1 is out of date; regenerate it with: \(Self.regenerate)
            first difference at line \(i + 1):
              committed: \(i < old.count ? old[i] : "<end>")
              generated: \(i < new.count ? new[i] : "<end>")
            """)
    }

    @Test func theManualHasEveryCommandAndEveryKey() throws {
        let page = try run(quireBinary, ["generate-manual"]).stdout
        let help = try run(quireBinary, ["--help"]).stdout
        // `quire --help` lists them one a line under SUBCOMMANDS, up to a blank line.
        let listed = help.components(separatedBy: "SUBCOMMANDS:\n").last?.components(separatedBy: "\n\n").first ?? ""
        let subcommands = listed.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isLetter == true }
            .compactMap { $0.split(separator: " ").first.map { String($0.filter(\.isLetter)) } }
        #expect(subcommands.count >= 10, "\(help)")
        for name in subcommands { #expect(page.contains(".SS \"quire \(name)"), "\(name) has no section") }
        #expect(!help.contains("generate-manual"), "the generator is hidden")
        #expect(!page.contains("generate\\-manual"))
        for b in KeyTable.standard {
            #expect(page.contains(b.help.replacingOccurrences(of: "-", with: "\\-")), "key help missing: \(b.help)")
        }
        #expect(page.contains(HelpScreen.mouseHelp))
    }
}
