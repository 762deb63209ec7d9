import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// What every connection of one server shares: the limits, the reaper, the store being
/// published, and the open sessions and connections (so that SIGTERM can reach them).
final class ServerCore: Sendable {
    let admission: Admission
    let reaper = ChildReaper()
    let hostKey: HostKey
    /// Keys allowed in; nil: anyone.
    let authorizedKeys: Set<NIOSSHPublicKey>?
    private let readerCommand: [String]
    private let store: NIOLockedValueBox<PublishedStore>

    private struct Registry {
        var next = 0
        var sessions: [Int: @Sendable (String) -> Void] = [:]
        var connections: [Int: Channel] = [:]
    }
    private let registry = NIOLockedValueBox(Registry())

    init(limits: ServeLimits, hostKey: HostKey, authorizedKeys: Set<NIOSSHPublicKey>?, readerCommand: [String], store: PublishedStore) {
        admission = Admission(limits: limits)
        self.hostKey = hostKey
        self.authorizedKeys = authorizedKeys
        self.readerCommand = readerCommand
        self.store = NIOLockedValueBox(store)
    }

    /// What a new session's reader runs: the server's own binary (through /proc/self/exe, so
    /// that a binary replaced by an upgrade while the server runs still starts readers of the
    /// same version), with `readerCommand` as its arguments and the store published now.
    func readerCommandLine() -> (executable: String, argv: [String]) {
        ("/proc/self/exe", readerCommand + [store.withLockedValue { $0.path }])
    }

    var publishedStore: PublishedStore {
        get { store.withLockedValue { $0 } }
        set { store.withLockedValue { $0 = newValue } }
    }

    /// Keeps a way to end a running session; returns the number to forget it by.
    func registerSession(_ end: @escaping @Sendable (String) -> Void) -> Int {
        register(end, in: \.sessions)
    }

    func unregisterSession(_ id: Int) { unregister(id, from: \.sessions) }

    /// Keeps an open connection, so that SIGTERM can close it; returns the number to forget it by.
    func registerConnection(_ channel: Channel) -> Int { register(channel, in: \.connections) }

    func unregisterConnection(_ id: Int) { unregister(id, from: \.connections) }

    private func register<Value>(_ value: Value, in table: WritableKeyPath<Registry, [Int: Value]>) -> Int {
        registry.withLockedValue { r in
            r.next += 1
            r[keyPath: table][r.next] = value
            return r.next
        }
    }

    private func unregister<Value>(_ id: Int, from table: WritableKeyPath<Registry, [Int: Value]>) {
        _ = registry.withLockedValue { $0[keyPath: table].removeValue(forKey: id) }
    }

    /// Ends every session with `why`; returns how many there were.
    func endAllSessions(saying why: String) -> Int {
        let ends = registry.withLockedValue { Array($0.sessions.values) }
        for end in ends { end(why) }
        return ends.count
    }

    var openConnections: [Channel] { registry.withLockedValue { Array($0.connections.values) } }
}
