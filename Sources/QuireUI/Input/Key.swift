/// A key press, decoded by the backend from the terminal's input.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// A control key: `.ctrl("d")` is Ctrl-D.
    case ctrl(Character)
    case up, down, left, right, shiftRight, shiftLeft
    case pageUp, pageDown, home, end, insert
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)

    /// The key as the help screen and the status bar name it.
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftRight: return "Shift-→"
        case .shiftLeft: return "Shift-←"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .insert: return "Insert"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        }
    }

    /// Text a key types into an input line, if it is a printable character, or a combining mark
    /// (a Thai vowel or tone mark, an accent typed apart), which joins the character before it.
    public var typedCharacter: Character? {
        guard case .char(let c) = self else { return nil }
        if DisplayWidth.of(c) > 0 { return c }
        let marks: [Unicode.GeneralCategory] = [.nonspacingMark, .spacingMark, .enclosingMark]
        return c.unicodeScalars.allSatisfy { marks.contains($0.properties.generalCategory) } ? c : nil
    }
}

/// A mouse button or wheel event at a cell of the window.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
    public var kind: Kind
    public var row: Int
    public var col: Int
    public init(_ kind: Kind, row: Int, col: Int) { self.kind = kind; self.row = row; self.col = col }
}

/// Something the terminal reports.
public enum Event: Hashable, Sendable {
    case key(Key)
    case resize(rows: Int, cols: Int)
    case mouse(MouseEvent)
}
