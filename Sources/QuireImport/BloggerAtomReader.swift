import Foundation
import QuireModel
import QuireSupport

/// Reads a Blogger export, classic backup or Takeout `feed.atom`, recognised entry by entry.
enum BloggerAtomReader {
    /// What the first pass learns: the comments of each post, the blog's addresses, what is skipped.
    private struct Survey {
        var comments: [String: [CommentDraft]] = [:]
        var feedLinks: [String] = []
        var permalinks: [String] = []
        /// Absolute link targets in posts, kept only while the feed names no address of its own
        /// (Takeout), to find the blog's host from links to its own posts.
        var hrefs: [String] = []
        var skipped: [String: Int] = [:]
        var classic = 0, takeout = 0, unknown = 0
    }

    /// Reads the export in two streaming passes: comments and addresses first, then posts, each
    /// handed to `onPost` complete with its comments as soon as it is read. Malformed XML is
    /// found by the first pass, before any post is handed over.
    static func read(url: URL, displayPath: String, options: ImportOptions,
                     onPost: (Post) throws -> Void) throws -> ImportBatch {
        let first = try XMLStreamReader(url: url, displayPath: displayPath)
        first.textLimit = options.maxPostBytes
        var survey = try surveyPass(first, options: options)
        var batch = ImportBatch(format: survey.takeout > survey.classic ? "blogger-takeout" : "blogger",
                                warnings: first.warnings, skipped: survey.skipped)
        batch.ownHosts = OwnLinks.hosts(of: survey.feedLinks + survey.permalinks)
        var inferredHost: String?
        if batch.ownHosts.isEmpty, let host = inferHost(permalinks: survey.permalinks, hrefs: survey.hrefs) {
            inferredHost = host
            batch.ownHosts = [host]
        }
        let hosts = batch.ownHosts
        let host = inferredHost
        let second = try XMLStreamReader(url: url, displayPath: displayPath)
        second.textLimit = options.maxPostBytes
        let progress = ImportProgress(label: displayPath)
        var usedKeys: Set<String> = []
        var nextNumber: [String: Int] = [:]
        var count = 0
        var warnings: [ImportWarning] = []
        // Posts are converted from HTML on every core while this thread reads on; they are
        // handed over in the order of the file.
        HTMLWalker.prepareForThreads()
        let conversions = OrderedWork<(Post, [ImportWarning])>(window: 64)
        func handOver(_ converted: (Post, [ImportWarning])) throws {
            warnings += converted.1
            count += 1
            progress.update(posts: count, bytes: second.bytesRead, total: second.fileSize)
            try onPost(converted.0)
        }
        do {
            try second.run(root: { _ in 1 }, element: { el in
                guard el.is(.atom, "entry"), let entry = entry(el), entry.kind == .post || entry.kind == .page else { return }
                if let reason = entry.unpublished, !(options.includeDrafts && reason == "draft") { return }
                var key = "blogger:" + entry.id
                // A draft may reuse the id of a live post; keep both apart. The next number to
                // try is kept per id: a file of thousands of entries with one id stays linear.
                var n = nextNumber[entry.id] ?? 2
                while usedKeys.contains(key) { key = "blogger:\(entry.id)#\(n)"; n += 1 }
                nextNumber[entry.id] = n
                usedKeys.insert(key)
                let sourceKey = key
                let comments = survey.comments.removeValue(forKey: entry.id) ?? []
                let line = el.line
                let cut = el.textCut
                if conversions.pending >= conversions.window, let done = conversions.next() { try handOver(done) }
                conversions.submit {
                    var warnings: [ImportWarning] = []
                    var p = post(from: entry, sourceKey: sourceKey, warnings: &warnings, file: displayPath, line: line)
                    CommentLinks.attach(comments, to: &p, ownHosts: Set(hosts))
                    if let cut { p.document.blocks.append(PostSizeLimit.note(limit: options.maxPostBytes, total: cut)) }
                    p.commentCount = comments.count
                    if let host, let link = p.permalink, link.hasPrefix("/") { p.permalink = "https://" + host + link }
                    var one = [p]
                    OwnLinks.markExplicit(&one, ownHosts: hosts)
                    return (one[0], warnings)
                }
                while let done = conversions.nextIfReady() { try handOver(done) }
            })
        } catch {
            conversions.cancel()
            throw error
        }
        conversions.close()
        while let done = conversions.next() { try handOver(done) }
        progress.finish(posts: count)
        batch.warnings += warnings
        return batch
    }

    /// The entry in either format, or nil when it carries no Blogger kind at all.
    private static func entry(_ el: XElement) -> BloggerEntry? {
        if BloggerTakeoutEntry.recognises(el) { return BloggerTakeoutEntry.read(el) }
        if BloggerClassicEntry.recognises(el) { return BloggerClassicEntry.read(el) }
        return nil
    }

    private static func surveyPass(_ stream: XMLStreamReader, options: ImportOptions) throws -> Survey {
        var survey = Survey()
        var pending: [String: [CommentDraft]] = [:]
        let progress = ImportProgress(label: stream.displayPath + " (comments)")
        try stream.run(root: { root in
            guard root.name == "feed", XNamespace.atom.matches(root.namespace) else {
                throw ImportError(file: stream.displayPath, line: 1, message: "not an Atom feed")
            }
            return 1
        }, element: { el in
            if el.is(.atom, "link"), el.attribute("rel") == "alternate", let href = el.attribute("href") {
                survey.feedLinks.append(href)
                return
            }
            guard el.is(.atom, "entry") else { return }
            if BloggerTakeoutEntry.recognises(el) { survey.takeout += 1 } else if BloggerClassicEntry.recognises(el) { survey.classic += 1 }
            guard let entry = entry(el) else {
                survey.unknown += 1
                survey.skipped["unknown entry", default: 0] += 1
                return
            }
            switch entry.kind {
            case .skipped(let reason):
                survey.skipped[reason, default: 0] += 1
            case .comment:
                if let reason = entry.unpublished {
                    survey.skipped["comment (\(reason))", default: 0] += 1
                } else if let postID = entry.postID {
                    pending[postID, default: []].append(comment(from: entry))
                }
            case .post, .page:
                if let reason = entry.unpublished, !(options.includeDrafts && reason == "draft") {
                    survey.skipped[reason, default: 0] += 1
                    return
                }
                if let link = entry.permalink { survey.permalinks.append(link) }
                if survey.feedLinks.isEmpty { survey.hrefs += absoluteHrefs(in: entry.html) }
            }
            progress.update(posts: survey.permalinks.count, bytes: stream.bytesRead, total: stream.fileSize)
        })
        progress.finish(posts: survey.permalinks.count)
        if survey.classic + survey.takeout == 0 && survey.unknown > 0 {
            throw ImportError(file: stream.displayPath, line: 1,
                              message: "an Atom feed, but not a Blogger export. \(ExportReader.knownFormats)")
        }
        survey.comments = pending.mapValues(CommentLinks.threaded)
        return survey
    }

    /// The HTML of an Atom `content` element, whatever its type.
    static func contentHTML(_ content: XElement) -> String {
        switch content.attribute("type") ?? "html" {
        case "text":
            let escaped = content.text.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            return escaped.replacingOccurrences(of: "\n", with: "<br>")
        case "xhtml":
            return serialise(content.children) + content.text
        default:
            return content.text
        }
    }

    private static func serialise(_ elements: [XElement]) -> String {
        elements.map { el in
            let attrs = el.attributes.map { " \($0.key)=\"\($0.value.replacingOccurrences(of: "\"", with: "&quot;"))\"" }.joined()
            return "<\(el.name)\(attrs)>" + el.text.replacingOccurrences(of: "<", with: "&lt;")
                + serialise(el.children) + "</\(el.name)>"
        }.joined()
    }

    private static func post(from e: BloggerEntry, sourceKey: String, warnings: inout [ImportWarning],
                             file: String, line: Int) -> Post {
        var references: [Reference] = []
        let content = HTMLDocumentConverter.convert(e.html, references: &references)
        let document = Document(blocks: content.blocks)
        var title = e.title
        if title.isEmpty { title = HTMLText.untitled(document) }
        if let elements = content.overBudget {
            warnings.append(ImportWarning(file: file, line: line, message: "\"\(title)\": " + MarkupBudget.warning(elements)))
        }
        let date: PostDate
        if let d = e.published ?? e.updated {
            date = d
        } else {
            warnings.append(ImportWarning(file: file, line: line, message: "\"\(title)\" has no date; dated 1970-01-01"))
            date = PostDate(year: 1970, month: 1, day: 1)
        }
        var slug = Slug.make(title)
        if let permalink = e.permalink, let last = permalinkStem(permalink) { slug = last }
        var labels: [String] = []
        var seen: Set<String> = []
        for label in e.labels.map(HTMLText.clean) where !label.isEmpty && seen.insert(label).inserted { labels.append(label) }
        return Post(sourceKey: sourceKey, slug: slug, title: title, date: date, updated: e.updated,
                    author: e.author.map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 },
                    permalink: e.permalink, labels: labels, document: document,
                    footnotes: content.footnotes, references: references, commentCount: e.total ?? 0,
                    kind: e.kind == .page ? "page" : "post")
    }

    /// `2011/10/nach-suzhou` from `/2011/10/nach-suzhou.html`: the last path part without `.html`.
    static func permalinkStem(_ permalink: String) -> String? {
        var path = Substring(permalink)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        guard let last = path.split(separator: "/").last, !last.contains(":") else { return nil }
        var stem = String(last)
        for ext in [".html", ".htm", ".php"] where stem.lowercased().hasSuffix(ext) { stem.removeLast(ext.count) }
        let slug = Slug.make(stem.removingPercentEncoding ?? stem)
        return slug == "post" && !stem.lowercased().hasPrefix("post") ? nil : slug
    }

    private static func comment(from e: BloggerEntry) -> CommentDraft {
        let converted = e.removed ? (blocks: [], references: []) : CommentLinks.convert(e.html, paragraphsFromNewlines: false)
        let author = e.author.map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 } ?? "Anonymous"
        return CommentDraft(comment: Comment(sourceID: BloggerEntry.shortID(e.id), parentID: e.parentCommentID, author: author,
                                             date: e.published, blocks: converted.blocks, removed: e.removed),
                            references: converted.references)
    }

    /// Link targets with a scheme, found cheaply in raw HTML: only their hosts are wanted.
    private static func absoluteHrefs(in html: String) -> [String] {
        var result: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: "href=") {
            rest = rest[r.upperBound...]
            guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
            let value = rest.dropFirst().prefix { $0 != quote }
            if value.hasPrefix("http://") || value.hasPrefix("https://") { result.append(String(value)) }
        }
        return result
    }

    /// Takeout gives relative permalinks only: the host that links to them most is the blog's.
    private static func inferHost(permalinks: [String], hrefs: [String]) -> String? {
        let paths = Set(permalinks.filter { $0.hasPrefix("/") }.map { MatchKey.path(ofURLKey: MatchKey.url("x" + $0)) })
        guard !paths.isEmpty else { return nil }
        var votes: [String: Int] = [:]
        for href in hrefs {
            guard let host = OwnLinks.host(of: href) else { continue }
            if paths.contains(MatchKey.path(ofURLKey: MatchKey.url(href))) { votes[host, default: 0] += 1 }
        }
        return votes.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
