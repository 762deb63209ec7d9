import Foundation

/// Replays what a program wrote to a terminal on a screen of `cols` × `rows` cells, as xterm
/// would show it in one charset: enough of ECMA-48 and xterm for what ncurses writes for
/// xterm-256color (cursor moves, erases, insert and delete, scrolling regions, repeats).
/// Attributes and modes are ignored; whatever else it meets is listed in `problems`, as are C1
/// bytes, invalid UTF-8 and text written past the end of a row (ncurses never relies on the
/// wrap, so a row that overflows is a row that did not keep its width).
struct ScreenReplay {
    enum Charset { case utf8, latin1 }

    let cols: Int, rows: Int, charset: Charset
    /// A character a cell; "" is the right half of a wide character.
    private(set) var cells: [[String]]
    private(set) var problems: [String] = []
    private var row = 0, col = 0, wrapPending = false
    private var top = 0, bottom: Int
    private var saved = (row: 0, col: 0)
    private var insertMode = false
    private var lastPrinted: (String, Int)?

    init<C: Collection>(_ bytes: C, cols: Int, rows: Int, charset: Charset) where C.Element == UInt8 {
        self.cols = cols; self.rows = rows; self.charset = charset
        cells = Array(repeating: Array(repeating: " ", count: cols), count: rows)
        bottom = rows - 1
        feed(Array(bytes))
    }

    var lines: [String] { cells.map { $0.joined() } }

    /// The rows a Latin-1 terminal shows for this screen, were every character Latin-1 lacks
    /// drawn as '?' and the right half of a wide one as a blank.
    var linesInLatin1: [String] {
        cells.map { line in
            line.map { cell -> String in
                if cell.isEmpty { return " " }
                let composed = cell.precomposedStringWithCanonicalMapping
                let latin1 = composed.unicodeScalars.allSatisfy { $0.value < 0x7F && $0.value >= 0x20 || (0xA0...0xFF).contains($0.value) }
                return latin1 ? composed : "?"
            }.joined()
        }
    }

    private var blankRow: [String] { Array(repeating: " ", count: cols) }

    private mutating func feed(_ b: [UInt8]) {
        var i = 0
        while i < b.count {
            if b[i] < 0x20 {
                let unit = Array(TerminalStream.controlUnit(b, at: i))
                control(unit)
                i += unit.count
            } else {
                var j = i
                while j < b.count, b[j] >= 0x20 { j += 1 }
                text(b[i..<j])
                i = j
            }
        }
    }

    private mutating func text(_ bytes: ArraySlice<UInt8>) {
        switch charset {
        case .latin1:
            for b in bytes where b != 0x7F {
                if (0x80...0x9F).contains(b) {
                    problems.append(String(format: "C1 byte %02X at row %d", b, row + 1))
                } else {
                    put(String(Character(Unicode.Scalar(b))), width: 1)
                }
            }
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                problems.append("invalid UTF-8 at row \(row + 1): \(TerminalStream.hex(bytes.prefix(12)))")
                put("\u{FFFD}", width: 1)
                return
            }
            for scalar in text.unicodeScalars where scalar.value != 0x7F {
                if (0x80...0x9F).contains(scalar.value) { problems.append(String(format: "U+%04X at row %d", scalar.value, row + 1)) }
                put(String(scalar), width: terminalWidth(String(scalar)))
            }
        }
    }

    private mutating func put(_ char: String, width: Int) {
        guard width > 0 else {
            // A combining mark joins the character before the cursor.
            let c = wrapPending ? col : max(col - 1, 0)
            cells[row][c] += char
            return
        }
        if wrapPending || col + width > cols {
            problems.append("text past the end of row \(row + 1): \(char.debugDescription)")
            col = 0
            wrapPending = false
            lineFeed()
        }
        if insertMode {
            cells[row].insert(contentsOf: Array(repeating: " ", count: width), at: col)
            cells[row].removeLast(width)
        }
        // Half a wide character overwritten: the other half goes blank.
        for c in col..<(col + width) {
            if cells[row][c].isEmpty, c > 0 { cells[row][c - 1] = " " }
            if c + 1 < cols, cells[row][c + 1].isEmpty { cells[row][c + 1] = " " }
        }
        cells[row][col] = char
        if width == 2 { cells[row][col + 1] = "" }
        if insertMode { repair(row) }
        lastPrinted = (char, width)
        col += width
        if col >= cols {
            col = cols - 1
            wrapPending = true
        }
    }

    /// A right half without its left, or a wide character without its right half, is a blank.
    private mutating func repair(_ r: Int) {
        for c in 0..<cols {
            if cells[r][c].isEmpty, c == 0 || cells[r][c - 1].isEmpty || terminalWidth(cells[r][c - 1]) != 2 { cells[r][c] = " " }
            if !cells[r][c].isEmpty, terminalWidth(cells[r][c]) == 2, c + 1 == cols || !cells[r][c + 1].isEmpty { cells[r][c] = " " }
        }
    }

    private mutating func blank(_ r: Int, _ range: Range<Int>) {
        for c in range where c >= 0 && c < cols { cells[r][c] = " " }
        repair(r)
    }

    private mutating func lineFeed() {
        if row == bottom {
            scrollUp(1)
        } else if row < rows - 1 {
            row += 1
        }
    }

    private mutating func scrollUp(_ n: Int) {
        for _ in 0..<n {
            cells.remove(at: top)
            cells.insert(blankRow, at: bottom)
        }
    }

    private mutating func scrollDown(_ n: Int) {
        for _ in 0..<n {
            cells.remove(at: bottom)
            cells.insert(blankRow, at: top)
        }
    }

    private mutating func control(_ u: [UInt8]) {
        switch u[0] {
        case 0x0D: col = 0; wrapPending = false
        case 0x0A, 0x0B, 0x0C: lineFeed(); wrapPending = false
        case 0x08: col = max(col - 1, 0); wrapPending = false
        case 0x09: col = min((col / 8 + 1) * 8, cols - 1); wrapPending = false
        case 0x00, 0x07, 0x0E, 0x0F: break
        case 0x1B: escape(u)
        default: problems.append(TerminalStream.describe(u))
        }
    }

    private mutating func escape(_ u: [UInt8]) {
        guard u.count >= 2 else { problems.append(TerminalStream.describe(u)); return }
        switch u[1] {
        case 0x5B: csi(u)
        case 0x28, 0x29, 0x2A, 0x2B, 0x3D, 0x3E: break  // character sets, keypad modes
        case 0x37: saved = (row, col)
        case 0x38: (row, col) = saved; wrapPending = false
        case 0x44: lineFeed(); wrapPending = false  // IND
        case 0x45: col = 0; lineFeed(); wrapPending = false  // NEL
        case 0x4D:  // RI
            if row == top { scrollDown(1) } else if row > 0 { row -= 1 }
            wrapPending = false
        default: problems.append(TerminalStream.describe(u))
        }
    }

    private mutating func csi(_ u: [UInt8]) {
        guard let final = u.last, u.count >= 3, (0x40...0x7E).contains(final) else {
            problems.append(TerminalStream.describe(u)); return
        }
        let body = String(decoding: u.dropFirst(2).dropLast(), as: UTF8.self)
        let marker = body.first.flatMap { "?>=<".contains($0) ? $0 : nil }
        let intermediates = body.filter { ("\u{20}"..."\u{2F}").contains($0) }
        let params = (marker == nil ? body : String(body.dropFirst())).filter { $0.isNumber || $0 == ";" }
            .split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        func p(_ i: Int, _ otherwise: Int = 1) -> Int { i < params.count && params[i] > 0 ? params[i] : otherwise }
        let f = Character(Unicode.Scalar(final))
        if marker != nil || !intermediates.isEmpty {
            if marker == "?", f == "h" || f == "l" {
                // The alternate screen (the main one was blank before the reader started).
                if params.contains(where: { [47, 1047, 1049].contains($0) }) {
                    cells = Array(repeating: blankRow, count: rows)
                }
            } else if !(intermediates == "!" && f == "p") && !(intermediates == " " && f == "q") && marker != ">" {
                problems.append(TerminalStream.describe(u))
            }
            return
        }
        switch f {
        case "m", "t", "n", "c", "q": return  // attributes, window operations, reports
        case "h", "l":
            if params.contains(4) { insertMode = f == "h" }
            return
        case "H", "f": row = min(p(0), rows) - 1; col = min(p(1), cols) - 1
        case "A": row = max(row - p(0), 0)
        case "B": row = min(row + p(0), rows - 1)
        case "C": col = min(col + p(0), cols - 1)
        case "D": col = max(col - p(0), 0)
        case "E": row = min(row + p(0), rows - 1); col = 0
        case "F": row = max(row - p(0), 0); col = 0
        case "G", "`": col = min(p(0), cols) - 1
        case "d": row = min(p(0), rows) - 1
        case "I": for _ in 0..<p(0) { col = min((col / 8 + 1) * 8, cols - 1) }
        case "Z": for _ in 0..<p(0) { col = max(((col - 1) / 8) * 8, 0) }
        case "J":
            switch p(0, 0) {
            case 0:
                blank(row, col..<cols)
                for r in (row + 1)..<max(rows, row + 1) { blank(r, 0..<cols) }
            case 1:
                for r in 0..<row { blank(r, 0..<cols) }
                blank(row, 0..<(col + 1))
            default:
                cells = Array(repeating: blankRow, count: rows)
            }
        case "K":
            switch p(0, 0) {
            case 0: blank(row, col..<cols)
            case 1: blank(row, 0..<(col + 1))
            default: blank(row, 0..<cols)
            }
        case "X": blank(row, col..<min(col + p(0), cols))
        case "b":
            if let (char, width) = lastPrinted {
                for _ in 0..<p(0) { put(char, width: width) }
            }
            return
        case "P":
            let n = min(p(0), cols - col)
            cells[row].removeSubrange(col..<(col + n))
            cells[row] += Array(repeating: " ", count: n)
            repair(row)
        case "@":
            let n = min(p(0), cols - col)
            cells[row].insert(contentsOf: Array(repeating: " ", count: n), at: col)
            cells[row].removeLast(n)
            repair(row)
        case "L", "M":
            guard (top...bottom).contains(row) else { break }
            for _ in 0..<min(p(0), bottom - row + 1) {
                if f == "L" {
                    cells.remove(at: bottom)
                    cells.insert(blankRow, at: row)
                } else {
                    cells.remove(at: row)
                    cells.insert(blankRow, at: bottom)
                }
            }
            col = 0
        case "S": scrollUp(p(0))
        case "T": scrollDown(p(0))
        case "r":
            top = min(p(0), rows) - 1
            bottom = min(p(1, rows), rows) - 1
            if top >= bottom { top = 0; bottom = rows - 1 }
            row = 0; col = 0
        case "s": saved = (row, col)
        case "u": (row, col) = saved
        default:
            problems.append(TerminalStream.describe(u))
            return
        }
        wrapPending = false
    }
}
