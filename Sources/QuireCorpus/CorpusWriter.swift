import Foundation
import QuireModel

/// Writes a generated corpus to disk, as plain-text posts or as one Blogger backup file.
public enum CorpusWriter {
    public enum Format: String, CaseIterable, Sendable { case text, blogger }

    /// Writes `posts/YYYY/MM/slug.txt` files under `folder`; returns the bytes of post text written.
    @discardableResult
    public static func writeText(_ corpus: CorpusGenerator, to folder: URL) throws -> Int {
        try writeText(count: corpus.count, post: corpus.post, to: folder)
    }

    /// Writes the `count` posts `post` makes as `posts/YYYY/MM/slug.txt` files under `folder`;
    /// returns the bytes of post text written.
    @discardableResult
    public static func writeText(count: Int, post: (Int) -> CorpusGenerator.GeneratedPost, to folder: URL) throws -> Int {
        let fm = FileManager.default
        var total = 0
        for i in 0..<count {
            let p = post(i)
            let dir = folder.appendingPathComponent(String(format: "posts/%04d/%02d", p.date.year, p.date.month))
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let data = Data(text(p).utf8)
            total += data.count
            try data.write(to: dir.appendingPathComponent(p.slug + ".txt"))
        }
        return total
    }

    /// One post in the plain-text format of `data/README.md`.
    public static func text(_ p: CorpusGenerator.GeneratedPost) -> String {
        var s = p.date.longDescription + "\n\n" + p.title + "\n\n"
        s += p.paragraphs.joined(separator: "\n\n") + "\n\n"
        for (i, note) in p.notes.enumerated() { s += "\(i + 1). \(note)\n" }
        if !p.notes.isEmpty { s += "\n" }
        s += "Labels: " + p.labels.joined(separator: ", ") + "\n"
        s += p.comments == 0 ? "No comments:\n" : p.comments == 1 ? "1 comment:\n" : "\(p.comments) comments:\n"
        return s
    }

    /// Writes a Blogger classic backup (Atom) to `file`, streaming post by post.
    @discardableResult
    public static func writeBlogger(_ corpus: CorpusGenerator, to file: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total = 0
        func emit(_ s: String) throws { let d = Data(s.utf8); total += d.count; try handle.write(contentsOf: d) }
        try emit("""
            <?xml version='1.0' encoding='UTF-8'?>
            <feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' \
            xmlns:georss='http://www.georss.org/georss' xmlns:thr='http://purl.org/syndication/thread/1.0'>
            <id>tag:blogger.com,1999:blog-1000</id><title type='text'>Bench Blog</title>
            <link rel='alternate' type='text/html' href='http://bench.blogspot.com/'/>

            """)
        for i in 0..<corpus.count {
            let p = corpus.post(i)
            let stamp = String(format: "%04d-%02d-%02dT%02d:%02d:00.000+01:00", p.date.year, p.date.month, p.date.day, p.date.hour, p.date.minute)
            let url = String(format: "http://bench.blogspot.com/%04d/%02d/", p.date.year, p.date.month) + p.slug + ".html"
            var html = p.paragraphs.map { xmlEscape($0).replacingOccurrences(of: "[1]", with: "<sup><a href=\"#fn1\">[1]</a></sup>") }
                .joined(separator: "<br /><br />")
            if !p.notes.isEmpty { html += "<br /><br /><a name=\"fn1\"></a>1. " + xmlEscape(p.notes[0]) }
            var entry = "<entry><id>tag:blogger.com,1999:blog-1000.post-\(i)</id>"
            entry += "<published>\(stamp)</published><updated>\(stamp)</updated>"
            entry += "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>"
            for label in p.labels { entry += "<category scheme='http://www.blogger.com/atom/ns#' term='\(xmlEscape(label))'/>" }
            entry += "<title type='text'>\(xmlEscape(p.title))</title>"
            entry += "<content type='html'>\(xmlEscape(html))</content>"
            entry += "<link rel='alternate' type='text/html' href='\(url)' title='\(xmlEscape(p.title))'/>"
            entry += "<author><name>Bench Author</name></author></entry>\n"
            try emit(entry)
        }
        try emit("</feed>\n")
        return total
    }

    static func xmlEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
