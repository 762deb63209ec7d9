import Testing
import QuireModel
@testable import QuireUI

@Suite struct CanvasTests {
    @Test func wideClusterTakesTwoCells() {
        var c = Canvas(width: 6, height: 1)
        let end = c.put("a漢b", row: 0, col: 0)
        #expect(end == 4)
        #expect(c[0, 1].char == "漢" && c[0, 1].width == 2)
        #expect(c[0, 2].isContinuation)
        #expect(c.lines == ["a漢b"])
    }

    @Test func wideClusterAtTheEdgeBecomesASpace() {
        var c = Canvas(width: 5, height: 1)
        c.put("abcd漢", row: 0, col: 0)
        #expect(c.lines == ["abcd"])
        #expect(c[0, 4].char == " " && c[0, 4].width == 1)
    }

    @Test func overwritingHalfAWideClusterBlanksTheOtherHalf() {
        var c = Canvas(width: 4, height: 1)
        c.put("漢字", row: 0, col: 0)
        c.put("x", row: 0, col: 1)
        #expect(c.text(row: 0) == " x字")
        c.put("y", row: 0, col: 2)
        #expect(c.text(row: 0) == " xy ")
    }

    @Test func escapeSequencesNeverReachTheCanvas() {
        var c = Canvas(width: 40, height: 1)
        c.put("a\u{1B}[2J\u{1B}]0;title\u{07}b\u{9B}31mc\u{7F}d\u{202E}e", row: 0, col: 0)
        #expect(c.lines == ["abcde"])
        #expect(c.cells.allSatisfy { cell in cell.char.unicodeScalars.allSatisfy { !Sanitizer.isUnsafe($0) } })
    }

    @Test func diffReportsOnlyChangedStretches() {
        var a = Canvas(width: 10, height: 3)
        a.put("hello", row: 0, col: 0)
        var b = a
        b.put("J", row: 0, col: 0)
        b.put("漢", row: 2, col: 4)
        let changes = b.changes(from: a)
        #expect(changes == [RowChange(row: 0, columns: 0..<1), RowChange(row: 2, columns: 4..<6)])
        #expect(b.changes(from: b).isEmpty)
        #expect(b.changes(from: nil).count == 3)
    }

    @Test func diffNeverStartsInsideAWideCluster() {
        var a = Canvas(width: 6, height: 1)
        a.put("漢字", row: 0, col: 0)
        var b = a
        b.put("x", row: 0, col: 1)
        let change = b.changes(from: a)
        #expect(change.first?.columns.lowerBound == 0)
    }
}
