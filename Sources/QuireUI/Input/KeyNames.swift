/// Key names as the configuration file writes them, and reading them back.
extension Key {
    /// The name the configuration file uses: `j`, `Ctrl-D`, `PgDn`, `Shift-Tab`, `F1`.
    public var configName: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .shiftRight: return "Shift-Right"
        case .shiftLeft: return "Shift-Left"
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

    private static let named: [String: Key] = [
        "space": .char(" "), "up": .up, "down": .down, "left": .left, "right": .right,
        "shift-right": .shiftRight, "shift-left": .shiftLeft, "pgup": .pageUp, "pageup": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end, "insert": .insert, "ins": .insert, "enter": .enter,
        "return": .enter, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab,
        "backspace": .backspace, "delete": .delete, "del": .delete, "esc": .escape, "escape": .escape,
        "↑": .up, "↓": .down, "←": .left, "→": .right,
    ]

    /// Reads a key name (any case for named keys; `Ctrl-x`, `C-x` and `^X` for control keys).
    /// Nil for names that are no key, and for keys the terminal cannot send (Ctrl-M is Enter,
    /// Ctrl-I is Tab, Ctrl-H is Backspace).
    public init?(configName raw: String) {
        if raw.count == 1, let c = raw.first {
            guard c != "\u{7F}", DisplayWidth.of(c) > 0 else { return nil }
            self = .char(c)
            return
        }
        let name = raw.lowercased()
        if let key = Self.named[name] { self = key; return }
        if name.first == "f", let n = Int(name.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        var letter: Substring?
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where name.hasPrefix(prefix) { letter = name.dropFirst(prefix.count) }
        guard let letter, letter.count == 1, let c = letter.first, c.isASCII, c.isLetter,
              !["m", "i", "h", "j"].contains(c) else { return nil }
        self = .ctrl(c)
    }
}
