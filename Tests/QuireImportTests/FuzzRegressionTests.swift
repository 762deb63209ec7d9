import Foundation
import Testing
@_spi(Fuzzing) @testable import QuireImport
import QuireModel
import QuireTOML

/// Inputs the fuzz targets (`make fuzz`) found to crash, and the behaviour that replaced the crash.
@Suite struct FuzzRegressionTests {
    /// FuzzFrontMatter, first minute: toml++ asserted on a malformed date-time and stopped the
    /// whole import with SIGABRT. Front matter TOML is now read by `TOMLReader`.
    @Test func aMalformedTOMLDateIsAWarningNotACrash() throws {
        let text = "+++\ntitle = \"Tomatoes, again\"\ndate = 2021-06-01T" + String(repeating: "e", count: 70)
            + "08:00:00+02:00\ntags = [\"vegetables\", \"summer\"]\n+++\n\nPlanted out.\n"
        var warnings: [(Int?, String)] = []
        let front = FrontMatter.split(text) { line, message in warnings.append((line, message)) }
        #expect(front.syntax == .toml)
        #expect(front.values.isEmpty)
        #expect(front.body == "\nPlanted out.\n")
        #expect(warnings.count == 1 && warnings.first?.0 == 3, "\(warnings)")
        #expect(warnings.first?.1.contains("is not a date and time") == true, "\(warnings)")
    }

    /// FuzzMarkdown, first two minutes: `{%}` (a Liquid tag whose `%}` overlaps its `{%`)
    /// asked for a backwards range and stopped the whole import; `{{%}}` did the same for a
    /// Hugo shortcode. Each is text now.
    @Test(arguments: ["looks like {%}}}}} raw %}", "a {%} b", "a {{%}} b", "a {{%}}} b", "{%", "{{%", "{{<>}} c"])
    func overlappingTemplateTagsAreText(_ body: String) {
        let (post, _) = FuzzEntryPoints.readMarkdownPost("---\ntitle: T\n---\n\n" + body + "\n")
        #expect(FuzzEntryPoints.problem(post: post) == nil)
        #expect(FuzzEntryPoints.storageProblem(post) == nil)
    }

    /// FuzzMarkdown, the second run: a link with no words of its own around a `{% link %}`
    /// tag took the tag's path, control characters and NULs included, as its text; a NUL in a
    /// post's text then cut its stored JSON short, and the post could never be read again.
    @Test func aTemplateLinkShowsItsPathCleaned() {
        let (post, _) = FuzzEntryPoints.readMarkdownPost("---\ntitle: T\n---\n\nSee [](\u{7B}% link _posts/a\u{1}b\u{0}c.md %\u{7D}).\n")
        #expect(FuzzEntryPoints.problem(post: post) == nil)
        #expect(FuzzEntryPoints.storageProblem(post) == nil)
        #expect(post.references.map(\.text) == ["_posts/abc.md"], "\(post.references)")
    }

    /// Malformed TOML of the kinds toml++ asserted on (ours and the configuration reader's
    /// findings): each is an error with a line, never a crash.
    @Test(arguments: ["a = 2021-06-01Te08:00", "a = 2021-13-01", "[[#", "a=[}]", "a = [1,,2]", "a = {b = }", "a = \"open",
                      "a = '''never closed", "a = \"\\q\"", "a = \"\\uD800\"", "= 1", "a = 1\na = 2", "[t]\n[t]",
                      "a = 0x", "a = 1__0", "a = +0x10", "a = 12:61:00", "a = " + String(repeating: "[", count: 100),
                      "a = 1979-05-27T07:32:00+25:00", "a.b = 1\na = 2", "a = \"\"\"\n\"\"\"\"\"\""])
    func malformedTOMLIsAnError(_ source: String) {
        #expect(throws: TOMLReader.Failure.self) { try FrontMatter.toml(source) }
    }

    @Test func theTOMLFrontMatterPostsUse() throws {
        let values = try FrontMatter.toml("""
            # A Hugo post
            title = "Tomatoes, \\"again\\"\\u00e9"
            'literal key' = 'C:\\path'
            date = 2021-06-01T08:00:00+02:00
            lastmod = 2021-06-02 09:30:00Z
            publishDate = 2021-06-03
            local = 2021-06-04T10:11:12.5
            draft = false
            weight = 1_000
            ratio = -3.5e2
            tags = [
              "vegetables", # a comment
              'summer',
            ]
            nested = [[1, 2], ["a"]]
            author = { name = "Ines", email = "i@example.com" }
            params.color = "red"
            description = \"\"\"
            Two \\
              lines""\"\"\"
            [[menu.main]]
            name = "Home"
            [[menu.main]]
            name = "About"
            [extra]
            x = 1
            """)
        #expect(values["title"] == .text("Tomatoes, \"again\"é"))
        #expect(values["literal key"] == .text("C:\\path"))
        var date = PostDate(year: 2021, month: 6, day: 1, hour: 8, minute: 0, second: 0)
        date.utcOffsetMinutes = 120
        #expect(values["date"] == .date(date))
        #expect(values["lastmod"]?.dateValue?.utcOffsetMinutes == 0)
        #expect(values["publishDate"] == .date(PostDate(year: 2021, month: 6, day: 3)))
        #expect(values["local"]?.dateValue?.utcOffsetMinutes == nil && values["local"]?.dateValue?.second == 12)
        #expect(values["draft"]?.bool == false)
        #expect(values["weight"] == .text("1000") && values["ratio"] == .text("-3.5e2"))
        #expect(values["tags"]?.words(splitting: false) == ["vegetables", "summer"])
        #expect(values["nested"] == .list([.list([.text("1"), .text("2")]), .list([.text("a")])]))
        #expect(values["author"] == .map(["name": .text("Ines"), "email": .text("i@example.com")]))
        #expect(values["params"] == .map(["color": .text("red")]))
        #expect(values["description"] == .text("Two lines\"\""))
        #expect(values["menu"] == .map(["main": .list([.map(["name": .text("Home")]), .map(["name": .text("About")])])]))
        #expect(values["extra"] == .map(["x": .text("1")]))
    }

    /// The whole fuzz corpus that crashed, run again through the target's own checks.
    @Test func crashInputsFromTheFuzzTargetsRunClean() throws {
        let inputs = ["+++\ntitle = \"T\"\ndate = 2021-06-01Te08:00:00+02:00\n+++\n\nBody.\n", "+++\n[[#\n+++\n", "+++\na=[}]\n+++\n"]
        for input in inputs {
            let front = FuzzEntryPoints.splitFrontMatter(input)
            #expect(front.warnings == 1 && front.keys.isEmpty, "\(input.debugDescription)")
        }
    }
}
