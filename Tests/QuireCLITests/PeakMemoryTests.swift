import Foundation
import Testing

/// quire reports its own peak memory at exit when asked, which is what the memory bounds of
/// the import tests read (the parent's wait4 counts the test process's memory in).
@Suite struct PeakMemoryTests {
    @Test func quireWritesItsPeakMemoryWhenAsked() throws {
        let dir = try TempDir()
        let file = dir.path("peak")
        let r = try run(quireBinary, ["--help"], env: ["QUIRE_PEAK_MEMORY_FILE": file])
        #expect(r.status == 0)
        let kilobytes = try #require(Int(try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // A help text takes a few megabytes; the test process around it takes far more.
        #expect(kilobytes > 500 && kilobytes < 100_000, "\(kilobytes) kB")
    }
}
