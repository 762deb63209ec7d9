import Foundation
import QuireUI

/// Starts a browser on a link out of the archive: the command is run directly (never through
/// a shell), so nothing in a URL can become a command of its own.
enum Browser {
    struct Launch: Equatable {
        var argv: [String]
        /// The browser draws in this terminal: the reader steps aside until it exits.
        var inTerminal: Bool
    }

    /// Browsers that draw in the terminal they are started from.
    static let terminalBrowsers: Set<String> = [
        "w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "cha", "chawan", "amfora", "www-browser",
    ]

    /// The commands to try for a URL, in order: the configured browser; else each command of
    /// `$BROWSER`, a list separated by colons by convention (`firefox:w3m`), the next tried
    /// when one cannot be started; else `xdg-open`. Words are split at spaces; there is no
    /// quoting. An argument that is exactly `%s` stands for the URL; without one the URL is the
    /// last argument. `%s` inside a longer word is left as it is: the URL is only ever an
    /// argument of its own, never a piece of one that a program could read as more.
    static func launches(_ url: String, settings: ReaderSettings, environment: [String: String]) -> [Launch] {
        let configured = settings.browser.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        var commands = configured.map { [$0] }
            ?? (environment["BROWSER"] ?? "").split(separator: ":").map(String.init)
        commands = commands.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if commands.isEmpty { commands = ["xdg-open"] }
        return commands.map { command in
            var words = command.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.contains("%s") {
                words = words.map { $0 == "%s" ? url : $0 }
            } else {
                words.append(url)
            }
            let name = (words[0] as NSString).lastPathComponent
            return Launch(argv: words, inTerminal: settings.browserInTerminal ?? terminalBrowsers.contains(name))
        }
    }

    /// Starts the program; returns its pid, or the reason it could not start.
    static func spawn(_ argv: [String], quiet: Bool) -> Result<pid_t, BrowserError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            // A graphical browser must not scribble over the reader's screen.
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no blocked signals and default handlers, whatever the reader set.
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        // A process group of its own: Ctrl-C in the reader does not reach it.
        if quiet {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, environ)
        guard rc == 0 else { return .failure(BrowserError(program: argv[0], code: rc)) }
        return .success(pid)
    }

    /// Waits for a browser run in the terminal to end.
    static func wait(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// Collects browsers started in the background that have exited, so none stays a zombie.
    static func reapExited() {
        var status: Int32 = 0
        while waitpid(-1, &status, WNOHANG) > 0 {}
    }
}

struct BrowserError: Error, CustomStringConvertible {
    var program: String
    var code: Int32
    var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
}
