import QuireModel

/// What `s` writes when a post is saved: the post as the reader lays it out (text), or as
/// Markdown when the file's name ends in `.md`. Everything written is cleaned of control
/// characters and escape sequences, as everything drawn is.
public enum PostFile {
    /// The name offered: the post's slug, safe as a file name, as text.
    public static func defaultName(_ post: StoredPost) -> String {
        let safe = post.post.slug.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0))
        }
        var name = String(String.UnicodeScalarView(safe.prefix(80)))
        while name.hasPrefix(".") { name.removeFirst() }
        return (name.isEmpty ? "post-\(post.id)" : name) + ".txt"
    }

    public static func isMarkdown(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }

    /// The name with its ending switched between text and Markdown.
    public static func switchFormat(_ name: String) -> String {
        if isMarkdown(name) {
            return String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)]) + ".txt"
        }
        if name.lowercased().hasSuffix(".txt") { return String(name.dropLast(4)) + ".md" }
        return name + ".md"
    }

    /// The file's contents for a name.
    public static func contents(_ post: StoredPost, name: String, width: Int, inlineNotes: Bool) -> String {
        isMarkdown(name) ? markdown(post) : text(post, width: width, inlineNotes: inlineNotes)
    }

    /// The lines the reader shows, at `width`.
    public static func text(_ post: StoredPost, width: Int, inlineNotes: Bool) -> String {
        var lines: [String] = []
        PostLayout.plainLines(of: post, width: width, inlineNotes: inlineNotes) { lines.append($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The post as Markdown: title, date, labels and address, the text, its notes as
    /// footnotes, and its comments.
    public static func markdown(_ stored: StoredPost) -> String {
        let post = stored.post
        var writer = MarkdownWriter(stored: stored)
        var out = ["# " + MarkdownWriter.escape(post.title), ""]
        var meta = ["*" + post.date.longDescription + "*"]
        if let author = post.author, !author.isEmpty { meta.append("by " + MarkdownWriter.escape(author)) }
        if !post.labels.isEmpty { meta.append("Labels: " + post.labels.map(MarkdownWriter.escape).joined(separator: ", ")) }
        out.append(meta.joined(separator: " · "))
        if let link = post.permalink, PostLinks.isOpenable(link) { out += ["", "<\(link)>"] }
        out.append("")
        out += writer.blocks(post.document.blocks)
        if !post.footnotes.isEmpty {
            out.append("")
            for note in post.footnotes {
                let body = writer.blocks(note.blocks)
                out.append("[^\(MarkdownWriter.noteLabel(note.label))]: " + (body.first ?? ""))
                out += body.dropFirst().map { $0.isEmpty ? "" : "    " + $0 }
            }
        }
        let comments = post.comments
        if !comments.isEmpty {
            out += ["", "## Comments"]
            for comment in comments {
                let who = comment.author.isEmpty ? "Anonymous" : MarkdownWriter.escape(comment.author)
                out += ["", "**\(who)**" + (comment.date.map { ", " + $0.longDescription } ?? "") + ":", ""]
                out += comment.removed ? ["*(removed)*"] : writer.blocks(comment.blocks)
            }
        }
        while out.last == "" { out.removeLast() }
        return out.map { Sanitizer.clean($0) }.joined(separator: "\n") + "\n"
    }
}
