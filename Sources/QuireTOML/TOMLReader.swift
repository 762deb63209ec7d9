/// Reads TOML: the front matter of Hugo posts and the reader's configuration file.
///
/// Written here rather than taken from toml++ (TOMLKit), which asserts, and in release builds
/// assumes, that some malformed input never occurs: a post whose front matter held
/// `date = 2021-06-01Te08:00` stopped the whole import with SIGABRT (found by the front matter
/// fuzz target). Any text either reads or fails with a `Failure` naming its line.
///
/// TOML 1.0: comments, `key = value` with bare, quoted and dotted keys, `[tables]` and
/// `[[arrays of tables]]`, basic, literal and multi-line strings, integers, floats, booleans,
/// offset and local date-times, dates and times, arrays over several lines and inline tables.
/// Every key keeps the line it was written on, for messages about its value.
public struct TOMLReader {
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The line (from 1) where the text stopped making sense.
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }

        public init(line: Int, message: String) { self.line = line; self.message = message }
    }

    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var root = TOMLTable()
    /// The table keys go into: the last header's path.
    private var current: [String] = []
    /// Tables defined by a header, to refuse a second `[a]`.
    private var defined: Set<[String]> = []
    /// What went wrong, when reading on past failures.
    private var failures: [Failure] = []

    /// Arrays and inline tables nested deeper than this are refused: the reader recurses.
    public static let maxNesting = 64

    /// The document, or the first failure.
    public static func parse(_ source: String) throws -> TOMLTable {
        var reader = TOMLReader(source)
        try reader.document(recovering: false)
        return reader.root
    }

    /// The document without the lines that fail, and a failure for each of them: a statement
    /// (a header or a `key = value`) that fails sets nothing, and reading goes on at the next
    /// line, so one typo costs one setting.
    public static func parseRecovering(_ source: String) -> (TOMLTable, [Failure]) {
        var reader = TOMLReader(source)
        try? reader.document(recovering: true)
        return (reader.root, reader.failures)
    }

    private init(_ source: String) { s = Array(source.unicodeScalars) }

    private var atEnd: Bool { i >= s.count }
    private var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

    private func fail(_ message: String) -> Failure { Failure(line: line, message: message) }

    // MARK: - Document

    private mutating func document(recovering: Bool) throws {
        while true {
            skipBlanks()
            guard let c = peek else { return }
            if c == "#" { skipComment(); continue }
            if c == "\n" || c == "\r" {
                do { try newline() } catch where recovering { recover(from: error) }
                continue
            }
            do {
                try statement()
            } catch where recovering {
                recover(from: error)
            }
        }
    }

    /// A header or a `key = value`, through the end of its line. Nothing is set unless the
    /// whole statement reads.
    private mutating func statement() throws {
        let first = line
        if peek == "[" {
            let (path, array) = try header()
            try endOfLine()
            if array {
                try Self.insert(.array([.table(TOMLTable())]), at: path[...], into: &root, line: first, appendToList: true)
            } else {
                guard !defined.contains(path) else {
                    throw Failure(line: first, message: "the table [\(path.joined(separator: "."))] is defined twice")
                }
                try Self.insert(.table(TOMLTable()), at: path[...], into: &root, line: first, mergeTables: true)
                defined.insert(path)
            }
            current = path
        } else {
            let path = try keyPath()
            skipBlanks()
            guard peek == "=" else { throw fail("expected '=' after a key") }
            i += 1
            skipBlanks()
            let value = try self.value(depth: 0)
            try endOfLine()
            try Self.insert(value, at: (current + path)[...], into: &root, line: first)
        }
        if !atEnd { try newline() }
    }

    /// Notes the failure and skips the rest of the line it happened on.
    private mutating func recover(from error: Error) {
        failures.append(error as? Failure ?? fail("\(error)"))
        while let c = peek, c != "\n" { i += 1 }
        if peek == "\n" { i += 1; line += 1 }
    }

    private mutating func header() throws -> (path: [String], array: Bool) {
        let array = peek(1) == "["
        i += array ? 2 : 1
        skipBlanks()
        let path = try keyPath()
        skipBlanks()
        guard peek == "]", !array || peek(1) == "]" else { throw fail("expected ']' to close a table header") }
        i += array ? 2 : 1
        return (path, array)
    }

    /// Only blanks and a comment may follow a statement on its line, and the line must end
    /// well (checked before anything is set; the line break is left for the caller).
    private mutating func endOfLine() throws {
        skipBlanks()
        if peek == "#" { skipComment() }
        guard atEnd || peek == "\n" || peek == "\r" else { throw fail("expected the end of the line") }
        if peek == "\r" && peek(1) != "\n" { throw fail("a carriage return without a line feed") }
    }

    private mutating func skipBlanks() { while peek == " " || peek == "\t" { i += 1 } }

    private mutating func skipComment() { while let c = peek, c != "\n", c != "\r" { i += 1 } }

    private mutating func newline() throws {
        if peek == "\r" {
            i += 1
            guard peek == "\n" else { throw fail("a carriage return without a line feed") }
        }
        i += 1
        line += 1
    }

    /// Blanks, comments and line breaks, as allowed between the values of an array.
    private mutating func skipBlanksAndLines() throws {
        while true {
            skipBlanks()
            if peek == "#" { skipComment() }
            if peek == "\n" || peek == "\r" { try newline() } else { return }
        }
    }

    // MARK: - Keys

    private mutating func keyPath() throws -> [String] {
        var path = [try key()]
        while true {
            let save = i
            skipBlanks()
            guard peek == "." else { i = save; return path }
            i += 1
            skipBlanks()
            path.append(try key())
        }
    }

    private mutating func key() throws -> String {
        switch peek {
        case "\"": return try basicString()
        case "'": return try literalString()
        default:
            let start = i
            while let c = peek, ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                    || c == "_" || c == "-" { i += 1 }
            guard i > start else { throw fail("expected a key") }
            return String(String.UnicodeScalarView(s[start..<i]))
        }
    }

    // MARK: - Tables

    /// Puts a value into nested tables, going into the last table of an array of tables on
    /// the way; each table made on the way gets `line`. A key set twice is an error, as TOML says.
    private static func insert(_ value: TOMLValue, at path: ArraySlice<String>, into table: inout TOMLTable,
                               line: Int, mergeTables: Bool = false, appendToList: Bool = false) throws {
        guard let key = path.first else { return }
        if path.count == 1 {
            switch (table[key], value) {
            case (nil, _):
                table.add(key, value, line: line)
            case (.table?, .table) where mergeTables:
                break // `[a.b]` after `[a.b.c]` made it implicitly.
            case (.array(let items)?, .array(let more)) where appendToList:
                guard items.allSatisfy({ $0.table != nil }) else {
                    throw Failure(line: line, message: "\(key) is not an array of tables")
                }
                table.modify(key) { $0 = .array(items + more) }
            default:
                throw Failure(line: line, message: "the key \(key) is set twice")
            }
            return
        }
        if table[key] == nil { table.add(key, .table(TOMLTable()), line: line) }
        try table.modify(key) { inner in
            switch inner {
            case .table(var t):
                inner = .boolean(false) // keep the table uniquely referenced while it changes
                defer { inner = .table(t) }
                try insert(value, at: path.dropFirst(), into: &t, line: line, mergeTables: mergeTables, appendToList: appendToList)
            case .array(var items):
                guard case .table(var last)? = items.last else { throw Failure(line: line, message: "\(key) is not a table") }
                inner = .boolean(false)
                defer { items[items.count - 1] = .table(last); inner = .array(items) }
                try insert(value, at: path.dropFirst(), into: &last, line: line, mergeTables: mergeTables, appendToList: appendToList)
            default:
                throw Failure(line: line, message: "\(key) is not a table")
            }
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws -> TOMLValue {
        guard depth < Self.maxNesting else { throw fail("arrays or tables nested too deep") }
        switch peek {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { return .string(try multilineString(quote: "\"")) }
            return .string(try basicString())
        case "'":
            if peek(1) == "'" && peek(2) == "'" { return .string(try multilineString(quote: "'")) }
            return .string(try literalString())
        case "[":
            return try array(depth: depth)
        case "{":
            return try inlineTable(depth: depth)
        case nil:
            throw fail("expected a value, found the end")
        default:
            return try scalar()
        }
    }

    private mutating func array(depth: Int) throws -> TOMLValue {
        i += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlanksAndLines()
            if peek == "]" { i += 1; return .array(items) }
            items.append(try value(depth: depth + 1))
            try skipBlanksAndLines()
            if peek == "," { i += 1; continue }
            guard peek == "]" else { throw fail("expected ',' or ']' in an array") }
            i += 1
            return .array(items)
        }
    }

    private mutating func inlineTable(depth: Int) throws -> TOMLValue {
        i += 1
        var table = TOMLTable()
        skipBlanks()
        if peek == "}" { i += 1; return .table(table) }
        while true {
            skipBlanks()
            let path = try keyPath()
            skipBlanks()
            guard peek == "=" else { throw fail("expected '=' in an inline table") }
            i += 1
            skipBlanks()
            let v = try value(depth: depth + 1)
            try Self.insert(v, at: path[...], into: &table, line: line)
            skipBlanks()
            if peek == "," { i += 1; continue }
            guard peek == "}" else { throw fail("expected ',' or '}' in an inline table") }
            i += 1
            return .table(table)
        }
    }

    // MARK: Strings

    private mutating func basicString() throws -> String {
        i += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw fail("a string is not closed on its line") }
            i += 1
            if c == "\"" { return String(out) }
            if c == "\\" { out.append(try escape()) } else { out.append(c) }
        }
    }

    /// A `"""` string (escapes, and a backslash at a line's end) or a `'''` one (neither).
    private mutating func multilineString(quote: Unicode.Scalar) throws -> String {
        i += 3
        if peek == "\n" { try newline() } else if peek == "\r" && peek(1) == "\n" { try newline() }
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek else { throw fail("a multi-line string is not closed") }
            if c == quote && peek(1) == quote && peek(2) == quote {
                try closeMultiline(quote: quote, into: &out)
                return String(out)
            }
            if c == "\\" && quote == "\"" {
                i += 1
                // A backslash at the end of a line trims the break and the blanks after it.
                var j = i
                while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
                if j < s.count, s[j] == "\n" || s[j] == "\r" {
                    i = j
                    while let d = peek, d == " " || d == "\t" || d == "\n" || d == "\r" {
                        if d == "\n" || d == "\r" { try newline() } else { i += 1 }
                    }
                    continue
                }
                out.append(try escape())
                continue
            }
            if c == "\n" || c == "\r" { try newline(); out.append("\n"); continue }
            i += 1
            out.append(c)
        }
    }

    private mutating func literalString() throws -> String {
        i += 1
        let start = i
        while let c = peek, c != "'" {
            guard c != "\n", c != "\r" else { throw fail("a string is not closed on its line") }
            i += 1
        }
        guard peek == "'" else { throw fail("a string is not closed") }
        let text = String(String.UnicodeScalarView(s[start..<i]))
        i += 1
        return text
    }

    /// At three or more quotes: the last three close the string, up to two before them are in it.
    private mutating func closeMultiline(quote: Unicode.Scalar, into out: inout String.UnicodeScalarView) throws {
        var n = 0
        while peek == quote { n += 1; i += 1 }
        guard n <= 5 else { throw fail("too many quotes closing a multi-line string") }
        for _ in 0..<(n - 3) { out.append(quote) }
    }

    /// After a backslash in a basic string.
    private mutating func escape() throws -> Unicode.Scalar {
        guard let c = peek else { throw fail("a string ends in a backslash") }
        i += 1
        switch c {
        case "b": return "\u{8}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = c == "u" ? 4 : 8
            guard i + count <= s.count else { throw fail("a \\\(c) escape is cut short") }
            let digits = String(String.UnicodeScalarView(s[i..<(i + count)]))
            i += count
            guard let v = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(v) else { throw fail("\\\(c)\(digits) is not a character") }
            return scalar
        default:
            throw fail("\\\(c) is not an escape TOML knows")
        }
    }

    // MARK: Numbers, booleans, dates

    private mutating func scalar() throws -> TOMLValue {
        let start = i
        while let c = peek, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c)
                || ["_", ":", ".", "+", "-"].contains(c) { i += 1 }
        // A date and a time may be separated by one space.
        if peek == " ", let next = peek(1), ("0"..."9").contains(next),
           Self.isDate(String(String.UnicodeScalarView(s[start..<i]))) {
            i += 1
            while let c = peek, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || [":", ".", "+", "-"].contains(c) { i += 1 }
        }
        let token = String(String.UnicodeScalarView(s[start..<i]))
        guard !token.isEmpty else { throw fail("expected a value") }
        if token == "true" || token == "false" { return .boolean(token == "true") }
        if let date = try Self.dateTime(token, line: line) { return .dateTime(date) }
        if Self.isTime(token) { return .time(token) }
        switch Self.number(token) {
        case .integer?: return .integer(token.replacingUnderscores())
        case .float?: return .float(token.replacingUnderscores())
        case nil: throw fail("\(token.prefix(40)) is not a TOML value")
        }
    }

    private static func digits(_ s: Substring, _ n: Int) -> Int? {
        guard s.count == n, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    static func isDate(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        return p.count == 3 && digits(p[0], 4) != nil && digits(p[1], 2) != nil && digits(p[2], 2) != nil
    }

    static func isTime(_ s: String) -> Bool { time(Substring(s)) != nil }

    /// `HH:MM:SS` with an optional fraction (seconds optional too, as TOML 1.1 allows).
    private static func time(_ s: Substring) -> (hour: Int, minute: Int, second: Int)? {
        var main = s
        if let dot = s.firstIndex(of: ".") {
            let fraction = s[s.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            main = s[..<dot]
        }
        let p = main.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, let h = digits(p[0], 2), let m = digits(p[1], 2) else { return nil }
        let sec = p.count == 3 ? digits(p[2], 2) : 0
        guard let sec, h < 24, m < 60, sec <= 60 else { return nil }
        return (h, m, sec)
    }

    /// A date, or a date and time with an optional offset; nil when the token is no date.
    private static func dateTime(_ token: String, line: Int) throws -> TOMLDateTime? {
        let sep = token.firstIndex { $0 == "T" || $0 == "t" || $0 == " " }
        let datePart = sep.map { token[..<$0] } ?? token[...]
        guard isDate(String(datePart)) else { return nil }
        let p = datePart.split(separator: "-")
        let (y, mo, d) = (Int(p[0])!, Int(p[1])!, Int(p[2])!)
        guard (1...12).contains(mo), (1...31).contains(d) else { throw Failure(line: line, message: "\(token) is not a day") }
        guard let sep else { return TOMLDateTime(year: y, month: mo, day: d, hasTime: false) }
        var rest = token[token.index(after: sep)...]
        var offset: Int?
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let o = rest[rest.index(after: sign)...].split(separator: ":", omittingEmptySubsequences: false)
            guard o.count == 2, let oh = digits(o[0], 2), let om = digits(o[1], 2), oh < 24, om < 60 else {
                throw Failure(line: line, message: "\(token) has no valid offset")
            }
            offset = (oh * 60 + om) * (rest[sign] == "-" ? -1 : 1)
            rest = rest[..<sign]
        }
        guard let t = time(rest) else { throw Failure(line: line, message: "\(token) is not a date and time") }
        return TOMLDateTime(year: y, month: mo, day: d, hasTime: true, hour: t.hour, minute: t.minute, second: t.second,
                            utcOffsetMinutes: offset)
    }

    private enum Number { case integer, float }

    /// Whether the token is an integer or a float as TOML writes them.
    private static func number(_ token: String) -> Number? {
        var t = Substring(token)
        if t.first == "+" || t.first == "-" { t = t.dropFirst() }
        if ["inf", "nan"].contains(t) { return .float }
        for (prefix, allowed) in [("0x", "0123456789abcdefABCDEF"), ("0o", "01234567"), ("0b", "01")] where t.hasPrefix(prefix) {
            let body = t.dropFirst(2)
            let valid = token.first != "+" && token.first != "-" && !body.isEmpty && body.allSatisfy { allowed.contains($0) || $0 == "_" }
                && body.first != "_" && body.last != "_" && !body.contains("__")
            return valid ? .integer : nil
        }
        // Decimal integer or float: digits, one optional fraction, one optional exponent.
        var sawDigit = false, sawDot = false, sawExp = false
        var previous: Character = " "
        for c in t {
            switch c {
            case "0"..."9": sawDigit = true
            case "_": guard previous.isNumber else { return nil }
            case ".": guard !sawDot, !sawExp, previous.isNumber else { return nil }; sawDot = true
            case "e", "E": guard !sawExp, previous.isNumber else { return nil }; sawExp = true
            case "+", "-": guard previous == "e" || previous == "E" else { return nil }
            default: return nil
            }
            previous = c
        }
        guard sawDigit && previous.isNumber else { return nil }
        return sawDot || sawExp ? .float : .integer
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
