import CNCursesW
import Foundation
import QuireModel
import QuireUI

/// Runs the full-screen reader on an archive until the user quits.
///
/// The terminal is restored on quit, on errors and on SIGINT, SIGTERM and SIGHUP (after which
/// the process ends by that signal). Ctrl-Z suspends; the screen is redrawn on resume.
///
/// - Parameter stateStore: where read posts, positions and bookmarks are kept between runs.
public func runReader(archive: any ArchiveReading, options: ReaderOptions, stateStore: (any ReadingStateStore)? = nil) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        throw TerminalError(description: "the reader needs a terminal; use the other subcommands in scripts")
    }
    // The user's locale, except that C and POSIX (plain ASCII) draw in UTF-8: quire_setup_locale
    // then switches LC_CTYPE alone to C.UTF-8. Latin-1 and other codesets are kept, and the
    // terminal draws what they lack as '?' (`LocaleCharset`).
    quire_setup_locale()
    Signals.install()
    let monochrome = options.monochrome ?? !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    let terminal = try Terminal(monochrome: monochrome, theme: options.settings.theme, mouse: options.settings.mouse)
    defer { terminal.stop() }

    let worker = try StoreWorker(archive: archive, stateStore: stateStore)
    let session = ReaderSession(archive: archive, options: options, rows: terminal.rows, cols: terminal.cols,
                                synchronous: false, stateStore: stateStore)
    worker.submit(session.takeStoreWork())
    terminal.draw(session.render(), full: true)
    while true {
        if let signal = Signals.take() {
            terminal.stop()
            worker.stop()
            session.persist()
            Signals.die(by: signal)
        }
        Browser.reapExited()
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
                // The last save, with the place in the open post, once the worker is done.
                worker.stop()
                session.persist()
                return
            case .redraw:
                full = true
            case .suspend:
                terminal.suspend()
                // The window may have changed size while we were stopped.
                session.handle(.resize(rows: terminal.rows, cols: terminal.cols))
                worker.submit(session.takeStoreWork())
                full = true
            case .openURL(let url):
                // Guest sessions never start a program, whatever the state asked for.
                guard options.settings.opensLinks else { break }
                if openInBrowser(url, session: session, terminal: terminal, settings: options.settings) { full = true }
            case .saveFile(let path, let contents):
                // Guest sessions write nothing, whatever the state asked for.
                guard options.settings.savesFiles else { break }
                session.send(FileSaver.save(contents, to: path, environment: ProcessInfo.processInfo.environment))
            case .copyToClipboard(let text):
                if let bytes = Clipboard.request(text, environment: ProcessInfo.processInfo.environment) {
                    terminal.writeThrough(bytes)
                } else {
                    session.send(.notice("This terminal has no clipboard Quire can reach; the address: \(text)"))
                }
            default:
                break
            }
        }
        terminal.draw(session.render(), full: full)
    }
}

/// Starts the browser on a URL the user has seen and accepted, trying each command of
/// `$BROWSER` in turn until one starts; returns whether the reader stepped aside for one (and
/// so must redraw everything).
private func openInBrowser(_ url: String, session: ReaderSession, terminal: Terminal, settings: ReaderSettings) -> Bool {
    var failures: [BrowserError] = []
    for launch in Browser.launches(url, settings: settings, environment: ProcessInfo.processInfo.environment) {
        guard launch.inTerminal else {
            switch Browser.spawn(launch.argv, quiet: true) {
            case .success:
                session.send(.notice("Opened in \(launch.argv[0]): \(url)"))
                return false
            case .failure(let error):
                failures.append(error)
                continue
            }
        }
        var failure: BrowserError?
        terminal.stepAside {
            switch Browser.spawn(launch.argv, quiet: false) {
            case .success(let pid): Browser.wait(pid)
            case .failure(let error): failure = error
            }
        }
        // Ctrl-C inside the browser reached the reader too: it was meant for the browser.
        if let signal = Signals.take(), signal != SIGINT { Signals.postpone(signal) }
        session.handle(.resize(rows: terminal.rows, cols: terminal.cols))
        if let failure {
            failures.append(failure)
            continue
        }
        return true
    }
    session.send(.failed("The browser did not start: \(failures.map(\.description).joined(separator: "; "))"))
    return true
}
