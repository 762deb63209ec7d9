/// Reads a key from an escape sequence that reached the reader as separate characters.
///
/// ncurses decodes the sequences its terminfo entry lists. When the entry does not match the
/// terminal (TERM=xterm-256color inside tmux or screen, a terminal that sends vt220 or rxvt
/// keys), the sequence arrives as ESC and its pieces, and each piece would run a command of
/// its own: `End` as ESC `[` `4` `~` ran Esc, `[` and `4`. Here the pieces are put back
/// together: a sequence the reader knows is its key, any other one is one ignored key.
public enum EscapeSequence {
    /// What the characters at an ESC are.
    public enum Reading: Hashable, Sendable {
        /// A whole sequence of `length` characters: its key, or nil for one the reader ignores.
        case sequence(Key?, length: Int)
        /// The start of a sequence whose end has not arrived yet.
        case incomplete
        /// ESC on its own (or before a character that starts no sequence): the Esc key.
        case escape
    }

    static let esc: UInt32 = 0x1B

    /// Reads the characters at an ESC (`codes.first` must be ESC).
    public static func read<C: Collection>(_ codes: C) -> Reading where C.Element == UInt32 {
        let c = Array(codes.prefix(64))
        guard c.first == esc, c.count >= 2 else { return .escape }
        switch c[1] {
        case 0x5B: return csi(c)
        case 0x4F:
            guard c.count >= 3 else { return .incomplete }
            return .sequence(ss3(c[2]), length: 3)
        case esc where c.count >= 3 && (c[2] == 0x5B || c[2] == 0x4F):
            // Alt with a key: ESC before the key's own sequence. The key, without the Alt.
            switch read(c.dropFirst()) {
            case .sequence(let key, let length): return .sequence(key, length: length + 1)
            case .incomplete: return .incomplete
            case .escape: return .escape
            }
        default:
            return .escape
        }
    }

    /// ESC [ parameters intermediates final.
    private static func csi(_ c: [UInt32]) -> Reading {
        var i = 2
        var params = ""
        while i < c.count, (0x30...0x3F).contains(c[i]) {
            params.unicodeScalars.append(Unicode.Scalar(UInt8(c[i])))
            i += 1
        }
        while i < c.count, (0x20...0x2F).contains(c[i]) { i += 1 }
        guard i < c.count else { return c.count >= 64 ? .sequence(nil, length: c.count) : .incomplete }
        let final = c[i]
        guard (0x40...0x7E).contains(final) else {
            // Not a sequence after all: what was read of it is dropped, the rest read anew.
            return .sequence(nil, length: i)
        }
        let length = i + 1
        // The Linux console's F1 to F5: ESC [ [ A ... ESC [ [ E.
        if final == 0x5B, params.isEmpty {
            guard length < c.count else { return .incomplete }
            let key: Key? = (0x41...0x45).contains(c[length]) ? .function(Int(c[length] - 0x40)) : nil
            return .sequence(key, length: length + 1)
        }
        // An X10 mouse report carries three raw bytes after its final M.
        if final == 0x4D, params.isEmpty {
            return length + 3 <= c.count ? .sequence(nil, length: length + 3) : .incomplete
        }
        return .sequence(csiKey(params, Character(Unicode.Scalar(UInt8(final)))), length: length)
    }

    private static func csiKey(_ params: String, _ final: Character) -> Key? {
        // Private parameters (<, =, >, ?) are mouse and terminal reports, never keys.
        if let first = params.unicodeScalars.first, (0x3C...0x3F).contains(first.value) { return nil }
        let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { field in
            Int(field.split(separator: ":").first ?? "") ?? 0
        }
        let first = numbers.first ?? 0
        let modifiers = numbers.count > 1 ? max(0, numbers[1] - 1) : 0
        switch final {
        case "A", "B", "C", "D":
            // A report of the cursor position ends in R, not in these; row;col with a final
            // letter of an arrow is always an arrow with modifiers.
            return arrow(final, shift: modifiers & 1 != 0)
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "S": return .function(4)
        case "R":
            // F3 with modifiers is ESC [ 1 ; m R; anything else ending in R reports the cursor.
            return numbers.count <= 2 && first <= 1 ? .function(3) : nil
        case "~":
            if first == 27, numbers.count >= 3 { return codepoint(numbers[2], modifiers: modifiers) }
            return tilde(first)
        case "u":
            return codepoint(first, modifiers: modifiers)
        default:
            return nil
        }
    }

    private static func arrow(_ final: Character, shift: Bool) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return shift ? .shiftRight : .right
        case "D": return shift ? .shiftLeft : .left
        default: return nil
        }
    }

    /// ESC [ n ~, as vt220, xterm, rxvt, screen and the Linux console send them.
    private static func tilde(_ n: Int) -> Key? {
        switch n {
        case 1, 7: return .home
        case 4, 8: return .end
        case 2: return .insert
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(n - 10)
        case 17...21: return .function(n - 11)
        case 23, 24: return .function(n - 12)
        default: return nil
        }
    }

    /// A key sent as its code point (kitty's CSI u, xterm's modifyOtherKeys).
    private static func codepoint(_ code: Int, modifiers: Int) -> Key? {
        let ctrl = modifiers & 4 != 0, shift = modifiers & 1 != 0
        switch code {
        case 27: return .escape
        case 13: return .enter
        case 9: return shift ? .backTab : .tab
        case 8, 127: return .backspace
        default:
            guard code >= 0x20, code < 0x11_0000, code != 0x7F, let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            let c = Character(scalar)
            if ctrl {
                guard c.isASCII, c.isLetter else { return nil }
                return .ctrl(Character(c.lowercased()))
            }
            if shift, c.isASCII, c.isLetter { return .char(Character(c.uppercased())) }
            return .char(c)
        }
    }

    /// ESC O x: the cursor keys and keypad in application mode, and F1 to F4.
    private static func ss3(_ code: UInt32) -> Key? {
        guard code < 0x80 else { return nil }
        switch Character(Unicode.Scalar(UInt8(code))) {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "M": return .enter
        case "j": return .char("*")
        case "k": return .char("+")
        case "m": return .char("-")
        case "n": return .char(".")
        case "o": return .char("/")
        case "X": return .char("=")
        case let d where ("p"..."y").contains(d):
            return .char(Character(Unicode.Scalar(UInt8(code - 0x70 + 0x30))))
        default: return nil
        }
    }
}

/// What the terminal library hands over, one read at a time: a character, or an event it
/// decoded itself (a key it knows from terminfo, a resize, the mouse; nil for one to ignore).
public enum TerminalInput: Hashable, Sendable {
    case character(UInt32)
    case decoded(Event?)
}

/// Turns what the terminal library read into events, putting escape sequences it did not
/// know back together (see `EscapeSequence`).
public enum InputDecoder {
    /// The events of `inputs`. A batch that ends inside an escape sequence is returned in
    /// `waiting`, to be decoded again with what comes next; with `final`, such an unfinished
    /// sequence is dropped as one ignored key.
    public static func decode(_ inputs: [TerminalInput], final: Bool) -> (events: [Event], waiting: [TerminalInput]) {
        var events: [Event] = []
        var i = 0
        while i < inputs.count {
            switch inputs[i] {
            case .decoded(let event):
                if let event { events.append(event) }
                i += 1
            case .character(let code) where code == EscapeSequence.esc:
                // The characters that follow it in this batch, up to the next decoded event.
                var codes: [UInt32] = []
                for input in inputs[i...] {
                    guard case .character(let c) = input, codes.count < 64 else { break }
                    codes.append(c)
                }
                switch EscapeSequence.read(codes) {
                case .escape:
                    events.append(.key(.escape))
                    i += 1
                case .sequence(let key, let length):
                    if let key { events.append(.key(key)) }
                    i += length
                case .incomplete:
                    // Only the end of the batch can be continued by the next read.
                    if !final, i + codes.count == inputs.count { return (events, Array(inputs[i...])) }
                    i += codes.count
                }
            case .character(let code):
                if let key = key(code) { events.append(.key(key)) }
                i += 1
            }
        }
        return (events, [])
    }

    /// A character code: control characters become named keys, the rest typed characters.
    ///
    /// The terminal library has already decoded the terminal's bytes with the locale (0xE9
    /// typed on a Latin-1 terminal arrives as é, U+00E9), so nothing here assumes UTF-8.
    public static func key(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + code))))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20, !(0x80...0x9F).contains(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
