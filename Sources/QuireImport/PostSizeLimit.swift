import Foundation
import QuireModel

/// What happens to a post longer than `ImportOptions.maxPostBytes`: its text is cut there
/// (at a line's end when there is one in the last tenth), before it is parsed, so that memory
/// and time stay in proportion to the limit whatever the export holds. The post ends with a
/// note saying so, and the import warns.
public enum PostSizeLimit {
    /// Where to cut `bytes` to keep at most `limit` of them: after the last line feed in the
    /// last tenth before the limit, else at the last character boundary.
    static func cutPoint(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Int {
        guard bytes.count > limit else { return bytes.count }
        let floor = limit - limit / 10
        var i = limit
        while i > floor {
            if bytes[i - 1] == 0x0A { return i }
            i -= 1
        }
        // Not inside a UTF-8 sequence: back over continuation bytes.
        i = limit
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// `data` cut to at most `limit` bytes (see `cutPoint`).
    static func cut(_ data: Data, limit: Int) -> Data {
        guard data.count > limit else { return data }
        return data.prefix(data.withUnsafeBytes { cutPoint($0, limit: limit) })
    }

    /// The last paragraph of a post that was cut.
    static func note(limit: Int, total: Int) -> Block {
        .paragraph([.text("[Quire cut this post at \(size(limit)); the export holds \(size(total))]", [.emphasis])])
    }

    static func warning(title: String?, limit: Int, total: Int) -> String {
        (title.map { "\"\($0)\" " } ?? "the post ") + "holds \(size(total)) of text, more than the \(size(limit)) Quire reads "
            + "of one post (--max-post-size): the rest is cut, and the post ends with a note saying so"
    }

    /// Bytes in decimal megabytes, or kilobytes below one: `10 MB`, `209.7 MB`, `500 KB`.
    public static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return decimal(Double(bytes) / 1_000_000) + " MB" }
        if bytes >= 1_000 { return decimal(Double(bytes) / 1_000) + " KB" }
        return "\(bytes) bytes"
    }

    private static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded(.down) / 10
        return tenths == tenths.rounded(.down) ? String(Int(tenths)) : String(format: "%.1f", tenths)
    }

    /// The largest limit `--max-post-size` takes: the store keeps a post of up to 64 MiB, its
    /// text and the JSON of its document together, and the JSON of a text of quotes is twice
    /// its length.
    public static let largest = 20_000_000

    /// A size as `quire import --max-post-size` takes it: a number of megabytes, or one with
    /// `KB`, `MB` or `GB` after it (decimal: 1 MB is 1,000,000 bytes).
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("G", 1e9), ("M", 1e6), ("K", 1e3), ("B", 1)]
        var number = Substring(t), scale = 1e6
        for (suffix, value) in units where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count)
            scale = value
            break
        }
        guard let n = Double(number.trimmingCharacters(in: .whitespaces)), n.isFinite, n > 0, n * scale < 1e12 else { return nil }
        return Int((n * scale).rounded())
    }
}
