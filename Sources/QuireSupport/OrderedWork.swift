import Foundation

/// Jobs run on a few worker threads, their results taken back in the order they were submitted.
///
/// Imports use it to convert and compress posts on every core while one thread reads the
/// source and another writes the store: at most `window` results wait at any time, so memory
/// stays bounded however large the import. `submit` and `next` may be called from different
/// threads (a producer and a consumer) or from the same one (then take a result before
/// submitting past the window).
public final class OrderedWork<Output: Sendable>: @unchecked Sendable {
    public let window: Int
    private let condition = NSCondition()
    /// Results by ticket, for the tickets from `taken` to `submitted`.
    private var slots: [Output?]
    private var submitted = 0
    private var taken = 0
    private var closed = false
    private var cancelled = false

    public init(window: Int) {
        precondition(window > 0)
        self.window = window
        slots = Array(repeating: nil, count: window)
    }

    /// Jobs submitted and not yet taken back.
    public var pending: Int {
        condition.lock(); defer { condition.unlock() }
        return submitted - taken
    }

    /// Starts `job` on a worker; waits first while `window` results are pending. Returns
    /// false, without running the job, once the work is cancelled.
    @discardableResult
    public func submit(_ job: @escaping @Sendable () -> Output) -> Bool {
        condition.lock()
        while submitted - taken >= window && !cancelled { condition.wait() }
        if cancelled { condition.unlock(); return false }
        let ticket = submitted
        submitted += 1
        condition.unlock()
        WorkerPool.shared.run { [self] in
            let output = job()
            condition.lock()
            slots[ticket % window] = output
            condition.broadcast()
            condition.unlock()
        }
        return true
    }

    /// No more jobs will come: `next` returns nil once every result has been taken.
    public func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    /// Stops the work: `submit` refuses new jobs and `next` returns nil. Jobs already running
    /// finish on their own; their results are dropped.
    public func cancel() {
        condition.lock(); cancelled = true; condition.broadcast(); condition.unlock()
    }

    /// The next result in submission order, waiting for it; nil when the work is closed and
    /// drained, or cancelled.
    public func next() -> Output? {
        condition.lock(); defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            if taken < submitted, let output = slots[taken % window] {
                slots[taken % window] = nil
                taken += 1
                condition.broadcast()
                return output
            }
            if closed && taken == submitted { return nil }
            condition.wait()
        }
    }

    /// The next result if it is already there.
    public func nextIfReady() -> Output? {
        condition.lock(); defer { condition.unlock() }
        guard !cancelled, taken < submitted, let output = slots[taken % window] else { return nil }
        slots[taken % window] = nil
        taken += 1
        condition.broadcast()
        return output
    }
}

/// One thread per core, running jobs in the order they come. The threads get a large stack:
/// converting a post may recurse as deep as its HTML nests.
public final class WorkerPool: @unchecked Sendable {
    public static let shared = WorkerPool(threads: max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// How much nicer the workers are than the thread that started them.
    static let niceness: Int32 = 5
    /// The nice value of the thread that made the pool, if it could be read.
    let baseNice: Int32?

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0

    init(threads: Int) {
        errno = 0
        let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        baseNice = errno == 0 ? nice : nil
        for i in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "quire-worker-\(i)"
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    public func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        // A little behind the threads that cannot share their work (an import's reader,
        // writer and index builder): the workers fill the time those leave. Importing 100,000
        // posts took 0.27-0.41 s less in each of 7 runs side by side with workers at 0.
        // (On Linux this sets the calling thread's nice value only.)
        if let baseNice { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, baseNice + Self.niceness)) }
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count || head >= 1024 {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
