import CNCursesW
import Foundation
import QuireUI

/// Why the reader could not start.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String

    /// A terminal type the reader cannot use: says which, and what to do about it.
    static func cannotDrive(_ why: String) -> TerminalError {
        TerminalError(description: "cannot drive this terminal (\(why)); set TERM to your terminal's type, e.g. xterm-256color")
    }
}

/// The ncurses screen: start and stop, read events, draw canvas diffs.
final class Terminal {
    private var screen: OpaquePointer?
    private let palette: Palette
    private var last: Canvas?
    private var stopped = false
    /// What the locale's codeset can show; read once the locale is set up (before `init`).
    private var charset = LocaleCharset()

    init(monochrome: Bool, theme: Theme, mouse: Bool) throws {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalError.cannotDrive("TERM is not set") }
        guard let s = quire_newterm() else {
            throw TerminalError.cannotDrive("TERM is \(term), a type terminfo does not know")
        }
        // ncurses accepts a terminal that cannot move the cursor (dumb, a printer) and then
        // draws every frame as lines of spaces and text: refuse it before anything is drawn.
        guard let cup = tigetstr("cup"), Int(bitPattern: cup) != -1 else {
            // newterm has already switched echo and newline translation off.
            reset_shell_mode()
            delscreen(s)
            throw TerminalError.cannotDrive("TERM is \(term), which cannot move the cursor")
        }
        screen = s
        raw()
        noecho()
        nonl()
        keypad(quire_stdscr(), true)
        _ = set_escdelay(25)
        curs_set(0)
        // Reads never block: the event loop waits in poll, for keys and the store worker.
        wtimeout(quire_stdscr(), 0)
        palette = Palette(monochrome: monochrome, theme: theme)
        if mouse {
            _ = mousemask(quire_mouse_wanted(), nil)
            // Report presses at once: no waiting to tell a click from a press.
            _ = mouseinterval(0)
        }
    }

    var rows: Int { Int(quire_lines()) }
    var cols: Int { Int(quire_cols()) }

    /// Gives the terminal back: normal modes, cursor shown, screen restored. Safe to repeat.
    func stop() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Waits until a key may be waiting, `other` is readable, a signal arrived or the time
    /// is up.
    func wait(orReadable other: Int32, milliseconds: Int32) {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: other, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 2, milliseconds)
    }

    /// Events waiting to be read (typeahead, a paste), without blocking. An escape sequence
    /// cut off at the end of what has arrived waits a moment for the rest of it.
    func pendingEvents(limit: Int = 256) -> [Event] {
        var (events, waiting) = InputDecoder.decode(readInput(limit: limit), final: false)
        if !waiting.isEmpty {
            // A terminal writes a key's sequence at once; what is missing is in flight.
            wtimeout(quire_stdscr(), 30)
            let more = readInput(limit: 64, waitForTheFirst: true)
            wtimeout(quire_stdscr(), 0)
            events += InputDecoder.decode(waiting + more, final: true).events
        }
        return events
    }

    /// What ncurses has read: characters, and the keys it decoded itself.
    private func readInput(limit: Int, waitForTheFirst: Bool = false) -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var code: wint_t = 0
        while inputs.count < limit {
            let rc = wget_wch(quire_stdscr(), &code)
            if rc == KEY_CODE_YES {
                inputs.append(.decoded(KeyDecoder.function(Int32(bitPattern: code), rows: rows, cols: cols)))
            } else if rc == OK {
                inputs.append(.character(UInt32(code)))
            } else {
                break
            }
            // Only the first read waits; the rest take what has arrived.
            if waitForTheFirst, inputs.count == 1 { wtimeout(quire_stdscr(), 0) }
        }
        return inputs
    }

    /// Writes bytes to the terminal past ncurses (a request that draws nothing: OSC 52), after
    /// whatever ncurses has still to write.
    func writeThrough(_ bytes: [UInt8]) {
        fflush(nil)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n > 0 { sent += n } else if errno != EINTR { break }
        }
    }

    /// Gives the terminal to another program (a browser that draws in it) until `body` returns.
    func stepAside(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        last = nil
    }

    /// Stops like Ctrl-Z in a shell and comes back on `fg`.
    func suspend() {
        def_prog_mode()
        endwin()
        quire_stop_self()
        reset_prog_mode()
        last = nil
    }

    /// Draws what changed since the last frame; everything when `full` or the size changed.
    func draw(_ canvas: Canvas, full: Bool = false) {
        if full || last == nil || last?.width != canvas.width || last?.height != canvas.height {
            clearok(quire_curscr(), true)
            last = nil
        }
        // ncurses writes the lower-right cell of a terminal with automatic margins by writing
        // it one column to the left and inserting in front of it; in a one-column window there
        // is no such column, and it wrote whatever lay in memory before the line (stray
        // characters and colours at 1×1). That cell stays plainly blank there, which after the
        // clear of a new size ncurses has no need to write.
        let blankCornerRow = canvas.width == 1 ? canvas.height - 1 : -1
        for change in canvas.changes(from: last) {
            for x in change.columns where !canvas[change.row, x].isContinuation {
                let cell = change.row == blankCornerRow ? Cell.blank : canvas[change.row, x]
                put(cell, row: change.row, col: x, canvasWidth: canvas.width)
            }
        }
        wnoutrefresh(quire_stdscr())
        doupdate()
        last = canvas
    }

    private func put(_ cell: Cell, row: Int, col: Int, canvasWidth: Int) {
        var scalars: [wchar_t]
        var pad = false
        if let shown = charset.shown(cell.char) {
            scalars = shown.map { wchar_t(bitPattern: $0.value) }
            // ncurses measures with the C library; where it disagrees with the grid, draw a
            // stand-in of the grid's width so the columns after it stay where they belong.
            let libcWidth = Int(quire_wcwidth(scalars.first ?? 0x20))
            if libcWidth != Int(cell.width) {
                scalars = [wchar_t(cell.width == 2 && charset.isUTF8 ? 0xFFFD : 0x3F)]
                pad = cell.width == 2
            }
        } else {
            // A character the locale's codeset lacks (a Latin-1 terminal and 東): '?', and for
            // a wide one '?' and a blank, so the line keeps its columns. A no-break space
            // (KOI8-R has it only as 0x9A, a C1 byte) is a space.
            scalars = [cell.char == "\u{A0}" ? 0x20 : 0x3F]
            pad = cell.width == 2
        }
        scalars.append(0)
        var cc = cchar_t()
        setcchar(&cc, scalars, palette.attributes(cell.style), palette.pair(cell.style), nil)
        mvwadd_wch(quire_stdscr(), Int32(row), Int32(col), &cc)
        if pad, col + 1 < canvasWidth {
            var space = cchar_t()
            setcchar(&space, [0x20, 0], palette.attributes(cell.style), palette.pair(cell.style), nil)
            mvwadd_wch(quire_stdscr(), Int32(row), Int32(col + 1), &space)
        }
    }
}

/// The characters the locale's codeset can encode, as ncursesw will encode them (wcrtomb).
///
/// In a UTF-8 locale (and C or POSIX, drawn in C.UTF-8) that is every character, and nothing is
/// checked. In Latin-1 and the like ncursesw writes nothing for a character the codeset lacks,
/// which would pull the rest of the line left; the backend draws a stand-in instead. Answers are
/// kept per scalar, so a non-ASCII cell costs a dictionary look-up.
///
/// `wchar_t` holds Unicode scalars in every locale with glibc (`__STDC_ISO_10646__`), so the
/// grid's scalars go to ncurses as they are, and keys come back from `wget_wch` as scalars.
struct LocaleCharset {
    let isUTF8: Bool
    private var known: [UInt32: Bool] = [:]

    init() {
        isUTF8 = quire_locale_is_utf8() != 0
    }

    /// The scalars to hand ncurses for a cell's character, or nil when the codeset cannot
    /// show it. A letter with combining marks the codeset lacks is tried in its composed form
    /// ("e" + U+0301 is "é" in Latin-1).
    mutating func shown(_ char: Character) -> Character.UnicodeScalarView? {
        let scalars = char.unicodeScalars
        if isUTF8 || scalars.allSatisfy({ canEncode($0) }) { return scalars }
        guard scalars.count > 1 else { return nil }
        let composed = String(char).precomposedStringWithCanonicalMapping.unicodeScalars
        guard composed.count < scalars.count, composed.allSatisfy({ canEncode($0) }) else { return nil }
        return composed
    }

    private mutating func canEncode(_ scalar: Unicode.Scalar) -> Bool {
        // Every codeset a C library offers for a locale is a superset of ASCII.
        if scalar.isASCII { return true }
        if let answer = known[scalar.value] { return answer }
        // A bound for text made to fill it; a screen needs a few hundred entries at most.
        if known.count >= 1 << 16 { known.removeAll(keepingCapacity: true) }
        let answer = quire_can_encode(wchar_t(bitPattern: scalar.value)) != 0
        known[scalar.value] = answer
        return answer
    }
}
