import Foundation
import Testing

/// A terminal for end-to-end tests: a tmux server of its own (private socket) with one pane.
///
///     let pane = try TmuxPane(cols: 100, rows: 30)    // a shell (prompt "$ "), TERM=screen
///     defer { pane.close() }
///     try pane.startReader()                           // quire on the demo store (ReaderPane.swift)
///     pane.send("Down", "Enter")                       // tmux key names; `type` sends text as it is
///     try pane.waitFor("the post") { $0[1].contains("Missile") }  // a predicate over the lines
///     try pane.waitFor(text: "Search:")                // or text that appears, or goes:
///     try pane.waitUntilGone(text: "Quire: keys")
///     try pane.quitReader()                            // Q, then the shell back, the modes restored
///
/// Sending never waits. Every wait is for a condition on the screen, polled, with a hang guard
/// (`timeout`, far above the fraction of a second anything takes here) that fails the test and
/// shows the last screen; nothing waits for the screen to "settle". The screen a wait returns
/// is a whole frame (see `isIdle`): read from it what the condition names. The pane has its own
/// XDG state and config folders under `home`, so no test sees another's reading state or the
/// user's files.
final class TmuxPane {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// tmux and the quire binary are there.
    static var available: Bool { tmux != nil && FileManager.default.isExecutableFile(atPath: quireBinary) }
    static let term = "screen"
    /// How long a wait may take before it fails (hang guard).
    static let timeout = 20 * Sanitizers.slowdown

    let socket = "quire-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    /// The pane's own folder: `state` and `config` under it are its XDG folders.
    let home: TempDir
    private(set) var cols: Int
    private(set) var rows: Int
    /// Where `pipe-pane` copies every byte written to the pane (`recording:` panes).
    private(set) var log: String?
    private var facts: (tty: String, pid: String)?

    /// A pane running `command` (by default a shell: bash without start-up files, prompt "$ ").
    /// With `recording`, every byte written to the pane from then on is kept (`recorded`): the
    /// command should wait for a line before it writes anything (see `recordingReader`).
    init(cols: Int, rows: Int, env: [String: String] = [:], command: [String]? = nil, recording: Bool = false) throws {
        self.cols = cols; self.rows = rows
        home = try TempDir()
        var environment = ["TERM": Self.term, "PS1": "$ ", "XDG_STATE_HOME": home.path("state"),
                           "XDG_CONFIG_HOME": home.path("config")]
        environment.merge(env) { $1 }
        let shell = command == nil
        let started = tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(cols)", "-y", "\(rows)", "env"]
                           + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                           + (command ?? ["bash", "--norc", "--noprofile"]))
        guard started.status == 0 else { throw TestFailure("tmux new-session: \(started.stdout)\(started.stderr)") }
        tmux(["set-option", "-t", "t", "status", "off"])
        if recording {
            let log = home.path("pane.bin")
            self.log = log
            let piped = tmux(["pipe-pane", "-t", "t", "-o", "cat >> \(shellQuoted(log))"])
            guard piped.status == 0 else { throw TestFailure("tmux pipe-pane: \(piped.stderr)") }
        }
        if shell { try waitFor("the shell's prompt") { $0.contains { $0.hasPrefix("$") } } }
    }

    /// Ends the tmux server and everything in it.
    func close() { tmux(["kill-server"]) }

    /// Runs tmux on this pane's server.
    @discardableResult
    func tmux(_ args: [String]) -> RunResult {
        (try? run(Self.tmux!, ["-L", socket] + args)) ?? RunResult(stderr: "cannot run tmux")
    }

    // MARK: Input (never waits)

    /// Sends keys by their tmux names ("Enter", "C-u", "BSpace", "q").
    func send(_ keys: String...) { for key in keys { tmux(["send-keys", "-t", "t", key]) } }

    /// Types text as it is.
    func type(_ text: String) { tmux(["send-keys", "-t", "t", "-l", text]) }

    /// Sends raw bytes, given in hex, as the terminal would (mouse reports).
    func sendBytes(_ hex: [String]) { tmux(["send-keys", "-t", "t", "-H"] + hex) }

    /// Types a command line into the pane's shell and Enter.
    func shell(_ line: String) {
        type(line)
        send("Enter")
    }

    /// Resizes the window (and so the pane).
    func resize(cols: Int, rows: Int) throws {
        self.cols = cols; self.rows = rows
        let r = tmux(["resize-window", "-t", "t", "-x", "\(cols)", "-y", "\(rows)"])
        guard r.status == 0 else { throw TestFailure("resize-window: \(r.stderr)") }
    }

    // MARK: The screen

    /// The screen's lines, as text.
    func capture() -> [String] { lines(tmux(["capture-pane", "-p", "-t", "t"]).stdout) }

    /// The screen's lines with their attributes as escape sequences (`capture-pane -e`).
    func captureEscaped() -> [String] { lines(tmux(["capture-pane", "-p", "-e", "-t", "t"]).stdout) }

    private func lines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`.
    func format(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", "t", format]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Waiting

    /// Polls the screen until `done` holds and returns it; at `timeout`, fails showing it.
    /// `escaped`: the lines carry their attributes (`captureEscaped`).
    ///
    /// A frame larger than tmux reads at once can be caught half drawn, so the screen returned
    /// is one captured while the pane's programs are idle (`isIdle`) that still satisfies `done`.
    @discardableResult
    func waitFor(_ what: String = "the screen", timeout: Double = TmuxPane.timeout, escaped: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation, _ done: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var screen = escaped ? captureEscaped() : capture()
            if done(screen), isIdle() {
                screen = escaped ? captureEscaped() : capture()
                if done(screen) { return screen }
            }
            guard Date() < deadline else {
                let shown = screen.map { "|" + (escaped ? $0.debugDescription : $0) }.joined(separator: "\n")
                throw TestFailure("\(sourceLocation.fileName):\(sourceLocation.line): waiting for \(what): timed out after \(timeout) s; "
                                  + "the screen\(escaped ? " with attributes" : ""):\n\(shown)")
            }
            usleep(20_000)
        }
    }

    /// Waits until `text` is somewhere on the screen.
    @discardableResult
    func waitFor(text: String, timeout: Double = TmuxPane.timeout, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains { $0.contains(text) } }
    }

    /// Waits until `text` is nowhere on the screen.
    @discardableResult
    func waitUntilGone(text: String, timeout: Double = TmuxPane.timeout, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try waitFor("\"\(text)\" to go", timeout: timeout, sourceLocation: sourceLocation) { !$0.contains { $0.contains(text) } }
    }

    /// Every byte written to the pane so far (`recording:` panes), once `done` holds for them.
    func recorded(until what: String, _ done: ([UInt8]) -> Bool) throws -> [UInt8] {
        guard let log else { throw TestFailure("the pane is not recording") }
        let deadline = Date().addingTimeInterval(Self.timeout)
        while true {
            let bytes = Array((try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data())
            if done(bytes) { return bytes }
            guard Date() < deadline else { throw TestFailure("waiting for \(what) in the recording: timed out; \(bytes.count) bytes") }
            usleep(20_000)
        }
    }

    // MARK: Processes

    /// Whether tmux has every byte the pane's foreground programs wrote and they are all
    /// waiting: the pane's terminal has nothing queued for tmux, and every thread of every
    /// process in its foreground group is asleep (not running, not blocked writing). A capture
    /// taken then shows whole frames. Not a wait for the screen to stay the same: it asks the
    /// kernel, and holds at once when nothing is drawing.
    func isIdle() -> Bool {
        let fd = open(paneTTY, O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return true }  // the pane is gone: nothing more will come
        defer { Glibc.close(fd) }
        func nothingQueued() -> Bool {
            var queued: Int32 = 0
            return ioctl(fd, UInt(TIOCOUTQ), &queued) == 0 && queued == 0
        }
        // The terminal's foreground group, as the pane's first process sees it (tcgetpgrp
        // answers only for the caller's own terminal).
        guard let shell = Self.stat("/proc/\(panePID)/stat"), shell.count > 5, let group = Int32(shell[5]), group > 0 else { return true }
        guard nothingQueued() else { return false }
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in processes where pid.first?.isNumber == true {
            guard let stat = Self.stat("/proc/\(pid)/stat"), stat.count > 2, Int32(stat[2]) == group else { continue }
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            for thread in threads {
                // S: asleep (waiting for input, a lock or a child); T: stopped. R and D are busy.
                guard let state = Self.stat("/proc/\(pid)/task/\(thread)/stat")?.first else { continue }
                if state != "S" && state != "T" && state != "Z" { return false }
            }
        }
        return nothingQueued()
    }

    /// The fields of a /proc stat file after the command name: state, ppid, pgrp, ...
    private static func stat(_ path: String) -> [Substring]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// The pane's terminal (e.g. /dev/pts/7) and first process.
    private var paneTTY: String { paneFacts.tty }
    private var panePID: String { paneFacts.pid }
    private var paneFacts: (tty: String, pid: String) {
        if let facts { return facts }
        let both = format("#{pane_tty} #{pane_pid}").split(separator: " ").map(String.init)
        facts = (both.first ?? "", both.last ?? "")
        return facts!
    }

    /// The pid of the program the pane's shell is running.
    func childOfShell() throws -> pid_t {
        let shell = format("#{pane_pid}")
        let children = try run("/usr/bin/pgrep", ["-P", shell]).stdout
        guard let pid = children.split(separator: "\n").compactMap({ pid_t($0) }).first else {
            throw TestFailure("nothing runs under the pane's shell (\(shell))")
        }
        return pid
    }

    /// Closes the pane: its program loses its terminal.
    func killPane() { tmux(["kill-pane", "-t", "t"]) }
}

/// A process that exists and is not a zombie (for processes the test did not start itself:
/// those have `Child.isRunning`).
func isAlive(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    // The state follows the command name in parentheses.
    guard let close = stat.lastIndex(of: ")") else { return true }
    return !stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
}

/// Polls `done` until it holds, for things other than a screen or a child's output (a file
/// appearing, a process ending); fails with `what` at `timeout` (a hang guard).
func waitUntil(_ what: String, timeout: Double = TmuxPane.timeout, _ done: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !done() {
        guard Date() < deadline else { throw TestFailure("waiting for \(what): timed out after \(timeout) s") }
        usleep(20_000)
    }
}

func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
