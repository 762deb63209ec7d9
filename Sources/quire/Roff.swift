/// Lines of roff source.
struct Roff {
    private(set) var output = ""

    /// A request line (`.SH`, `.TP`), written as given.
    mutating func request(_ line: String) { output += line + "\n" }

    /// Text already escaped; a line that would start with `.` or `'` gets `\&` so that roff
    /// does not read it as a request.
    mutating func text(_ escaped: String) {
        for line in escaped.split(separator: "\n", omittingEmptySubsequences: false) {
            output += (line.first == "." || line.first == "'" ? "\\&" : "") + line + "\n"
        }
    }

    /// Roff source written by hand, ending with a newline.
    mutating func raw(_ source: String) { output += source }

    /// Text with roff's special characters escaped: backslashes, minus signs (so options copy
    /// as typed), and every non-ASCII character as a named glyph or `\[uXXXX]`, which groff
    /// reads whatever the input encoding.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case "\n": out += " "
            case "\u{2190}": out += "\\(<-"
            case "\u{2192}": out += "\\(->"
            case "\u{2191}": out += "\\(ua"
            case "\u{2193}": out += "\\(da"
            default:
                if scalar.isASCII {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\[u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "]"
                }
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
