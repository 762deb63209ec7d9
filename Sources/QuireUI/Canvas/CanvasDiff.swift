/// A stretch of one row that changed between two frames.
public struct RowChange: Hashable, Sendable {
    public var row: Int
    /// Columns to redraw; never starts on the right half of a wide cluster.
    public var columns: Range<Int>
}

public extension Canvas {
    /// The rows and columns where `self` differs from `old`; every cell when the sizes differ.
    ///
    /// Each changed row yields one range from its first to its last changed cell, widened so
    /// that no wide cluster is cut in half, which keeps the backend simple and the writes few.
    func changes(from old: Canvas?) -> [RowChange] {
        guard let old, old.width == width, old.height == height else {
            return (0..<height).map { RowChange(row: $0, columns: 0..<width) }
        }
        var out: [RowChange] = []
        for r in 0..<height {
            let base = r * width
            var first = -1, last = -1
            for x in 0..<width where cells[base + x] != old.cells[base + x] {
                if first < 0 { first = x }
                last = x
            }
            guard first >= 0 else { continue }
            while first > 0, cells[base + first].isContinuation || old.cells[base + first].isContinuation { first -= 1 }
            var end = last + 1
            while end < width, cells[base + end].isContinuation || old.cells[base + end].isContinuation { end += 1 }
            out.append(RowChange(row: r, columns: first..<end))
        }
        return out
    }
}
