import ArgumentParser
import Foundation
import QuireModel
import QuireServe
import QuireState
import QuireStore

/// `quire serve`: publishes the archive over SSH, read-only, each visitor in a reader of their own.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Publish the archive over SSH: anyone who connects reads it (read-only).",
        discussion: """
            Each SSH session gets a pseudo-terminal and its own reader process (quire read --guest): \
            the store opened read-only, no configuration file, reading state kept for the session \
            only, links shown instead of opened, nothing written anywhere. Anyone may connect (any \
            user name, no password) unless --authorized-keys names the keys allowed. Only an \
            interactive session is offered: commands (ssh HOST CMD), port forwarding, agent and \
            X11 forwarding and subsystems such as sftp are refused.

            The host key is created on the first start ($XDG_STATE_HOME/quire/ssh_host_ed25519_key, \
            mode 0600) and its fingerprint printed. The log (standard error) has one line per \
            connection: time, address, user, duration, bytes, sessions, what was refused, how it \
            ended. SIGTERM or SIGINT ends every session with a word to its reader and stops; \
            SIGHUP checks the store again (after an import, or a symbolic link switched to a new \
            store) and new sessions read it. Durations are seconds, or a number with s, m or h; \
            sizes are bytes, or a number with K, M or G. See doc/serve.md.
            """
    )
    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Where to listen: HOST:PORT, [IPv6]:PORT, or PORT alone for 127.0.0.1 (port 0: any free port, printed).", valueName: "host:port"))
    var listen = "127.0.0.1:2222"
    @Option(name: .customLong("authorized-keys"), help: ArgumentHelp("Let in only the holders of the keys in FILE (OpenSSH authorized_keys format; ed25519 and ECDSA keys, no options).", valueName: "file"))
    var authorizedKeys: String?
    @Option(name: .customLong("host-key"), help: ArgumentHelp("The server's ed25519 host key (OpenSSH format; created if missing).", valueName: "file"))
    var hostKey: String?
    @Option(name: .customLong("max-sessions"), help: ArgumentHelp("Readers at once, over all clients; the next one is told the server is full.", valueName: "n"))
    var maxSessions = ServeLimits().maxSessions
    @Option(name: .customLong("max-sessions-per-address"), help: ArgumentHelp("Readers at once from one client address.", valueName: "n"))
    var maxSessionsPerAddress = ServeLimits().maxSessionsPerAddress
    @Option(name: .customLong("max-connections-per-minute"), help: ArgumentHelp("New connections per minute from one client address; more are closed at once.", valueName: "n"))
    var maxConnectionsPerMinute = ServeLimits().maxConnectionsPerMinute
    @Option(name: .customLong("handshake-timeout"), help: ArgumentHelp("How long a connection may go without a running reader (one that never speaks is dropped then).", valueName: "duration"))
    var handshakeTimeout = "20s"
    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("A session with no key for this long is closed.", valueName: "duration"))
    var idleTimeout = "30m"
    @Option(name: .customLong("max-session-time"), help: ArgumentHelp("The longest a session may last.", valueName: "duration"))
    var maxSessionTime = "4h"
    @Option(name: .customLong("session-memory"), help: ArgumentHelp("Address space of each reader process (RLIMIT_AS); 0: no limit.", valueName: "size"))
    var sessionMemory = "1G"
    @Option(name: .customLong("session-nice"), help: ArgumentHelp("Nice value of each reader process (0 to 19), so that many readers cannot starve the server.", valueName: "n"))
    var sessionNice: Int32 = ServeLimits().sessionNice

    func validate() throws {
        _ = try listenAddress()
        _ = try limits()
    }

    func run() throws {
        let (host, port) = try listenAddress()
        let limits = try limits()
        let environment = ProcessInfo.processInfo.environment
        let keys = try authorizedKeys.map(Self.readAuthorizedKeys)
        // The owner's own opening: a new default store gets the demo archive, as `quire` does.
        _ = try StoreOpener.openForReading(global)
        let storePath = StoreLocation.resolve(option: global.store, environment: environment).path
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let keyPath = hostKey ?? (StateFile.directory(environment: environment) as NSString).appendingPathComponent("ssh_host_ed25519_key")
        let config = ServeConfiguration(host: host, port: port, hostKeyPath: keyPath, authorizedKeys: keys, limits: limits,
                                        readerCommand: [binary, "read", "--guest", "--store"],
                                        openStore: { try Self.checkStore(storePath) })
        do {
            try SSHServer.run(config)
        } catch {
            Output.errorLine("quire serve: \(error)")
            throw ExitCode.failure
        }
    }

    /// Opens the store as a guest would and counts its posts: what SIGHUP does too.
    static func checkStore(_ path: String) throws -> PublishedStore {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        do {
            let store = try ArchiveStore(readingOnly: resolved)
            let posts = try store.count(PostFilter())
            guard posts > 0 else { throw ServeError(description: "it holds no post") }
            return PublishedStore(path: resolved, summary: "\(posts) post\(posts == 1 ? "" : "s")")
        } catch let error as ServeError {
            throw ServeError(description: "the store \(resolved): \(error.description)")
        } catch {
            throw ServeError(description: "cannot open the store \(resolved): \(StoreErrors.describe(error))")
        }
    }

    static func readAuthorizedKeys(_ path: String) throws -> AuthorizedKeySet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the authorized keys file \(path)")
        }
        let (keys, problems) = AuthorizedKeys.parse(String(decoding: data, as: UTF8.self))
        for problem in problems { Output.errorLine("quire serve: \(path):\(problem.line): \(problem.message)") }
        guard !keys.isEmpty else { throw ValidationError("\(path) has no key that can be used: nobody could log in") }
        return keys
    }

    func listenAddress() throws -> (String, Int) {
        guard let parsed = ListenAddress.parse(listen) else {
            throw ValidationError("--listen \(listen): expected HOST:PORT (127.0.0.1:2222, 0.0.0.0:22, [::1]:2222) or a port")
        }
        return parsed
    }

    func limits() throws -> ServeLimits {
        var l = ServeLimits()
        func positive(_ value: Int, _ flag: String) throws -> Int {
            guard value > 0 else { throw ValidationError("--\(flag) \(value): expected a number above 0") }
            return value
        }
        func duration(_ text: String, _ flag: String) throws -> Double {
            guard let d = ServeDuration.parse(text) else {
                throw ValidationError("--\(flag) \(text): expected a duration such as 20, 20s, 30m or 4h")
            }
            return d
        }
        l.maxSessions = try positive(maxSessions, "max-sessions")
        l.maxSessionsPerAddress = try positive(maxSessionsPerAddress, "max-sessions-per-address")
        l.maxConnectionsPerMinute = try positive(maxConnectionsPerMinute, "max-connections-per-minute")
        l.handshakeTimeout = try duration(handshakeTimeout, "handshake-timeout")
        l.idleTimeout = try duration(idleTimeout, "idle-timeout")
        l.maxSessionTime = try duration(maxSessionTime, "max-session-time")
        guard let memory = ServeSize.parse(sessionMemory), memory == 0 || memory >= 64 << 20 else {
            throw ValidationError("--session-memory \(sessionMemory): expected 0 (no limit) or a size of at least 64M, such as 512M or 2G")
        }
        l.sessionMemory = memory
        guard (0...19).contains(sessionNice) else { throw ValidationError("--session-nice \(sessionNice): expected 0 to 19") }
        l.sessionNice = sessionNice
        return l
    }
}

struct ServeError: Error, CustomStringConvertible {
    var description: String
}
