import Testing
import QuireModel
@testable import QuireUI

/// A post of more than `ReaderState.largeText` bytes is laid out screen first: the lines on
/// screen at once, the whole layout after. What shows must be what the whole layout shows.
// One at a time: each lays a 300 KB post out whole, several times over, and the tests of
// the command line measure children forked from this process.
@Suite(.serialized) struct LargePostLayoutTests {
    static let words = ["harbour", "tide", "the", "sloop", "rigging", "of", "a", "mast", "wind", "東京", "and", "sail", "well-known"]

    static func text(_ count: Int, seed: Int) -> String {
        (0..<count).map { words[($0 * 7 + $0 / 5 + seed) % words.count] }.joined(separator: " ")
    }

    /// About 300 KB: headings, paragraphs citing a note and a reference, a quote, a list, one
    /// paragraph of 120 KB holding a line break and an escape sequence, and comments.
    static let large: StoredPost = {
        var blocks: [Block] = []
        for section in 0..<30 {
            blocks.append(.heading(level: section % 3 + 1, [.text("Section \(section)", [])]))
            for k in 0..<12 {
                var inlines: [Inline] = [.text(text(80, seed: section * 12 + k), [])]
                if k == 3 { inlines += [.footnoteMarker(label: "n\(section)"), .text(" see ", []), .reference(index: 0, text: "the harbour")] }
                blocks.append(.paragraph(inlines))
            }
            if section % 10 == 4 { blocks.append(.quote([.paragraph([.text(text(60, seed: section), [])])])) }
            if section % 10 == 6 { blocks.append(.list(ordered: false, items: [[.paragraph([.text(text(30, seed: section), [])])], [.paragraph([.text("short", [])])]])) }
            if section == 20 {
                blocks.append(.paragraph([.text(text(9000, seed: 1), []), .lineBreak, .text("after the break \u{1B}]0;title\u{07} " + text(9000, seed: 2), [])]))
            }
        }
        let notes = (0..<30).map { Footnote(label: "n\($0)", blocks: [.paragraph([.text("Note \($0) on the tide.", [])])]) }
        let comments = (0..<30).map { i in
            Comment(sourceID: "c\(i)", parentID: i % 3 == 0 ? nil : "c\(i - 1)", author: "Reader \(i)", date: PostDate(year: 2015, month: 2, day: 1),
                    blocks: [.paragraph([.text(text(40, seed: i), [])])])
        }
        let post = Post(sourceKey: "large", slug: "large", title: "A large post", date: PostDate(year: 2015, month: 1, day: 1),
                        document: Document(blocks: blocks), footnotes: notes,
                        references: [Reference(kind: .url, target: "https://example.org/harbour", text: "the harbour", explicit: true)],
                        commentCount: comments.count, comments: comments)
        return StoredPost(id: 7, post: post, targets: [.external(url: "https://example.org/harbour")], backlinks: [])
    }()

    static var document: DocumentLayout { DocumentLayout(large, inlineNotes: true) }

    /// The typed line of the long paragraph.
    static var longLine: Int {
        let lines = document.lines
        return lines.indices.max { lines[$0].spans.plainText.count < lines[$1].spans.plainText.count }!
    }

    @Test func theFixtureIsLarge() {
        #expect(Self.document.textBytes(over: ReaderState.largeText))
        #expect(!Fixtures.archive().stored.contains { DocumentLayout($0, inlineNotes: true).textBytes(over: ReaderState.largeText) })
    }

    // MARK: The part on screen

    @Test(arguments: [Highlight.none, .text("sloop rigging"), .words(["tide", "東京"])])
    func aWindowsLinesAreTheWholeLayoutsLines(highlight: Highlight) {
        let document = Self.document
        let long = Self.longLine
        let anchors = [LayoutAnchor(source: 0, offset: 0), LayoutAnchor(source: 30, offset: 0),
                       LayoutAnchor(source: document.lines.count / 2, offset: 0),
                       LayoutAnchor(source: long, offset: 0), LayoutAnchor(source: long, offset: 700),
                       LayoutAnchor(source: long, offset: 60_000), LayoutAnchor(source: long, offset: 9_999_999),
                       LayoutAnchor(source: document.lines.count - 3, offset: 0),
                       LayoutAnchor(source: document.lines.count + 50, offset: 0)]
        for width in [23, 78] {
            let whole = PostLayout(document, width: width, highlight: highlight, inlineNotes: true)
            for height in [1, 7, 40] {
                for anchor in anchors {
                    let part = PostLayout.window(document, width: width, highlight: highlight, inlineNotes: true, around: anchor, height: height)
                    #expect(!part.layout.isComplete)
                    let base = whole.lines.firstIndex { $0.source == part.layout.lines.first?.source }!
                    let same = Array(whole.lines[base..<min(whole.lines.count, base + part.layout.lines.count)])
                    // Compared apart: a failure prints where, not thousands of lines.
                    let equal = part.layout.lines == same
                    #expect(equal, "width \(width), height \(height), anchor \(anchor)")
                    // The anchor's line is the whole layout's, with a screen below it or the
                    // post's end.
                    let line = whole.line(for: anchor)
                    #expect(base + part.line == line, "width \(width), height \(height), anchor \(anchor)")
                    #expect(part.layout.lines.count - part.line >= height || base + part.layout.lines.count == whole.lines.count)
                }
            }
        }
    }

    @Test func aWindowIsFarSmallerThanThePost() {
        let document = Self.document
        let whole = PostLayout(document, width: 78, highlight: .none, inlineNotes: true)
        let top = PostLayout.window(document, width: 78, highlight: .none, inlineNotes: true, around: LayoutAnchor(source: 0, offset: 0), height: 30)
        let inLong = PostLayout.window(document, width: 78, highlight: .none, inlineNotes: true,
                                       around: LayoutAnchor(source: Self.longLine, offset: 100), height: 30)
        #expect(top.layout.lines.count < 100)
        #expect(inLong.layout.lines.count < 200)
        #expect(whole.lines.count > 3000)
    }

    // MARK: The reader

    /// A state with the large post opened from the archive, as the store's answer brings it.
    static func opened(rows: Int = 30, cols: Int = 100, saved: SavedPosition? = nil) -> (AppState, [Effect]) {
        var state = AppState(rows: rows, cols: cols)
        if let saved { state.marks.positions[large.id] = saved }
        let effects = update(&state, .postLoaded(large.id, .open(.archive), large))
        return (state, effects)
    }

    static func request(_ effects: [Effect]) -> LayoutRequest? {
        for case .layOut(let r) in effects { return r }
        return nil
    }

    /// The same state with the whole layout taken in.
    static func whole(_ state: AppState, _ effects: [Effect]) -> AppState {
        var state = state
        if let r = request(effects) { _ = update(&state, .laidOut(r, r.run())) }
        return state
    }

    /// The rows of the post (not the bars, whose position waits for the whole layout).
    static func body(_ state: AppState) -> [String] { Array(render(state).lines.dropFirst().dropLast()) }

    @Test func theFirstScreenIsTheWholeLayoutsFirstScreen() throws {
        let (state, effects) = Self.opened()
        let r = try #require(state.reader)
        #expect(!r.layout.isComplete)
        let request = try #require(Self.request(effects))
        #expect(r.pendingLayout == request)
        #expect(render(state).lines.last?.contains("laying out") == true)
        let done = Self.whole(state, effects)
        let w = try #require(done.reader)
        #expect(w.layout.isComplete && w.pendingLayout == nil)
        #expect(Self.body(state) == Self.body(done))
        #expect(w.scroll == 0)
        #expect(render(done).lines.last?.contains("line 1/") == true)
    }

    @Test func theWholeLayoutTakenInIsTheEagerLayout() throws {
        let (state, effects) = Self.opened()
        let done = Self.whole(state, effects)
        let eager = ReaderState(post: Self.large, origin: .archive, cols: 100)
        let w = try #require(done.reader)
        #expect(w.layout.lines == eager.layout.lines)
        #expect(w.layout.links == eager.layout.links)
        #expect(w.layout.outline == eager.layout.outline)
        #expect(w.layout.commentLines == eager.layout.commentLines)
        #expect(w.layout.textEndLine == eager.layout.textEndLine)
        #expect(w.layout == eager.layout)
        // Asked for once.
        #expect(effects.filter { if case .layOut = $0 { return true } else { return false } }.count == 1)
    }

    @Test(arguments: [0, 1, 2, 3])
    func aSavedPlaceShowsAtOnceAndStays(_ which: Int) throws {
        let document = Self.document
        let count = document.lines.count
        let places = [SavedPosition(source: count / 2, offset: 0, inlineNotes: true, sourceCount: count),
                      SavedPosition(source: Self.longLine, offset: 50_000, inlineNotes: true, sourceCount: count),
                      SavedPosition(source: count - 2, offset: 0, inlineNotes: true, sourceCount: count),
                      SavedPosition(source: count / 3, offset: 0, inlineNotes: false, sourceCount: count + 40)]
        let saved = places[which]
        let (state, effects) = Self.opened(saved: saved)
        let r = try #require(state.reader)
        #expect(!r.layout.isComplete)
        let done = Self.whole(state, effects)
        // The same screen as laying it all out and going to the place.
        var eager = ReaderState(post: Self.large, origin: .archive, cols: 100)
        eager.restore(saved, height: state.bodyHeight)
        #expect(done.reader?.scroll == eager.scroll)
        #expect(Self.body(state) == Self.body(done))
        // The place is kept while the rest is laid out, and the post is not marked read
        // unless its text's end is in view.
        #expect(state.marks.positions[Self.large.id] == done.marks.positions[Self.large.id])
        #expect(state.marks.read.contains(Self.large.id) == done.marks.read.contains(Self.large.id))
    }

    // MARK: Keys before the whole layout comes

    @Test(arguments: [Key.char("G"), .tab, .char("t"), .char("L"), .char("j"), .pageDown, .char("="), .char("n"), .end])
    func keysActOnTheWholeLayout(_ key: Key) throws {
        let (state, effects) = Self.opened()
        var early = state
        _ = update(&early, .event(.key(key)))
        var late = Self.whole(state, effects)
        _ = update(&late, .event(.key(key)))
        let e = try #require(early.reader), l = try #require(late.reader)
        #expect(e.layout.isComplete)
        #expect(e.scroll == l.scroll && e.selectedLink == l.selectedLink && e.panel == l.panel)
        #expect(render(early).lines == render(late).lines)
        // The worker's layout, when it comes after, changes nothing.
        let before = early
        if let request = Self.request(effects) { _ = update(&early, .laidOut(request, request.run())) }
        #expect(early == before)
    }

    @Test func findingBeforeTheWholeLayoutCountsEveryHit() throws {
        var (state, _) = Self.opened()
        _ = update(&state, .event(.key(.char("/"))))
        for c in "sloop" { _ = update(&state, .event(.key(.char(c)))) }
        _ = update(&state, .event(.key(.enter)))
        _ = update(&state, .event(.key(.char("n"))))
        let r = try #require(state.reader)
        var eager = ReaderState(post: Self.large, origin: .archive, cols: 100)
        eager.find.query = "sloop"
        eager.relayout(cols: 100, keepPosition: false)
        #expect(r.layout.hitLines == eager.layout.hitLines)
        #expect(r.layout.hitLines.count > 100)
        #expect(r.currentHit != nil)
    }

    @Test func aResizeLaysOutTheScreenFirstAndDropsTheOlderLayout() throws {
        let (state, effects) = Self.opened(saved: SavedPosition(source: Self.document.lines.count / 2, offset: 0, inlineNotes: true,
                                                                sourceCount: Self.document.lines.count))
        var resized = state
        let more = update(&resized, .event(.resize(rows: 20, cols: 61)))
        let r = try #require(resized.reader)
        #expect(!r.layout.isComplete)
        let newer = try #require(Self.request(more))
        #expect(newer.width == 59)
        // The layout for the old width is no longer wanted.
        let old = try #require(Self.request(effects))
        var stale = resized
        _ = update(&stale, .laidOut(old, old.run()))
        #expect(stale == resized)
        // The new one keeps the place, and shows what a whole layout at that width shows.
        let done = Self.whole(resized, more)
        #expect(done.reader?.layout.isComplete == true)
        #expect(Self.body(resized) == Self.body(done))
        #expect(done.reader?.layout.anchor(at: done.reader!.scroll) == r.layout.anchor(at: r.scroll))
    }

    @Test func goingBackShowsTheScreenFirstAtTheSamePlace() throws {
        var eager = ReaderState(post: Self.large, origin: .archive, cols: 100)
        eager.scroll = 2500
        let entry = eager.entry
        let small = try #require(Fixtures.archive().stored.first)
        var r = ReaderState(post: small, origin: .archive, cols: 100)
        r.show(entry, cols: 100, height: 28)
        #expect(!r.layout.isComplete)
        #expect(Array(r.layout.lines[r.scroll..<(r.scroll + 28)]) == Array(eager.layout.lines[2500..<2528]))
        r.completeLayout()
        #expect(r.layout == eager.layout && r.scroll == 2500)
    }

    @Test func aSmallPostIsLaidOutWholeAtOnce() throws {
        var state = AppState(rows: 30, cols: 100)
        let post = try #require(Fixtures.archive().stored.first)
        let effects = update(&state, .postLoaded(post.id, .open(.archive), post))
        #expect(state.reader?.layout.isComplete == true)
        #expect(state.reader?.pendingLayout == nil)
        #expect(Self.request(effects) == nil)
        #expect(state.reader?.layout == ReaderState(post: post, origin: .archive, cols: 100).layout)
    }

    @Test func theTerminalsWorkerBringsTheWholeLayout() throws {
        let archive = FakeArchive([(7, Self.large.post)])
        let s = ReaderSession(archive: archive, options: ReaderOptions(openPost: 7), rows: 30, cols: 100, synchronous: false)
        var queue = StoreWorkQueue()
        DeferredSessionTests.runWork(s, on: archive, queue: &queue)
        #expect(s.reader?.layout.isComplete == false)
        #expect(s.lines.last?.contains("laying out") == true)
        DeferredSessionTests.runWork(s, on: archive, queue: &queue)
        #expect(s.reader?.layout.isComplete == true)
        #expect(s.lines.last?.contains("line 1/") == true)
    }

    @Test func theTerminalReopensALargePostWhereTheReaderStopped() throws {
        let archive = FakeArchive([(7, Self.large.post)])
        let count = Self.document.lines.count
        let saved = SavedPosition(source: count / 2, offset: 0, inlineNotes: true, sourceCount: count)
        let store = MemoryStateStore(ReadingMarks(positions: [7: saved]))
        let s = ReaderSession(archive: archive, rows: 30, cols: 100, synchronous: false, stateStore: store)
        var queue = StoreWorkQueue()
        DeferredSessionTests.runWork(s, on: archive, queue: &queue)
        s.press(.char("5"))
        DeferredSessionTests.runWork(s, on: archive, queue: &queue)
        s.press(.enter)
        DeferredSessionTests.runWork(s, on: archive, queue: &queue)
        let early = try #require(s.reader)
        #expect(!early.layout.isComplete)
        #expect(early.savedPosition == saved)
        let first = s.lines
        DeferredSessionTests.runWork(s, on: archive, queue: &queue)
        #expect(s.reader?.layout.isComplete == true)
        #expect(s.reader?.savedPosition == saved)
        #expect(Array(s.lines.dropFirst().dropLast()) == Array(first.dropFirst().dropLast()))
    }
}
