import Foundation
import Testing
@testable import QuireImport

/// The pump must hand libxml2 exactly the bytes it handed it before it copied in runs.
@Suite struct XMLInputPumpEquivalenceTests {
    static func drain(_ read: (UnsafeMutablePointer<CChar>, Int) -> Int32, capacity: Int) -> [UInt8] {
        var all: [UInt8] = []
        var buffer = [CChar](repeating: 0, count: capacity)
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { read($0.baseAddress!, capacity) }
            if n <= 0 { break }
            all += buffer[..<Int(n)].map { UInt8(bitPattern: $0) }
        }
        return all
    }

    @Test func sameBytesAndCountsAsTheByteByBytePump() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pump-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pieces: [[UInt8]] = [Array("plain text <a>".utf8), Array("é漢👩".utf8), [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
                                 [0x80], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0x1B],
                                 [0x09, 0x0A, 0x0D], [0x7F], Array(repeating: 0x61, count: 70_000)]
        var state: UInt64 = 3
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for round in 0..<60 {
            var bytes: [UInt8] = []
            for _ in 0..<(next() % 400) { bytes += pieces[next() % (round % 3 == 0 ? pieces.count : pieces.count - 1)] }
            let file = dir.appendingPathComponent("\(round).xml")
            try Data(bytes).write(to: file)
            for mode in [XMLInputPump.Mode.repairUTF8, .asciiCompatible, .passThrough] {
                let ours = try XMLInputPump(path: file.path, mode: mode)
                let theirs = try ByteByByteInputPump(path: file.path, mode: ByteByByteInputPump.Mode(mode))
                let capacity = 1 + next() % 9000
                let a = Self.drain({ ours.read(into: $0, capacity: $1) }, capacity: capacity)
                let b = Self.drain({ theirs.read(into: $0, capacity: $1) }, capacity: capacity)
                #expect(a == b)
                #expect(ours.replacements == theirs.replacements)
            }
        }
    }
}

extension ByteByByteInputPump.Mode {
    init(_ mode: XMLInputPump.Mode) {
        switch mode {
        case .repairUTF8: self = .repairUTF8
        case .asciiCompatible: self = .asciiCompatible
        case .passThrough: self = .passThrough
        }
    }
}

/// The pump before it copied bytes in runs, kept as the oracle.
final class ByteByByteInputPump {
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
    /// end of the chunk is kept for the next one. Works on locals: this runs for every byte.
    private func repair(_ data: [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        var replaced = 0
        var carried: [UInt8] = []
        let final = atEnd
        data.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var i = 0
            while i < count {
                let b = bytes[i]
                if b < 0x80 {
                    if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                        out += Self.replacement; replaced += 1
                    } else {
                        out.append(b)
                    }
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
                    out += Self.replacement; replaced += 1; i += 1
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
                    if prefixOK { carried = Array(bytes[i...]); break }
                }
                var valid = i + need < count
                if valid {
                    for k in 1...need {
                        let c = bytes[i + k]
                        if k == 1 ? !(lo...hi).contains(c) : !(0x80...0xBF).contains(c) { valid = false; break }
                    }
                }
                if valid {
                    out.append(contentsOf: bytes[i...(i + need)])
                    i += need + 1
                } else {
                    out += Self.replacement; replaced += 1; i += 1
                }
            }
        }
        output += out
        replacements += replaced
        carry = carried
    }
}
