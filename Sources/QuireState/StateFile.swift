import Foundation
import QuireModel
import QuireUI

/// The reader's state for one store, in a small JSON file of its own:
/// `$XDG_STATE_HOME/quire/<store identity>.json` (`~/.local/state/quire/…` by default).
///
/// Never inside the archive, so imports never touch it. Saved whole, through a temporary
/// file and a rename, so a crash leaves the old file or the new one, never half of one. A
/// file that cannot be read is kept aside (`….broken`) rather than overwritten.
public final class StateFile: ReadingStateStore {
    public let path: String
    /// The store it belongs to, written into the file for people who look at it.
    public let storePath: String
    /// Why the last load found nothing usable, when a file was there.
    public private(set) var loadProblem: String?

    public init(path: String, storePath: String) {
        self.path = path; self.storePath = storePath
    }

    /// The state file of a store, in the state folder of `environment`.
    public convenience init(identity: String, storePath: String, environment: [String: String]) {
        let dir = Self.directory(environment: environment)
        self.init(path: (dir as NSString).appendingPathComponent(Self.fileName(identity: identity)), storePath: storePath)
    }

    /// `$XDG_STATE_HOME/quire`, else `~/.local/state/quire` (a relative XDG path is ignored,
    /// as the XDG rules say).
    public static func directory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("quire")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/quire")
    }

    /// A file name from the identity, with anything unsafe in a name left out.
    static func fileName(identity: String) -> String {
        let safe = identity.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
        return String(String.UnicodeScalarView(safe.prefix(64))) + ".json"
    }

    public func load() -> ReadingMarks {
        loadProblem = nil
        guard let data = FileManager.default.contents(atPath: path) else { return ReadingMarks() }
        do {
            let file = try JSONDecoder().decode(StateFileFormat.self, from: data)
            guard file.version <= StateFileFormat.currentVersion else {
                throw StateFileError(description: "it was written by a newer Quire (version \(file.version))")
            }
            return file.marks
        } catch {
            let aside = path + ".broken"
            try? FileManager.default.removeItem(atPath: aside)
            try? FileManager.default.moveItem(atPath: path, toPath: aside)
            loadProblem = "the reading state \(path) could not be read (\(Self.describe(error))); it was kept as \(aside)"
            return ReadingMarks()
        }
    }

    public func save(_ marks: ReadingMarks) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try Self.replace(path, with: try encoder.encode(StateFileFormat(marks, store: storePath)))
    }

    /// Replaces the file at `path` with `data`, mode 0600 in a 0700 folder made if missing,
    /// through a temporary file and a rename: a reader sees the old file or the new one, never
    /// half of one.
    static func replace(_ path: String, with data: Data) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw StateFileError(description: "cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw StateFileError(description: "cannot replace \(path): \(reason)")
        }
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? StateFileError { return e.description }
        if case DecodingError.dataCorrupted(let c) = error { return "not JSON: \(c.debugDescription)" }
        if let e = error as? DecodingError { return "not a reading state: \(e)" }
        return "\(error)"
    }
}

struct StateFileError: Error, CustomStringConvertible {
    var description: String
}
