/// A table laid out for a width: columns aligned, the header set apart by a rule.
///
/// Columns keep their natural widths when the table fits; otherwise the widest are narrowed
/// and their cells wrapped, none below `minimumColumn`. A table that cannot fit even so is
/// shown row by row, one `header: value` line per cell. Either way every cell stays under its
/// own header: an empty cell is blank space in its column, never a shift of the cells after it.
public enum TableLayout {
    static let separator = " │ "
    static let minimumColumn = 6

    public static func lines(_ table: TableCells, width: Int) -> [[Span]] {
        let columns = table.rows.map(\.count).max() ?? 0
        guard columns > 0 else { return [] }
        let rows = table.rows.map { $0 + Array(repeating: [], count: columns - $0.count) }
        let natural = (0..<columns).map { c in rows.map { naturalWidth($0[c]) }.max() ?? 0 }
        let available = width - separator.count * (columns - 1)
        guard let widths = fitted(natural, into: available) else { return recordLines(rows, table.headerRows, width: width) }
        return alignedLines(rows, table.headerRows, widths: widths)
    }

    /// The widest line of a cell's text, line breaks counted.
    static func naturalWidth(_ cell: [Span]) -> Int {
        var widest = 0, current = 0
        for span in cell {
            let parts = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (k, part) in parts.enumerated() {
                if k > 0 { widest = max(widest, current); current = 0 }
                current += DisplayWidth.of(String(part))
            }
        }
        return max(widest, current)
    }

    /// Column widths within `available`: natural widths, the widest capped at one width as
    /// high as fits; nil when that cap would be below `minimumColumn`.
    static func fitted(_ natural: [Int], into available: Int) -> [Int]? {
        let widths = natural.map { max($0, 1) }
        if widths.reduce(0, +) <= available { return widths }
        var low = 0, high = widths.max() ?? 0
        // The largest cap whose capped total fits.
        while low < high {
            let mid = (low + high + 1) / 2
            if widths.reduce(0, { $0 + min($1, mid) }) <= available { low = mid } else { high = mid - 1 }
        }
        guard low >= minimumColumn else { return nil }
        var capped = widths.map { min($0, low) }
        // What is left goes to the capped columns, one column each, left to right.
        var spare = available - capped.reduce(0, +)
        for c in capped.indices where spare > 0 && capped[c] < widths[c] { capped[c] += 1; spare -= 1 }
        return capped
    }

    static func alignedLines(_ rows: [[[Span]]], _ headerRows: Int, widths: [Int]) -> [[Span]] {
        let wrapped = rows.enumerated().map { r, row in
            row.enumerated().map { c, cell in
                Wrap.wrap(r < headerRows ? cell.map(bold) : cell, firstWidth: widths[c]).map(\.spans)
            }
        }
        // Rows of several lines are told apart by a rule between every row.
        let ruled = wrapped.contains { $0.contains { $0.count > 1 } }
        let rule = [Span(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"), .meta)]
        var out: [[Span]] = []
        for (r, row) in wrapped.enumerated() {
            if r > 0, r == headerRows || ruled { out.append(rule) }
            let height = row.map(\.count).max() ?? 1
            for k in 0..<height {
                var line: [Span] = []
                for (c, cell) in row.enumerated() {
                    if c > 0 { line.append(Span(separator, .meta)) }
                    let spans = k < cell.count ? cell[k] : []
                    line += spans
                    let pad = widths[c] - spans.displayWidth
                    // The last column needs no padding: nothing follows it.
                    if pad > 0, c < row.count - 1 { line.append(Span(String(repeating: " ", count: pad))) }
                }
                out.append(line)
            }
        }
        return out
    }

    /// Each row as `header: value` lines, rows apart by a blank line; without a header the
    /// column's number names it.
    static func recordLines(_ rows: [[[Span]]], _ headerRows: Int, width: Int) -> [[Span]] {
        let headerRows = headerRows < rows.count ? headerRows : 0
        let names: [String] = (0..<(rows.first?.count ?? 0)).map { c in
            let text = (0..<headerRows).map { rows[$0][c].plainText.replacingOccurrences(of: "\n", with: " ") }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return text.isEmpty ? "\(c + 1)" : text
        }
        var out: [[Span]] = []
        for (r, row) in rows.enumerated() where r >= headerRows {
            if !out.isEmpty { out.append([]) }
            for (c, cell) in row.enumerated() {
                let label = Span(names[c] + ":", Style.plain.adding(.bold))
                let spans = [label] + (cell.isEmpty ? [] : [Span(" ")] + cell)
                for (k, line) in Wrap.wrap(spans, firstWidth: width, restWidth: max(1, width - 2)).enumerated() {
                    out.append(k == 0 ? line.spans : [Span("  ")] + line.spans)
                }
            }
        }
        return out
    }

    private static func bold(_ span: Span) -> Span {
        var s = span
        s.style = s.style.adding(.bold)
        return s
    }
}
