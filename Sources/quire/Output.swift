import Foundation
import QuireModel

/// Everything the command line prints goes through here, cleaned of control characters.
enum Output {
    static let isTerminal = isatty(1) == 1
    /// Bold only on a terminal that names a type that has it: TERM unset, empty or dumb gets
    /// plain text (hits marked `*so*`).
    static let useStyle = isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && !["", "dumb"].contains(ProcessInfo.processInfo.environment["TERM"] ?? "")

    /// Prints text that may hold post content: control characters never pass.
    static func line(_ text: String = "") {
        print(Sanitizer.clean(text))
    }

    static func errorLine(_ text: String) {
        FileHandle.standardError.write(Data((Sanitizer.clean(text) + "\n").utf8))
    }

    /// Prints a value as pretty JSON. The encoder escapes controls below U+0020 only; DEL, C1
    /// controls, bidi controls and line separators are escaped here, so that JSON printed to a
    /// terminal cannot act on it either (text is cleaned on import, but a store may be older).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(escapingUnsafe(String(decoding: try encoder.encode(value), as: UTF8.self)))
    }

    /// `\uXXXX` for every scalar the sanitizer would drop, outside the encoder's own range.
    static func escapingUnsafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0.value >= 0x20 && Sanitizer.isUnsafe($0) }) else { return json }
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            if s.value >= 0x20 && Sanitizer.isUnsafe(s) {
                out.append(contentsOf: String(format: "\\u%04X", s.value).unicodeScalars)
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
    static func styledLine(_ text: String) { print(text) }
}
