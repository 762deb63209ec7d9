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

    let worker = try StoreWorker(archive: archive)
    defer { worker.stop() }
    let session = ReaderSession(archive: archive, options: options, rows: terminal.rows, cols: terminal.cols,
                                synchronous: false)
    worker.submit(session.takeStoreWork())
    terminal.draw(session.render(), full: true)
    while true {
        if let signal = Signals.take() {
            terminal.stop()
            Signals.die(by: signal)
        }
        // Keys and store results wake the loop; the timeout only bounds how late a signal
        // restarted by the C library is noticed.
        terminal.wait(orReadable: worker.wakeDescriptor, milliseconds: 250)
        // Results first, so that keys arriving with them (Enter after typing) see them.
        let results = worker.takeResults()
        let events = terminal.pendingEvents()
        guard !results.isEmpty || !events.isEmpty else { continue }
        var full = events.contains { if case .resize = $0 { return true } else { return false } }
        var effects = session.deliver(results)
        effects += session.handle(events)
        worker.submit(session.takeStoreWork())
        for effect in effects {
            switch effect {
            case .quit:
                return
            case .redraw:
                full = true
            case .suspend:
                terminal.suspend()
                // The window may have changed size while we were stopped.
                session.handle(.resize(rows: terminal.rows, cols: terminal.cols))
                worker.submit(session.takeStoreWork())
                full = true
            default:
                break
            }
        }
        terminal.draw(session.render(), full: full)
    }
}
