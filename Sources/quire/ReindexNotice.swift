import Foundation
import QuireModel
import QuireStore

/// Says on stderr that a store made by an older Quire gets its search index rebuilt (once, while
/// it is brought up to date), and how far that is: on a terminal a line that counts the posts,
/// elsewhere a line when it starts and one when it ends.
final class ReindexNotice: @unchecked Sendable {
    private let path: String
    private let onTerminal = isatty(2) == 1
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drew = false

    /// The path is the user's, and a file's name can hold escape sequences.
    private init(path: String) { self.path = Sanitizer.clean(path) }

    /// The function a store calls with the rebuild's progress.
    static func reporter(for path: String) -> @Sendable (SearchIndexProgress) -> Void {
        let notice = ReindexNotice(path: path)
        return { progress in notice.lock.withLock { notice.report(progress) } }
    }

    private func report(_ p: SearchIndexProgress) {
        guard p.total > 0 else { return }
        if p.done == 0 {
            write("quire: this version of Quire also finds words in Japanese, Chinese, Korean and Thai text and in "
                  + "comments: rebuilding the search index of \(path) once (\(p.total) posts)\n")
        } else if p.done >= p.total {
            if drew { write("\r\u{1B}[K") }
            write(String(format: "quire: search index rebuilt: %d posts in %.1f s\n", p.total, Date().timeIntervalSince(start)))
        } else if onTerminal, Date().timeIntervalSince(lastDraw) >= 0.2 {
            lastDraw = Date()
            drew = true
            write("\r\u{1B}[Kquire: rebuilding the search index: \(p.done) of \(p.total) posts (\(p.done * 100 / p.total)%)")
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
