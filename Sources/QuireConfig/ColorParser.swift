import QuireTOML
import QuireUI

/// Colours as the configuration writes them: `"yellow"`, `"bright-blue"`, `208`, `"208"`,
/// `"default"`, or a foreground and a background: `"black on yellow"`.
enum ColorParser {
    static let names: [String: TermColor] = {
        var map: [String: TermColor] = ["default": .terminal, "terminal": .terminal, "none": .terminal,
                                        "gray": .index(8), "grey": .index(8)]
        for (i, name) in basic.enumerated() {
            map[name] = .index(i)
            map["bright-" + name] = .index(i + 8)
            map["bright" + name] = .index(i + 8)
        }
        return map
    }()

    /// The colour numbers of a 256-colour terminal.
    static let indexes = 0...255

    static func color(_ text: Substring) -> TermColor? {
        let name = text.lowercased()
        if let c = names[name] { return c }
        if let n = Int(name), indexes.contains(n) { return .index(n) }
        return nil
    }

    static func roleColors(_ value: TOMLValue) -> RoleColors? {
        if case .integer = value {
            guard let n = value.int, indexes.contains(n) else { return nil }
            return RoleColors(.index(n))
        }
        guard let s = value.string else { return nil }
        let words = s.split(separator: " ", omittingEmptySubsequences: true)
        switch words.count {
        case 1:
            return color(words[0]).map { RoleColors($0) }
        case 3 where words[1].lowercased() == "on":
            guard let fg = color(words[0]), let bg = color(words[2]) else { return nil }
            return RoleColors(fg, on: bg)
        default:
            return nil
        }
    }

    static let basic = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// How the default file writes a colour.
    static func text(_ c: RoleColors) -> String {
        func name(_ t: TermColor) -> String {
            switch t {
            case .terminal: return "default"
            case .index(let n) where n < 8: return basic[n]
            case .index(let n) where n < 16: return "bright-" + basic[n - 8]
            case .index(let n): return "\(n)"
            }
        }
        return c.bg == .terminal ? name(c.fg) : "\(name(c.fg)) on \(name(c.bg))"
    }
}
