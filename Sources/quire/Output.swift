import Foundation
import QuireModel

/// Everything the command line prints goes through here, cleaned of control characters.
enum Output {
    static let isTerminal = isatty(1) == 1
    static let useStyle = isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"

    /// Prints text that may hold post content: control characters never pass.
    static func line(_ text: String = "") {
        print(Sanitizer.clean(text))
    }

    static func errorLine(_ text: String) {
        FileHandle.standardError.write(Data((Sanitizer.clean(text) + "\n").utf8))
    }

    /// Prints a value as pretty JSON (the encoder escapes control characters).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
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
