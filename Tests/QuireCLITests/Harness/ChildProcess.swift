import Foundation

/// The one way these tests start a program: `run` to the end, or a `Child` in the background.
///
///     let r = try run("/usr/bin/sqlite3", [store, "PRAGMA integrity_check"])
///     #expect(r.status == 0, "\(r.stderr)")     // also r.stdout, r.signal, r.peakMB, r.seconds
///
///     let child = try Child(quireBinary, ["--store", store, "import", folder])
///     try child.waitForOutput("the first line") { $0.contains("imported") }
///     child.kill(SIGKILL)
///     let end = child.wait()                     // the same RunResult
///
/// Every child starts with no signal blocked and every handler at its default (test threads
/// block signals and a child inherits the mask: tmux would not end on kill-server, quire would
/// not see SIGTERM or SIGWINCH), with none of the test process's descriptors but the three it is
/// given, and with the test process's environment minus `QUIRE_STORE`, changed by `env` (a nil
/// value unsets a variable). Its stdout and stderr go to files: a full pipe never blocks it, and
/// a grandchild that keeps them open (the server `tmux new-session` forks) never keeps the test
/// waiting. Every wait has a hang guard (`timeout`, far above what anything takes here): past it
/// the child is killed and `timedOut` is set, so a hang fails its test instead of the suite.
@discardableResult
func run(_ program: String, _ args: [String], env: [String: String?] = [:], stdin: Data? = nil,
         timeout: Double = Child.hangGuard) throws -> RunResult {
    try Child(program, args, env: env, stdin: stdin.map { .bytes($0) } ?? .none).wait(timeout: timeout)
}

/// How a child ended and what it wrote.
struct RunResult {
    /// The exit status; -1 when a signal ended the child.
    var status: Int32 = -1
    /// The signal that ended the child, if one did.
    var signal: Int32?
    /// Whether the hang guard killed it.
    var timedOut = false
    var stdoutBytes = Data()
    var stderr = ""
    /// Peak resident memory, in megabytes: for quire, what it wrote at exit (its VmHWM); for
    /// other programs, or a quire killed before it could write, wait4's ru_maxrss. That one is
    /// the larger of the child's peak and the test process's own at the spawn (posix_spawn
    /// starts the child in its parent's memory, which Linux counts at the exec), so it only
    /// bounds a child from above.
    var peakMB = 0
    /// From start to end.
    var seconds = 0.0

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
}

/// A program running in the background (see `run` for how every child is started).
final class Child: @unchecked Sendable {
    /// What the child reads.
    enum Input {
        /// /dev/null.
        case none
        /// These bytes, then end of file.
        case bytes(Data)
        /// A pipe the test writes to with `write` and ends with `closeInput`.
        case pipe
    }

    /// Long enough for anything a test runs here (the slowest, generating and importing a few
    /// thousand posts, takes seconds), and ten times that under a sanitizer.
    static let hangGuard = 300 * Sanitizers.slowdown

    let pid: pid_t
    private let files: TempDir
    private let started = Date()
    private let lock = NSLock()
    private var input: FileHandle?
    /// Set once the child has ended and can no longer be signalled (its pid may be reused).
    private var ended = false
    private var timedOut = false
    private var result: RunResult?

    /// - Parameters:
    ///   - terminal: a pseudo-terminal for the streams in `onTerminal` (0 stdin, 1 stdout,
    ///     2 stderr); the others are as without one.
    init(_ program: String, _ args: [String], env: [String: String?] = [:], stdin: Input = .none,
         terminal: PseudoTerminal? = nil, onTerminal: Set<Int32> = [0, 1, 2]) throws {
        files = try TempDir()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = []
        defer { pipeEnds.forEach { close($0) } }
        switch stdin {
        case .none:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .bytes(let data):
            try data.write(to: files.url.appendingPathComponent("stdin"))
            posix_spawn_file_actions_addopen(&actions, 0, files.path("stdin"), O_RDONLY, 0)
        case .pipe:
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw TestFailure("pipe failed: errno \(errno)") }
            // The test's end must not leak into the child, or the child never sees end of file.
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            pipeEnds = [ends[0]]
            input = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
            posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, files.path("stdout"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, files.path("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let terminal {
            for fd in onTerminal.sorted() {
                posix_spawn_file_actions_addclose(&actions, fd)
                posix_spawn_file_actions_addopen(&actions, fd, terminal.slavePath, O_RDWR | O_NOCTTY, 0)
            }
        }
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "QUIRE_STORE")
        // quire writes its own peak memory here at exit (see `RunResult.peakMB`).
        environment["QUIRE_PEAK_MEMORY_FILE"] = files.path("peak")
        for (key, value) in env { environment[key] = value }
        let argv = ([program] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = program.contains("/") ? posix_spawn(&pid, program, &actions, &attributes, argv, envp)
                                            : posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TestFailure("cannot start \(program): \(String(cString: strerror(spawned)))") }
        self.pid = pid
    }

    deinit {
        // A child nobody waited for is not left running.
        if !ended {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// Writes to the child's input (`stdin: .pipe`).
    func write(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        try? input?.write(contentsOf: Data(text.utf8))
    }

    /// Ends the child's input (`stdin: .pipe`): it reads end of file.
    func closeInput() {
        lock.lock(); defer { lock.unlock() }
        try? input?.close()
        input = nil
    }

    /// Sends a signal, unless the child has already ended.
    func kill(_ signal: Int32) {
        lock.lock(); defer { lock.unlock() }
        if !ended { _ = Glibc.kill(pid, signal) }
    }

    /// Whether the child is still running (an ended child not yet waited for is not).
    var isRunning: Bool {
        lock.lock(); defer { lock.unlock() }
        if ended { return false }
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == 0
    }

    /// What the child has written to stdout (or stderr) so far.
    func output(stderr: Bool = false) -> String {
        (try? String(contentsOfFile: files.path(stderr ? "stderr" : "stdout"), encoding: .utf8)) ?? ""
    }

    /// Polls the child's stdout (or stderr) until `done` holds. Fails, showing what was written,
    /// if the child ends first or at `timeout` (a hang guard).
    @discardableResult
    func waitForOutput(_ what: String, stderr: Bool = false, timeout: Double = Child.hangGuard,
                       _ done: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let running = isRunning
            let text = output(stderr: stderr)
            if done(text) { return text }
            guard running, Date() < deadline else {
                let why = running ? "timed out" : "the program ended first"
                throw TestFailure("waiting for \(what): \(why); it wrote:\n\(text.suffix(2000))\n\(output(stderr: !stderr).suffix(2000))")
            }
            usleep(5_000)
        }
    }

    /// Waits for the child to end (killing it at `timeout`, a hang guard) and returns how.
    @discardableResult
    func wait(timeout: Double = Child.hangGuard) -> RunResult {
        lock.lock()
        if let result { lock.unlock(); return result }
        lock.unlock()
        closeInput()
        let guardTimer = DispatchWorkItem { [weak self] in self?.hangGuardFired() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: guardTimer)
        // Wait without reaping first: until it is reaped the pid cannot be reused, so the hang
        // guard and `kill` never signal another process.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        lock.lock()
        ended = true
        lock.unlock()
        guardTimer.cancel()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        var r = RunResult()
        r.seconds = Date().timeIntervalSince(started)
        let reported = (try? String(contentsOfFile: files.path("peak"), encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        r.peakMB = (reported ?? Int(usage.ru_maxrss)) / 1024
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        if status & 0x7F == 0 { r.status = (status >> 8) & 0xFF } else { r.signal = status & 0x7F }
        r.stdoutBytes = (try? Data(contentsOf: files.url.appendingPathComponent("stdout"))) ?? Data()
        r.stderr = output(stderr: true)
        lock.lock()
        r.timedOut = timedOut
        result = r
        lock.unlock()
        return r
    }

    private func hangGuardFired() {
        lock.lock(); defer { lock.unlock() }
        if !ended { timedOut = true; _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Closes every descriptor above stderr in the child: glibc's `addclosefrom_np` (not
    /// imported into Swift, so looked up), else each descriptor open now.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    }
}

/// Whether this test run (and so the `quire` built with it) is under a sanitizer: its shadow
/// memory makes resident sizes meaningless and everything several times slower.
enum Sanitizers {
    static let active: Bool = {
        let runtimes: [String] = ["__asan_init", "__tsan_init"]
        return runtimes.contains { name in dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) != nil }
    }()
    /// 300 MB, the limit on an import's peak memory; not checked under a sanitizer.
    static let memoryLimitMB = active ? Int.max : 300
    static let slowdown = active ? 10.0 : 1.0
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
