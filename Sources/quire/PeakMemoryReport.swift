import Foundation

/// Writes the process's peak resident memory to a file at exit, when `QUIRE_PEAK_MEMORY_FILE`
/// names one: the tests' way to hold an import or a `show` to a memory bound.
///
/// The parent cannot measure it: `wait4`'s `ru_maxrss` is the larger of the child's peak and
/// the peak of the memory it was started from, and a child started with `posix_spawn` (vfork)
/// starts from its parent's, so a test process of 300 MB saw every child "use" 300 MB.
/// `VmHWM` in /proc/self/status is the peak of this program's own memory since it started.
enum PeakMemoryReport {
    static let variable = "QUIRE_PEAK_MEMORY_FILE"

    static func installIfAsked() {
        guard getenv(variable) != nil else { return }
        atexit { PeakMemoryReport.write() }
    }

    /// The peak in kilobytes, from `VmHWM:   123456 kB`.
    static func peakKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst("VmHWM:".count).filter(\.isNumber))
    }

    private static func write() {
        guard let path = getenv(variable).map({ String(cString: $0) }), let kb = peakKilobytes() else { return }
        try? "\(kb)\n".write(toFile: path, atomically: false, encoding: .utf8)
    }
}
