import Foundation
import QuireModel
import QuireUI

/// A thread that runs the reader's archive reads and reading-state saves one at a time, off
/// the UI thread, and wakes the event loop through a pipe when a result is ready.
final class StoreWorker: @unchecked Sendable {
    // Everything mutable is guarded by `condition`.
    private let condition = NSCondition()
    private var queue = StoreWorkQueue()
    private var results: [Action] = []
    private var stopping = false
    private var stopped = false
    private var saveFailed = false
    private let archive: SharedArchive
    private let stateStore: SharedStateStore?
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// The descriptor that becomes readable when results are waiting.
    var wakeDescriptor: Int32 { wakeRead }

    init(archive: any ArchiveReading, stateStore: (any ReadingStateStore)?) throws {
        self.archive = SharedArchive(archive: archive)
        self.stateStore = stateStore.map(SharedStateStore.init)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError(description: "cannot create a pipe: errno \(errno)") }
        wakeRead = fds[0]; wakeWrite = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        // The thread must never take the signals the event loop waits for (resize, Ctrl-C,
        // SIGTERM ...): a signal handled there would not wake the loop's poll.
        var all = sigset_t(), old = sigset_t()
        Self.loopSignals(&all)
        pthread_sigmask(SIG_BLOCK, &all, &old)
        let thread = Thread { [self] in run() }
        thread.name = "quire-store"
        thread.start()
        pthread_sigmask(SIG_SETMASK, &old, nil)
    }

    deinit {
        close(wakeRead); close(wakeWrite)
    }

    static func loopSignals(_ set: inout sigset_t) {
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT, SIGCHLD] { sigaddset(&set, s) }
    }

    /// Queues reads (see `StoreWorkQueue` for which ones replace others).
    func submit(_ effects: [Effect]) {
        guard !effects.isEmpty else { return }
        condition.lock()
        queue.add(effects)
        condition.signal()
        condition.unlock()
    }

    /// Results ready so far, oldest first.
    func takeResults() -> [Action] {
        var byte: UInt8 = 0
        while read(wakeRead, &byte, 1) == 1 {}
        condition.lock()
        defer { condition.unlock() }
        let out = results
        results = []
        return out
    }

    /// Lets the thread end after the job it is running, and waits for that: then nothing
    /// else writes the state file, and the caller may save it one last time.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func run() {
        var signals = sigset_t()
        Self.loopSignals(&signals)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if stopping {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let effect = queue.next()
            condition.unlock()
            guard let effect else { continue }
            let result: Action?
            if case .saveMarks(let marks) = effect {
                result = save(marks)
            } else {
                result = EffectRunner.run(effect, on: archive.archive)
            }
            condition.lock()
            let kept = queue.finish(result)
            if let kept { results.append(kept) }
            condition.unlock()
            if kept != nil {
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
            }
        }
    }
}

extension StoreWorker {
    /// Writes the reading state; a failure is said once, then reading goes on.
    private func save(_ marks: ReadingMarks) -> Action? {
        do {
            try stateStore?.store.save(marks)
            return nil
        } catch {
            guard !saveFailed else { return nil }
            saveFailed = true
            return .failed("Could not save the reading state: \(error)")
        }
    }
}

/// The state file handed to the worker thread, which alone writes it while the reader runs.
private struct SharedStateStore: @unchecked Sendable {
    let store: any ReadingStateStore
}

/// The archive handed to the worker thread. The store reads through a GRDB pool, which is
/// safe across threads, and in deferred mode the UI thread never reads it itself.
private struct SharedArchive: @unchecked Sendable {
    let archive: any ArchiveReading
}
