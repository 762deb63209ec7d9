import Foundation
import QuireModel

/// Reads a WordPress eXtended RSS export (WXR 1.0 to 1.2, `http` or `https` namespace).
enum WordPressReader {
    private struct Site {
        var baseSiteURL: String?
        var baseBlogURL: String?
        var link: String?
        /// The address posts hang off for `?p=ID`: the blog's URL, else the site's.
        var home: String? { baseBlogURL ?? link ?? baseSiteURL }
        /// The blog's own addresses; WordPress.com gives its own `wordpress.com` as the site URL.
        var ownAddresses: [String] {
            var a = [baseBlogURL, link].compactMap { $0 }
            if let s = baseSiteURL, OwnLinks.host(of: s) != "wordpress.com" { a.append(s) }
            return a
        }
    }

    /// Reads the export in one streaming pass, handing each post to `onPost` as soon as it is
    /// read (comments are inside the items). If it throws, discard the posts handed over.
    static func read(url: URL, displayPath: String, options: ImportOptions,
                     onPost: (Post) throws -> Void) throws -> ImportBatch {
        let stream = try XMLStreamReader(url: url, displayPath: displayPath)
        let progress = ImportProgress(label: displayPath)
        var batch = ImportBatch(format: "wordpress")
        var site = Site()
        var count = 0
        var sawWordPress = false
        var usedKeys: Set<String> = []

        try stream.run(root: { root in
            guard root.name == "rss" else {
                throw ImportError(file: stream.displayPath, line: 1, message: "not an RSS document")
            }
            sawWordPress = root.declaredNamespaces.contains(where: XNamespace.isWordPress)
            return 2
        }, element: { el in
            if el.is(.wordpress, "base_site_url") { site.baseSiteURL = trimmed(el.text); sawWordPress = true; return }
            if el.is(.wordpress, "base_blog_url") { site.baseBlogURL = trimmed(el.text); sawWordPress = true; return }
            if el.is(.none, "link") { site.link = trimmed(el.text); return }
            guard el.is(.none, "item") else { return }
            if !sawWordPress && el.children.contains(where: { XNamespace.wordpress.matches($0.namespace) }) {
                sawWordPress = true
            }
            guard sawWordPress else {
                throw ImportError(file: stream.displayPath, line: 1,
                                  message: "an RSS feed, but not a WordPress export. \(ExportReader.knownFormats)")
            }
            guard var post = item(el, site: site, options: options, batch: &batch, file: stream.displayPath) else { return }
            let base = post.sourceKey
            var n = 2
            while usedKeys.contains(post.sourceKey) { post.sourceKey = "\(base)-\(n)"; n += 1 }
            usedKeys.insert(post.sourceKey)
            // The site's addresses come before the items, so each post can be judged as it comes.
            for host in OwnLinks.hosts(of: site.ownAddresses + [post.permalink].compactMap { $0 }) where !batch.ownHosts.contains(host) {
                batch.ownHosts.append(host)
            }
            var one = [post]
            OwnLinks.markExplicit(&one, ownHosts: batch.ownHosts)
            count += 1
            progress.update(posts: count, bytes: stream.bytesRead, total: stream.fileSize)
            try onPost(one[0])
        })
        progress.finish(posts: count)
        guard sawWordPress else {
            throw ImportError(file: stream.displayPath, line: 1,
                              message: "an RSS feed, but not a WordPress export. \(ExportReader.knownFormats)")
        }
        for host in OwnLinks.hosts(of: site.ownAddresses) where !batch.ownHosts.contains(host) { batch.ownHosts.append(host) }
        batch.warnings += stream.warnings
        return batch
    }

    private static func trimmed(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    private static func item(_ el: XElement, site: Site, options: ImportOptions,
                             batch: inout ImportBatch, file: String) -> Post? {
        let type = trimmed(el.text(.wordpress, "post_type") ?? "") ?? "post"
        guard type == "post" || type == "page" else {
            batch.skipped[type, default: 0] += 1
            return nil
        }
        let status = trimmed(el.text(.wordpress, "status") ?? "") ?? "publish"
        if status != "publish" {
            let reason: String
            switch status {
            case "private": reason = "private"
            case "trash": reason = "trash"
            case "auto-draft", "inherit": reason = status
            default: reason = "draft"
            }
            let includable = options.includeDrafts && status != "auto-draft" && status != "inherit"
            if !includable {
                batch.skipped[reason, default: 0] += 1
                return nil
            }
        }
        let postID = trimmed(el.text(.wordpress, "post_id") ?? "") ?? ""
        var meta: [String: String] = [:]
        for m in el.all(.wordpress, "postmeta") {
            if let k = m.text(.wordpress, "meta_key").flatMap(trimmed) { meta[k] = m.text(.wordpress, "meta_value") ?? "" }
        }

        // Body: shortcodes and core footnotes first, then the HTML.
        let raw = el.text(.rssContent, "encoded") ?? ""
        let shortcodes = WordPressShortcodes.process(raw)
        var known: [String: String] = [:]
        for note in shortcodes.notes { known[note.id] = note.html }
        for note in coreFootnotes(meta["footnotes"]) { known[note.id] = note.html }
        var convertOptions = HTMLDocumentConverter.Options()
        convertOptions.paragraphsFromNewlines = !raw.contains("<!-- wp:")
        convertOptions.knownNotes = known
        var references: [Reference] = []
        let content = HTMLDocumentConverter.convert(shortcodes.html, options: convertOptions, references: &references)
        let document = Document(blocks: content.blocks)

        var title = HTMLText.plain(el.text(.none, "title") ?? "")
        if title.isEmpty { title = HTMLText.untitled(document) }
        if let elements = content.overBudget {
            batch.warnings.append(ImportWarning(file: file, line: el.line, message: "\"\(title)\": " + MarkupBudget.warning(elements)))
        }
        let date = postDate(local: el.text(.wordpress, "post_date"), gmt: el.text(.wordpress, "post_date_gmt"),
                            pubDate: el.text(.none, "pubDate"))
        if date == nil {
            batch.warnings.append(ImportWarning(file: file, line: el.line, message: "\"\(title)\" has no date; dated 1970-01-01"))
        }
        let permalink = el.text(.none, "link").flatMap(trimmed)
        var aliases: [String] = []
        if let guid = el.text(.none, "guid").flatMap(trimmed), guid != permalink, guid.contains("://") { aliases.append(guid) }
        if let home = site.home, !postID.isEmpty {
            let base = home.hasSuffix("/") ? String(home.dropLast()) : home
            for alias in ["\(base)/?p=\(postID)"] + (type == "page" ? ["\(base)/?page_id=\(postID)"] : [])
            where !aliases.contains(alias) && alias != permalink {
                aliases.append(alias)
            }
        }
        var slug: String
        if let name = el.text(.wordpress, "post_name").flatMap(trimmed) {
            slug = Slug.make(name.removingPercentEncoding ?? name)
        } else if let p = permalink, let stem = BloggerAtomReader.permalinkStem(p) {
            slug = stem
        } else {
            slug = Slug.make(title)
        }
        if slug == "post" && !title.isEmpty { slug = Slug.make(title) }

        var labels: [String] = []
        for c in el.all(.none, "category") {
            let domain = c.attribute("domain")
            guard domain == nil || domain == "category" || domain == "post_tag" || domain == "tag" else { continue }
            let name = HTMLText.plain(c.text)
            if !name.isEmpty, !labels.contains(where: { $0.lowercased() == name.lowercased() }) { labels.append(name) }
        }
        let comments = el.all(.wordpress, "comment").compactMap(comment)
        let key = "wordpress:\(site.home ?? site.baseSiteURL ?? "")#\(postID.isEmpty ? slug : postID)"
        return Post(sourceKey: key, slug: slug, title: title, date: date ?? PostDate(year: 1970, month: 1, day: 1),
                    updated: postDate(local: el.text(.wordpress, "post_modified"),
                                      gmt: el.text(.wordpress, "post_modified_gmt"), pubDate: nil),
                    author: el.text(.dublinCore, "creator").map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 },
                    permalink: permalink, aliases: aliases, labels: labels, document: document,
                    footnotes: content.footnotes, references: references,
                    commentCount: comments.count, comments: threaded(comments), kind: type)
    }

    /// The author's local time from `post_date`, with the offset its GMT twin implies.
    /// `post_date_gmt` is `0000-00-00 00:00:00` for drafts: then the local time alone.
    static func postDate(local: String?, gmt: String?, pubDate: String?) -> PostDate? {
        let localDate = local.flatMap(DateParsing.iso)
        var gmtDate = gmt.flatMap(DateParsing.iso)
        gmtDate?.utcOffsetMinutes = 0
        if var d = localDate {
            if let g = gmtDate { d.utcOffsetMinutes = DateParsing.offset(local: d, utc: g) }
            return d
        }
        if let g = gmtDate { return g }
        return pubDate.flatMap(DateParsing.rfc822)
    }

    /// The notes of WordPress's core footnotes block: a JSON list of `{id, content}` in post meta.
    static func coreFootnotes(_ json: String?) -> [(id: String, html: String)] {
        guard let data = json?.data(using: .utf8),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let id = entry["id"] as? String, let content = entry["content"] as? String else { return nil }
            return (id, content)
        }
    }

    private static func comment(_ el: XElement) -> Comment? {
        let approved = trimmed(el.text(.wordpress, "comment_approved") ?? "") ?? "1"
        let type = trimmed(el.text(.wordpress, "comment_type") ?? "") ?? "comment"
        guard approved == "1", type == "comment" else { return nil }
        let id = trimmed(el.text(.wordpress, "comment_id") ?? "") ?? ""
        let parent = trimmed(el.text(.wordpress, "comment_parent") ?? "").flatMap { $0 == "0" ? nil : $0 }
        let author = HTMLText.plain(el.text(.wordpress, "comment_author") ?? "")
        let blocks = HTMLDocumentConverter.convertComment(el.text(.wordpress, "comment_content") ?? "",
                                                          paragraphsFromNewlines: true)
        return Comment(sourceID: id, parentID: parent, author: author.isEmpty ? "Anonymous" : author,
                       date: postDate(local: el.text(.wordpress, "comment_date"),
                                      gmt: el.text(.wordpress, "comment_date_gmt"), pubDate: nil),
                       blocks: blocks)
    }

    /// Oldest first; a reply whose parent was dropped (spam, pending) becomes top-level.
    private static func threaded(_ comments: [Comment]) -> [Comment] {
        let ids = Set(comments.map(\.sourceID))
        return comments.sorted { ($0.date?.sortKey ?? "") < ($1.date?.sortKey ?? "") }.map { c in
            var c = c
            if let p = c.parentID, !ids.contains(p) { c.parentID = nil }
            return c
        }
    }
}
