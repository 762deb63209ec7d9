import CNCursesW
import QuireUI

/// Maps cell styles to ncurses attributes and colour pairs.
struct Palette {
    let colour: Bool

    /// Starts colours when the terminal has them and colour is wanted.
    init(monochrome: Bool) {
        guard !monochrome, has_colors() else { colour = false; return }
        start_color()
        _ = use_default_colors()
        for role in ColorRole.allCases {
            let (fg, bg) = Self.colours(role)
            init_pair(Int16(role.rawValue) + 1, fg, bg)
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

    /// Foreground and background per role; -1 is the terminal's own colour. Reversed styles
    /// swap them, so a reversed role's foreground becomes its background.
    private static func colours(_ role: ColorRole) -> (Int16, Int16) {
        let d: Int16 = -1
        switch role {
        case .normal, .meta, .footnote, .cursor: return (d, d)
        case .bar: return (Int16(COLOR_CYAN), d)
        case .barCurrent: return (Int16(COLOR_BLACK), Int16(COLOR_YELLOW))
        case .selection: return (Int16(COLOR_BLUE), d)
        case .title: return (Int16(COLOR_YELLOW), d)
        case .heading: return (Int16(COLOR_CYAN), d)
        case .link, .linkSelected: return (Int16(COLOR_CYAN), d)
        case .dangling: return (Int16(COLOR_RED), d)
        case .marker: return (Int16(COLOR_YELLOW), d)
        case .elision: return (Int16(COLOR_MAGENTA), d)
        case .hit: return (Int16(COLOR_YELLOW), d)
        case .quote, .code, .spark: return (Int16(COLOR_GREEN), d)
        case .message: return (Int16(COLOR_GREEN), d)
        case .error: return (Int16(COLOR_RED), d)
        }
    }
}
