import Testing
import QuireModel
@testable import QuireUI

/// Compares a frame with the expected lines (trailing blanks ignored, missing rows blank) and
/// reports the first line that differs, so a failure reads like a diff.
func expectScreen(_ canvas: Canvas, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = canvas.lines
    var wanted = expected
    while wanted.count < actual.count { wanted.append("") }
    guard actual != wanted else { return }
    let i = (0..<min(actual.count, wanted.count)).first { actual[$0] != wanted[$0] } ?? min(actual.count, wanted.count)
    let got = i < actual.count ? actual[i] : "<none>"
    let want = i < wanted.count ? wanted[i] : "<none>"
    Issue.record("""
        screen differs at line \(i):
          expected: |\(want)|
          actual:   |\(got)|
        whole screen:
        \(actual.map { "|" + $0 }.joined(separator: "\n"))
        """, sourceLocation: sourceLocation)
}

/// A session on the fake archive.
func session(rows: Int = 24, cols: Int = 80, open post: PostID? = nil, archive: FakeArchive = Fixtures.archive()) -> ReaderSession {
    ReaderSession(archive: archive, options: ReaderOptions(openPost: post), rows: rows, cols: cols)
}

extension ReaderSession {
    /// The rows of the current frame.
    var lines: [String] { render().lines }
    var reader: ReaderState? { state.reader }
}
