import Testing
import QuireModel
@testable import QuireUI

/// The terminal's way of running the session: archive reads wait for a worker, results come
/// back as actions, and keys never wait for them.
@Suite struct DeferredSessionTests {
    /// Runs what the session queued, as the worker thread would, through a `StoreWorkQueue`.
    static func runWork(_ s: ReaderSession, on archive: FakeArchive, queue: inout StoreWorkQueue) {
        queue.add(s.takeStoreWork())
        var results: [Action] = []
        while let effect = queue.next() {
            if let kept = queue.finish(EffectRunner.run(effect, on: archive)) { results.append(kept) }
        }
        s.deliver(results)
    }

    static func settle(_ s: ReaderSession, _ archive: FakeArchive) {
        var queue = StoreWorkQueue()
        for _ in 0..<10 { runWork(s, on: archive, queue: &queue) }
    }

    @Test func keysAnswerBeforeTheStoreDoes() {
        let archive = Fixtures.archive()
        let s = ReaderSession(archive: archive, rows: 24, cols: 80, synchronous: false)
        #expect(s.lines[1].contains("Loading"))
        // The key is handled at once, though the years have not come yet.
        s.press(.char("3"))
        #expect(s.state.screen == .search)
        #expect(archive.searches.isEmpty)
        s.type("russia")
        #expect(s.state.search.query == "russia")
        #expect(s.lines[2].contains("Searching"))
        let work = s.takeStoreWork()
        #expect(work.contains(.loadYears))
        #expect(work.filter { if case .search = $0 { return true } else { return false } }.count == 6)
        var queue = StoreWorkQueue()
        queue.add(work)
        // Only the newest search is left to run.
        var ran: [Effect] = []
        var results: [Action] = []
        while let e = queue.next() {
            ran.append(e)
            if let r = queue.finish(EffectRunner.run(e, on: archive)) { results.append(r) }
        }
        #expect(ran.filter { if case .search = $0 { return true } else { return false } } == [.search("russia")])
        s.deliver(results)
        #expect(s.state.search.resultsFor == "russia")
        #expect(s.state.search.hits.count == 2)
    }

    @Test func enterBeforeTheResultsOpensTheTopResultWhenTheyCome() {
        let archive = Fixtures.archive()
        let s = ReaderSession(archive: archive, rows: 24, cols: 80, synchronous: false)
        Self.settle(s, archive)
        s.press(.char("3"))
        s.type("missi")
        s.press(.enter)
        #expect(s.reader == nil)
        Self.settle(s, archive)
        // "missi" was still being typed: it matched "missile" as a prefix.
        #expect(s.reader?.post.id == Fixtures.seedID)
        #expect(s.reader?.origin == .search("missi"))
        #expect(s.reader?.layout.hitLines.isEmpty == false)
    }

    @Test func staleSearchResultsAreDropped() {
        var queue = StoreWorkQueue()
        queue.add([.search("mis")])
        let first = queue.next()
        #expect(first == .search("mis"))
        // A newer search is asked for while the first one runs.
        queue.add([.search("missile")])
        #expect(queue.finish(.searchLoaded(query: "mis", [])) == nil)
        #expect(queue.next() == .search("missile"))
        #expect(queue.finish(.searchLoaded(query: "missile", [])) == .searchLoaded(query: "missile", []))
    }

    @Test func pagesAreNeverDroppedAndRepeatsRunOnce() {
        var queue = StoreWorkQueue()
        let page = Effect.loadPage(.labels(["x"]), PostFilter(labels: ["x"]), .first, needTotal: true)
        let next = Effect.findNeighbour(of: 1, newer: true, filter: PostFilter(), screen: .archive)
        queue.add([page, next, .search("a"), next, .loadPost(1, .open(.archive)), .search("ab"), .loadPost(2, .open(.archive))])
        var order: [Effect] = []
        while let e = queue.next() { order.append(e); _ = queue.finish(nil) }
        #expect(order == [page, next, .search("ab"), .loadPost(2, .open(.archive))])
    }

    @Test func theLastWordMatchesAsAPrefixWhileTyped() {
        #expect(TypedQuery.effective("missi") == "missi*")
        #expect(TypedQuery.effective("russia missi") == "russia missi*")
        #expect(TypedQuery.effective("mi") == "mi")
        #expect(TypedQuery.effective("missile ") == "missile ")
        #expect(TypedQuery.effective("\"missile def") == "\"missile def")
        #expect(TypedQuery.effective("label:russia") == "label:russia")
        #expect(TypedQuery.effective("-missile") == "-missile")
        #expect(TypedQuery.effective("missi*") == "missi*")
        #expect(TypedQuery.effective("") == "")
    }

    @Test func savesOfTheReadingStateGoToTheWorkerNewestOnly() {
        let store = MemoryStateStore()
        let archive = Fixtures.archive()
        let s = ReaderSession(archive: archive, rows: 24, cols: 80, synchronous: false, stateStore: store)
        Self.settle(s, archive)
        s.press(.char("2"), .char("1"), .char("4"))
        let work = s.takeStoreWork()
        let saves = work.filter { if case .saveMarks = $0 { return true } else { return false } }
        #expect(saves.count == 3)
        #expect(store.saves == 0)
        var queue = StoreWorkQueue()
        queue.add(work)
        var ran: [Effect] = []
        while let e = queue.next() { ran.append(e); _ = queue.finish(nil) }
        #expect(ran == [saves.last!])
        if case .saveMarks(let marks) = saves.last! { #expect(marks.last == LastPlace(screen: .bookmarks)) }
    }
}
