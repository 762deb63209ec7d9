import Foundation
import QuireModel
import QuireTOML
import Yams

/// A value of front matter, YAML or TOML, reduced to what a post needs.
indirect enum FrontValue: Equatable {
    case text(String)
    case list([FrontValue])
    case map([String: FrontValue])
    case date(PostDate)

    /// The value as text: scalars as written, dates as `YYYY-MM-DD HH:MM:SS`.
    var string: String? {
        switch self {
        case .text(let s): return s
        case .date(let d): return d.sortKey
        case .list, .map: return nil
        }
    }

    var bool: Bool? {
        guard let s = string?.lowercased() else { return nil }
        if ["true", "yes", "on", "y"].contains(s) { return true }
        if ["false", "no", "off", "n"].contains(s) { return false }
        return nil
    }

    var dateValue: PostDate? {
        switch self {
        case .date(let d): return d
        case .text(let s): return DateParsing.iso(s)
        default: return nil
        }
    }

    /// A list of words: a YAML/TOML list, or (Jekyll style) a space-separated string.
    func words(splitting: Bool) -> [String] {
        switch self {
        case .list(let items): return items.compactMap(\.string).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .text(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return [] }
            return splitting ? t.split(whereSeparator: \.isWhitespace).map(String.init) : [t]
        case .date(let d): return [d.isoDay]
        case .map: return []
        }
    }
}

/// The front matter at the top of a Markdown post: `---` YAML or `+++` TOML.
struct FrontMatter {
    enum Syntax { case yaml, toml, none }

    var syntax: Syntax
    var values: [String: FrontValue]
    /// The text after the front matter.
    var body: String
    /// The line the body starts on, for messages.
    var bodyLine: Int

    subscript(key: String) -> FrontValue? { values[key] ?? values[key.lowercased()] }

    /// Splits a post into front matter and body. A front matter that does not parse is
    /// reported through `warning` and read as empty, so the post itself is still imported.
    static func split(_ text: String, warning: (Int?, String) -> Void) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let first = lines.first?.trimmingCharacters(in: .whitespaces) else {
            return FrontMatter(syntax: .none, values: [:], body: text, bodyLine: 1)
        }
        let syntax: Syntax
        let closers: [String]
        switch first {
        case "---": syntax = .yaml; closers = ["---", "..."]
        case "+++": syntax = .toml; closers = ["+++"]
        default: return FrontMatter(syntax: .none, values: [:], body: text, bodyLine: 1)
        }
        guard let end = lines.indices.dropFirst().first(where: {
            closers.contains(lines[$0].trimmingCharacters(in: .whitespaces))
        }) else {
            return FrontMatter(syntax: .none, values: [:], body: text, bodyLine: 1)
        }
        let source = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        var values: [String: FrontValue] = [:]
        do {
            values = syntax == .yaml ? try yaml(source) : try toml(source)
        } catch let tooLarge as AliasBudget.Exceeded {
            warning(2, "front matter \(tooLarge); read without it")
        } catch let failure as TOMLReader.Failure {
            // Its line counts from the one after the opening `+++`.
            warning(failure.line + 1, "front matter does not parse (\(failure.message)); read without it")
        } catch {
            warning(2, "front matter does not parse (\(Self.describe(error))); read without it")
        }
        return FrontMatter(syntax: syntax, values: values, body: body, bodyLine: end + 2)
    }

    private static func describe(_ error: Error) -> String {
        let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        return String(text.prefix(160))
    }

    // MARK: - YAML

    /// How far YAML aliases may expand front matter. An alias stands for the whole value its
    /// anchor names, so ten nested levels of ten aliases each make ten billion values from a
    /// few hundred bytes ("billion laughs"). Real front matter holds dozens of values.
    enum AliasBudget {
        /// Values (scalars, lists, maps) once every alias is expanded.
        static let values = 100_000
        /// Bytes of scalar text once every alias is expanded.
        static let textBytes = 10_000_000

        struct Exceeded: Error, CustomStringConvertible {
            var description: String
        }
    }

    static func yaml(_ source: String) throws -> [String: FrontValue] {
        guard !source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [:] }
        if mayUseAliasAsKey(source) {
            throw AliasBudget.Exceeded(description: "uses a YAML alias in a mapping key, which Quire does not read")
        }
        guard let node = try Yams.compose(yaml: source) else { return [:] }
        var values = AliasBudget.values, bytes = AliasBudget.textBytes
        guard case .map(let map) = try convert(node, values: &values, bytes: &bytes) else { return [:] }
        return map
    }

    /// Whether an alias may stand in a mapping key. Yams compares every key of a mapping with
    /// the others, deeply: a key that is an alias of billions of values takes hours, before
    /// any budget can count them. Errs on the side of yes: an alias (`*name` where a token may
    /// start) on the same line as a later `:` (implicit keys never span lines), or an explicit
    /// key (`? `), when the text also defines an anchor (`&name`): without one, an alias is
    /// an error Yams reports at once.
    static func mayUseAliasAsKey(_ source: String) -> Bool {
        var anchors = false, aliasOnLine = false, risky = false
        var previous: UInt8 = 0x0A
        var expectName: UInt8 = 0
        for b in source.utf8 {
            if expectName != 0 {
                let isName = (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x2D || b == 0x5F
                if isName {
                    if expectName == 0x26 { anchors = true } else { aliasOnLine = true }
                }
                expectName = 0
            }
            let tokenStart = previous == 0x0A || previous == 0x20 || previous == 0x09 || previous == 0x5B
                || previous == 0x7B || previous == 0x2C
            switch b {
            case 0x26, 0x2A: if tokenStart { expectName = b }
            case 0x3A: if aliasOnLine { risky = true }
            case 0x3F: if tokenStart { risky = true }
            case 0x0A: aliasOnLine = false
            default: break
            }
            previous = b
        }
        return anchors && risky
    }

    /// Yams shares an anchored node among its aliases; converting copies it once per alias,
    /// so every value and byte converted is counted against the budget.
    private static func convert(_ node: Node, values: inout Int, bytes: inout Int) throws -> FrontValue {
        values -= 1
        if values < 0 {
            throw AliasBudget.Exceeded(description: "expands to more than \(AliasBudget.values) values (YAML aliases repeat them)")
        }
        if let mapping = node.mapping {
            var map: [String: FrontValue] = [:]
            for (key, value) in mapping {
                if let k = key.scalar?.string { map[k] = try convert(value, values: &values, bytes: &bytes) }
            }
            return .map(map)
        }
        if let sequence = node.sequence {
            var list: [FrontValue] = []
            for item in sequence { list.append(try convert(item, values: &values, bytes: &bytes)) }
            return .list(list)
        }
        let s = node.scalar?.string ?? ""
        bytes -= s.utf8.count
        if bytes < 0 {
            throw AliasBudget.Exceeded(description: "expands to more than \(AliasBudget.textBytes / 1_000_000) MB of text (YAML aliases repeat it)")
        }
        if s == "~" || s == "null" { return .text("") }
        return .text(s)
    }

    // MARK: - TOML

    /// Numbers and booleans become text, as they are written, the way YAML's scalars do.
    static func toml(_ source: String) throws -> [String: FrontValue] {
        map(try TOMLReader.parse(source))
    }

    private static func map(_ table: TOMLTable) -> [String: FrontValue] {
        var map: [String: FrontValue] = [:]
        for entry in table { map[entry.key] = convert(entry.value) }
        return map
    }

    private static func convert(_ value: TOMLValue) -> FrontValue {
        switch value {
        case .string(let s), .integer(let s), .float(let s), .time(let s): return .text(s)
        case .boolean(let b): return .text(b ? "true" : "false")
        case .dateTime(let d):
            var date = PostDate(year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute, second: d.second)
            date.utcOffsetMinutes = d.utcOffsetMinutes
            return .date(date)
        case .array(let items): return .list(items.map(convert))
        case .table(let t): return .map(map(t))
        }
    }
}
