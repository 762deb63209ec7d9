import QuireModel

/// The warnings of one import: the first few printed as they come, the rest counted by kind
/// for one closing line, every one kept for the log (`quire import --log`).
struct WarningReport {
    /// How many are printed before the rest are only counted.
    static let shownLimit = 20
    /// The most kept for the log: a hostile export could make millions.
    static let keptLimit = 200_000

    /// Print every warning (`--verbose`).
    var verbose = false
    private(set) var count = 0
    private(set) var kept: [String] = []
    /// Warnings not printed, per kind: its words as first seen, and how many.
    private var unshown: [String: (label: String, count: Int, first: Int)] = [:]

    init(verbose: Bool) { self.verbose = verbose }

    /// Takes a warning; returns the line to print now, if it is one of those printed.
    mutating func add(_ warning: ImportWarning) -> String? {
        count += 1
        let line = warning.description
        if kept.count < Self.keptLimit { kept.append(line) }
        if verbose || count <= Self.shownLimit { return line }
        let kind = Self.kind(of: warning.message)
        let key = Self.key(kind)
        if let seen = unshown[key] {
            unshown[key] = (seen.label, seen.count + 1, seen.first)
        } else {
            unshown[key] = (kind, 1, unshown.count)
        }
        return nil
    }

    /// The line after the printed ones, when some were not printed:
    /// `+411 more: 300 × footnote marker has no note, 111 × has no date (all: quire import --log)`.
    var closingLine: String? {
        let hidden = count - min(count, verbose ? count : Self.shownLimit)
        guard hidden > 0 else { return nil }
        let kinds = unshown.values.sorted { ($0.count, -$0.first) > ($1.count, -$1.first) }
        var parts = kinds.prefix(5).map { "\($0.count) × \($0.label)" }
        let rest = kinds.dropFirst(5).reduce(0) { $0 + $1.count }
        if rest > 0 { parts.append("\(rest) other") }
        return "+\(hidden) more warnings: \(parts.joined(separator: ", ")) (all of them: quire import --log, or --verbose)"
    }

    /// What a warning is about, without what belongs to one post: its title in quotes, the
    /// markers and numbers it names, and what was done about it after the semicolon.
    /// `"Title": footnote markers [2], [5] without a note; shown as written` is
    /// `footnote markers without a note`.
    static func kind(of message: String) -> String {
        var text = Substring(message)
        if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }
        var words: [Substring] = []
        var quoted = false
        var bracket = 0
        var current = ""
        func flush() {
            // Words naming one thing (numbers, entities, paths) say nothing of the kind.
            let innerDot = current.dropLast().contains(".")
            if !current.isEmpty, !innerDot, !current.contains(where: { $0.isNumber || $0 == "&" || $0 == "/" }) {
                words.append(Substring(current))
            }
            current = ""
        }
        for c in text {
            if c == "\"" { flush(); quoted.toggle(); continue }
            if quoted { continue }
            if c == "[" || c == "(" { flush(); bracket += 1; continue }
            if c == "]" || c == ")" { flush(); bracket = max(0, bracket - 1); continue }
            if bracket > 0 { continue }
            if c.isWhitespace || c == "," { flush(); continue }
            current.append(c)
        }
        flush()
        while let first = words.first, first == ":" || first.hasPrefix(":") { words.removeFirst() }
        let kind = words.map { $0.hasSuffix(":") ? $0.dropLast() : $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return kind.isEmpty ? "other" : kind
    }

    /// Kinds that differ only in a plural (`marker`, `markers`) are one.
    private static func key(_ kind: String) -> String {
        kind.lowercased().split(separator: " ").map { $0.count > 3 && $0.hasSuffix("s") ? String($0.dropLast()) : String($0) }
            .joined(separator: " ")
    }
}
