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
        // WXR files open with a long comment: look far enough to reach the root element.
        let head = XMLStreamReader.readHead(url: url, count: 64 * 1024)
        let kind = ExportSniffer.kind(ofHead: head)
        let stream = try XMLStreamReader(url: url, displayPath: displayPath)
        let progress = ImportProgress(label: displayPath)
        switch kind {
        case .atom:
            return try BloggerAtomReader.read(stream, options: options, progress: progress)
        case .wordpress:
            return try WordPressReader.read(stream, options: options, progress: progress)
        case .otherXML, .notXML:
            // The head was not enough to tell: parse, so that a malformed file gets its line and
            // column, and an export whose root came late is still read.
            var rootName = ""
            var rootNamespace = ""
            try stream.run(root: { root in rootName = root.name; rootNamespace = root.namespace; return Int.max },
                           element: { _ in })
            let again = try XMLStreamReader(url: url, displayPath: displayPath)
            if rootName == "feed" && XNamespace.atom.matches(rootNamespace) {
                return try BloggerAtomReader.read(again, options: options, progress: progress)
            }
            if rootName == "rss" {
                return try WordPressReader.read(again, options: options, progress: progress)
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
