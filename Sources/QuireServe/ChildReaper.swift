import Dispatch
import Foundation
import NIOConcurrencyHelpers

/// Collects every reader process that ends and tells its session how it ended.
///
/// One thread blocks in `waitpid(-1)`; with no child it waits for the next start instead of
/// spinning. The server starts no other children, so whatever `waitpid` returns is a reader
/// (or one that failed before exec, which nobody waits for).
final class ChildReaper: Sendable {
    /// How a reader ended, from its wait status.
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    private struct State {
        var waiting: [pid_t: @Sendable (Ending) -> Void] = [:]
        var ended: [pid_t: Ending] = [:]
    }

    private let state = NIOLockedValueBox(State())
    private let doorbell = DispatchSemaphore(value: 0)

    init() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "quire-serve-reaper"
        thread.start()
    }

    /// Call right after a child has started: `onExit` runs once, on the reaper's thread, when
    /// it ends (at once if it has ended already).
    func watch(_ pid: pid_t, onExit: @escaping @Sendable (Ending) -> Void) {
        let early: Ending? = state.withLockedValue { s in
            if let ending = s.ended.removeValue(forKey: pid) { return ending }
            s.waiting[pid] = onExit
            return nil
        }
        if let early { onExit(early) }
    }

    /// A child may exist now: wakes the reaper if it found none before.
    func childStarted() { doorbell.signal() }

    private func loop() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, 0)
            if pid > 0 {
                let ending: Ending = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
                let callback: (@Sendable (Ending) -> Void)? = state.withLockedValue { s in
                    if let cb = s.waiting.removeValue(forKey: pid) { return cb }
                    // Ended before `watch`: kept for it (a child that failed before exec is
                    // never watched; bound the table for that case).
                    if s.ended.count > 1000 { s.ended.removeAll() }
                    s.ended[pid] = ending
                    return nil
                }
                callback?(ending)
            } else if errno == ECHILD {
                doorbell.wait()
            }
        }
    }
}
