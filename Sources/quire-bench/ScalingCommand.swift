import ArgumentParser
import Foundation

/// `quire-bench scaling`: hostile exports at one, ten and a hundred times a size, each imported
/// by `quire` in a process of its own into a new store. Where the work grows with the square
/// of the size (a label compared with every label before it), ten times the size takes a
/// hundred times as long; linear code takes about ten. Figures only: nothing is asserted.
struct ScalingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling", abstract: "Time imports of hostile exports at 1x, 10x and 100x a size.")
    @Option(help: "The sizes, as multiples of each case's base size.") var factors = "1,10,100"
    @Option(help: "Only the cases whose names contain this.") var only: String?
    @Option(help: "The quire binary (default: the one beside quire-bench).") var quire: String?
    @Option(help: "Working folder (removed afterwards).") var work = "bench-out/scaling"

    func run() throws {
        let quire = self.quire ?? RunCommand.siblingBinary("quire")
        let multiples = factors.split(separator: ",").compactMap { Int($0) }
        guard !multiples.isEmpty else { throw ValidationError("--factors: numbers separated by commas") }
        let root = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var table = BenchTable(command: "quire-bench scaling --factors \(factors)")
        for scenario in HostileScale.all where only.map({ scenario.name.contains($0) }) ?? true {
            var previous: Double?
            var figures: [String] = []
            for multiple in multiples {
                let n = scenario.base * multiple
                let input = root.appendingPathComponent(scenario.file)
                try? FileManager.default.removeItem(at: input)
                try scenario.write(n, input)
                let store = root.appendingPathComponent("store-\(multiple).sqlite").path
                log("\(scenario.name): \(n) \(scenario.unit)")
                let run = try Measure.spawn(quire, ["--store", store, "import", input.path])
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: store + suffix) }
                var figure = String(format: "%d: %.2f s", n, run.seconds)
                if run.status != 0 { figure += " (exit \(run.status))" }
                if let previous { figure += String(format: " (×%.1f)", run.seconds / previous) }
                figure += String(format: ", %.0f MB", run.maxRSSMB)
                figures.append(figure)
                previous = run.seconds
            }
            table.add("\(scenario.name), \(scenario.unit)", figures.joined(separator: "; "))
        }
        table.print()
        Swift.print("\nEach import is a whole process (start-up and a new store included). Ten times the size should take about ten times as long.")
    }

    private func log(_ s: String) { FileHandle.standardError.write(Data("· \(s)\n".utf8)) }
}

/// One shape of hostile export, written at any size.
struct HostileScale: Sendable {
    var name: String
    var unit: String
    var base: Int
    var file: String
    var write: @Sendable (Int, URL) throws -> Void

    static let kind = "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>"
    static let atomHead = "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>\n"

    static func bloggerEntry(id: String, title: String, extra: String = "", content: String = "text") -> String {
        "<entry><id>tag:blogger.com,1999:blog-1.post-\(id)</id><published>2030-01-01T10:00:00.000Z</published>\(kind)"
            + "<title type='text'>\(title)</title><content type='html'>\(content)</content>\(extra)</entry>\n"
    }

    static let wordPressHead = "<?xml version='1.0' encoding='UTF-8'?>\n<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/' "
        + "xmlns:wp='http://wordpress.org/export/1.2/'><channel><wp:wxr_version>1.2</wp:wxr_version><link>https://blog.example</link>\n"

    static func wordPressItem(id: Int, extra: String = "", link: String? = nil) -> String {
        "<item><title>Post \(id)</title>\(link.map { "<link>\($0)</link>" } ?? "")<content:encoded><![CDATA[<p>Text.</p>]]></content:encoded>"
            + "<wp:post_id>\(id)</wp:post_id><wp:post_date>2030-01-01 10:00:00</wp:post_date><wp:status>publish</wp:status>"
            + "<wp:post_type>post</wp:post_type>\(extra)</item>\n"
    }

    static func save(_ text: String, _ url: URL) throws {
        try save(url) { $0(text) }
    }

    /// Writes what `body` hands out in pieces, a megabyte at a time: the benchmark must stay
    /// small, since a process it starts counts the benchmark's memory in its own peak (Linux
    /// carries the peak across the exec of a spawned child).
    static func save(_ url: URL, _ body: ((String) -> Void) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var buffer = ""
        try body { piece in
            buffer += piece
            if buffer.utf8.count >= 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        handle.write(Data(buffer.utf8))
    }

    static let all: [HostileScale] = [
        HostileScale(name: "Blogger: labels on one post", unit: "labels", base: 6_000, file: "labels.xml") { n, url in
            try save(url) { out in
                out(atomHead + bloggerEntry(id: "1", title: "Labels", extra: "").replacingOccurrences(of: "</entry>\n", with: ""))
                for i in 0..<n { out("<category scheme='http://www.blogger.com/atom/ns#' term='label \(i)'/>") }
                out("</entry>\n</feed>\n")
            }
        },
        HostileScale(name: "Blogger: entries sharing one id", unit: "entries", base: 200, file: "ids.xml") { n, url in
            try save(url) { out in
                out(atomHead)
                for i in 0..<n { out(bloggerEntry(id: "1", title: "Twin \(i)")) }
                out("</feed>\n")
            }
        },
        HostileScale(name: "Markdown: tags in front matter", unit: "tags", base: 900, file: "2030-01-01-tags.md") { n, url in
            try save(url) { out in
                out("---\ntitle: Tags\ntags: [tag0")
                for i in 1..<n { out(", tag\(i)") }
                out("]\n---\n\nText.\n")
            }
        },
        HostileScale(name: "WordPress: categories on one item", unit: "categories", base: 2_000, file: "categories.xml") { n, url in
            try save(url) { out in
                out(wordPressHead + wordPressItem(id: 1, extra: "").replacingOccurrences(of: "</item>\n", with: ""))
                for i in 0..<n { out("<category domain='category' nicename='c\(i)'><![CDATA[Category \(i)]]></category>") }
                out("</item></channel></rss>\n")
            }
        },
        HostileScale(name: "WordPress: items linking to hosts of their own", unit: "items", base: 200, file: "hosts.xml") { n, url in
            try save(url) { out in
                out(wordPressHead)
                for i in 0..<n { out(wordPressItem(id: i + 1, link: "https://host\(i).example/p/\(i)/")) }
                out("</channel></rss>\n")
            }
        },
        HostileScale(name: "HTML: footnote markers all labelled 1", unit: "markers", base: 200, file: "markers.xml") { n, url in
            try save(url) { out in
                out(atomHead + bloggerEntry(id: "1", title: "Markers", content: "&lt;p&gt;Text ").replacingOccurrences(of: "</content></entry>\n", with: ""))
                for i in 0..<n { out("&lt;a href=\"#fn\(i)\"&gt;1&lt;/a&gt; ") }
                out("&lt;/p&gt;")
                for i in 0..<n { out("&lt;p&gt;&lt;a name=\"fn\(i)\"&gt;&lt;/a&gt;1. note \(i)&lt;/p&gt;") }
                out("</content></entry>\n</feed>\n")
            }
        },
        HostileScale(name: "Text: posts that share a title (one slug)", unit: "posts", base: 200, file: "same-title") { n, url in
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for i in 0..<n {
                let day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 1900 + i / 336
                try save(String(format: "%04d-%02d-%02d\n\nThe Same Title\n\nPost %d.\n", year, month, day, i),
                         url.appendingPathComponent("\(i).txt"))
            }
        },
    ]
}
