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
        let work = OrderedWork<Int32>(window: 4)
        // Every worker thread: as many jobs as threads, each holding its thread until all started.
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let started = DispatchGroup()
        for _ in 0..<threads { started.enter() }
        for _ in 0..<threads {
            work.submit { started.leave(); started.wait(); return Self.nice() }
        }
        work.close()
        var seen: [Int32] = []
        while let value = work.next() { seen.append(value) }
        #expect(seen.count == threads)
        let pool = try #require(WorkerPool.shared.baseNice)
        #expect(seen.allSatisfy { $0 == min(19, pool + WorkerPool.niceness) }, "workers at \(seen), pool made at \(pool)")
    }
}
