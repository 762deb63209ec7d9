import Foundation

/// Everything `quire serve` needs to run: where to listen, who may read, and the limits.
public struct ServeConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The host key's file (OpenSSH format, ed25519), created on the first start.
    public var hostKeyPath: String
    /// Keys allowed in; nil lets anyone in (any user name, no password, any key).
    public var authorizedKeys: AuthorizedKeySet?
    public var limits: ServeLimits
    /// The arguments of each session's reader before the store's path, its name first:
    /// `quire read --guest --store`. The program is the server's own binary.
    public var readerCommand: [String]
    /// Called at the start and on SIGHUP: checks the store and returns its path for new
    /// sessions and a line for the log, or throws with what is wrong.
    public var openStore: @Sendable () throws -> PublishedStore

    public init(host: String, port: Int, hostKeyPath: String, authorizedKeys: AuthorizedKeySet?, limits: ServeLimits,
                readerCommand: [String], openStore: @escaping @Sendable () throws -> PublishedStore) {
        self.host = host; self.port = port; self.hostKeyPath = hostKeyPath; self.authorizedKeys = authorizedKeys
        self.limits = limits; self.readerCommand = readerCommand; self.openStore = openStore
    }
}

/// The store sessions read, as checked by `ServeConfiguration.openStore`.
public struct PublishedStore: Sendable, Equatable {
    /// The path new sessions open (symbolic links resolved, so that a link switched to a new
    /// store takes effect at the next SIGHUP, and sessions already open keep the old one).
    public var path: String
    /// What the log says about it ("49 posts").
    public var summary: String
    public init(path: String, summary: String) { self.path = path; self.summary = summary }
}

/// The server's limits, each with its default.
public struct ServeLimits: Sendable, Equatable {
    /// Readers running at once, over all clients.
    public var maxSessions = 200
    /// Readers running at once for one client address.
    public var maxSessionsPerAddress = 20
    /// New connections one client address may open per minute.
    public var maxConnectionsPerMinute = 60
    /// Seconds from the TCP connection to a running reader; a client that never speaks is dropped then.
    public var handshakeTimeout: Double = 20
    /// Seconds without a key from the client before the session is closed.
    public var idleTimeout: Double = 30 * 60
    /// The longest a session may last, in seconds.
    public var maxSessionTime: Double = 4 * 60 * 60
    /// RLIMIT_AS of each reader process, in bytes (0: no limit).
    public var sessionMemory: UInt64 = 1 << 30
    /// The nice value of each reader process.
    public var sessionNice: Int32 = 5

    public init() {}

    /// Connections open at once, handshakes included: a bound on what clients that never get as
    /// far as a session can hold.
    public var maxConnections: Int { maxSessions * 2 + 16 }
}
