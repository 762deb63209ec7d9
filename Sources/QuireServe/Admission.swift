import Foundation
import NIOConcurrencyHelpers

/// Decides who may connect and start a reader, within the limits; shared by every connection.
public final class Admission: Sendable {
    /// Why a connection or a session was turned away: said to the client in one line.
    public enum Refusal: Equatable, Sendable, CustomStringConvertible {
        case full(Int)
        case addressFull(Int)
        case tooManyConnections(Int)
        case tooManyOpen(Int)
        case shuttingDown

        public var description: String {
            switch self {
            case .full(let n): return "the server is full (\(n) reading session\(n == 1 ? "" : "s") at once); please try again in a few minutes"
            case .addressFull(let n): return "your address already has \(n) sessions open; close one first"
            case .tooManyConnections(let n): return "more than \(n) connections a minute from your address; please wait a minute"
            case .tooManyOpen(let n): return "\(n) connections are open already; please try again later"
            case .shuttingDown: return "the server is shutting down"
            }
        }

        /// A short word for the log.
        public var logWord: String {
            switch self {
            case .full: return "full"
            case .addressFull: return "address-full"
            case .tooManyConnections: return "rate-limited"
            case .tooManyOpen: return "connections-full"
            case .shuttingDown: return "shutting-down"
            }
        }
    }

    private struct State {
        var sessions = 0
        var sessionsByAddress: [String: Int] = [:]
        var connections = 0
        /// Start times of the recent connections of each address, oldest first.
        var recent: [String: [Double]] = [:]
        var closing = false
    }

    public let limits: ServeLimits
    private let state = NIOLockedValueBox(State())
    /// Seconds, for the connection rate; a test passes its own clock.
    private let clock: @Sendable () -> Double

    public init(limits: ServeLimits, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.limits = limits; self.clock = clock
    }

    /// A new TCP connection from `address`: admitted (and counted) or refused.
    public func admitConnection(from address: String) -> Refusal? {
        let now = clock()
        return state.withLockedValue { s in
            if s.closing { return .shuttingDown }
            var times = s.recent[address, default: []]
            times.removeAll { now - $0 >= 60 }
            // Refused attempts count too, or a client hammering the port would get in again
            // as soon as a minute had passed since its first attempt.
            defer {
                // The last `limit` attempts are all the rule looks at: a flood costs no more memory.
                times.append(now)
                if times.count > limits.maxConnectionsPerMinute { times.removeFirst(times.count - limits.maxConnectionsPerMinute) }
                s.recent[address] = times
                if s.recent.count > 10_000 { s.recent = s.recent.filter { $0.value.contains { now - $0 < 60 } } }
            }
            if times.count >= limits.maxConnectionsPerMinute { return .tooManyConnections(limits.maxConnectionsPerMinute) }
            if s.connections >= limits.maxConnections { return .tooManyOpen(limits.maxConnections) }
            s.connections += 1
            return nil
        }
    }

    /// An admitted connection has closed.
    public func connectionClosed() {
        state.withLockedValue { $0.connections -= 1 }
    }

    /// A reader for a client at `address`: admitted (and counted) or refused.
    public func admitSession(from address: String) -> Refusal? {
        state.withLockedValue { s in
            if s.closing { return .shuttingDown }
            if s.sessions >= limits.maxSessions { return .full(limits.maxSessions) }
            if s.sessionsByAddress[address, default: 0] >= limits.maxSessionsPerAddress {
                return .addressFull(limits.maxSessionsPerAddress)
            }
            s.sessions += 1
            s.sessionsByAddress[address, default: 0] += 1
            return nil
        }
    }

    /// An admitted session has ended.
    public func sessionEnded(from address: String) {
        state.withLockedValue { s in
            s.sessions -= 1
            let left = s.sessionsByAddress[address, default: 1] - 1
            s.sessionsByAddress[address] = left > 0 ? left : nil
        }
    }

    /// From now on everything is refused (SIGTERM).
    public func close() {
        state.withLockedValue { $0.closing = true }
    }

    /// Readers running now.
    public var sessions: Int { state.withLockedValue { $0.sessions } }
}
