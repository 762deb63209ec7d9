import Foundation
import QuireModel
import QuireSupport

/// Finds the right reader for each path given to `quire import` and reads it.
public enum SourceReader {
    /// Reads every path. Throws the first `ImportError`: an import is all or nothing.
    public static func read(paths: [String], options: ImportOptions = ImportOptions()) throws -> [ImportBatch] {
        try paths.map { try read(path: $0, options: options) }
    }

    /// Reads one file or folder whole.
    public static func read(path: String, options: ImportOptions) throws -> ImportBatch {
        var whole: ImportBatch?
        try stream(path: path, options: options) { chunk in
            if whole == nil { whole = chunk } else { whole!.append(chunk) }
        }
        return whole ?? ImportBatch(format: "text")
    }

    /// Reads one file or folder and hands its posts to `sink` in chunks, so that an archive of
    /// any size is never in memory at once. Throws the first `ImportError`.
    public static func stream(path: String, options: ImportOptions, into sink: (ImportBatch) throws -> Void) throws {
        try streamPosts(path: path, options: options) { chunk in try sink(limitingNesting(chunk, displayPath: path)) }
    }

    private static func streamPosts(path: String, options: ImportOptions, into sink: (ImportBatch) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ImportError(file: path, message: "no such file or folder")
        }
        if !isDir.boolValue {
            try streamFile(url, displayPath: path, options: options, into: sink)
        } else if try isMarkdownSite(url) {
            try sink(try ExportReader.readMarkdownFolder(at: url, displayPath: path, options: options))
        } else {
            try streamFolder(url, displayPath: path, options: options, into: sink)
        }
    }

    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "mkdn", "mmark"]

    /// The chunk with quotes and lists nested deeper than a stored post may be flattened
    /// (`Document.nestingLimit`), a warning for each post that was. Every format's posts pass
    /// here, whatever converted them.
    static func limitingNesting(_ chunk: ImportBatch, displayPath: String) -> ImportBatch {
        var chunk = chunk
        for i in chunk.posts.indices where chunk.posts[i].nestingDepth > Document.nestingLimit {
            chunk.posts[i].limitNesting()
            // A Markdown post's key is its path in the folder.
            let key = chunk.posts[i].sourceKey
            let file = key.hasPrefix("markdown:") && !displayPath.hasSuffix(key.dropFirst(9))
                ? joinedPath(displayPath, key.dropFirst(9)) : displayPath
            chunk.warnings.append(ImportWarning(file: file, line: nil, message: "\"\(chunk.posts[i].title)\" nests quotes or lists "
                + "more than \(Document.nestingLimit) levels deep: the deeper ones are flattened, their text kept"))
        }
        return chunk
    }

    /// A Jekyll or Hugo site, or a folder of Markdown posts: read by the Markdown reader whole,
    /// since posts there refer to each other by file name.
    static func isMarkdownSite(_ url: URL) throws -> Bool {
        let fm = FileManager.default
        // Jekyll's posts folder, even when it holds its posts in subfolders only (`_posts/es/…`).
        if url.standardizedFileURL.lastPathComponent == "_posts" { return true }
        for marker in ["_posts", "content", "_config.yml", "hugo.toml", "config.toml"]
            where fm.fileExists(atPath: url.appendingPathComponent(marker).path) { return true }
        let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        return names.contains { markdownExtensions.contains(($0 as NSString).pathExtension.lowercased()) && !isNotAPost($0) }
    }

    /// One file, recognised by its content first and its name second.
    static func streamFile(_ url: URL, displayPath: String, options: ImportOptions,
                           into sink: (ImportBatch) throws -> Void) throws {
        let head = (try? FileHandle(forReadingFrom: url)).map { h in defer { try? h.close() }; return (try? h.read(upToCount: 64 * 1024)) ?? Data() } ?? Data()
        let ext = url.pathExtension.lowercased()
        let text = String(decoding: head.prefix(512), as: UTF8.self).drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace })
        if ExportReader.looksLikeXMLExport(head) || ["xml", "atom"].contains(ext) || text.hasPrefix("<") {
            // libxml2 would call these "extra content" or "document is empty".
            if head.isEmpty {
                throw ImportError(file: displayPath, line: 1, message: "the file is empty: expected a Blogger or WordPress export")
            }
            if Self.looksBinary(head) {
                throw ImportError(file: displayPath, line: 1, message: "expected an XML export, found binary data")
            }
            try streamXML(url, displayPath: displayPath, options: options, into: sink)
        } else if markdownExtensions.contains(ext) || text.hasPrefix("---") || text.hasPrefix("+++") {
            try sink(try ExportReader.readMarkdownFile(at: url, displayPath: displayPath, options: options))
        } else if ext.isEmpty || ext == "txt" || ext == "text" {
            try sink(try readText(atPath: url.path, displayPath: displayPath, limit: options.maxPostBytes))
        } else {
            throw ImportError(file: displayPath, line: 1, message: "not a format Quire knows. Known formats: plain-text posts (.txt, see data/README.md), "
                + "Blogger backup (.xml), Blogger Takeout feed.atom, WordPress WXR (.xml), Markdown posts (.md) and Jekyll or Hugo folders")
        }
    }

    /// NUL bytes in a file that is not UTF-16 or UTF-32 (which have them in every character):
    /// a few, as a stray one is only a damaged byte the XML reader replaces.
    static func looksBinary(_ head: Data) -> Bool {
        guard head.prefix(8192).lazy.filter({ $0 == 0 }).count >= 4 else { return false }
        let start = Array(head.prefix(4))
        let marks: [[UInt8]] = [[0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF], [0x3C, 0x00], [0x00, 0x3C]]
        return !marks.contains { start.starts(with: $0) }
    }

    /// An XML export, its posts handed on in chunks as the reader finds them.
    static func streamXML(_ url: URL, displayPath: String, options: ImportOptions,
                          into sink: (ImportBatch) throws -> Void) throws {
        var chunk: [Post] = []
        // The format's exact name comes with the summary at the end; chunks before it need one now.
        let head = XMLStreamReader.readHead(url: url, count: 64 * 1024)
        var format = ExportSniffer.kind(ofHead: head) == .wordpress ? "wordpress" : "blogger"
        var summary = try ExportReader.readXML(at: url, displayPath: displayPath, options: options) { post in
            chunk.append(post)
            if chunk.count == chunkSize {
                try sink(ImportBatch(format: format, posts: chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        format = summary.format
        summary.posts = chunk
        try sink(summary)
    }

    /// Posts parsed and handed on together.
    static let chunkSize = 64

    /// File names that describe a folder rather than being posts in it.
    static func isNotAPost(_ name: String) -> Bool {
        if name.hasPrefix(".") { return true }
        let stem = name.lastIndex(of: ".").map { name[..<$0] } ?? name[...]
        return stem.utf8.count <= 12 && ["README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "INDEX"].contains(stem.uppercased())
    }

    /// `relative` under `base` as `NSString.appendingPathComponent` joins them (one slash between).
    static func joinedPath(_ base: String, _ relative: Substring) -> String {
        if base.isEmpty { return String(relative) }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    static func streamFolder(_ url: URL, displayPath: String, options: ImportOptions,
                             into sink: (ImportBatch) throws -> Void) throws {
        var batch = ImportBatch(format: "text")
        var textFiles: [(file: FolderWalk.File, shown: String)] = []
        // Paths as bytes and strings: a URL per file (percent-encoding, path components) cost
        // more than listing the folder, for 100,000 posts most of a second before the first was read.
        let walk = try FolderWalk(root: url.path, displayPath: displayPath)
        for link in walk.linksOutside {
            batch.warnings.append(ImportWarning(file: joinedPath(displayPath, Substring(link.relative)), line: nil,
                                                message: "a link to \(link.target), outside the folder: skipped"))
            batch.skipped["link out of the folder", default: 0] += 1
        }
        for file in walk.files {
            let shown = joinedPath(displayPath, Substring(file.relative))
            let name = file.name
            let ext = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
            if isNotAPost(String(name)) {
                batch.skipped["readme", default: 0] += 1
            } else if ext == "txt" {
                textFiles.append((file, shown))
            } else if ext == "xml" || ext == "atom" {
                do {
                    try FolderWalk.withOpenablePath(file) { path in
                        try streamXML(URL(fileURLWithPath: path, isDirectory: false), displayPath: shown, options: options, into: sink)
                    }
                } catch let failure as FileBytes.Failure {
                    throw ImportError(file: shown, message: "cannot be read (\(failure))")
                }
            } else {
                batch.skipped["other file", default: 0] += 1
            }
        }
        try sink(batch)
        // Progress counts files, so the time left is known from the start.
        let progress = ImportProgress(label: displayPath)
        var done = 0
        // Files are parsed on every core, a group per job, while earlier posts are written;
        // results come back in file order, so the first error reported is the first bad file.
        let groups = OrderedWork<[Result<ImportBatch, Error>]>(window: 32)
        var chunk = ImportBatch(format: "text")
        func take(_ results: [Result<ImportBatch, Error>]) throws {
            for result in results { chunk.append(try result.get()) }
            if chunk.posts.count >= chunkSize {
                try sink(chunk)
                done += chunk.posts.count
                progress.update(posts: done, bytes: Int64(done), total: Int64(textFiles.count))
                chunk = ImportBatch(format: "text")
            }
        }
        do {
            for start in stride(from: 0, to: textFiles.count, by: textGroup) {
                let files = Array(textFiles[start..<min(textFiles.count, start + textGroup)])
                if groups.pending >= groups.window, let results = groups.next() { try take(results) }
                let limit = options.maxPostBytes
                groups.submit { files.map { file in Result { try readText(file.file, displayPath: file.shown, limit: limit) } } }
                while let results = groups.nextIfReady() { try take(results) }
            }
            groups.close()
            while let results = groups.next() { try take(results) }
        } catch {
            groups.cancel()
            throw error
        }
        if !chunk.posts.isEmpty || !chunk.warnings.isEmpty {
            try sink(chunk)
            done += chunk.posts.count
        }
        progress.finish(posts: done)
    }

    /// Text files parsed in one job.
    static let textGroup = 64

    /// One plain-text post; past `limit` bytes the file is not read, and the post is cut.
    static func readText(atPath path: String, displayPath: String, limit: Int) throws -> ImportBatch {
        let data: Data, size: Int
        do { (data, size) = try FileBytes.read(path, limit: limit + 1) } catch {
            throw ImportError(file: displayPath, message: "cannot be read (\(error))")
        }
        guard size > limit else {
            let (post, warnings) = try PlainTextReader.read(data: data, displayPath: displayPath)
            return ImportBatch(format: "text", posts: [post], warnings: warnings)
        }
        var (post, warnings) = try PlainTextReader.read(data: PostSizeLimit.cut(data, limit: limit), displayPath: displayPath)
        post.document.blocks.append(PostSizeLimit.note(limit: limit, total: size))
        warnings.append(ImportWarning(file: displayPath, line: nil, message: PostSizeLimit.warning(title: post.title, limit: limit, total: size)))
        return ImportBatch(format: "text", posts: [post], warnings: warnings)
    }

    static func readText(_ file: FolderWalk.File, displayPath: String, limit: Int) throws -> ImportBatch {
        do {
            return try FolderWalk.withOpenablePath(file) { try readText(atPath: $0, displayPath: displayPath, limit: limit) }
        } catch let failure as FileBytes.Failure {
            throw ImportError(file: displayPath, message: "cannot be read (\(failure))")
        }
    }
}
