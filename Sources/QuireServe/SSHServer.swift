import Dispatch
import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// `quire serve`: listens, hands each connection to NIOSSH, and each session to a reader.
public enum SSHServer {
    /// Runs until SIGTERM or SIGINT; returns when every session has ended.
    ///
    /// SIGTERM stops accepting, ends each reader (its screen restored) with a word to its
    /// client, and returns within a few seconds; SIGHUP checks the store again and gives it to
    /// the sessions that start from then on.
    public static func run(_ config: ServeConfiguration) throws {
        let (hostKey, created) = try HostKey.loadOrCreate(path: config.hostKeyPath)
        let store = try config.openStore()
        let core = ServerCore(limits: config.limits, hostKey: hostKey, authorizedKeys: config.authorizedKeys?.keys,
                              readerCommand: config.readerCommand, store: store)

        ServeLog.write("quire serve: host key \(config.hostKeyPath)\(created ? " (new)" : ""): \(hostKey.fingerprint)")
        ServeLog.write("quire serve: \(hostKey.publicLine)")
        ServeLog.write("quire serve: store \(store.path): \(store.summary)")
        ServeLog.write("quire serve: " + (config.authorizedKeys.map { "private: \($0.count) authorized keys" } ?? "anonymous: anyone may read"))

        // Each session takes a socket and two descriptors of its terminal: as many as allowed.
        var files = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &files) == 0, files.rlim_cur < files.rlim_max {
            files.rlim_cur = files.rlim_max
            _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &files)
        }
        // Signals arrive as Dispatch events, never as handlers in NIO's threads.
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { signal(sig, SIG_IGN) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        defer { try? group.syncShutdownGracefully() }

        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.setUp(channel, core: core)
                }
            }
        let listener: Channel
        do {
            listener = try bootstrap.bind(host: config.host, port: config.port).wait()
        } catch {
            throw ServeError("cannot listen on \(ServeLog.hostPort(config.host, config.port)): \(error)")
        }
        let bound = listener.localAddress?.port ?? config.port
        ServeLog.write("quire serve: listening on \(ServeLog.hostPort(config.host, bound)) (ssh -p \(bound) \(config.host == "0.0.0.0" || config.host == "::" ? "HOST" : config.host))")

        let signals = DispatchQueue(label: "quire-serve-signals")
        let stopping = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: signals)
            source.setEventHandler { stopping.signal() }
            source.resume()
            sources.append(source)
        }
        let hup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: signals)
        hup.setEventHandler { reopen(config, core) }
        hup.resume()
        sources.append(hup)

        stopping.wait()
        shutDown(core: core, listener: listener)
        for source in sources { source.cancel() }
    }

    /// The pipeline of a new connection: the gate, NIOSSH, and a last handler for errors.
    private static func setUp(_ channel: Channel, core: ServerCore) throws {
        let address = channel.remoteAddress
        let record = ConnectionRecord(address: address?.ipAddress ?? "?", port: address?.port ?? 0)
        var server = SSHServerConfiguration(hostKeys: [core.hostKey.sshKey],
                                            userAuthDelegate: GuestAuthentication(allowed: core.authorizedKeys, record: record),
                                            globalRequestDelegate: NoForwarding(record: record))
        server.maxAuthAttempts = 20
        let ssh = NIOSSHHandler(role: .server(server), allocator: channel.allocator) { child, type in
            switch type {
            case .session:
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(SessionHandler(core: core, record: record))
                }
            case .directTCPIP, .forwardedTCPIP:
                // Port forwarding would make the server a proxy for anyone: never.
                record.note("forward-refused")
                return child.eventLoop.makeFailedFuture(ServeError("port forwarding is not offered"))
            }
        }
        try channel.pipeline.syncOperations.addHandlers([ConnectionGate(core: core, record: record), ssh, ConnectionErrors(record: record)])
    }

    /// SIGHUP: the store is checked again; new sessions read it, running ones keep theirs.
    private static func reopen(_ config: ServeConfiguration, _ core: ServerCore) {
        do {
            let store = try config.openStore()
            core.publishedStore = store
            ServeLog.write("quire serve: SIGHUP: store \(store.path): \(store.summary); new sessions read it")
        } catch {
            ServeLog.write("quire serve: SIGHUP: the store cannot be read (\(error)); new sessions keep reading \(core.publishedStore.path)")
        }
    }

    /// SIGTERM: no new connection or session; every reader is ended with a word to its client;
    /// whatever is still open a few seconds later is closed.
    private static func shutDown(core: ServerCore, listener: Channel) {
        core.admission.close()
        try? listener.close().wait()
        let sessions = core.endAllSessions(saying: "the server is shutting down; goodbye")
        ServeLog.write("quire serve: stopping; ending \(sessions) session\(sessions == 1 ? "" : "s")")
        // Connections with no session have nothing to be told.
        let deadline = Date().addingTimeInterval(4)
        while Date() < deadline {
            let open = core.openConnections
            if open.isEmpty { break }
            if core.admission.sessions == 0 { for channel in open { channel.close(promise: nil) } }
            usleep(50_000)
        }
        for channel in core.openConnections { channel.close(promise: nil) }
        usleep(100_000)
        ServeLog.write("quire serve: stopped")
    }
}

/// The last handler of a connection: a protocol error ends the connection and is noted (its
/// kind only) in the log line.
private final class ConnectionErrors: ChannelInboundHandler {
    typealias InboundIn = Never
    let record: ConnectionRecord
    init(record: ConnectionRecord) { self.record = record }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        record.note(ConnectionGate.describe(error))
        context.close(promise: nil)
    }
}
