/// The lines the configuration may hold, checked before the TOML parser sees them: blank
/// lines, comments, `[table]` headers and `key = value` on one line, where a value is a
/// string, a whole number, true or false, or a list of those on the same line.
///
/// toml++ asserts (and in release builds assumes) that some malformed input never occurs
/// (`[[#`, `a=[}]`) instead of reporting it, so a line outside this small grammar is reported
/// and left out rather than handed to it. Everything the configuration needs fits on a line.
enum LineGrammar {
    static func isValid(_ line: String) -> Bool {
        var p = Parser(Substring(line))
        p.skipBlanks()
        if p.atEnd || p.peek == "#" { return true }
        if p.peek == "[" { return p.header() }
        guard p.keyPath() else { return false }
        p.skipBlanks()
        guard p.take("=") else { return false }
        p.skipBlanks()
        guard p.value(allowList: true) else { return false }
        return p.rest()
    }

    private struct Parser {
        var s: Substring
        init(_ s: Substring) { self.s = s }

        var atEnd: Bool { s.isEmpty }
        var peek: Character? { s.first }

        mutating func skipBlanks() { while s.first == " " || s.first == "\t" { s.removeFirst() } }

        mutating func take(_ c: Character) -> Bool {
            guard s.first == c else { return false }
            s.removeFirst()
            return true
        }

        /// Only blanks and a comment left.
        mutating func rest() -> Bool {
            skipBlanks()
            return s.isEmpty || s.first == "#"
        }

        mutating func header() -> Bool {
            guard take("[") else { return false }
            let double = take("[")
            skipBlanks()
            guard keyPath() else { return false }
            skipBlanks()
            guard take("]") else { return false }
            if double { guard take("]") else { return false } }
            return rest()
        }

        mutating func keyPath() -> Bool {
            while true {
                skipBlanks()
                guard key() else { return false }
                skipBlanks()
                if !take(".") { return true }
            }
        }

        mutating func key() -> Bool {
            if peek == "\"" || peek == "'" { return string() }
            let name = s.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            guard !name.isEmpty else { return false }
            s.removeFirst(name.count)
            return true
        }

        mutating func value(allowList: Bool) -> Bool {
            guard let c = peek else { return false }
            if c == "\"" || c == "'" { return string() }
            if c == "[" {
                guard allowList else { return false }
                s.removeFirst()
                skipBlanks()
                if take("]") { return true }
                while true {
                    skipBlanks()
                    guard value(allowList: false) else { return false }
                    skipBlanks()
                    if take("]") { return true }
                    guard take(",") else { return false }
                    skipBlanks()
                    if take("]") { return true }
                }
            }
            let word = s.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-") }
            guard !word.isEmpty else { return false }
            s.removeFirst(word.count)
            if word == "true" || word == "false" { return true }
            return isInteger(word)
        }

        /// `[+-]digits` with single underscores between digits, as TOML writes integers.
        func isInteger(_ w: Substring) -> Bool {
            var digits = w
            if digits.first == "+" || digits.first == "-" { digits.removeFirst() }
            guard let first = digits.first, let last = digits.last, first.isNumber, last.isNumber else { return false }
            guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }), !digits.contains("__") else { return false }
            // A leading zero only for zero itself.
            return !(first == "0" && digits.count > 1)
        }

        /// A basic string with the simple escapes, or a literal string; one line, no controls.
        mutating func string() -> Bool {
            guard let quote = peek else { return false }
            s.removeFirst()
            // Multi-line strings ("""...""") are not needed and not allowed.
            if s.hasPrefix(String(repeating: quote, count: 2)) { return false }
            while let c = s.first {
                s.removeFirst()
                if c == quote { return true }
                if c.unicodeScalars.contains(where: { $0.value < 0x20 && $0.value != 0x09 || $0.value == 0x7F }) { return false }
                if quote == "\"" && c == "\\" {
                    guard let e = s.first else { return false }
                    s.removeFirst()
                    switch e {
                    case "\\", "\"", "n", "t", "r", "b", "f": continue
                    case "u", "U":
                        let n = e == "u" ? 4 : 8
                        let hex = s.prefix(n)
                        guard hex.count == n, hex.allSatisfy(\.isHexDigit) else { return false }
                        s.removeFirst(n)
                    default:
                        return false
                    }
                }
            }
            return false
        }
    }
}
