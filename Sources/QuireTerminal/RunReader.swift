import CNCursesW
import Foundation
import QuireModel
import QuireUI

/// Runs the full-screen reader on an archive until the user quits.
///
/// The terminal is restored on quit, on errors and on SIGINT, SIGTERM and SIGHUP (after which
/// the process ends by that signal). Ctrl-Z suspends; the screen is redrawn on resume.
public func runReader(archive: any ArchiveReading, options: ReaderOptions) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        throw TerminalError(description: "the reader needs a terminal; use the other subcommands in scripts")
    }
    // The user's locale, but with UTF-8 characters even when it names the plain C locale.
    quire_setup_locale()
    Signals.install()
    let monochrome = options.monochrome ?? !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    let terminal = try Terminal(monochrome: monochrome)
    defer { terminal.stop() }

    let session = ReaderSession(archive: archive, options: options, rows: terminal.rows, cols: terminal.cols)
    terminal.draw(session.render(), full: true)
    while true {
        if let signal = Signals.take() {
            terminal.stop()
            Signals.die(by: signal)
        }
        guard let first = terminal.readEvent() else { continue }
        let events = [first] + terminal.pendingEvents()
        var full = events.contains { if case .resize = $0 { return true } else { return false } }
        for effect in session.handle(events) {
            switch effect {
            case .quit:
                return
            case .redraw:
                full = true
            case .suspend:
                terminal.suspend()
                // The window may have changed size while we were stopped.
                session.handle(.resize(rows: terminal.rows, cols: terminal.cols))
                full = true
            default:
                break
            }
        }
        terminal.draw(session.render(), full: full)
    }
}
