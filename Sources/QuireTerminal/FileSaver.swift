import Foundation
import QuireUI

/// Writes a post the user asked to save (`s`) to a new file: never over an existing one.
enum FileSaver {
    /// The path as the user means it: `~` is the home folder, a relative path is from the
    /// folder Quire was started in.
    static func resolve(_ name: String, environment: [String: String]) -> String {
        var path = name
        if path == "~" || path.hasPrefix("~/") {
            path = (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
        }
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Writes `contents` to a new file at `name`; the result, to say in the status bar.
    static func save(_ contents: String, to name: String, environment: [String: String]) -> Action {
        let path = resolve(name, environment: environment)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            // The reason first: a long path is cut at the status bar's end.
            let why = errno == EEXIST ? "a file of that name is there already (\(path))" : "\(String(cString: strerror(errno))) (\(path))"
            return .saved(path: path, error: why)
        }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                written += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                let why = "\(String(cString: strerror(errno))) (\(path))"
                unlink(path)
                return .saved(path: path, error: why)
            }
        }
        return .saved(path: path, error: nil)
    }
}
