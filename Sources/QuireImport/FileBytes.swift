import Foundation

/// A whole file read with open, fstat and read: `Data(contentsOf:)` goes through Foundation's
/// URL and attribute machinery, which costs more than reading a post of a few kilobytes.
enum FileBytes {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ path: String) throws -> Data {
        try read(path, limit: .max).data
    }

    /// At most the first `limit` bytes of the file, and how many it holds: a post larger than
    /// Quire keeps is never read whole.
    static func read(_ path: String, limit: Int) throws -> (data: Data, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Failure(description: "not a regular file") }
        // The size is a hint: the file may grow or shrink while it is read.
        var data = Data(count: min(max(Int(info.st_size), 0), limit))
        var filled = 0
        while filled < limit {
            if filled == data.count { data.count = min(limit, data.count + max(4096, data.count / 2)) }
            let n = data.withUnsafeMutableBytes { buffer in
                Foundation.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        data.count = filled
        return (data, filled < limit ? filled : max(filled, Int(info.st_size)))
    }
}
