import Foundation
import QuireModel

/// Reads Markdown posts: a Jekyll `_posts` folder, a Hugo `content/posts` folder, a site root
/// holding either, or one file.
enum MarkdownReader {
    /// How the folder names its posts.
    enum Layout {
        /// `YYYY-M-D-slug.ext` files; others in the folder are not posts.
        case jekyll
        /// Any Markdown file; `_index.md` describes a section.
        case hugo
    }

    static let markdownExtensions: Set<String> = ["md", "markdown", "mkdown", "mkdn", "mkd", "mdown", "mdwn", "mmark"]

    static func isMarkdownExtension(_ ext: String) -> Bool { markdownExtensions.contains(ext.lowercased()) }

    // MARK: - Folders

    static func readFolder(at url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        var batch = ImportBatch(format: "markdown")
        let fm = FileManager.default
        var roots: [(folder: URL, layout: Layout, section: String?)] = []
        var siteConfig: [String] = []
        func exists(_ u: URL) -> Bool {
            var dir: ObjCBool = false
            return fm.fileExists(atPath: u.path, isDirectory: &dir) && dir.boolValue
        }
        let posts = url.appendingPathComponent("_posts")
        let content = url.appendingPathComponent("content")
        if exists(posts) {
            roots.append((posts, .jekyll, nil))
            if options.includeDrafts, exists(url.appendingPathComponent("_drafts")) {
                roots.append((url.appendingPathComponent("_drafts"), .hugo, nil))
            }
            siteConfig = siteURLs(in: url, files: ["_config.yml", "_config.yaml"], key: "url")
        } else if exists(content) {
            let sections = ["posts", "post", "blog"].map { content.appendingPathComponent($0) }.filter(exists)
            if sections.isEmpty {
                roots.append((content, .hugo, nil))
            } else {
                roots += sections.map { ($0, .hugo, $0.lastPathComponent) }
            }
            siteConfig = siteURLs(in: url, files: ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "hugo.yml", "config.yml"],
                                  key: "baseURL")
        } else {
            let files = try markdownFiles(in: url, displayPath: displayPath)
            let dated = files.filter { datePrefix($0.lastPathComponent) != nil }.count
            let jekyll = url.lastPathComponent == "_posts" || dated * 2 > files.count
            let section = url.lastPathComponent == "_posts" ? nil : url.lastPathComponent
            roots.append((url, jekyll ? .jekyll : .hugo, jekyll ? nil : section))
        }
        let progress = ImportProgress(label: displayPath)
        for root in roots {
            let files = try allFiles(in: root.folder, displayPath: displayPath)
            for file in files {
                progress.update(posts: batch.posts.count, bytes: 0, total: 0)
                let rel = relativePath(file, to: url)
                let shown = (displayPath as NSString).appendingPathComponent(rel)
                let name = file.lastPathComponent
                // Jekyll also publishes HTML posts (jekyll-import writes them from WordPress).
                let htmlPost = root.layout == .jekyll && ["html", "htm"].contains(file.pathExtension.lowercased())
                guard isMarkdownExtension(file.pathExtension) || htmlPost else {
                    batch.skipped["not markdown", default: 0] += 1
                    continue
                }
                if root.layout == .jekyll && datePrefix(name) == nil {
                    batch.skipped["not a post", default: 0] += 1
                    continue
                }
                if name.lowercased().hasPrefix("_index.") {
                    batch.skipped["section index", default: 0] += 1
                    continue
                }
                let dialect: TemplateTags.Dialect = root.layout == .jekyll || root.folder.lastPathComponent == "_drafts" ? .jekyll : .hugo
                let result = try readPost(file, relativePath: rel, displayPath: shown, dialect: dialect,
                                          section: root.section, siteURL: siteConfig.first, options: options)
                batch.warnings += result.warnings
                if let post = result.post { batch.posts.append(post) } else if let reason = result.skipped {
                    batch.skipped[reason, default: 0] += 1
                }
            }
        }
        progress.finish(posts: batch.posts.count)
        batch.ownHosts = OwnLinks.hosts(of: siteConfig)
        if batch.ownHosts.isEmpty {
            for i in batch.posts.indices { OwnLinks.cleanAddresses(&batch.posts[i]) }
        } else {
            OwnLinks.markExplicit(&batch.posts, ownHosts: batch.ownHosts)
        }
        return batch
    }

    static func readFile(at url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        var batch = ImportBatch(format: "markdown")
        let name = url.lastPathComponent
        let dialect: TemplateTags.Dialect = datePrefix(name) != nil ? .jekyll : .hugo
        let result = try readPost(url, relativePath: name, displayPath: displayPath, dialect: dialect,
                                  section: nil, siteURL: nil, options: options)
        batch.warnings = result.warnings
        if var post = result.post {
            OwnLinks.cleanAddresses(&post)
            batch.posts = [post]
        } else if let reason = result.skipped {
            batch.skipped[reason] = 1
        }
        return batch
    }

    /// Regular files under a folder, hidden ones left out, sorted so imports repeat exactly.
    private static func allFiles(in url: URL, displayPath: String) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw ImportError(file: displayPath, message: "cannot list the folder")
        }
        var files: [URL] = []
        for case let file as URL in walker
        where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(file)
        }
        return files.sorted { $0.path < $1.path }
    }

    private static func markdownFiles(in url: URL, displayPath: String) throws -> [URL] {
        try allFiles(in: url, displayPath: displayPath).filter { isMarkdownExtension($0.pathExtension) }
    }

    private static func relativePath(_ file: URL, to root: URL) -> String {
        let f = file.standardizedFileURL.path, r = root.standardizedFileURL.path
        guard f.hasPrefix(r) else { return file.lastPathComponent }
        return String(f.dropFirst(r.count).drop { $0 == "/" })
    }

    /// The site's address from its configuration, for telling its own links apart.
    private static func siteURLs(in root: URL, files: [String], key: String) -> [String] {
        for name in files {
            guard let text = try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8) else { continue }
            let values = name.hasSuffix(".toml") ? (try? FrontMatter.toml(text)) : (try? FrontMatter.yaml(text))
            if let v = values?[key]?.string ?? values?[key.lowercased()]?.string, v.contains("://") { return [v] }
        }
        return []
    }

    // MARK: - One post

    struct PostResult {
        var post: Post?
        var skipped: String?
        var warnings: [ImportWarning] = []
    }

    /// `2017-2-5` from `2017-2-5-i-dont-like-zeroes.md`, with the rest of the name.
    static func datePrefix(_ name: String) -> (date: PostDate, rest: String)? {
        let parts = name.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), !parts[3].isEmpty else { return nil }
        let date = PostDate(year: y, month: m, day: d)
        return date.isValidDay ? (date, String(parts[3])) : nil
    }

    /// kramdown reads Markdown inside `<div markdown="1">`; CommonMark would take the whole
    /// block as raw HTML. The wrapping tag's line is dropped so the inside reads as Markdown.
    static func unwrapMarkdownInHTML(_ text: String) -> String {
        guard text.contains("markdown=") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("<"), t.hasSuffix(">"), !t.hasPrefix("</"),
                  t.contains("markdown=\"1\"") || t.contains("markdown='1'") || t.contains("markdown=1")
                    || t.contains("markdown=\"block\"") else { return line }
            return ""
        }.joined(separator: "\n")
    }

    static func readPost(_ file: URL, relativePath: String, displayPath: String, dialect: TemplateTags.Dialect,
                         section: String?, siteURL: String?, options: ImportOptions) throws -> PostResult {
        var result = PostResult()
        var data: Data, size: Int
        do { (data, size) = try FileBytes.read(file.path, limit: options.maxPostBytes + 1) } catch {
            throw ImportError(file: displayPath, message: "cannot be read (\(error))")
        }
        let cut = size > options.maxPostBytes
        if cut { data = PostSizeLimit.cut(data, limit: options.maxPostBytes) }
        var text: String
        if let s = String(data: data, encoding: .utf8) {
            text = s
        } else {
            text = String(decoding: data, as: UTF8.self)
            result.warnings.append(ImportWarning(file: displayPath, line: nil, message: "invalid UTF-8 replaced with U+FFFD"))
        }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let front = FrontMatter.split(text) { line, message in
            result.warnings.append(ImportWarning(file: displayPath, line: line, message: message))
        }
        let draft = front["published"]?.bool == false || front["draft"]?.bool == true
            || file.deletingLastPathComponent().lastPathComponent == "_drafts"
        if draft && !options.includeDrafts {
            result.skipped = "draft"
            return result
        }
        let effectiveDialect: TemplateTags.Dialect = front.syntax == .toml ? .hugo : dialect

        var tags = TemplateTags()
        let prepared = tags.protect(unwrapMarkdownInHTML(front.body), dialect: effectiveDialect)
        var references: [Reference] = []
        var content: ConvertedContent
        if ["html", "htm"].contains(file.pathExtension.lowercased()) {
            content = HTMLDocumentConverter.convert(tags.renderForHTML(prepared), references: &references)
            TemplateTags.markPathReferences(&references, from: 0)
        } else {
            var notes: [String] = []
            content = MarkdownConverter.convert(prepared, tags: tags, references: &references, warnings: &notes)
            result.warnings += notes.map { ImportWarning(file: displayPath, line: nil, message: $0) }
        }
        // Embeds stood in the text as tokens; each becomes its block.
        content.blocks = tags.media.expand(content.blocks)
        for i in content.footnotes.indices { content.footnotes[i].blocks = tags.media.expand(content.footnotes[i].blocks) }
        for i in references.indices { references[i].text = tags.media.flatten(references[i].text) }
        if let elements = content.overBudget {
            result.warnings.append(ImportWarning(file: displayPath, line: nil, message: MarkupBudget.warning(elements)))
        }
        var blocks = content.blocks
        // kramdown themes often end with a "Footnotes" heading over the notes cmark moved away.
        if !content.footnotes.isEmpty, case .heading(_, let inl)? = blocks.last,
           HTMLFootnoteFinder.isNotesTitle(inl.plainText) {
            blocks.removeLast()
        }
        if cut {
            blocks.append(PostSizeLimit.note(limit: options.maxPostBytes, total: size))
            result.warnings.append(ImportWarning(file: displayPath, line: nil,
                                                 message: PostSizeLimit.warning(title: nil, limit: options.maxPostBytes, total: size)))
        }

        let fileName = file.lastPathComponent
        let stem = (fileName as NSString).deletingPathExtension
        let bundle = ["index", "_index"].contains(stem.lowercased())
        let nameStem = bundle ? file.deletingLastPathComponent().lastPathComponent : stem
        let dated = datePrefix(nameStem)

        var title = front["title"]?.string.map(HTMLText.clean) ?? ""
        if title.isEmpty, let h = blocks.firstIndex(where: { if case .heading = $0 { return true }; return false }) {
            title = HTMLText.clean(blocks[h].plainText)
            if h == 0 { blocks.removeFirst() }
        }
        if title.isEmpty {
            let base = dated?.rest ?? nameStem
            title = base.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            title = title.prefix(1).uppercased() + title.dropFirst()
        }

        var date = front["date"]?.dateValue ?? dated?.date
        if date == nil { date = front["publishDate"]?.dateValue ?? front["lastmod"]?.dateValue }
        if date == nil {
            let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? Date()
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: modified)
            date = PostDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0,
                            minute: c.minute ?? 0, second: c.second ?? 0, utcOffsetMinutes: 0)
            result.warnings.append(ImportWarning(file: displayPath, line: nil, message: "no date; dated by the file's modification time"))
        }
        let postDate = date!

        let slugSource = front["slug"]?.string ?? dated?.rest ?? nameStem
        let slug = Slug.make(slugSource)
        var labels: [String] = []
        var seen: Set<String> = []
        // Jekyll reads the singular `tag` (one tag, or a list) instead of `tags` when both are given.
        let tagWords = front["tag"]?.words(splitting: false).nonEmpty ?? front["tags"]?.words(splitting: effectiveDialect == .jekyll)
        let words = (tagWords ?? [])
            + (front["categories"]?.words(splitting: effectiveDialect == .jekyll) ?? [])
            + (front["category"]?.words(splitting: false) ?? [])
        for w in words.map(HTMLText.clean) where !w.isEmpty && seen.insert(w.lowercased()).inserted {
            labels.append(w)
        }

        var aliases = [TemplateTags.postKey(nameStem), relativePath]
        aliases += front["aliases"]?.words(splitting: false) ?? []
        // Where the site generator would have put the post, by its default rules.
        let path: String
        if effectiveDialect == .jekyll {
            let categories = ((front["categories"]?.words(splitting: true) ?? []) + (front["category"]?.words(splitting: false) ?? []))
                .map { Slug.make($0) }
            let day = String(format: "%04d/%02d/%02d/", postDate.year, postDate.month, postDate.day)
            path = "/" + categories.map { $0 + "/" }.joined() + day + slug + ".html"
            aliases.append("/" + day + slug + ".html")
            aliases.append("/" + categories.map { $0 + "/" }.joined() + day + slug + "/")
        } else {
            path = "/" + (section.map { $0 + "/" } ?? "") + slug + "/"
        }
        var permalink = front["permalink"]?.string ?? front["url"]?.string ?? path
        // Jekyll permalink patterns (`/:year/:title/`) need the site's rules; keep the default.
        if permalink.isEmpty || permalink.contains("/:") { permalink = path }
        if !permalink.contains("://"), let site = siteURL {
            let base = site.hasSuffix("/") ? String(site.dropLast()) : site
            aliases.append(permalink)
            permalink = base + (permalink.hasPrefix("/") ? "" : "/") + permalink
        }

        let author = front["author"]?.string.map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 }
        result.post = Post(sourceKey: "markdown:" + relativePath, slug: slug, title: title, date: postDate,
                           updated: front["lastmod"]?.dateValue ?? front["last_modified_at"]?.dateValue,
                           author: author, permalink: permalink, aliases: aliases, labels: labels,
                           document: Document(blocks: blocks), footnotes: content.footnotes,
                           references: references, kind: front["layout"]?.string == "page" ? "page" : "post")
        return result
    }
}

private extension Array {
    var nonEmpty: Self? { isEmpty ? nil : self }
}
