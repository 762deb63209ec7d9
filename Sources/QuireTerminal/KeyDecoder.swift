import CNCursesW
import QuireUI

/// Turns what `wget_wch` returned into an event.
enum KeyDecoder {
    /// A function key (`KEY_CODE_YES`) code.
    static func function(_ code: Int32, rows: Int, cols: Int) -> Event? {
        switch code {
        case quire_key_resize(): return .resize(rows: rows, cols: cols)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_SRIGHT: return .key(.shiftRight)
        case KEY_SLEFT: return .key(.shiftLeft)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_MOUSE: return mouse()
        default:
            for n in 1...12 where code == quire_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    /// The mouse event ncurses has waiting, if it is one the reader uses.
    static func mouse() -> Event? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let row = Int(event.y), col = Int(event.x)
        switch quire_mouse_kind(event.bstate) {
        case 1: return .mouse(MouseEvent(.wheelUp, row: row, col: col))
        case 2: return .mouse(MouseEvent(.wheelDown, row: row, col: col))
        case 3: return .mouse(MouseEvent(.click, row: row, col: col))
        default: return nil
        }
    }

    /// A character code: control characters become named keys, the rest typed characters.
    ///
    /// `wget_wch` has already decoded the terminal's bytes with the locale (0xE9 typed on a
    /// Latin-1 terminal arrives as é, U+00E9: `wchar_t` is a Unicode scalar in every glibc
    /// locale), so nothing here assumes UTF-8.
    static func character(_ code: UInt32) -> Event? {
        switch code {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x1B: return .key(.escape)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(UInt8(0x60 + code)))))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20, !(0x80...0x9F).contains(code) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }
}
