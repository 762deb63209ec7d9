/// Bars drawn with block characters, for counts over time and the busiest labels.
public enum Bars {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// One cell per value, its height scaled to `peak`; `·` for zero.
    public static func sparkline(_ values: [Int], peak: Int) -> String {
        String(values.map { n -> Character in
            guard n > 0, peak > 0 else { return "·" }
            return levels[min(7, max(0, (n * 8 + peak - 1) / peak - 1))]
        })
    }

    /// A horizontal bar of up to `width` cells for `value` out of `peak`, in eighths of a cell;
    /// any value above zero shows at least a sliver.
    public static func horizontal(_ value: Int, peak: Int, width: Int) -> String {
        guard value > 0, peak > 0, width > 0 else { return "" }
        let eighthsTotal = max(1, value * width * 8 / peak)
        var bar = String(repeating: "█", count: eighthsTotal / 8)
        if eighthsTotal % 8 > 0 { bar.append(eighths[eighthsTotal % 8 - 1]) }
        return bar
    }
}
