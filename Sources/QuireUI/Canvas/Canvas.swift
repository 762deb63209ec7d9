import QuireModel

/// One terminal cell: a simplified cluster and its style.
///
/// A wide cluster fills its cell and marks the next one as its continuation, so every row
/// always spans exactly the canvas width.
public struct Cell: Hashable, Sendable {
    public var char: Character
    public var style: Style
    /// 1 or 2 for a cell that starts a cluster, 0 for the right half of a wide one.
    public var width: UInt8

    public init(_ char: Character, _ style: Style = .plain, width: UInt8 = 1) {
        self.char = char; self.style = style; self.width = width
    }
    public static let blank = Cell(" ")
    public var isContinuation: Bool { width == 0 }
}

/// A grid of cells that every screen renders into; the only thing the backend draws.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, col: Int) -> Cell {
        get { cells[row * width + col] }
    }

    /// Writes text from `col`, stopping before column `limit` (the width by default); returns
    /// the column after the last cell written.
    ///
    /// The text is sanitised again here, so nothing from a post reaches the terminal raw even
    /// if it slipped past the store. A wide cluster that would straddle `limit` becomes a space.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return col }
        let end = min(limit ?? width, width)
        var x = max(0, col)
        for original in Sanitizer.clean(text) {
            if x >= end { break }
            for c in Cluster.simplify(original) {
                let w = DisplayWidth.ofSimplified(c)
                if w == 0 { continue }
                if x + w > end {
                    // Fill what is left so a half-drawn wide cluster never appears.
                    while x < end { set(row, x, Cell(" ", style)); x += 1 }
                    return x
                }
                set(row, x, Cell(c, style, width: UInt8(w)))
                if w == 2 { set(row, x + 1, Cell(" ", style, width: 0)) }
                x += w
            }
        }
        return x
    }

    /// Writes styled spans one after another; see `put(_:row:col:style:limit:)`.
    @discardableResult
    public mutating func put(_ spans: [Span], row: Int, col: Int, limit: Int? = nil,
                             restyle: (Span) -> Style = { $0.style }) -> Int {
        var x = col
        for span in spans { x = put(span.text, row: row, col: x, style: restyle(span), limit: limit) }
        return x
    }

    /// Paints a range of a row with blanks in a style (bars, selections).
    public mutating func fill(row: Int, from: Int = 0, to: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(to ?? width, width)
        var x = max(0, from)
        while x < end { set(row, x, Cell(" ", style)); x += 1 }
    }

    /// Changes the style of cells already drawn, keeping their characters.
    public mutating func restyle(row: Int, from: Int = 0, to: Int? = nil, _ change: (Style) -> Style) {
        guard row >= 0, row < height else { return }
        for x in max(0, from)..<min(to ?? width, width) {
            cells[row * width + x].style = change(cells[row * width + x].style)
        }
    }

    private mutating func set(_ row: Int, _ col: Int, _ cell: Cell) {
        let i = row * width + col
        let old = cells[i]
        // Overwriting half of a wide cluster blanks its other half.
        if old.width == 2, col + 1 < width, cell.width != 2 { cells[i + 1] = Cell(" ", cells[i + 1].style) }
        if old.width == 0, col > 0, cell.width != 0 { cells[i - 1] = Cell(" ", cells[i - 1].style) }
        cells[i] = cell
    }

    /// The text of a row as a terminal would show it.
    public func text(row: Int) -> String {
        var s = ""
        for x in 0..<width where !self[row, x].isContinuation { s.append(self[row, x].char) }
        return s
    }

    /// Every row, trailing blanks trimmed: what screen tests compare.
    public var lines: [String] {
        (0..<height).map { r in
            var t = text(row: r)
            while t.last == " " { t.removeLast() }
            return t
        }
    }
}
