import Foundation
import QuireModel

/// The regular files under a folder, found with readdir: URL resource values cost more than
/// reading the posts. Names are kept as the bytes the file system holds (Linux allows any but
/// `/` and NUL, and a Latin-1 `café` is not UTF-8); messages show them with each byte that is
/// not UTF-8 written as `\xE9`. Hidden files and linked folders are left out (a link back up
/// would never end), and so are links to files outside the folder: a folder of posts that
/// links to `/proc/self/environ` must not put it in the store.
struct FolderWalk {
    struct File {
        /// The path as the file system holds it, from the root given.
        var bytes: [UInt8]
        /// The path when it is UTF-8 (most are), else nil.
        var path: String?
        /// The path relative to the root, shown as `escaped` shows it.
        var relative: String
        /// The last part of `relative`.
        var name: Substring {
            relative[(relative.lastIndex(of: "/").map { relative.index(after: $0) } ?? relative.startIndex)...]
        }
    }

    /// A link left out, relative to the root, and where it leads.
    struct OutsideLink {
        var relative: String
        var target: String
    }

    private(set) var files: [File] = []
    private(set) var linksOutside: [OutsideLink] = []

    init(root: String, displayPath: String) throws {
        let rootBytes = Array(root.utf8)
        guard let realRoot = Self.realPath(rootBytes) else {
            throw ImportError(file: displayPath, message: "cannot list the folder")
        }
        var pending: [[UInt8]] = [rootBytes]
        var listedRoot = false
        while let dir = pending.popLast() {
            guard let handle = Self.withCString(dir, { opendir($0) }) else {
                if !listedRoot { throw ImportError(file: displayPath, message: "cannot list the folder") }
                continue
            }
            listedRoot = true
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
                if name.first == UInt8(ascii: ".") { continue }
                let path = dir + [UInt8(ascii: "/")] + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    var st = stat()
                    guard Self.withCString(path, { stat($0, &st) }) == 0 else { continue }
                    let isDir = (st.st_mode & S_IFMT) == S_IFDIR
                    if isDir && type == Int32(DT_LNK) { continue }
                    if type == Int32(DT_LNK), (st.st_mode & S_IFMT) == S_IFREG {
                        let target = Self.realPath(path) ?? []
                        guard target.starts(with: realRoot + [UInt8(ascii: "/")]) else {
                            linksOutside.append(OutsideLink(relative: Self.relative(path, root: rootBytes),
                                                            target: Self.escaped(target)))
                            continue
                        }
                    }
                    type = isDir ? Int32(DT_DIR) : ((st.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0)
                }
                if type == Int32(DT_DIR) {
                    pending.append(path)
                } else if type == Int32(DT_REG) {
                    files.append(File(bytes: path, path: String(validatingUTF8Bytes: path),
                                      relative: Self.relative(path, root: rootBytes)))
                }
            }
        }
        // Sorted so that imports repeat exactly.
        files.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        linksOutside.sort { $0.relative < $1.relative }
    }

    /// Runs `body` with a path `open` resolves to the file. A name that is not UTF-8 cannot be
    /// a Swift string: the file is opened by its bytes and named by its descriptor instead.
    static func withOpenablePath<R>(_ file: File, _ body: (String) throws -> R) throws -> R {
        if let path = file.path { return try body(path) }
        let fd = withCString(file.bytes) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw FileBytes.Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        return try body("/proc/self/fd/\(fd)")
    }

    /// Bytes that are UTF-8 as they are, each other byte as `\xE9`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let n = utf8Sequence(bytes, at: i) {
                out += bytes[i..<i + n]
                i += n
            } else {
                out += Array("\\x".utf8) + [hexDigit(bytes[i] >> 4), hexDigit(bytes[i] & 0xF)]
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x37 + n }

    /// The length of the well-formed UTF-8 sequence at `i` (no overlong forms, surrogates or
    /// values past U+10FFFF; NUL is not allowed either), or nil.
    static func utf8Sequence(_ bytes: [UInt8], at i: Int) -> Int? {
        let lead = bytes[i]
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < bytes.count && range.contains(bytes[i + k])
        }
        switch lead {
        case 0x01...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : nil
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : nil
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : nil
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default: return nil
        }
    }

    private static func relative(_ path: [UInt8], root: [UInt8]) -> String {
        escaped(Array(path.dropFirst(root.count).drop(while: { $0 == UInt8(ascii: "/") })))
    }

    private static func realPath(_ path: [UInt8]) -> [UInt8]? {
        withCString(path) { p in
            guard let resolved = realpath(p, nil) else { return nil }
            defer { free(resolved) }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
                                             count: strlen(resolved)))
        }
    }

    private static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count, body)
        }
    }
}

extension String {
    /// The bytes as a string when they are well-formed UTF-8 without NUL, else nil.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var i = 0
        while i < bytes.count {
            guard let n = FolderWalk.utf8Sequence(bytes, at: i) else { return nil }
            i += n
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
