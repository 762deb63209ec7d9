import CQuirePty
import Foundation

/// A reader started on a new pseudo-terminal: its pid and the terminal's master side.
struct ReaderProcess {
    let pid: pid_t
    /// The master side; the caller owns it (and closes it, which hangs up the reader's terminal).
    let master: Int32

    /// What a session asked for in its pty and env requests.
    struct Terminal: Sendable, Equatable {
        var term: String
        var rows: Int
        var cols: Int
        /// LANG and LC_* the client sent.
        var locale: [String: String] = [:]
    }

    /// The largest window a session may claim: a reader allocates a cell per position.
    static let maxRows = 500, maxCols = 1000

    static func clamp(_ value: Int, fallback: Int, max: Int) -> UInt16 {
        UInt16(value <= 0 ? fallback : Swift.min(value, max))
    }

    /// Starts `executable` with `argv` on a new pseudo-terminal sized and named as the client asked.
    static func start(_ executable: String, argv: [String], terminal: Terminal, limits: ServeLimits) throws -> ReaderProcess {
        var master: Int32 = -1, slave: Int32 = -1
        let rc = quire_pty_open(&master, &slave, clamp(terminal.rows, fallback: 24, max: maxRows),
                                clamp(terminal.cols, fallback: 80, max: maxCols))
        guard rc == 0 else { throw ServeError("cannot open a pseudo-terminal: \(String(cString: strerror(rc)))") }
        defer { close(slave) }
        let env = environment(for: terminal)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var error: Int32 = 0
        let pid = quire_pty_spawn(executable, cArgs, cEnv, slave,
                                  quire_pty_limits(address_space: limits.sessionMemory, niceness: limits.sessionNice), &error)
        guard pid > 0 else {
            close(master)
            throw ServeError("cannot start the reader \(argv[0]): \(String(cString: strerror(error)))")
        }
        return ReaderProcess(pid: pid, master: master)
    }

    /// The reader's whole environment: nothing of the server's (its store, its folders), and of
    /// the client's only the terminal type and a UTF-8 locale.
    static func environment(for terminal: Terminal) -> [String] {
        var env = ["TERM=\(safeTerm(terminal.term))", "PATH=/usr/bin:/bin", "HOME=/nonexistent"]
        // A UTF-8 locale the client named if it is one, else C.UTF-8: never a legacy charset,
        // which would draw most of a post as '?'.
        let lang = terminal.locale["LANG"].flatMap { isUTF8Locale($0) ? $0 : nil } ?? "C.UTF-8"
        env.append("LANG=\(lang)")
        for (name, value) in terminal.locale.sorted(by: { $0.key < $1.key }) where name.hasPrefix("LC_") {
            if name == "LC_ALL" || name == "LC_CTYPE" ? isUTF8Locale(value) : isPlainName(value) { env.append("\(name)=\(value)") }
        }
        return env
    }

    /// A terminal type as terminfo names them; anything else becomes xterm-256color.
    static func safeTerm(_ term: String) -> String {
        let ok = !term.isEmpty && term.count <= 64 && term.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "-_.+".unicodeScalars.contains($0)
        }
        return ok ? term : "xterm-256color"
    }

    static func isPlainName(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 64 && value.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "-_.@".unicodeScalars.contains($0)
        }
    }

    static func isUTF8Locale(_ value: String) -> Bool {
        let lower = value.lowercased()
        return isPlainName(value) && (lower.hasSuffix(".utf-8") || lower.hasSuffix(".utf8") || lower.contains(".utf-8@") || lower.contains(".utf8@"))
    }

    /// Sets the window size; the kernel tells the reader with SIGWINCH.
    static func resize(master: Int32, rows: Int, cols: Int) {
        _ = quire_pty_resize(master, clamp(rows, fallback: 24, max: maxRows), clamp(cols, fallback: 80, max: maxCols))
    }
}

struct ServeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
