import Foundation
import Testing

/// A `quire serve` of its own for one test: a copy of a store holding the demo archive and a
/// post with a link out, temporary XDG folders, a free port (the server binds port 0 and
/// prints the one it got), and its log.
final class ServeHarness {
    let dir: TempDir
    let store: String
    /// The server's (and the owner's) `$XDG_STATE_HOME`: the host key goes there, and so
    /// would any reading state a guest wrongly wrote.
    let stateHome: String
    /// A browser that leaves a file behind if anything ever starts it.
    let browserMarker: String
    private(set) var server: Child?
    private(set) var port = 0
    private let storeBytes: Data

    /// tmux, OpenSSH's client and the quire binary are there.
    static var available: Bool { TmuxPane.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh") }

    /// The store every harness copies: the demo archive and a post that links out of it,
    /// imported once per test process.
    private static let template: Result<String, TestFailure> = {
        guard let dir = try? TempDir() else { return .failure(TestFailure("cannot make a folder")) }
        kept = dir
        // A static is never released: its folder goes when the test process ends.
        atexit { if let kept = ServeHarness.kept { try? FileManager.default.removeItem(at: kept.url) } }
        let posts = dir.path("md/posts")
        try? FileManager.default.createDirectory(atPath: posts, withIntermediateDirectories: true)
        _ = try? dir.write("md/posts/2020-01-02-links.md",
                           "---\ntitle: \"Links Out\"\ndate: 2020-01-02\n---\nRead [the page](https://example.com/x).\n")
        let store = dir.path("archive.sqlite")
        for source in [dataFolder, posts] {
            let r = try? quire(store, "import", source)
            if r?.status != 0 { return .failure(TestFailure("import of \(source) failed: \(r?.stderr ?? "")")) }
        }
        return .success(store)
    }()
    /// The template's folder, kept for the life of the test process.
    nonisolated(unsafe) private static var kept: TempDir?

    init(stateHome: String? = nil) throws {
        dir = try TempDir()
        store = dir.path("archive.sqlite")
        try FileManager.default.copyItem(atPath: try Self.template.get(), toPath: store)
        storeBytes = try Data(contentsOf: URL(fileURLWithPath: store))
        self.stateHome = stateHome ?? dir.path("state")
        browserMarker = dir.path("browser-started")
    }

    deinit {
        if let server, server.isRunning { server.kill(SIGKILL); server.wait() }
    }

    /// Starts the server on `store` (this harness's copy unless given) and waits until it listens.
    func start(_ args: [String] = [], store: String? = nil) throws {
        // Were a guest ever to start a browser, these would be it: $BROWSER and xdg-open.
        let bin = dir.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in ["browser", "xdg-open"] {
            let path = try dir.write("bin/\(name)", "#!/bin/sh\ntouch \(shellQuoted(browserMarker))\n")
            chmod(path, 0o755)
        }
        let env: [String: String?] = [
            "XDG_STATE_HOME": stateHome, "XDG_CONFIG_HOME": dir.path("config"), "XDG_DATA_HOME": dir.path("data"),
            "BROWSER": dir.path("bin/browser"), "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]
        let child = try Child(quireBinary, ["serve", "--store", store ?? self.store, "--listen", "127.0.0.1:0"] + args, env: env)
        server = child
        let log = try child.waitForOutput("quire serve to listen", stderr: true) { $0.contains("listening on 127.0.0.1:") }
        let line = try #require(log.split(separator: "\n").first { $0.contains("listening on 127.0.0.1:") })
        let after = line[line.range(of: "127.0.0.1:")!.upperBound...]
        port = try #require(Int(after.prefix { $0.isNumber }))
    }

    var pid: pid_t { server?.pid ?? 0 }

    func log() -> String { server?.output(stderr: true) ?? "" }

    /// Waits for a line of the log that contains `text` (connection lines are written as they close).
    @discardableResult
    func waitForLog(_ text: String) throws -> String {
        let log = try #require(server).waitForOutput("\"\(text)\" in the log", stderr: true, timeout: TmuxPane.timeout) { $0.contains(text) }
        return String(log.split(separator: "\n").first { $0.contains(text) } ?? "")
    }

    /// OpenSSH options for a client that knows nothing of this host and reads no config file.
    var sshOptions: [String] {
        ["-F", "/dev/null", "-p", "\(port)", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentityAgent=none"]
    }

    /// A shell line that connects with a terminal and then prints how ssh exited, on a line of its own.
    func sshLine(user: String = "guest", extra: [String] = []) -> String {
        (["ssh", "-tt"] + sshOptions + extra + ["\(user)@127.0.0.1"]).map(shellQuoted).joined(separator: " ")
            + "; printf '\\nSSH-EXIT=%s\\n' $?"
    }

    /// Runs ssh to the end (stdin empty): `options` before the destination, `command` after
    /// it; both streams together in `output`.
    func ssh(_ options: [String], user: String = "guest", command: [String] = []) throws -> (status: Int32, output: String) {
        let r = try run("/usr/bin/ssh", sshOptions + options + ["\(user)@127.0.0.1"] + command, timeout: TmuxPane.timeout)
        return (r.status, r.stdout + r.stderr)
    }

    /// The reader processes the server runs now.
    func readers() -> [pid_t] {
        let out = (try? run("/usr/bin/pgrep", ["-P", "\(pid)"]).stdout) ?? ""
        return out.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Stops the server with SIGTERM; how it ended (a hang guard kills it if it does not stop).
    func stop() -> RunResult? {
        guard let server else { return nil }
        server.kill(SIGTERM)
        return server.wait(timeout: TmuxPane.timeout)
    }

    /// The store's bytes are exactly what they were before the server started.
    func expectStoreUnchanged(sourceLocation: SourceLocation = #_sourceLocation) {
        let now = try? Data(contentsOf: URL(fileURLWithPath: store))
        #expect(now == storeBytes, "the store's bytes changed", sourceLocation: sourceLocation)
    }
}

/// A TCP socket on loopback, for the tests that need a client that says nothing, or a target
/// that must never be reached.
final class LoopbackSocket {
    let fd: Int32
    private(set) var port = 0

    private init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }

    /// A listener on 127.0.0.1 at a free port.
    static func listener() throws -> LoopbackSocket {
        let s = LoopbackSocket(fd: socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var address = Self.address(port: 0)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s.fd, $0, length) } }
        guard bound == 0, listen(s.fd, 8) == 0 else { throw TestFailure("cannot listen on 127.0.0.1") }
        var got = length
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s.fd, $0, &got) } }
        s.port = Int(UInt16(bigEndian: address.sin_port))
        return s
    }

    /// A connection to 127.0.0.1:`port`.
    static func connect(port: Int) throws -> LoopbackSocket {
        let s = LoopbackSocket(fd: socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var address = Self.address(port: port)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(s.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw TestFailure("cannot connect to port \(port)") }
        return s
    }

    /// Whether a listener has a connection waiting (it is never accepted).
    var hasPendingConnection: Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    /// Reads until the other side closes; returns the bytes, or nil if it has not closed within
    /// `timeout` (a hang guard).
    func readToEnd(timeout: Double) -> Data? {
        var data = Data()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 100) > 0 else { continue }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return data }
            data.append(contentsOf: buffer[0..<n])
        }
        return nil
    }
}
