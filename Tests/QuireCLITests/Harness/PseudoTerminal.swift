import Foundation

/// A pseudo-terminal of the test's own, for a `Child` that must see a terminal with nothing
/// between it and the bytes (no tmux, no script(1)).
///
///     let terminal = try PseudoTerminal(cols: 100, rows: 30)
///     let child = try Child(quireBinary, args, terminal: terminal, onTerminal: [2])  // stderr only
///     try terminal.waitFor("a progress report") { String(decoding: $0, as: UTF8.self).contains("posts") }
///     terminal.write(Array("q".utf8))
///
/// `received` holds every byte the child has written to it so far.
final class PseudoTerminal {
    /// The test's side.
    let master: Int32
    /// The child's side, opened by `Child` in the child only (so the test sees the hang-up when
    /// the child ends).
    let slavePath: String
    private(set) var received: [UInt8] = []

    /// - Parameter size: unset (0×0, so ncurses takes terminfo's) when nil.
    init(size: (cols: Int, rows: Int)? = nil) throws {
        // posix_openpt on Linux; grantpt and friends are not imported into Swift, so looked up.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw TestFailure("cannot open /dev/ptmx: errno \(errno)") }
        typealias OnDescriptor = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        func function<T>(_ name: String, as: T.Type) -> T? {
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let grant = function("grantpt", as: OnDescriptor.self), let unlock = function("unlockpt", as: OnDescriptor.self),
              let ptsname = function("ptsname", as: Name.self),
              grant(master) == 0, unlock(master) == 0, let name = ptsname(master) else {
            close(master)
            throw TestFailure("cannot set up the pseudo-terminal: errno \(errno)")
        }
        slavePath = String(cString: name)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        if let size {
            var window = winsize(ws_row: UInt16(size.rows), ws_col: UInt16(size.cols), ws_xpixel: 0, ws_ypixel: 0)
            guard ioctl(master, UInt(TIOCSWINSZ), &window) == 0 else {
                close(master)
                throw TestFailure("cannot size the pseudo-terminal: errno \(errno)")
            }
        }
    }

    deinit { close(master) }

    /// Reads what the child has written, waiting up to `seconds` for the first bytes. Returns
    /// how many came; -1 once the child's side is closed and everything has been read.
    @discardableResult
    func read(waitingUpTo seconds: Double) -> Int {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 1, Int32(seconds * 1000)) > 0 else { return 0 }
        if fds[0].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = Glibc.read(master, &buffer, buffer.count)
            if n > 0 { received += buffer[0..<n]; return n }
        }
        return -1
    }

    /// Types bytes into the terminal.
    func write(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if n > 0 { sent += n } else if errno != EINTR { break }
        }
    }

    /// Reads until `done` holds for everything received. Fails, showing the last bytes, when the
    /// child's side closes first or at `timeout` (a hang guard).
    func waitFor(_ what: String, timeout: Double = 20 * Sanitizers.slowdown, _ done: ([UInt8]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !done(received) {
            let n = read(waitingUpTo: 0.05)
            guard n >= 0, Date() < deadline else {
                let why = n < 0 ? "the terminal was closed first" : "timed out"
                throw TestFailure("waiting for \(what): \(why); last bytes: \(TerminalStream.describe(received.suffix(200)))")
            }
        }
    }
}

/// Runs a program with a `PseudoTerminal` as stdin and stdout (so quire sees a terminal),
/// stderr in a file, TERM as given (nil: unset) and XDG folders of its own. Every byte written
/// to the terminal comes back.
///
///     let r = try PTY.run(quireBinary, ["--store", store, "list"], term: "dumb")
///     r.status, r.terminal (the bytes), r.stderr, r.timedOut
enum PTY {
    struct Result {
        var status: Int32
        var terminal: [UInt8]
        var stderr: String
        var timedOut: Bool
        /// How many bytes had been written to the terminal when each step's input was sent.
        var marks: [Int] = []
    }

    /// Input typed once the output so far satisfies `until` and the program has been quiet
    /// for a moment (a frame is written whole before the next key goes in).
    struct Step {
        var until: ([UInt8]) -> Bool
        var send: [UInt8]
    }

    /// - Parameters:
    ///   - environment: set after the defaults (LANG and LC_ALL are C.UTF-8 unless given here).
    ///   - size: the terminal's size; unset (0×0, ncurses then takes terminfo's) when nil.
    ///   - steps: input, in order.
    ///   - timeout: a hang guard (a run takes a second or two here): the program is killed then,
    ///     for instance when a step's screen never comes.
    static func run(_ program: String, _ args: [String], term: String?, environment extra: [String: String] = [:],
                    size: (cols: Int, rows: Int)? = nil, steps: [Step] = [], timeout: Double = 20) throws -> Result {
        let terminal = try PseudoTerminal(size: size)
        let home = try TempDir()
        var environment: [String: String?] = ["TERM": term, "NO_COLOR": nil, "COLUMNS": nil, "LINES": nil,
                                              "XDG_STATE_HOME": home.path("state"), "XDG_CONFIG_HOME": home.path("config"),
                                              "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for (key, value) in extra { environment[key] = value }
        let child = try Child(program, args, env: environment, terminal: terminal, onTerminal: [0, 1])

        // Read the terminal while the program runs, and what is left once it has ended.
        let deadline = Date().addingTimeInterval(timeout * Sanitizers.slowdown)
        var marks: [Int] = []
        var lastOutput = Date()
        var timedOut = false
        while true {
            let read = terminal.read(waitingUpTo: 0.05)
            if read > 0 { lastOutput = Date(); continue }
            guard child.isRunning else {
                // What it wrote before it ended.
                while terminal.read(waitingUpTo: 0.05) > 0 {}
                break
            }
            // Hung up before the child opened its side: poll answers at once, so wait a little.
            if read < 0 { usleep(10_000) }
            if marks.count < steps.count, Date().timeIntervalSince(lastOutput) > 0.2, steps[marks.count].until(terminal.received) {
                marks.append(terminal.received.count)
                terminal.write(steps[marks.count - 1].send)
                lastOutput = Date()
            }
            if Date() > deadline {
                child.kill(SIGKILL)
                timedOut = true
                break
            }
        }
        let end = child.wait()
        return Result(status: end.signal == nil ? end.status : -1, terminal: terminal.received, stderr: end.stderr,
                      timedOut: timedOut, marks: marks)
    }
}
