import CNCursesW
import QuireUI

/// Turns the keys `wget_wch` decoded itself (`KEY_CODE_YES`) into events; characters go
/// through `InputDecoder`.
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
        case KEY_HOME, KEY_SHOME, KEY_A1, KEY_BEG, KEY_FIND: return .key(.home)
        case KEY_END, KEY_SEND, KEY_C1, KEY_SELECT: return .key(.end)
        case KEY_IC, KEY_SIC: return .key(.insert)
        case KEY_SR: return .key(.up)
        case KEY_SF: return .key(.down)
        case KEY_SNEXT, KEY_C3: return .key(.pageDown)
        case KEY_SPREVIOUS, KEY_A3: return .key(.pageUp)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC, KEY_SDC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_MOUSE: return mouse()
        default:
            for n in 1...12 where code == quire_key_f(Int32(n)) { return .key(.function(n)) }
            return extended(code).map { .key($0) }
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

    /// A key with modifiers that terminfo names as an extended capability (xterm's `kRIT5`
    /// is Ctrl-→): the key itself, its modifiers dropped, except Shift with ← and →. Codes
    /// ncurses has no name for are nil: one ignored key.
    static func extended(_ code: Int32) -> Key? {
        guard let cName = keyname(code) else { return nil }
        let name = String(cString: cName)
        guard name.hasPrefix("k") else { return nil }
        let base = name.prefix { !$0.isNumber }
        let shift = name.dropFirst(base.count) == "2"
        switch base {
        case "kUP": return .up
        case "kDN": return .down
        case "kLFT": return shift ? .shiftLeft : .left
        case "kRIT": return shift ? .shiftRight : .right
        case "kHOM": return .home
        case "kEND": return .end
        case "kDC": return .delete
        case "kIC": return .insert
        case "kNXT": return .pageDown
        case "kPRV": return .pageUp
        default: return nil
        }
    }
}
