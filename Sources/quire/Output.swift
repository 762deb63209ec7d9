import Foundation
import QuireModel
import QuireTerminal

/// Everything the command line prints goes through here, cleaned of control characters.
enum Output {
    static let isTerminal = isatty(1) == 1
    /// Bold only on a terminal that names a type that has it: TERM unset, empty or dumb gets
    /// plain text (hits marked `*so*`).
    static let useStyle = isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && !["", "dumb"].contains(ProcessInfo.processInfo.environment["TERM"] ?? "")

    /// Prints text that may hold post content: control characters never pass.
    static func line(_ text: String = "") {
        write(Sanitizer.clean(text) + "\n")
    }

    static func errorLine(_ text: String) {
        write(Sanitizer.clean(text) + "\n", toStandardError: true)
    }

    /// A message of several lines (the argument parser's help or its error with the usage),
    /// cleaned as every line is.
    static func block(_ text: String, toStandardError: Bool) {
        guard !text.isEmpty else { return }
        let clean = Sanitizer.clean(text, keepNewlines: true)
        write(clean.hasSuffix("\n") ? clean : clean + "\n", toStandardError: toStandardError)
    }

    /// The one place text leaves the program, in the locale's charset (`OutputCharset`).
    /// Standard output goes through the same buffer as `print` in UTF-8 (that keeps the order
    /// of everything printed); in other charsets everything is written as bytes.
    private static func write(_ text: String, toStandardError: Bool = false) {
        let charset = OutputCharset.current
        if toStandardError {
            FileHandle.standardError.write(Data(charset.bytes(text)))
        } else if charset.isUTF8 {
            print(text, terminator: "")
        } else {
            FileHandle.standardOutput.write(Data(charset.bytes(text)))
        }
    }

    /// Prints a value as pretty JSON. The encoder escapes controls below U+0020 only; DEL, C1
    /// controls, bidi controls and line separators are escaped here, so that JSON printed to a
    /// terminal cannot act on it either (text is cleaned on import, but a store may be older).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        write(escapingUnsafe(json, allNonASCII: !OutputCharset.current.isUTF8) + "\n")
    }

    /// `\uXXXX` for every scalar the sanitizer would drop or that draws nothing (so it shows),
    /// outside the encoder's own range;
    /// with `allNonASCII`, for every scalar beyond ASCII (a pair of them past U+FFFF), so that
    /// JSON reaches a terminal of any charset as ASCII, which every charset spells the same.
    static func escapingUnsafe(_ json: String, allNonASCII: Bool = false) -> String {
        func escaped(_ s: Unicode.Scalar) -> Bool {
            s.value >= 0x20 && (Sanitizer.isUnsafe(s) || Sanitizer.isInvisible(s) || (allNonASCII && !s.isASCII))
        }
        guard json.unicodeScalars.contains(where: escaped) else { return json }
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            if escaped(s) {
                for unit in String(s).utf16 { out.append(contentsOf: String(format: "\\u%04X", unit).unicodeScalars) }
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Marks search hits: bold on a terminal, `*hit*` elsewhere. Applied after cleaning, so
    /// the only escape sequences written are Quire's own.
    static func marked(_ text: MarkedText) -> String {
        text.parts.map { part in
            let clean = Sanitizer.clean(part.text)
            guard part.isHit else { return clean }
            return useStyle ? "\u{1B}[1m" + clean + "\u{1B}[22m" : "*" + clean + "*"
        }.joined()
    }

    /// Prints a line already cleaned and styled by Quire itself.
    static func styledLine(_ text: String) { write(text + "\n") }
}
