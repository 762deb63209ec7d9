import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// YAML aliases in front matter: expanded within a budget, never in a mapping key. Past either,
/// the front matter is read as empty with a warning and the body is kept.
@Suite struct FrontMatterAliasTests {
    /// "Billion laughs": `levels` anchors, each a list of ten aliases of the one before, and
    /// `tail` lines after them (`tags: *a7` expands to ten million values).
    static func laughs(levels: Int = 8, tail: [String]) -> String {
        var lines = ["---", "title: Laughs", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1..<levels {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return (lines + tail + ["---", "", "The body."]).joined(separator: "\n") + "\n"
    }

    static func split(_ text: String) -> (FrontMatter, [String]) {
        var warnings: [String] = []
        let front = FrontMatter.split(text) { _, message in warnings.append(message) }
        return (front, warnings)
    }

    @Test func nestedAliasesAreReadWithoutTheFrontMatter() {
        let (front, warnings) = Self.split(Self.laughs(tail: ["tags: *a7"]))
        #expect(warnings == ["front matter expands to more than \(FrontMatter.AliasBudget.values) values (YAML aliases repeat them); read without it"])
        #expect(front.values.isEmpty)
        #expect(front.syntax == .yaml)
        #expect(front.body == "\nThe body.\n")
    }

    /// Few values, each a long text: the budget counts bytes too.
    @Test func aliasesOfALongTextAreCountedByTheirBytes() {
        let text = "---\nlong: &l \"\(String(repeating: "x", count: 100_000))\"\ntags: [" + Array(repeating: "*l", count: 200).joined(separator: ", ") + "]\n---\nBody\n"
        let (front, warnings) = Self.split(text)
        #expect(warnings.count == 1 && warnings[0].contains("more than 10 MB of text"), "\(warnings)")
        #expect(front.values.isEmpty && front.body == "Body\n")
    }

    /// Yams compares mapping keys deeply, so a key that aliases the laughs would take hours
    /// before any value is converted: such front matter is refused before Yams sees it.
    @Test(arguments: [["? *a7", ": x"], ["*a7 : x"], ["[*a6, *a7]: x"], ["? - *a7", "  - *a6", ": x"], ["m: {*a7: x}"]])
    func anAliasInAKeyIsRefusedAtOnce(tail: [String]) {
        let text = Self.laughs(tail: tail)
        #expect(FrontMatter.mayUseAliasAsKey(String(text.split(separator: "\n").dropFirst().joined(separator: "\n"))))
        let (front, warnings) = Self.split(text)
        #expect(warnings == ["front matter uses a YAML alias in a mapping key, which Quire does not read; read without it"])
        #expect(front.values.isEmpty && front.body == "\nThe body.\n")
    }

    @Test func aliasesWithinTheBudgetStillWork() {
        let text = "---\ntitle: Shared\nbase: &base [one, two]\ntags: *base\nmore: {list: *base}\nnote: 'see: this'\n---\nBody\n"
        let (front, warnings) = Self.split(text)
        #expect(warnings.isEmpty)
        #expect(front["tags"]?.words(splitting: false) == ["one", "two"])
        #expect(front["more"] == .map(["list": .list([.text("one"), .text("two")])]))
        #expect(front["note"]?.string == "see: this")
    }

    /// Text that looks like an alias but defines no anchor, or an anchor with no alias in a
    /// key, is read as before.
    @Test(arguments: ["title: 'a *b: c'\n", "title: Q&A *one: two\n", "x: &a 1\ny: *a\n", "title: Tom & Jerry\nk: v *w: z\n"])
    func ordinaryTextIsNotTakenForAnAliasKey(_ yaml: String) {
        #expect(!FrontMatter.mayUseAliasAsKey(yaml), "\(yaml)")
    }
}
