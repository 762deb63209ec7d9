import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import QuireServe

/// The limits on connections and sessions, with a clock the test moves.
struct AdmissionTests {
    final class Clock: Sendable {
        private let now = NIOLockedValueBox(1000.0)
        func advance(_ seconds: Double) { now.withLockedValue { $0 += seconds } }
        var read: @Sendable () -> Double { { [self] in now.withLockedValue { $0 } } }
    }

    func limits(sessions: Int = 3, perAddress: Int = 2, perMinute: Int = 4) -> ServeLimits {
        var l = ServeLimits()
        l.maxSessions = sessions
        l.maxSessionsPerAddress = perAddress
        l.maxConnectionsPerMinute = perMinute
        return l
    }

    @Test func sessionsInAllAndPerAddress() {
        let a = Admission(limits: limits())
        #expect(a.admitSession(from: "10.0.0.1") == nil)
        #expect(a.admitSession(from: "10.0.0.1") == nil)
        #expect(a.admitSession(from: "10.0.0.1") == .addressFull(2))
        #expect(a.admitSession(from: "10.0.0.2") == nil)
        // Three running: the next client is told the server is full, whoever it is.
        #expect(a.admitSession(from: "10.0.0.3") == .full(3))
        a.sessionEnded(from: "10.0.0.1")
        #expect(a.admitSession(from: "10.0.0.3") == nil)
        #expect(a.sessions == 3)
    }

    @Test func connectionsPerMinuteSlide() {
        let clock = Clock()
        let a = Admission(limits: limits(perMinute: 3), clock: clock.read)
        for _ in 0..<3 { #expect(a.admitConnection(from: "10.0.0.1") == nil); clock.advance(10) }
        #expect(a.admitConnection(from: "10.0.0.1") == .tooManyConnections(3))
        // Another address is not held back by the first one's rate.
        #expect(a.admitConnection(from: "10.0.0.2") == nil)
        // A minute after the second attempt (the first has been pushed out by the refused
        // one: refused attempts count too), one slot is free again.
        clock.advance(41)
        #expect(a.admitConnection(from: "10.0.0.1") == nil)
        #expect(a.admitConnection(from: "10.0.0.1") == .tooManyConnections(3))
    }

    @Test func connectionsOpenAtOnceAreBounded() {
        let a = Admission(limits: limits(sessions: 1, perMinute: 1000))
        let cap = a.limits.maxConnections
        for i in 0..<cap { #expect(a.admitConnection(from: "10.0.0.\(i % 200)") == nil) }
        #expect(a.admitConnection(from: "10.9.9.9") == .tooManyOpen(cap))
        a.connectionClosed()
        #expect(a.admitConnection(from: "10.9.9.9") == nil)
    }

    @Test func closedRefusesEverything() {
        let a = Admission(limits: limits())
        a.close()
        #expect(a.admitConnection(from: "10.0.0.1") == .shuttingDown)
        #expect(a.admitSession(from: "10.0.0.1") == .shuttingDown)
    }
}
