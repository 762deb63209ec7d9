import CNCursesW
import QuireUI

/// Maps cell styles to ncurses attributes and colour pairs.
struct Palette {
    let colour: Bool

    /// Starts colours when the terminal has them and colour is wanted.
    init(monochrome: Bool, theme: Theme) {
        guard !monochrome, !theme.monochrome, has_colors() else { colour = false; return }
        start_color()
        _ = use_default_colors()
        let available = Int(quire_colors())
        for role in ColorRole.allCases {
            let c = theme.colors(role)
            init_pair(Int16(role.rawValue) + 1, Self.colour(c.fg, available: available), Self.colour(c.bg, available: available))
        }
        colour = true
    }

    func attributes(_ style: Style) -> attr_t {
        var a = quire_a_normal()
        if style.attrs.contains(.bold) { a |= quire_a_bold() }
        if style.attrs.contains(.dim) { a |= quire_a_dim() }
        if style.attrs.contains(.reverse) { a |= quire_a_reverse() }
        if style.attrs.contains(.underline) { a |= quire_a_underline() }
        if style.attrs.contains(.italic) { a |= quire_a_italic() }
        return a
    }

    func pair(_ style: Style) -> Int16 {
        colour && style.role != .normal ? Int16(style.role.rawValue) + 1 : 0
    }

    /// A colour the terminal has: -1 is its own; colours beyond what it has become the
    /// nearest of the basic eight.
    static func colour(_ c: TermColor, available: Int) -> Int16 {
        guard case .index(let n) = c else { return -1 }
        if n < available { return Int16(n) }
        switch n {
        case 8..<16: return Int16(n - 8)
        case 16..<232:
            // The 6×6×6 cube: each channel on or off.
            let r = (n - 16) / 36, g = (n - 16) / 6 % 6, b = (n - 16) % 6
            return Int16((r > 2 ? 1 : 0) | (g > 2 ? 2 : 0) | (b > 2 ? 4 : 0))
        default:
            return n < 244 ? 0 : 7
        }
    }
}
