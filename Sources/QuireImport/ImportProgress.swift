import Foundation
import QuireModel

/// Shows how an import is going on stderr: posts read, rate and time left.
///
/// Quiet unless stderr is a terminal, so scripts and logs never see it.
final class ImportProgress {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastPosts = 0
    private var drew = false

    init(label: String, enabled: Bool = isatty(2) == 1) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws five times a second, and every 500 posts: a quick import is followed closely
    /// too (the tests that kill an import part of the way through wait for these reports).
    func update(posts: Int, bytes: Int64, total: Int64) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 || posts - lastPosts >= 500 else { return }
        lastDraw = now
        lastPosts = posts
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        var line = "\(label): \(posts) posts, \(Int(Double(posts) / elapsed))/s"
        if total > 0, bytes > 0, bytes < total {
            let left = elapsed * Double(total - bytes) / Double(bytes)
            line += ", \(Int(Double(bytes) * 100 / Double(total)))%, \(Int(left.rounded()))s left"
        }
        draw(line)
    }

    func finish(posts: Int) {
        guard enabled, drew else { return }
        draw("\(label): \(posts) posts")
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(_ line: String) {
        drew = true
        // Carriage return and erase-line keep the report on one terminal line. The label is a
        // path, and a file's name can hold escape sequences too.
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.forTerminal(Sanitizer.clean(line))).utf8))
    }

    /// The line as the terminal's charset can take it: UTF-8 as it is; in any other locale
    /// (Latin-1, KOI8-R...) ASCII only, '?' for the rest, since UTF-8's bytes 0x80-0x9F would
    /// reach an 8-bit terminal as C1 controls.
    static func forTerminal(_ line: String, utf8: Bool = localeIsUTF8) -> String {
        guard !utf8 else { return line }
        return String(String.UnicodeScalarView(line.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
    }

    /// Whether the locale's charset is UTF-8 (or C/POSIX, which a terminal nearly always takes
    /// to mean UTF-8, as the rest of Quire does).
    static let localeIsUTF8: Bool = {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        return ["UTF-8", "utf8", "ANSI_X3.4-1968", "US-ASCII"].contains(codeset)
    }()
}
