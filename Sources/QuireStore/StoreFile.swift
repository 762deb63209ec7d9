import Foundation

/// The store's file on disk: made private, and never anything but a regular file.
enum StoreFile {
    /// Makes ready the file of a store about to be opened for writing. A missing file is created
    /// empty with mode 0600 (SQLite gives its journal, WAL and shared-memory files the same
    /// mode) in folders created 0700; an existing one is left as it is, and must be a regular
    /// file.
    static func prepare(_ path: String) throws {
        if try requireRegular(path) { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try makeFolders(folder) }
        try createPrivate(path)
    }

    /// Throws unless `path` is a regular file (or a link to one) or does not exist; returns
    /// whether it exists. A device, a pipe or a folder is refused: SQLite would open it and
    /// write its journal beside it (`--store /dev/null` made `/dev/null-journal`), and
    /// opening a pipe waits for a writer that may never come.
    @discardableResult
    static func requireRegular(_ path: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw StoreFileError(path: path, problem: String(cString: strerror(errno)))
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFDIR ? "a folder" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : kind == S_IFIFO ? "a pipe" : "not a regular file"
            throw StoreFileError(path: path, problem: "it is \(what); a store is a regular file")
        }
        return true
    }

    /// Creates an empty file only its owner may read and write, unless one is there already.
    static func createPrivate(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 { close(fd); return }
        if errno == EEXIST, try requireRegular(path) { return }
        throw StoreFileError(path: path, problem: String(cString: strerror(errno)))
    }

    /// Creates each missing folder of `folder` with mode 0700; folders there already keep theirs.
    private static func makeFolders(_ folder: String) throws {
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for dir in missing.reversed() where mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw StoreFileError(path: dir, problem: "the folder \(dir) cannot be made: \(String(cString: strerror(errno)))")
        }
    }
}

/// A store's path that cannot be used as a store.
public struct StoreFileError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { problem }
}
