import Foundation
import Testing

/// A `quire serve` of its own for one test: a copy of a store holding the demo archive and a
/// post with a link out, temporary XDG folders, a free port (the server binds port 0 and
/// prints the one it got), and its log in a file.
final class ServeHarness {
    let dir: URL
    let store: String
    /// The server's (and the owner's) `$XDG_STATE_HOME`: the host key goes there, and so
    /// would any reading state a guest wrongly wrote.
    let stateHome: String
    /// A browser that leaves a file behind if anything ever starts it.
    let browserMarker: String
    private(set) var pid: pid_t = 0
    private(set) var port = 0
    private let storeBytes: Data
    private var logPath: String { dir.appendingPathComponent("serve.log").path }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// tmux, OpenSSH's client and the quire binary are there.
    static var available: Bool { TUI.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh") }

    /// The store every harness copies: imported once per test process.
    private static let template: Result<URL, Failure> = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-serve-template-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("quire-serve-template-\(getpid())")) }
        let posts = dir.appendingPathComponent("md/posts")
        try? FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        try? Data("---\ntitle: \"Links Out\"\ndate: 2020-01-02\n---\nRead [the page](https://example.com/x).\n".utf8)
            .write(to: posts.appendingPathComponent("2020-01-02-links.md"))
        let store = dir.appendingPathComponent("archive.sqlite")
        for source in [repoRoot.appendingPathComponent("data").path, posts.path] {
            let (status, output) = TUI.run(TUI.binary, ["--store", store.path, "import", source])
            if status != 0 { return .failure(Failure(description: "import of \(source) failed: \(output)")) }
        }
        return .success(store)
    }()

    init(stateHome: String? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = dir.appendingPathComponent("archive.sqlite").path
        try FileManager.default.copyItem(atPath: try Self.template.get().path, toPath: store)
        storeBytes = try Data(contentsOf: URL(fileURLWithPath: store))
        self.stateHome = stateHome ?? dir.appendingPathComponent("state").path
        browserMarker = dir.appendingPathComponent("browser-started").path
    }

    deinit {
        if pid > 0 { kill(pid, SIGKILL); var s: Int32 = 0; waitpid(pid, &s, 0) }
        try? FileManager.default.removeItem(at: dir)
    }

    /// Starts the server on `store` (this harness's copy unless given) and waits until it listens.
    func start(_ args: [String] = [], store: String? = nil) throws {
        let browser = dir.appendingPathComponent("browser.sh")
        try Data("#!/bin/sh\ntouch \(TUI.quoted(browserMarker))\n".utf8).write(to: browser)
        chmod(browser.path, 0o755)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "QUIRE_STORE")
        env["XDG_STATE_HOME"] = stateHome
        env["XDG_CONFIG_HOME"] = dir.appendingPathComponent("config").path
        env["XDG_DATA_HOME"] = dir.appendingPathComponent("data").path
        // Were a guest ever to start a browser, these would be it.
        env["BROWSER"] = browser.path
        env["PATH"] = dir.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        try FileManager.default.copyItem(atPath: browser.path, toPath: dir.appendingPathComponent("xdg-open").path)
        pid = try Self.spawn(TUI.binary, ["serve", "--store", store ?? self.store, "--listen", "127.0.0.1:0"] + args,
                             env: env, output: logPath)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let range = log().range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let p = Int(log()[range].split(separator: ":").last ?? "") {
                port = p
                return
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                throw Failure(description: "quire serve exited: \(log())")
            }
            usleep(20_000)
        }
        throw Failure(description: "quire serve did not listen: \(log())")
    }

    func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The log's lines for connections (one each).
    func connectionLines() -> [String] { log().split(separator: "\n").map(String.init).filter { $0.contains(" user=") } }

    /// Waits for a line in the log that contains `text` (connection lines are written as they close).
    @discardableResult
    func waitForLog(_ text: String, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = log().split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            usleep(30_000)
        }
        throw Failure(description: "no log line with \(text):\n\(log())")
    }

    /// OpenSSH options for a client that knows nothing of this host and reads no config file.
    var sshOptions: [String] {
        ["-F", "/dev/null", "-p", "\(port)", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentityAgent=none"]
    }

    /// A shell line that connects with a terminal and then prints how ssh exited.
    func sshLine(user: String = "guest", extra: [String] = []) -> String {
        (["ssh", "-tt"] + sshOptions + extra + ["\(user)@127.0.0.1"]).map(TUI.quoted).joined(separator: " ") + "; printf '\\nSSH-EXIT=%s\\n' $?"
    }

    /// Runs ssh to the end (stdin empty), within `timeout` seconds as a hang guard: `options`
    /// before the destination, `command` after it.
    func ssh(_ options: [String], user: String = "guest", command: [String] = [], timeout: Int = 20) -> (status: Int32, output: String) {
        TUI.run("/usr/bin/timeout", ["\(timeout)", "ssh"] + sshOptions + options + ["\(user)@127.0.0.1"] + command)
    }

    /// The reader processes the server runs now.
    func readers() -> [pid_t] {
        let (_, out) = TUI.run("/usr/bin/pgrep", ["-P", "\(pid)"])
        return out.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Stops the server with SIGTERM; its exit status, or nil if it did not stop within the guard.
    func stop(timeout: Double = 20) -> Int32? {
        guard pid > 0 else { return nil }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
            }
            usleep(20_000)
        }
        return nil
    }

    /// The store's bytes are exactly what they were before the server started.
    func expectStoreUnchanged(sourceLocation: SourceLocation = #_sourceLocation) {
        let now = try? Data(contentsOf: URL(fileURLWithPath: store))
        #expect(now == storeBytes, "the store's bytes changed", sourceLocation: sourceLocation)
    }

    /// Starts a program in the background with its output in a file, signals unblocked.
    static func spawn(_ program: String, _ args: [String], env: [String: String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure(description: "cannot start \(program): \(String(cString: strerror(rc)))") }
        return pid
    }
}

/// A TCP socket on loopback, for the tests that need a client that says nothing, or a target
/// that must never be reached.
final class LoopbackSocket {
    let fd: Int32
    private(set) var port = 0

    private init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }

    /// A listener on 127.0.0.1 at a free port.
    static func listener() throws -> LoopbackSocket {
        let s = LoopbackSocket(fd: socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s.fd, 8) == 0 else { throw ServeHarness.Failure(description: "cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s.fd, $0, &length) }
        }
        s.port = Int(UInt16(bigEndian: address.sin_port))
        _ = fcntl(s.fd, F_SETFL, O_NONBLOCK)
        return s
    }

    /// A connection to 127.0.0.1:`port`.
    static func connect(port: Int) throws -> LoopbackSocket {
        let s = LoopbackSocket(fd: socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(s.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw ServeHarness.Failure(description: "cannot connect to port \(port)") }
        return s
    }

    /// Whether a listener has a connection waiting (it is never accepted).
    var hasPendingConnection: Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    /// Reads until the other side closes; returns the bytes, or nil if it has not closed within `timeout`.
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
