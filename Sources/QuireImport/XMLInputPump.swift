import Foundation

/// Feeds a file to libxml2 in chunks, repairing what would make the parser give up.
///
/// libxml2 stops at the first byte that is not UTF-8 in a UTF-8 document, and at control
/// characters XML does not allow; real exports contain both. When the document is UTF-8, broken
/// sequences and forbidden controls become U+FFFD and are counted so the import can say so.
final class XMLInputPump {
    private let fd: Int32
    private let mode: Mode
    private var output: [UInt8] = []
    private var outputStart = 0
    /// Bytes of an incomplete sequence at the end of the last chunk.
    private var carry: [UInt8] = []
    private var atEnd = false
    /// Whether the whole file has been read.
    var reachedEnd: Bool { atEnd && outputStart >= output.count }
    private(set) var bytesRead: Int64 = 0
    private(set) var replacements = 0
    let fileSize: Int64

    private static let chunkSize = 64 * 1024
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// How the bytes are treated, from the encoding the document declares.
    enum Mode {
        /// UTF-8: broken sequences and forbidden controls are replaced.
        case repairUTF8
        /// Another ASCII-compatible encoding: libxml2 converts it; only controls are replaced.
        case asciiCompatible
        /// UTF-16 and the like: passed through untouched.
        case passThrough
    }

    init(path: String, mode: Mode) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        var st = stat()
        fileSize = fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
        self.mode = mode
    }

    deinit { close(fd) }

    /// Copies up to `capacity` bytes into `buffer`; returns the count, 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        if outputStart >= output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
            if !fill() { return -1 }
            if output.isEmpty { return 0 }
        }
        let n = min(capacity, output.count - outputStart)
        output.withUnsafeBufferPointer { src in
            UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + outputStart, byteCount: n)
        }
        outputStart += n
        return Int32(n)
    }

    /// Reads the next chunk into `output`; false on a read error.
    private func fill() -> Bool {
        while output.isEmpty && !atEnd {
            var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, Self.chunkSize) }
            if n < 0 { return false }
            if n == 0 { atEnd = true } else { bytesRead += Int64(n) }
            chunk.removeSubrange(max(0, n)...)
            let data = carry + chunk
            carry = []
            switch mode {
            case .repairUTF8: repair(data)
            case .asciiCompatible: dropControls(data)
            case .passThrough: output += data
            }
        }
        return true
    }

    private func isForbiddenControl(_ b: UInt8) -> Bool {
        b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D
    }

    private func dropControls(_ data: [UInt8]) {
        for b in data {
            if isForbiddenControl(b) { replacements += 1; output.append(0x3F) } else { output.append(b) }
        }
    }

    /// Validates UTF-8, replacing each invalid byte with U+FFFD; an incomplete sequence at the
    /// end of the chunk is kept for the next one. Works on locals and copies valid bytes in runs:
    /// this runs for every byte of the file, twice for a Blogger export.
    private func repair(_ data: [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        var replaced = 0
        var carried: [UInt8] = []
        let final = atEnd
        data.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var i = 0
            /// Start of the valid bytes not yet copied.
            var run = 0
            func replace(_ at: Int, skipping: Int) {
                if at > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<at])) }
                out += Self.replacement
                replaced += 1
                run = at + skipping
            }
            while i < count {
                let b = bytes[i]
                if b < 0x80 {
                    if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { replace(i, skipping: 1) }
                    i += 1
                    continue
                }
                let need: Int
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default: need = 0
                }
                if need == 0 {
                    replace(i, skipping: 1); i += 1
                    continue
                }
                if i + need >= count && !final {
                    // Maybe cut by the chunk boundary: keep it if it is a valid prefix so far.
                    var prefixOK = true
                    var k = 1
                    while i + k < count {
                        let c = bytes[i + k]
                        if k == 1 ? !(lo...hi).contains(c) : !(0x80...0xBF).contains(c) { prefixOK = false; break }
                        k += 1
                    }
                    if prefixOK {
                        carried = Array(bytes[i...])
                        // The carried bytes are not copied now; nothing after them is either.
                        if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                        run = count
                        i = count
                        break
                    }
                }
                var valid = i + need < count
                if valid {
                    for k in 1...need {
                        let c = bytes[i + k]
                        if k == 1 ? !(lo...hi).contains(c) : !(0x80...0xBF).contains(c) { valid = false; break }
                    }
                }
                if valid {
                    i += need + 1
                } else {
                    replace(i, skipping: 1); i += 1
                }
            }
            if count > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count])) }
        }
        output += out
        replacements += replaced
        carry = carried
    }
}
