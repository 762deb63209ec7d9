import Foundation
import QuireModel

/// Reads a Blogger export, classic backup or Takeout `feed.atom`, recognised entry by entry.
enum BloggerAtomReader {
    private struct PendingComment {
        var postID: String
        var comment: Comment
    }

    static func read(_ stream: XMLStreamReader, options: ImportOptions, progress: ImportProgress) throws -> ImportBatch {
        var batch = ImportBatch(format: "blogger")
        var posts: [Post] = []
        var postIDs: [String] = []
        var comments: [PendingComment] = []
        var feedHosts: [String] = []
        var classic = 0, takeout = 0, unknown = 0
        var usedKeys: Set<String> = []

        try stream.run(root: { root in
            guard root.name == "feed", XNamespace.atom.matches(root.namespace) else {
                throw ImportError(file: stream.displayPath, line: 1, message: "not an Atom feed")
            }
            return 1
        }, element: { el in
            if el.is(.atom, "link"), el.attribute("rel") == "alternate", let href = el.attribute("href") {
                feedHosts.append(href)
                return
            }
            guard el.is(.atom, "entry") else { return }
            let entry: BloggerEntry
            if BloggerTakeoutEntry.recognises(el) {
                takeout += 1
                entry = BloggerTakeoutEntry.read(el)
            } else if BloggerClassicEntry.recognises(el) {
                classic += 1
                entry = BloggerClassicEntry.read(el)
            } else {
                unknown += 1
                batch.skipped["unknown entry", default: 0] += 1
                return
            }
            switch entry.kind {
            case .skipped(let reason):
                batch.skipped[reason, default: 0] += 1
            case .comment:
                if let reason = entry.unpublished {
                    batch.skipped["comment (\(reason))", default: 0] += 1
                } else if let c = comment(from: entry) {
                    comments.append(c)
                }
            case .post, .page:
                if let reason = entry.unpublished, !(options.includeDrafts && reason == "draft") {
                    batch.skipped[reason, default: 0] += 1
                    return
                }
                var key = "blogger:" + entry.id
                // A draft may reuse the id of a live post; keep both apart.
                var n = 2
                while usedKeys.contains(key) { key = "blogger:\(entry.id)#\(n)"; n += 1 }
                usedKeys.insert(key)
                posts.append(post(from: entry, sourceKey: key, warnings: &batch.warnings, file: stream.displayPath, line: el.line))
                postIDs.append(entry.id)
                progress.update(posts: posts.count, bytes: stream.bytesRead, total: stream.fileSize)
            }
        })
        progress.finish(posts: posts.count)
        if classic + takeout == 0 && unknown > 0 {
            throw ImportError(file: stream.displayPath, line: 1,
                              message: "an Atom feed, but not a Blogger export. \(ExportReader.knownFormats)")
        }
        batch.format = takeout > classic ? "blogger-takeout" : "blogger"
        attach(comments, to: &posts, ids: postIDs)
        batch.ownHosts = OwnLinks.hosts(of: feedHosts + posts.compactMap(\.permalink))
        if batch.ownHosts.isEmpty { inferHosts(&posts, into: &batch) }
        OwnLinks.markExplicit(&posts, ownHosts: batch.ownHosts)
        batch.warnings += stream.warnings
        batch.posts = posts
        return batch
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
        var title = HTMLText.plain(e.title)
        if title.isEmpty { title = HTMLText.untitled(document) }
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
        for label in e.labels.map(HTMLText.clean) where !label.isEmpty && !labels.contains(label) { labels.append(label) }
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

    private static func comment(from e: BloggerEntry) -> PendingComment? {
        guard let postID = e.postID else { return nil }
        let blocks = e.removed ? [] : HTMLDocumentConverter.convertComment(e.html)
        let author = e.author.map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 } ?? "Anonymous"
        let c = Comment(sourceID: BloggerEntry.shortID(e.id), parentID: e.parentCommentID, author: author,
                        date: e.published, blocks: blocks, removed: e.removed)
        return PendingComment(postID: postID, comment: c)
    }

    /// Gives each post its comments, oldest first; replies to unknown comments become top-level.
    private static func attach(_ comments: [PendingComment], to posts: inout [Post], ids: [String]) {
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
        var grouped: [Int: [Comment]] = [:]
        for c in comments {
            guard let i = index[c.postID] ?? index[c.postID.trimmingCharacters(in: .whitespaces)] else { continue }
            grouped[i, default: []].append(c.comment)
        }
        for (i, list) in grouped {
            let known = Set(list.map(\.sourceID))
            var sorted = list.sorted { ($0.date?.sortKey ?? "") < ($1.date?.sortKey ?? "") }
            for k in sorted.indices where sorted[k].parentID.map({ !known.contains($0) }) ?? false {
                sorted[k].parentID = nil
            }
            posts[i].comments = sorted
            posts[i].commentCount = sorted.count
        }
        for i in posts.indices where grouped[i] == nil { posts[i].commentCount = 0 }
    }

    /// Takeout gives relative permalinks only: a host whose links match them is the blog's own,
    /// and the permalinks are made absolute on it.
    private static func inferHosts(_ posts: inout [Post], into batch: inout ImportBatch) {
        let paths = Set(posts.compactMap(\.permalink).filter { $0.hasPrefix("/") }.map { MatchKey.url("x" + $0) })
        guard !paths.isEmpty else { return }
        var votes: [String: Int] = [:]
        for post in posts {
            for ref in post.references where ref.kind == .url {
                guard let host = OwnLinks.host(of: ref.target) else { continue }
                let key = MatchKey.url(ref.target)
                if paths.contains("x" + MatchKey.path(ofURLKey: key)) { votes[host, default: 0] += 1 }
            }
        }
        guard let host = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key else { return }
        batch.ownHosts = [host]
        for i in posts.indices {
            if let p = posts[i].permalink, p.hasPrefix("/") { posts[i].permalink = "https://" + host + p }
        }
    }
}
