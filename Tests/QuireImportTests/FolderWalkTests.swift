import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// File names are bytes: a folder holding a name that is not UTF-8 is read whole, the name
/// shown escaped; links that leave the folder are skipped and said.
@Suite struct FolderWalkTests {
    /// The validator agrees with the standard library's on random bytes, NUL aside.
    @Test func utf8ValidationMatchesTheStandardLibrary() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        for length in 0..<2_000 {
            // Mostly bytes that could start or continue a sequence, so that some are valid.
            let bytes = (0..<(length % 12)).map { _ in next() % 3 == 0 ? 0x41 : 0x80 | next() }
            let ours = String(validatingUTF8Bytes: bytes)
            let theirs = bytes.contains(0) ? nil : String(validating: bytes, as: UTF8.self)
            #expect(ours == theirs, "\(bytes)")
            if ours == nil { #expect(FolderWalk.escaped(bytes).contains("\\x")) } else { #expect(FolderWalk.escaped(bytes) == ours) }
        }
    }

    @Test func escapingKeepsWhatIsUTF8() {
        #expect(FolderWalk.escaped(Array("caf".utf8) + [0xE9] + Array(".txt".utf8)) == "caf\\xE9.txt")
        #expect(FolderWalk.escaped(Array("café".utf8)) == "café")
        #expect(FolderWalk.escaped([0xC3]) == "\\xC3")
        #expect(FolderWalk.escaped([0xED, 0xA0, 0x80]) == "\\xED\\xA0\\x80")
        #expect(FolderWalk.escaped([0xF0, 0x9F, 0x98, 0x80, 0xFF]) == "😀\\xFF")
    }

    @Test func aFolderWithNamesThatAreNotUTF8() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-names-\(UUID().uuidString)")
        let outside = root.appendingPathComponent("outside")
        let folder = root.appendingPathComponent("posts")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ name: [UInt8], _ text: String) {
            let path = Array(folder.path.utf8) + [0x2F] + name + [0]
            let fd = path.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
            }
            #expect(fd >= 0)
            _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
            close(fd)
        }
        write(Array("caf".utf8) + [0xE9] + Array(".txt".utf8), "2030-01-01\n\nCafe\n\nThe first post.\n")
        write(Array("good.txt".utf8), "2030-01-02\n\nGood\n\nThe second post.\n")
        try Data("2030-01-03\n\nOutside\n\nNothing from here.\n".utf8).write(to: outside.appendingPathComponent("o.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("environ.txt").path, withDestinationPath: "/proc/self/environ")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out.txt").path, withDestinationPath: "../outside/o.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("same.txt").path, withDestinationPath: "good.txt")

        let batch = try SourceReader.read(path: folder.path, options: ImportOptions())
        #expect(batch.posts.map(\.title).sorted() == ["Cafe", "Good", "Good"])
        #expect(batch.skipped["link out of the folder"] == 2)
        #expect(batch.warnings.map(\.description).sorted() == [
            "\(folder.path)/environ.txt: warning: a link to /proc/\(getpid())/environ, outside the folder: skipped",
            "\(folder.path)/out.txt: warning: a link to \(outside.path)/o.txt, outside the folder: skipped",
        ].map { $0.replacingOccurrences(of: "/tmp/", with: URL(fileURLWithPath: "/tmp").resolvingSymlinksInPath().path + "/") }.sorted())

        // A broken post under such a name is reported by it, escaped.
        write(Array("bad".utf8) + [0xFF] + Array(".txt".utf8), "not a date\n")
        #expect { try SourceReader.read(path: folder.path, options: ImportOptions()) } throws: { error in
            "\(error)".hasPrefix("\(folder.path)/bad\\xFF.txt:1: error:")
        }
    }
}
