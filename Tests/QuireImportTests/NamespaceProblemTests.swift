import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// Exports that are almost right: read what can be read, say what was wrong and where.
@Suite struct NamespaceProblemTests {
    /// `app:` used without a declaration and a namespace address that is not ASCII: every post
    /// is read, the draft still known as one (`app:` read by its usual namespace), each problem
    /// reported with its line.
    @Test func undeclaredPrefixAndNonASCIINamespace() throws {
        let batch = try ImportFixtures.xml("xml/undeclared-prefix.xml")
        #expect(batch.posts.map(\.title) == ["Boats at rest"])
        #expect(batch.skipped["draft"] == 1)
        let undeclared = batch.warnings.filter { $0.message.contains("prefix app") }
        #expect(undeclared.map(\.line) == [13, 13])
        #expect(undeclared.allSatisfy { $0.message.contains("http://purl.org/atom/app#") })
        #expect(batch.warnings.contains { $0.line == 4 && $0.message.contains("örter.example") })
        let drafts = try ImportFixtures.xml("xml/undeclared-prefix.xml", includeDrafts: true)
        #expect(drafts.posts.map(\.title) == ["Half-written", "Boats at rest"])
    }

    /// A file that is not well-formed still fails, with its line and column, and gives nothing.
    @Test func malformedStillFails() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-bad-\(UUID().uuidString).xml")
        try Data("<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom' xmlns:app='http://purl.org/atom/app#'>\n<entry><app:draft>yes</draft></entry>\n</feed>\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var handed = 0
        do {
            _ = try ExportReader.readXML(at: url, displayPath: "bad.xml", options: ImportOptions()) { _ in handed += 1 }
            Issue.record("a mismatched tag was accepted")
        } catch let error as ImportError {
            #expect(error.line == 3)
            #expect(error.column != nil)
        }
        #expect(handed == 0)
    }
}
