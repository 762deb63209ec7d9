import Testing
import QuireModel
@testable import QuireUI

/// Key sequences in the reader: links, history, notes, neighbours, find.
@Suite struct ReaderKeyTests {
    @Test func followReferenceThenBackRestoresPositionThenForward() throws {
        let s = session(open: Fixtures.seedID)
        s.press(.char("j"), .char("j"), .char("j"))
        s.press(.tab, .tab, .tab)
        let before = try #require(s.reader)
        guard case .reference(_, .post(Fixtures.targetID, _), _) = before.layout.links[try #require(before.selectedLink)].kind else {
            Issue.record("the third link should be the note's reference"); return
        }
        s.press(.enter)
        #expect(s.reader?.post.id == Fixtures.targetID)
        #expect(s.reader?.scroll == 0)
        #expect(s.reader?.back.count == 1)
        s.press(.pageDown)
        let targetScroll = try #require(s.reader?.scroll)
        #expect(targetScroll > 0)

        s.press(.backspace)
        #expect(s.reader?.post.id == Fixtures.seedID)
        #expect(s.reader?.scroll == before.scroll)
        #expect(s.reader?.selectedLink == before.selectedLink)

        s.press(.char("l"))
        #expect(s.reader?.post.id == Fixtures.targetID)
        #expect(s.reader?.scroll == targetScroll)
        s.press(.left)
        #expect(s.reader?.post.id == Fixtures.seedID)
        s.press(.shiftRight)
        #expect(s.reader?.post.id == Fixtures.targetID)
    }

    @Test func backFromTheFirstPostClosesTheReader() {
        let s = session(open: Fixtures.seedID)
        s.press(.char("h"))
        #expect(s.reader == nil)
        #expect(s.lines[1].contains("2007"))
    }

    @Test func forwardWithNothingAheadSaysSo() {
        let s = session(open: Fixtures.seedID)
        s.press(.char("l"))
        #expect(s.state.message?.text == "Nothing to go forward to")
    }

    @Test func enterOnAFootnoteMarkerJumpsToTheNoteAndBackspaceReturns() throws {
        let s = session(rows: 12, cols: 40, open: Fixtures.seedID)
        s.press(.char("f")) // markers only: the note moves to the end, far from its marker
        s.press(.tab)
        let marker = try #require(s.reader)
        guard case .footnote("1") = marker.layout.links[try #require(marker.selectedLink)].kind else {
            Issue.record("first link should be the marker"); return
        }
        s.press(.enter)
        let noteLine = try #require(s.reader?.layout.noteLines["1"])
        #expect(s.reader!.scroll <= noteLine && noteLine < s.reader!.scroll + s.state.bodyHeight)
        #expect(s.lines.contains { $0.contains("[1] Please read my post") })
        s.press(.backspace)
        #expect(s.reader?.scroll == marker.scroll)
        #expect(s.reader?.post.id == Fixtures.seedID)
    }

    @Test func danglingReferenceSaysItIsNotInTheArchive() {
        let s = session(open: Fixtures.seedID)
        s.press(.tab, .tab, .enter)
        #expect(s.state.message?.text.contains("not in the archive") == true)
        #expect(s.reader?.post.id == Fixtures.seedID)
        #expect(s.lines.last?.contains("\"The Lost Post\" is not in the archive") == true)
    }

    @Test func backlinksAreFollowable() {
        let s = session(open: Fixtures.targetID)
        s.press(.char("G"), .tab)
        #expect(s.lines.contains { $0.contains("Referenced by") })
        s.press(.enter)
        #expect(s.reader?.post.id == Fixtures.seedID)
    }

    @Test func enterWithoutASelectionExplains() {
        let s = session(open: Fixtures.seedID)
        s.press(.enter)
        #expect(s.state.message?.text.contains("Tab") == true)
    }

    @Test func neighboursByDateStayWithinTheLabel() {
        let s = session()
        s.press(.char("2"))
        let labels = s.lines
        let row = labels.firstIndex { $0.hasPrefix(" russia") }!
        for _ in 0..<(row - 2) { s.press(.down) }
        s.press(.enter, .enter) // the label, then its newest post
        #expect(s.reader?.post.id == Fixtures.seedID)
        s.press(.char("["))
        #expect(s.reader?.post.id == Fixtures.targetID)
        s.press(.char("["))
        #expect(s.reader?.post.id == Fixtures.targetID)
        #expect(s.state.message?.text == "No older post with these labels")
        s.press(.char("]"))
        #expect(s.reader?.post.id == Fixtures.seedID)
        s.press(.backspace)
        #expect(s.reader?.post.id == Fixtures.targetID)
    }

    @Test func neighboursFromTheArchiveWalkEveryPost() {
        let s = session(open: Fixtures.targetID)
        s.press(.char("["))
        #expect(s.reader?.post.id == Fixtures.cjkID)
        s.press(.char("]"), .char("]"))
        #expect(s.reader?.post.id == Fixtures.seedID)
    }

    @Test func fTogglesInlineNotes() throws {
        let s = session(open: Fixtures.seedID)
        let inline = try #require(s.reader?.layout.noteLines["1"])
        s.press(.char("f"))
        let atEnd = try #require(s.reader?.layout.noteLines["1"])
        #expect(atEnd > inline)
        #expect(s.reader?.layout.lines.contains { $0.spans.plainText == "Notes" } == true)
        s.press(.char("f"))
        #expect(s.reader?.layout.noteLines["1"] == inline)
    }

    @Test func findInPostHighlightsAndJumps() throws {
        let s = session(rows: 12, cols: 40, open: Fixtures.targetID)
        s.press(.char("/"))
        s.type("paragraph 2")
        #expect(s.lines.last?.hasPrefix(" Find: paragraph 2") == true)
        s.press(.enter)
        let hits = try #require(s.reader?.layout.hitLines)
        #expect(hits.count == 11) // 2 and 20...29
        #expect(s.reader?.currentHit == 0)
        s.press(.char("n"))
        #expect(s.reader?.currentHit == 1)
        let line = hits[1]
        #expect(s.reader!.scroll <= line && line < s.reader!.scroll + s.state.bodyHeight)
        s.press(.char("N"), .char("N"))
        #expect(s.reader?.currentHit == hits.count - 1)
        #expect(s.state.message?.text.contains("wrapped") == true)
    }

    @Test func findEscapeCancelsAndKeepsThePreviousHighlight() {
        let s = session(open: Fixtures.targetID)
        s.press(.char("/"))
        s.type("europe")
        s.press(.escape)
        #expect(s.reader?.find.editing == false)
        #expect(s.reader?.layout.hitLines.isEmpty == true)
    }

    @Test func resizeKeepsTheReadingPosition() throws {
        let s = session(open: Fixtures.targetID)
        for _ in 0..<20 { s.press(.down) }
        let top = s.lines[1]
        s.handle(.resize(rows: 12, cols: 40))
        #expect(s.lines[1].hasPrefix(String(top.prefix(12))))
        s.handle(.resize(rows: 24, cols: 80))
        #expect(s.lines[1] == top)
    }

    @Test func qClosesTheReaderThenQuits() {
        let s = session(open: Fixtures.seedID)
        #expect(s.press(.char("q")).isEmpty)
        #expect(s.reader == nil)
        #expect(s.press(.char("q")) == [.quit])
    }

    @Test func capitalQQuitsAtOnce() {
        let s = session(open: Fixtures.seedID)
        #expect(s.press(.char("Q")) == [.quit])
    }

    @Test func redrawAndSuspendReachTheTerminal() {
        let s = session()
        #expect(s.press(.ctrl("l")) == [.redraw])
        #expect(s.press(.ctrl("z")) == [.suspend])
    }
}
