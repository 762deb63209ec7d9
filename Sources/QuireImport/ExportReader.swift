import Foundation
import QuireModel

/// Reads blog exports: Blogger (classic and Takeout), WordPress WXR and Markdown folders.
public enum ExportReader {
    /// The formats, named for messages about files that are none of them.
    static let knownFormats = "Known formats: Blogger backup (Atom), Blogger Takeout feed.atom, "
        + "WordPress export (WXR), Markdown folders (Jekyll, Hugo) and plain-text posts."

    /// Reads one XML export file (Blogger classic, Blogger Takeout, WordPress WXR), recognised by content.
    /// Throws `ImportError` (file, line, column, message) when the file is malformed or of an
    /// unknown XML format (the message names the known formats).
    public static func readXML(at url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        var posts: [Post] = []
        var batch = try readXML(at: url, displayPath: displayPath, options: options) { posts.append($0) }
        batch.posts = posts
        return batch
    }

    /// Reads one XML export as a stream, handing each post to `onPost` as soon as it is complete,
    /// so that memory stays flat however large the export. The batch returned carries everything
    /// but the posts (format, skipped entries, warnings, the blog's hosts). When this throws,
    /// the posts already handed over must be discarded: an import is all or nothing.
    public static func readXML(at url: URL, displayPath: String, options: ImportOptions,
                               onPost: (Post) throws -> Void) throws -> ImportBatch {
        // WXR files open with a long comment: look far enough to reach the root element.
        let head = XMLStreamReader.readHead(url: url, count: 64 * 1024)
        switch ExportSniffer.kind(ofHead: head) {
        case .atom:
            return try BloggerAtomReader.read(url: url, displayPath: displayPath, options: options, onPost: onPost)
        case .wordpress:
            return try WordPressReader.read(url: url, displayPath: displayPath, options: options, onPost: onPost)
        case .otherXML, .notXML:
            // The head was not enough to tell: parse, so that a malformed file gets its line and
            // column, and an export whose root came late is still read.
            var rootName = ""
            var rootNamespace = ""
            let stream = try XMLStreamReader(url: url, displayPath: displayPath)
            try stream.run(root: { root in rootName = root.name; rootNamespace = root.namespace; return Int.max },
                           element: { _ in })
            if rootName == "feed" && XNamespace.atom.matches(rootNamespace) {
                return try BloggerAtomReader.read(url: url, displayPath: displayPath, options: options, onPost: onPost)
            }
            if rootName == "rss" {
                return try WordPressReader.read(url: url, displayPath: displayPath, options: options, onPost: onPost)
            }
            throw ImportError(file: displayPath, line: 1,
                              message: "an XML document (<\(rootName)>) that is not a blog export. \(knownFormats)")
        }
    }

    /// Whether the file's first bytes look like one of the XML exports (Atom feed or RSS with the wp namespace).
    public static func looksLikeXMLExport(_ head: Data) -> Bool {
        switch ExportSniffer.kind(ofHead: head) {
        case .atom, .wordpress: return true
        case .otherXML, .notXML: return false
        }
    }

    /// Reads a folder of Markdown posts (Jekyll/Hugo); the folder may be the site root, `_posts`, or `content/posts`.
    public static func readMarkdownFolder(at url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        try MarkdownReader.readFolder(at: url, displayPath: displayPath, options: options)
    }

    /// Reads one Markdown file on its own.
    public static func readMarkdownFile(at url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        try MarkdownReader.readFile(at: url, displayPath: displayPath, options: options)
    }
}
