import Foundation

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
            if let glyph = glyphs[scalar] {
                out += glyph
            } else if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "\\[u%04X]", scalar.value)
            }
        }
        return out
    }

    /// Characters written another way: roff's own escape character, the minus sign, line
    /// breaks (text is one paragraph) and the arrows key names use, by their glyph names.
    private static let glyphs: [Unicode.Scalar: String] = [
        "\\": "\\e", "-": "\\-", "\n": " ",
        "\u{2190}": "\\(<-", "\u{2192}": "\\(->", "\u{2191}": "\\(ua", "\u{2193}": "\\(da",
    ]
}
