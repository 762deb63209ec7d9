import Foundation
import Testing
import QuireImport
import QuireModel

/// A 200 MB Blogger export, each post followed by a comment. Streamed by the XML reader in
/// this process, it stays under 150 MB resident; imported whole by `quire import`, the import's
/// peak (wait4) stays under 300 MB; every post and comment is read and stored. Off unless
/// QUIRE_LARGE_TESTS=1: it takes minutes of both cores.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QUIRE_LARGE_TESTS"] == "1", "set QUIRE_LARGE_TESTS=1"))
struct LargeExportTests {
    @Test func aTwoHundredMegabyteExport() throws {
        let dir = try TempDir()
        let export = dir.url.appendingPathComponent("export.xml")
        let posts = try Self.writeExport(to: export, bytes: 200_000_000)

        // The reader alone. Resident memory now, not the process's peak (ru_maxrss), which
        // the other tests of this process may have set.
        var seen = 0, comments = 0, peakMB = Self.residentMB()
        _ = try ExportReader.readXML(at: export, displayPath: "large.xml", options: ImportOptions()) { post in
            seen += 1
            comments += post.comments.count
            if seen % 500 == 0 { peakMB = max(peakMB, Self.residentMB()) }
        }
        peakMB = max(peakMB, Self.residentMB())
        #expect(seen == posts)
        #expect(comments == posts)
        #expect(peakMB < min(150, Sanitizers.memoryLimitMB), "resident memory while reading: \(peakMB) MB")

        // The whole import.
        let store = dir.path("s.sqlite")
        // A hang guard: the import takes about a minute and a half here.
        let r = try run(quireBinary, ["--store", store, "import", export.path], timeout: 1800 * Sanitizers.slowdown)
        #expect(!r.timedOut && r.signal == nil && r.status == 0, "\(r.stderr.suffix(2000))")
        #expect(r.peakMB < Sanitizers.memoryLimitMB, "peak resident memory of the import: \(r.peakMB) MB")
        #expect(r.stdout.hasPrefix("imported \(posts),"), "\(r.stdout)")
        let stats = try JSONSerialization.jsonObject(with: try quire(store, "stats", "--json").stdoutBytes) as? [String: Any]
        #expect(stats?["posts"] as? Int == posts)
        #expect(stats?["comments"] as? Int == posts)
        #expect(try integrity(store) == "ok")
    }

    /// This process's resident memory now (/proc/self/statm), in megabytes.
    static func residentMB() -> Int {
        let fields = ((try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "").split(separator: " ")
        let pages = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }

    /// Posts of six linked paragraphs, each with one comment, until the file has `bytes` bytes.
    static func writeExport(to url: URL, bytes: Int) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        let kind = "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#"
        var written = 0
        func write(_ s: String) { let d = Data(s.utf8); out.write(d); written += d.count }
        write("<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>\n")
        write("<link rel='alternate' type='text/html' href='http://large.example.com/'/>\n")
        let words = ["tide", "harbour", "gull", "net", "boat", "dawn", "storm", "rope", "sail", "quay", "lantern", "anchor"]
        var n = 0
        while written < bytes {
            n += 1
            var body = ""
            for p in 0..<6 {
                let text = (0..<60).map { words[($0 * 7 + n * 3 + p) % words.count] }.joined(separator: " ")
                body += "&lt;p&gt;\(text) &lt;a href=\"http://large.example.com/2010/01/post-\(max(1, n - p)).html\"&gt;earlier&lt;/a&gt;&lt;/p&gt;"
            }
            write("<entry><id>tag:blogger.com,1999:blog-1.post-\(n)</id><published>2010-01-01T10:00:00.000+01:00</published>\(kind)post'/><title type='text'>Post \(n)</title><content type='html'>\(body)</content><link rel='alternate' type='text/html' href='http://large.example.com/2010/01/post-\(n).html'/></entry>\n")
            write("<entry><id>tag:blogger.com,1999:blog-1.post-9\(n)</id><published>2010-01-02T10:00:00.000+01:00</published>\(kind)comment'/><content type='html'>A comment on post \(n), rather short.</content><author><name>B</name></author><thr:in-reply-to ref='tag:blogger.com,1999:blog-1.post-\(n)'/></entry>\n")
        }
        write("</feed>\n")
        return n
    }
}
