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
        stream.textLimit = options.maxPostBytes
        let progress = ImportProgress(label: displayPath)
        var batch = ImportBatch(format: "wordpress")
        var site = Site()
        var count = 0
        var sawWordPress = false
        var usedKeys: Set<String> = []
        // The next number to try per key: thousands of items with one id stay linear.
        var nextNumber: [String: Int] = [:]
        // `batch.ownHosts` as a set: an export whose every item links to a host of its own
        // would otherwise be searched whole for each item.
        var ownHosts: Set<String> = []
        /// Ids of every post and page in the export, whatever their status: a revision whose
        /// post is among them is an old version of it.
        var itemIDs: Set<String> = []
        /// The newest revision of each post id, kept until the end shows whether its post is there.
        var revisions: [String: Revision] = [:]

        /// A post whose item held more text than is read ends with a note saying so.
        func noted(_ item: (Post, [CommentDraft]), _ el: XElement) -> (Post, [CommentDraft]) {
            var item = item
            if let cut = el.textCut { item.0.document.blocks.append(PostSizeLimit.note(limit: options.maxPostBytes, total: cut)) }
            return item
        }

        func handOver(_ item: (Post, [CommentDraft])) throws {
            var (post, drafts) = item
            let base = post.sourceKey
            var n = nextNumber[base] ?? 2
            while usedKeys.contains(post.sourceKey) { post.sourceKey = "\(base)-\(n)"; n += 1 }
            nextNumber[base] = n
            usedKeys.insert(post.sourceKey)
            // The site's addresses come before the items, so each post can be judged as it comes.
            for host in OwnLinks.hosts(of: site.ownAddresses + [post.permalink].compactMap { $0 }) where ownHosts.insert(host).inserted {
                batch.ownHosts.append(host)
            }
            CommentLinks.attach(drafts, to: &post, ownHosts: ownHosts)
            drafts = []
            var one = [post]
            OwnLinks.markExplicit(&one, ownHosts: ownHosts)
            count += 1
            progress.update(posts: count, bytes: stream.bytesRead, total: stream.fileSize)
            try onPost(one[0])
        }

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
            // Namespaces are told by their address, not their prefix: an item whose `wp:` names
            // another namespace (or that has none) is no WordPress post.
            guard el.children.contains(where: { XNamespace.wordpress.matches($0.namespace) }) else {
                batch.skipped["item without WordPress fields", default: 0] += 1
                let other = el.children.first { ["post_type", "post_id", "status"].contains($0.name) }?.namespace
                batch.warnings.append(ImportWarning(file: stream.displayPath, line: el.line, message: other.map {
                    "an item whose post fields are in the namespace \($0.isEmpty ? "(none)" : $0), not WordPress's; skipped"
                } ?? "an item without WordPress's post fields; skipped"))
                return
            }
            let type = trimmed(el.text(.wordpress, "post_type") ?? "") ?? "post"
            let status = trimmed(el.text(.wordpress, "status") ?? "") ?? "publish"
            let id = trimmed(el.text(.wordpress, "post_id") ?? "") ?? ""
            if type == "revision" || (status == "inherit" && (type == "post" || type == "page")) {
                let parent = trimmed(el.text(.wordpress, "post_parent") ?? "").flatMap { $0 == "0" ? nil : $0 } ?? id
                let revision = Revision(element: el, modified: el.text(.wordpress, "post_modified_gmt") ?? "")
                if let kept = revisions[parent], kept.modified >= revision.modified { return }
                revisions[parent] = revision
                return
            }
            if type == "post" || type == "page", !id.isEmpty { itemIDs.insert(id) }
            guard let post = item(el, site: site, options: options, batch: &batch, file: stream.displayPath) else { return }
            try handOver(noted(post, el))
        })
        // Revisions whose post is not in the export hold the only copy of what it said.
        for (parent, revision) in revisions.sorted(by: { $0.key < $1.key }) {
            guard !itemIDs.contains(parent) else {
                batch.skipped["revision", default: 0] += 1
                continue
            }
            let title = HTMLText.plain(revision.element.text(.none, "title") ?? "")
            let named = title.isEmpty ? "a revision" : "\"\(title)\""
            guard options.includeDrafts else {
                batch.skipped["revision without its post", default: 0] += 1
                batch.warnings.append(ImportWarning(file: stream.displayPath, line: revision.element.line, message:
                    "\(named) is a revision whose post (id \(parent)) is not in the export: the only copy of its text; --include-drafts imports it"))
                continue
            }
            guard let post = item(revision.element, site: site, options: options, batch: &batch,
                                  file: stream.displayPath, revisionOf: parent) else { continue }
            batch.warnings.append(ImportWarning(file: stream.displayPath, line: revision.element.line, message:
                "\(named) imported from a revision: its post (id \(parent)) is not in the export"))
            try handOver(noted(post, revision.element))
        }
        progress.finish(posts: count)
        guard sawWordPress else {
            throw ImportError(file: stream.displayPath, line: 1,
                              message: "an RSS feed, but not a WordPress export. \(ExportReader.knownFormats)")
        }
        for host in OwnLinks.hosts(of: site.ownAddresses) where ownHosts.insert(host).inserted { batch.ownHosts.append(host) }
        batch.warnings += stream.warnings
        return batch
    }

    /// A revision kept until the end of the export, and when it was saved (to keep the newest).
    private struct Revision {
        var element: XElement
        var modified: String
    }

    private static func trimmed(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// One post or page with its comments, their links not yet sorted into references (that
    /// needs the blog's hosts). `revisionOf` names the post a revision stands in for.
    private static func item(_ el: XElement, site: Site, options: ImportOptions,
                             batch: inout ImportBatch, file: String, revisionOf: String? = nil) -> (Post, [CommentDraft])? {
        var type = trimmed(el.text(.wordpress, "post_type") ?? "") ?? "post"
        if revisionOf != nil { type = "post" }
        guard type == "post" || type == "page" else {
            batch.skipped[type, default: 0] += 1
            return nil
        }
        let status = revisionOf != nil ? "publish" : trimmed(el.text(.wordpress, "status") ?? "") ?? "publish"
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
        let postID = revisionOf ?? trimmed(el.text(.wordpress, "post_id") ?? "") ?? ""
        var meta: [String: String] = [:]
        for m in el.all(.wordpress, "postmeta") {
            guard let k = m.text(.wordpress, "meta_key").flatMap(trimmed) else { continue }
            let value = m.text(.wordpress, "meta_value") ?? ""
            // A key given twice keeps its value: some exports repeat `footnotes` with an empty one.
            if meta[k].map({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) == true,
               value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || value == "[]" { continue }
            meta[k] = value
        }
        // A revision's own address and name are the revision's, not its post's.
        let permalink = revisionOf == nil ? el.text(.none, "link").flatMap(trimmed) : nil
        var title = HTMLText.plain(el.text(.none, "title") ?? "")

        // Body: shortcodes and core footnotes first, then the HTML.
        let raw = el.text(.rssContent, "encoded") ?? ""
        let shortcodes = WordPressShortcodes.process(raw, page: permalink)
        var known: [String: String] = [:]
        for note in shortcodes.notes { known[note.id] = note.html }
        for note in coreFootnotes(meta["footnotes"]) { known[note.id] = note.html }
        let markers = WordPressFootnotes.showingUnknownMarkers(shortcodes.html, known: known)
        var convertOptions = HTMLDocumentConverter.Options()
        convertOptions.paragraphsFromNewlines = !raw.contains("<!-- wp:")
        convertOptions.knownNotes = known
        var references: [Reference] = []
        var content = HTMLDocumentConverter.convert(markers.html, options: convertOptions, references: &references)
        content.blocks = shortcodes.media.expand(content.blocks)
        for i in content.footnotes.indices { content.footnotes[i].blocks = shortcodes.media.expand(content.footnotes[i].blocks) }
        for i in references.indices { references[i].text = shortcodes.media.flatten(references[i].text) }
        let document = Document(blocks: content.blocks)

        if title.isEmpty { title = HTMLText.untitled(document) }
        if !markers.missing.isEmpty {
            let list = markers.missing.map { "[\($0)]" }.joined(separator: ", ")
            batch.warnings.append(ImportWarning(file: file, line: el.line, message:
                "\"\(title)\": footnote marker\(markers.missing.count == 1 ? "" : "s") \(list) without a note in the export; shown as written"))
        }
        if let elements = content.overBudget {
            batch.warnings.append(ImportWarning(file: file, line: el.line, message: "\"\(title)\": " + MarkupBudget.warning(elements)))
        }
        let date = postDate(local: el.text(.wordpress, "post_date"), gmt: el.text(.wordpress, "post_date_gmt"),
                            pubDate: el.text(.none, "pubDate"))
        if date == nil {
            batch.warnings.append(ImportWarning(file: file, line: el.line, message: "\"\(title)\" has no date; dated 1970-01-01"))
        }
        var aliases: [String] = []
        if revisionOf == nil, let guid = el.text(.none, "guid").flatMap(trimmed), guid != permalink, guid.contains("://") { aliases.append(guid) }
        if let home = site.home, !postID.isEmpty {
            let base = home.hasSuffix("/") ? String(home.dropLast()) : home
            for alias in ["\(base)/?p=\(postID)"] + (type == "page" ? ["\(base)/?page_id=\(postID)"] : [])
            where !aliases.contains(alias) && alias != permalink {
                aliases.append(alias)
            }
        }
        var slug: String
        if let name = el.text(.wordpress, "post_name").flatMap(trimmed), revisionOf == nil {
            slug = Slug.make(name.removingPercentEncoding ?? name)
        } else if let p = permalink, let stem = BloggerAtomReader.permalinkStem(p) {
            slug = stem
        } else {
            slug = Slug.make(title)
        }
        if slug == "post" && !title.isEmpty { slug = Slug.make(title) }

        var labels: [String] = []
        var seen: Set<String> = []
        for c in el.all(.none, "category") {
            let domain = c.attribute("domain")
            guard domain == nil || domain == "category" || domain == "post_tag" || domain == "tag" else { continue }
            let name = HTMLText.plain(c.text)
            if !name.isEmpty, seen.insert(name.lowercased()).inserted { labels.append(name) }
        }
        var comments: [CommentDraft] = []
        var pingbacks: [Pingback] = []
        for c in el.all(.wordpress, "comment") {
            switch comment(c) {
            case .comment(let draft)?: comments.append(draft)
            case .pingback(let p)?: pingbacks.append(p)
            case nil: break
            }
        }
        let password = trimmed(el.text(.wordpress, "post_password") ?? "") != nil
        let key = "wordpress:\(site.home ?? site.baseSiteURL ?? "")#\(postID.isEmpty ? slug : postID)"
        let post = Post(sourceKey: key, slug: slug, title: title, date: date ?? PostDate(year: 1970, month: 1, day: 1),
                        updated: postDate(local: el.text(.wordpress, "post_modified"),
                                          gmt: el.text(.wordpress, "post_modified_gmt"), pubDate: nil),
                        author: el.text(.dublinCore, "creator").map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 },
                        permalink: permalink, aliases: aliases, labels: labels, document: document,
                        footnotes: content.footnotes, references: references,
                        commentCount: comments.count, kind: type,
                        pingbacks: pingbacks.sorted { ($0.date?.sortKey ?? "") < ($1.date?.sortKey ?? "") },
                        passwordProtected: password)
        return (post, CommentLinks.threaded(comments))
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

    private enum Response { case comment(CommentDraft), pingback(Pingback) }

    /// An approved comment, or a pingback, trackback or webmention (kept apart from comments);
    /// nil for the rest (spam, pending, plugin notes).
    private static func comment(_ el: XElement) -> Response? {
        let approved = trimmed(el.text(.wordpress, "comment_approved") ?? "") ?? "1"
        let type = trimmed(el.text(.wordpress, "comment_type") ?? "") ?? "comment"
        guard approved == "1" else { return nil }
        let author = HTMLText.plain(el.text(.wordpress, "comment_author") ?? "")
        let date = postDate(local: el.text(.wordpress, "comment_date"), gmt: el.text(.wordpress, "comment_date_gmt"), pubDate: nil)
        let content = el.text(.wordpress, "comment_content") ?? ""
        if let kind = Pingback.Kind(rawValue: type.lowercased()) {
            let url = trimmed(el.text(.wordpress, "comment_author_url") ?? "").map { Sanitizer.clean($0) }
            return .pingback(Pingback(kind: kind, source: author.isEmpty ? (url.flatMap(OwnLinks.host) ?? "Unknown") : author,
                                      url: url, date: date, excerpt: HTMLText.plain(content)))
        }
        guard type == "comment" else { return nil }
        let id = trimmed(el.text(.wordpress, "comment_id") ?? "") ?? ""
        let parent = trimmed(el.text(.wordpress, "comment_parent") ?? "").flatMap { $0 == "0" ? nil : $0 }
        let converted = CommentLinks.convert(content, paragraphsFromNewlines: true)
        return .comment(CommentDraft(comment: Comment(sourceID: id, parentID: parent, author: author.isEmpty ? "Anonymous" : author,
                                                      date: date, blocks: converted.blocks),
                                     references: converted.references))
    }
}
