import QuireUI
import TOMLKit

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

    static func color(_ text: Substring) -> TermColor? {
        let name = text.lowercased()
        if let c = names[name] { return c }
        if let n = Int(name), (0...255).contains(n) { return .index(n) }
        return nil
    }

    static func roleColors(_ value: TOMLValueConvertible) -> RoleColors? {
        if let n = value.int { return (0...255).contains(n) ? RoleColors(.index(n)) : nil }
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
