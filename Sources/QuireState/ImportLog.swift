import Foundation

/// The full list of warnings of the last import into a store, for `quire import --log`:
/// `$XDG_STATE_HOME/quire/<store identity>.import.log`, beside the reading state and, like
/// it, never inside the archive. Each import replaces it (through a temporary file and a
/// rename, so a reader never sees half of one).
public struct ImportLog {
    public let path: String

    public init(path: String) { self.path = path }

    /// The log of a store, in the state folder of `environment`.
    public init(identity: String, environment: [String: String]) {
        let dir = StateFile.directory(environment: environment)
        let name = String(StateFile.fileName(identity: identity).dropLast(".json".count)) + ".import.log"
        self.init(path: (dir as NSString).appendingPathComponent(name))
    }

    /// Replaces the log with these lines.
    public func write(_ lines: [String]) throws {
        try StateFile.replace(path, with: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// The lines of the log, or nil when no import has written one.
    public func read() -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
