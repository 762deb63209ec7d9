import Foundation
import Testing
@testable import QuireSupport

/// The import's worker threads run a little nicer than the thread that started them, so the
/// threads that cannot share their work come first (OrderedWork.swift).
@Suite struct WorkerPoolTests {
    static func nice() -> Int32 {
        errno = 0
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    @Test func workersAreNicer() throws {
        // One job per worker thread, each holding its thread until all have started, so that
        // every thread runs one. The window holds them all: a smaller one would stop `submit`
        // before the last jobs started, and the first ones would wait for them for ever.
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let work = OrderedWork<Int32?>(window: threads)
        let started = DispatchGroup()
        for _ in 0..<threads { started.enter() }
        for _ in 0..<threads {
            work.submit {
                started.leave()
                // A hang guard: all start within milliseconds. nil says they did not.
                guard started.wait(timeout: .now() + 60) == .success else { return nil }
                return Self.nice()
            }
        }
        work.close()
        var seen: [Int32?] = []
        while let value = work.next() { seen.append(value) }
        #expect(seen.count == threads)
        #expect(!seen.contains(nil), "not every worker thread took a job: \(seen)")
        let pool = try #require(WorkerPool.shared.baseNice)
        #expect(seen.allSatisfy { $0 == min(19, pool + WorkerPool.niceness) }, "workers at \(seen), pool made at \(pool)")
    }
}
