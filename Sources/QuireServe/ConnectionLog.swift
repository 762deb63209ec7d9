import Foundation
import NIOConcurrencyHelpers

/// What one connection did, for its one log line. Lives on the connection's event loop.
final class ConnectionRecord {
    let address: String
    let port: Int
    let started = Date()
    let startUptime = ProcessInfo.processInfo.systemUptime
    var user: String?
    var auth: String?
    var bytesIn = 0
    var bytesOut = 0
    var sessionsStarted = 0
    var sessionsOpen = 0
    /// Things refused or limits met, in order, each once ("exec-refused", "idle").
    private(set) var notes: [String] = []
    /// The last time a session ended or the connection started: for the handshake timeout.
    var quietSince = ProcessInfo.processInfo.systemUptime

    init(address: String, port: Int) { self.address = address; self.port = port }

    func note(_ word: String) {
        if !notes.contains(word) { notes.append(word) }
    }

    /// The line: time, address, user, how long, bytes each way, sessions, and what happened.
    /// Never anything a reader showed. The user name is the client's own text: quoted, with
    /// anything unprintable escaped, so it cannot forge a line of its own.
    func line(end: String) -> String {
        let seconds = ProcessInfo.processInfo.systemUptime - startUptime
        var words = [ServeLog.timestamp(started), "\(ServeLog.hostPort(address, port))",
                     "user=\(ServeLog.quoted(user ?? "-"))", "auth=\(auth ?? "-")",
                     String(format: "duration=%.1fs", seconds), "in=\(bytesIn)", "out=\(bytesOut)",
                     "sessions=\(sessionsStarted)"]
        if !notes.isEmpty { words.append("notes=" + notes.joined(separator: ",")) }
        words.append("end=\(ServeLog.quoted(end))")
        return words.joined(separator: " ")
    }
}

/// The server's log: lines on standard error (the journal, under systemd).
enum ServeLog {
    private static let lock = NIOLock()

    static func write(_ line: String) {
        lock.withLock {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func hostPort(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Text in double quotes; quotes, backslashes and anything not printable escaped, at most 64 characters.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(64) {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator:
                out += String(format: "\\u{%x}", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
