import Testing
import QuireTOML

/// The TOML reader both front matter and the configuration use: typed values, the line of
/// every key, and reading on past the lines that fail.
@Suite struct TOMLReaderTests {
    @Test func valuesKeepTheirTypesAndNumbersAsWritten() throws {
        let root = try TOMLReader.parse("""
            s = "text"
            i = -1_000
            h = 0xFF
            f = 6.02e23
            b = true
            d = 2024-02-29
            t = 07:32:00
            a = ["x", 1]
            """)
        #expect(root["s"] == .string("text"))
        #expect(root["i"] == .integer("-1000") && root["i"]?.int == -1000)
        #expect(root["h"]?.int == 255)
        #expect(root["f"] == .float("6.02e23") && root["f"]?.int == nil)
        #expect(root["b"] == .boolean(true))
        #expect(root["d"] == .dateTime(TOMLDateTime(year: 2024, month: 2, day: 29, hasTime: false)))
        #expect(root["t"] == .time("07:32:00"))
        #expect(root["a"] == .array([.string("x"), .integer("1")]))
        #expect(root.map(\.key) == ["s", "i", "h", "f", "b", "d", "t", "a"], "keys in the order written")
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "0xFFFFFFFFFFFFFFFFF"])
    func integersTooLargeForIntAreReadButHaveNoIntValue(_ number: String) throws {
        let root = try TOMLReader.parse("n = \(number)")
        #expect(root["n"] == .integer(number))
        #expect(root["n"]?.int == nil)
    }

    @Test func everyKeyAndTableKnowsItsLine() throws {
        let root = try TOMLReader.parse("""
            top = 1

            [reader]
            width = 80
            # a comment
            list = [
              "a",
              "b",
            ]
            after = true
            [keys.reader]
            quit = "q"
            dotted.key = 2
            """)
        #expect(root.line(of: "top") == 1)
        #expect(root.line(of: "reader") == 3)
        let reader = try #require(root["reader"]?.table)
        #expect(reader.line(of: "width") == 4)
        #expect(reader.line(of: "list") == 6)
        #expect(reader.line(of: "after") == 10)
        #expect(root.line(of: "keys") == 11, "a table made by a header's path gets the header's line")
        let keys = try #require(root["keys"]?.table?["reader"]?.table)
        #expect(keys.line(of: "quit") == 12)
        #expect(keys.line(of: "dotted") == 13)
    }

    @Test func recoveringSkipsEachFailingLineAndKeepsTheRest() {
        let (root, failures) = TOMLReader.parseRecovering("""
            [site]
            name = "Allotment notes"
            motto = "dig
            posts = 120
            = 5
            [[[
            name = "Twice"
            tail = 1 2
            [params.menu]
            home = "/"
            """)
        #expect(failures.map(\.line) == [3, 5, 6, 7, 8])
        #expect(failures[0].message.contains("not closed"))
        #expect(failures[3].message.contains("set twice"))
        let site = root["site"]?.table
        #expect(site?["name"] == .string("Allotment notes"))
        #expect(site?["posts"] == .integer("120"))
        #expect(site?["motto"] == nil)
        #expect(site?["tail"] == nil, "a statement that fails after its value sets nothing")
        #expect(root["params"]?.table?["menu"]?.table?["home"] == .string("/"))
    }

    @Test func strictParsingStopsAtTheFirstFailure() {
        #expect(throws: TOMLReader.Failure(line: 2, message: "expected '=' after a key")) {
            try TOMLReader.parse("a = 1\nb\nc = 2")
        }
    }

    @Test func aLoneCarriageReturnIsAFailureOfItsLine() {
        let (root, failures) = TOMLReader.parseRecovering("a = 1\r\nb = 2\rc = 3\nd = 4\n")
        #expect(failures.map(\.line) == [2])
        #expect(root["a"] != nil && root["d"] != nil && root["b"] == nil)
    }
}
