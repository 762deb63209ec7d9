import Foundation

/// Puts text on the clipboard through the terminal (OSC 52), as terminals that allow it take
/// it: xterm, kitty, alacritty, foot, iTerm2, tmux with set-clipboard, and others.
///
/// Only ever on the user's request, and only with text Quire checked itself (a post's
/// permalink that passed the same checks as a link opened in the browser). The text travels
/// base64-encoded, so no byte of it can be read by the terminal as a command.
enum Clipboard {
    /// The bytes that ask the terminal to copy `text`, or nil for a terminal known to print
    /// such a request instead of taking it (the Linux console, dumb terminals).
    static func request(_ text: String, environment: [String: String]) -> [UInt8]? {
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("linux-") || term.hasPrefix("vt") || term.hasPrefix("cons") {
            return nil
        }
        var osc = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        // GNU screen hands a sequence on to the terminal only inside a DCS of its own.
        if term.hasPrefix("screen"), environment["TMUX"] == nil, environment["STY"] != nil {
            osc = "\u{1B}P" + osc + "\u{1B}\\"
        }
        return Array(osc.utf8)
    }
}
