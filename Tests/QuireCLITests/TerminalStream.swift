import Foundation

/// Checks the bytes a program wrote to a terminal for anything that could act on the terminal
/// other than the program's own drawing.
///
/// Nothing from a post may reach a terminal raw. The precise rule:
///
/// 1. The stream is valid UTF-8. A lone byte 0x80–0x9F would be an 8-bit C1 control.
/// 2. No character the terminal could act on appears as text: C1 controls U+0080–U+009F, DEL,
///    bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), line and paragraph
///    separators, the byte-order mark and the interlinear annotation characters.
/// 3. Every control byte (C0 and ESC) starts a *control unit* (ECMA-48: a CSI sequence, an escape
///    sequence, a control string such as OSC or DCS, or a single control byte) that is allowed:
///    - for plain command-line output, only LF, CR (the pseudo-terminal turns LF into CR LF),
///      for `import` the progress line's own CR `ESC[K`, and, where search hits are marked,
///      `ESC[1m` and `ESC[22m`, strictly alternating around the text of a hit. No other escape.
///    - for the full-screen reader, units that are instances of a string capability of the
///      terminal's terminfo entry (what ncurses itself is able to emit for that terminal), with
///      `%d` parameters generalised to any number. Key capabilities (which a terminal sends
///      rather than receives), the bell, visual bell, reset strings and the user strings u6–u9
///      (cursor position and terminal identification requests) are left out; the mouse mode
///      ncurses sets by itself when the entry has a mouse key but no `XM` is let in. Control strings
///      (OSC, DCS, APC, PM, SOS) are never in a terminfo entry of the terminals tested, so any
///      title change, clipboard write or hyperlink is a violation.
///
/// Content escapes that happen to equal a capability (`ESC[H`) could slip past rule 3 for the
/// reader alone; but ncurses never writes a control character it is handed as text (it draws
/// `^[` instead), so the tests also check that the screen shows no such caret notation.
enum TerminalStream {
    /// Rule 1 and 2: problems with the text itself.
    static func textViolations(_ bytes: [UInt8]) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            return ["not valid UTF-8 at byte \(bad): \(hex(bytes[bad..<min(bytes.count, bad + 8)]))"]
        }
        var problems: [String] = []
        for s in text.unicodeScalars where isForbiddenScalar(s) {
            problems.append(String(format: "U+%04X in the text", s.value))
            if problems.count > 20 { break }
        }
        return problems
    }

    static func isForbiddenScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x2028 || v == 0x2029 || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v)
    }

    /// Rule 3 for plain command-line output.
    static func plainViolations(_ bytes: [UInt8], hitMarks: Bool, progress: Bool = false) -> [String] {
        var problems: [String] = []
        var i = 0
        var inHit = false
        var hitStart = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                if inHit { problems.append("a hit mark spans a line break at byte \(i)") }
                i += 1; continue
            }
            if b >= 0x20 { i += 1; continue }
            let unit = controlUnit(bytes, at: i)
            let open: [UInt8] = [0x1B, 0x5B, 0x31, 0x6D], close: [UInt8] = [0x1B, 0x5B, 0x32, 0x32, 0x6D]
            if hitMarks, unit.elementsEqual(open), !inHit {
                inHit = true; hitStart = i + unit.count
            } else if hitMarks, unit.elementsEqual(close), inHit {
                inHit = false
                let hit = String(decoding: bytes[hitStart..<i], as: UTF8.self)
                if !hit.contains(where: { $0.isLetter || $0.isNumber }) { problems.append("an empty hit mark at byte \(i)") }
            } else if progress, unit.elementsEqual([0x1B, 0x5B, 0x4B]), i > 0, bytes[i - 1] == 0x0D {
                // The progress line: CR, erase to the end of the line, the new report.
            } else {
                problems.append("\(describe(unit)) at byte \(i)")
            }
            i += unit.count
        }
        if inHit { problems.append("a hit mark is never closed") }
        return problems
    }

    /// One ECMA-48 control unit starting at a control byte.
    static func controlUnit(_ b: [UInt8], at i: Int) -> ArraySlice<UInt8> {
        guard b[i] == 0x1B, i + 1 < b.count else { return b[i...i] }
        var j = i + 1
        switch b[j] {
        case 0x5B: // CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
            j += 1
            while j < b.count, (0x20...0x3F).contains(b[j]) { j += 1 }
            return b[i..<min(b.count, j + 1)]
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // OSC, DCS, SOS, PM, APC: up to BEL or ST.
            j += 1
            while j < b.count {
                if b[j] == 0x07 { return b[i...j] }
                if b[j] == 0x1B, j + 1 < b.count, b[j + 1] == 0x5C { return b[i...(j + 1)] }
                j += 1
            }
            return b[i...]
        default: // nF escape: intermediates, then one final byte.
            while j < b.count, (0x20...0x2F).contains(b[j]) { j += 1 }
            return b[i..<min(b.count, j + 1)]
        }
    }

    static func describe<C: Collection>(_ unit: C) -> String where C.Element == UInt8 {
        let shown = unit.prefix(24).map { b -> String in
            switch b {
            case 0x1B: return "ESC"
            case 0x07: return "BEL"
            case 0..<0x20, 0x7F...: return String(format: "\\x%02X", b)
            default: return String(UnicodeScalar(b))
            }
        }.joined()
        return "control " + shown + (unit.count > 24 ? "…" : "")
    }

    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var lo = 0, hi = bytes.count
        // The longest valid prefix, found by halving (a cut inside a sequence is invalid too).
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if String(validating: bytes[0..<mid], as: UTF8.self) != nil || (1...3).contains(where: {
                mid + $0 <= bytes.count && String(validating: bytes[0..<(mid + $0)], as: UTF8.self) != nil
            }) { lo = mid } else { hi = mid - 1 }
        }
        return min(lo, bytes.count - 1)
    }
}

/// The control units ncurses may write to one terminal type: its terminfo string capabilities.
struct TerminfoVocabulary {
    let term: String
    private var patterns: [(name: String, firstByte: UInt8, regex: NSRegularExpression)] = []

    /// Capabilities a program never writes while drawing: keys are what the terminal sends; the
    /// bell, resets and the cursor-report and identify requests are not drawing.
    static func isLeftOut(_ name: String) -> Bool {
        name.hasPrefix("k") || ["bel", "flash", "rs1", "rs2", "rs3", "rf", "u6", "u7", "u8", "u9",
                                "acsc", "user6", "user7", "user8", "user9"].contains(name)
    }

    /// Whether infocmp can print the entry of the terminal type tmux panes have.
    static var infocmpWorks: Bool { (try? run("/usr/bin/env", ["infocmp", TmuxPane.term]))?.status == 0 }

    init(term: String) throws {
        self.term = term
        let infocmp = try run("/usr/bin/env", ["infocmp", "-1", "-x", term])
        guard infocmp.status == 0 else { throw TestFailure("infocmp \(term) failed: \(infocmp.stderr)") }
        let out = infocmp.stdout
        for line in out.split(separator: "\n") where line.hasPrefix("\t") {
            var entry = line.dropFirst()
            guard entry.hasSuffix(",") else { continue }
            entry = entry.dropLast()
            guard let eq = entry.firstIndex(of: "=") else { continue }
            let name = String(entry[..<eq])
            if Self.isLeftOut(name) { continue }
            let value = Self.unescape(String(entry[entry.index(after: eq)...]))
            guard let first = value.first, first < 0x20 || first == 0x7F else { continue }
            let source = Self.regexSource(value)
            let regex = try NSRegularExpression(pattern: source, options: [.dotMatchesLineSeparators])
            patterns.append((name, first, regex))
        }
        if patterns.isEmpty { throw TestFailure("no capabilities read for \(term)") }
        // ncurses turns xterm mouse reporting on and off itself when the entry has a mouse key
        // (kmous) but no XM string: lib_mouse.c's default is `\E[?1000%?%p1%{1}%=%th%el%;`.
        if out.contains("\tkmous="), !out.contains("\tXM=") {
            let regex = try NSRegularExpression(pattern: Self.regexSource(Self.unescape("\\E[?1000%?%p1%{1}%=%th%el%;")))
            patterns.append(("XM (ncurses default)", 0x1B, regex))
        }
    }

    /// Unescapes a terminfo string (`\E`, `^X`, `\n`, octal, ...) into bytes.
    static func unescape(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let c = it.popFirst() {
            if c == UInt8(ascii: "^"), let n = it.popFirst() {
                out.append(n == UInt8(ascii: "?") ? 0x7F : n & 0x1F)
            } else if c == UInt8(ascii: "\\"), let n = it.popFirst() {
                switch n {
                case UInt8(ascii: "E"), UInt8(ascii: "e"): out.append(0x1B)
                case UInt8(ascii: "n"), UInt8(ascii: "l"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "s"): out.append(0x20)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var v = Int(n - 48)
                    for _ in 0..<2 { if let d = it.first, (48...55).contains(d) { v = v * 8 + Int(d - 48); it.removeFirst() } }
                    out.append(v == 0 ? 0x80 : UInt8(v & 0xFF))
                default: out.append(n)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A regular expression over bytes (as Latin-1 characters) for one capability: `%d` becomes
    /// any number, `%c` any byte, conditionals become optional alternatives; padding is dropped.
    static func regexSource(_ value: [UInt8]) -> String {
        var src = ""
        var i = 0
        func lit(_ b: UInt8) { src += NSRegularExpression.escapedPattern(for: String(UnicodeScalar(b))) }
        while i < value.count {
            let b = value[i]
            if b == UInt8(ascii: "$"), i + 1 < value.count, value[i + 1] == UInt8(ascii: "<"),
               let close = value[i...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1; continue
            }
            guard b == UInt8(ascii: "%"), i + 1 < value.count else { lit(b); i += 1; continue }
            i += 1
            var op = value[i]
            // Printf-style flags (after a colon) and widths: %02d, %:-3d. A bare %+ or %- is arithmetic.
            if op == UInt8(ascii: ":"), i + 1 < value.count {
                i += 1; op = value[i]
                while "-+# ".utf8.contains(op), i + 1 < value.count { i += 1; op = value[i] }
            }
            while (48...57).contains(op) || op == UInt8(ascii: "."), i + 1 < value.count { i += 1; op = value[i] }
            switch op {
            case UInt8(ascii: "%"): lit(op)
            case UInt8(ascii: "d"), UInt8(ascii: "o"), UInt8(ascii: "x"), UInt8(ascii: "X"): src += "[0-9A-Fa-f]+"
            case UInt8(ascii: "c"): src += "[\\x00-\\xFF]"
            case UInt8(ascii: "s"): src += "[\\x20-\\x7E]*"
            case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "g"): i += 1
            case UInt8(ascii: "'"): i += 2
            case UInt8(ascii: "{"): while i < value.count, value[i] != UInt8(ascii: "}") { i += 1 }
            case UInt8(ascii: "?"): src += "(?:"
            case UInt8(ascii: "e"): src += "|"
            case UInt8(ascii: ";"): src += "|)"
            default: break // %t, %i, arithmetic and logic: no output of their own.
            }
            i += 1
        }
        return src
    }

    /// Rule 3 for the full-screen reader: every control unit must lie inside an instance of a
    /// capability that starts at a unit (`smkx` is `ESC[?1h` and `ESC=` together; `sgr0` is
    /// `ESC[m` and SI).
    func violations(_ bytes: [UInt8]) -> [String] {
        let text = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        var problems: [String] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b < 0x20 || b == 0x7F else { i += 1; continue }
            let unit = TerminalStream.controlUnit(bytes, at: i)
            let range = NSRange(location: i, length: min(bytes.count - i, 256))
            var longest = 0
            for p in patterns where p.firstByte == b {
                longest = max(longest, p.regex.firstMatch(in: text, options: [.anchored], range: range)?.range.length ?? 0)
            }
            if longest < unit.count {
                problems.append("\(TerminalStream.describe(unit)) at byte \(i) is no capability of \(term)")
                if problems.count > 20 { break }
                longest = unit.count
            }
            i += longest
        }
        return problems
    }
}
