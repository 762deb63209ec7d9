import Foundation

/// Durations on the command line: a number of seconds, or a number with `s`, `m` or `h`.
public enum ServeDuration {
    /// Seconds, or nil for text that is not a duration (negative, empty, an unknown unit).
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("h", 3600), ("m", 60), ("s", 1)]
        var number = Substring(trimmed), factor = 1.0
        if let (suffix, f) = units.first(where: { trimmed.hasSuffix($0.0) }) {
            number = trimmed.dropLast(suffix.count)
            factor = f
        }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return value * factor
    }

    /// "30 min", "4 h", "20 s".
    public static func describe(_ seconds: Double) -> String {
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}

/// Sizes on the command line: bytes, or a number with K, M or G (powers of 1024).
public enum ServeSize {
    public static func parse(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, UInt64)] = [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)]
        var number = Substring(trimmed), factor: UInt64 = 1
        if let (suffix, f) = units.first(where: { trimmed.hasSuffix($0.0) || trimmed.hasSuffix($0.0 + "B") }) {
            number = trimmed.hasSuffix("B") ? trimmed.dropLast(suffix.count + 1) : trimmed.dropLast(suffix.count)
            factor = f
        }
        guard let value = UInt64(number) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }
}
