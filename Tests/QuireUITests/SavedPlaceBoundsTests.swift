import Testing
import QuireModel
@testable import QuireUI

/// A saved place comes from a file anyone may edit: whatever numbers it holds, opening the
/// post neither traps nor scrolls past its end. (A line of Int.max, saved in the other notes
/// mode, overflowed the proportion and crashed the reader at every start.)
@Suite struct SavedPlaceBoundsTests {
    @Test(arguments: [
        SavedPosition(source: Int.max, offset: Int.max, inlineNotes: false, sourceCount: 1),
        SavedPosition(source: Int.max, offset: Int.max, inlineNotes: false, sourceCount: Int.max),
        SavedPosition(source: Int.max, offset: Int.max, inlineNotes: true, sourceCount: Int.max),
        SavedPosition(source: Int.min, offset: Int.min, inlineNotes: false, sourceCount: Int.min),
        SavedPosition(source: -1, offset: -1, inlineNotes: true, sourceCount: 0),
    ])
    func anyPlaceOpensThePostWithinIt(place: SavedPosition) throws {
        var marks = ReadingMarks()
        marks.positions[Fixtures.targetID] = place
        let s = ReaderSession(archive: Fixtures.archive(), options: ReaderOptions(openPost: Fixtures.targetID),
                              rows: 24, cols: 80, stateStore: MemoryStateStore(marks))
        let reader = try #require(s.reader)
        #expect(reader.scroll >= 0 && reader.scroll <= reader.maxScroll(height: s.state.bodyHeight))
        s.press(.pageDown, .pageUp)
        #expect(s.lines.count == 24)
    }
}
