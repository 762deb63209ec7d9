import Foundation
import QuireModel

/// Reads an entry of a Blogger Takeout export (`feed.atom`, namespace `blogger/2018`).
enum BloggerTakeoutEntry {
    /// Whether the entry carries a `blogger:type`, which marks the Takeout format.
    static func recognises(_ entry: XElement) -> Bool {
        entry.first(.blogger2018, "type") != nil
    }

    static func read(_ entry: XElement) -> BloggerEntry {
        let id = entry.text(.atom, "id")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let type = (entry.text(.blogger2018, "type") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let kind: BloggerEntry.Kind
        switch type {
        case "POST": kind = .post
        case "PAGE": kind = .page
        case "COMMENT": kind = .comment
        default: kind = .skipped(type.isEmpty ? "unknown" : type.lowercased())
        }
        var e = BloggerEntry(kind: kind, id: id)
        if case .skipped = kind { return e }

        let status = (entry.text(.blogger2018, "status") ?? "LIVE").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        // An empty `<blogger:trashed/>` is written for live entries too; only a date means trashed.
        let trashed = !(entry.text(.blogger2018, "trashed") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if trashed || status.contains("TRASH") || status == "DELETED" {
            e.unpublished = "trashed"
        } else if status != "LIVE" && !status.isEmpty {
            e.unpublished = "draft"
        }
        // Takeout escapes titles and labels for HTML before writing them as XML: decoded once
        // more, as Blogger shows them.
        let titleElement = entry.first(.atom, "title")
        if let t = titleElement, (t.attribute("type") ?? "text") == "text" {
            e.title = BloggerEntry.decodeTwiceEscaped(t.text)
        } else {
            e.title = BloggerEntry.title(titleElement)
        }
        e.html = entry.first(.atom, "content").map(BloggerAtomReader.contentHTML) ?? ""
        e.published = entry.text(.atom, "published").flatMap(DateParsing.iso)
            ?? entry.text(.blogger2018, "created").flatMap(DateParsing.iso)
        e.updated = entry.text(.atom, "updated").flatMap(DateParsing.iso)
        e.author = entry.first(.atom, "author")?.text(.atom, "name")
        for category in entry.all(.atom, "category") {
            let scheme = category.attribute("scheme") ?? ""
            if let term = category.attribute("term"), !term.isEmpty, scheme != BloggerClassicEntry.kindScheme {
                e.labels.append(BloggerEntry.decodeTwiceEscaped(term))
            }
        }
        if let filename = entry.text(.blogger2018, "filename")?.trimmingCharacters(in: .whitespacesAndNewlines),
           !filename.isEmpty {
            e.permalink = filename.hasPrefix("/") || filename.contains("://") ? filename : "/" + filename
        } else if let alt = entry.all(.atom, "link").first(where: { $0.attribute("rel") == "alternate" }) {
            e.permalink = alt.attribute("href")
        }
        if let parent = entry.text(.blogger2018, "parent")?.trimmingCharacters(in: .whitespacesAndNewlines),
           !parent.isEmpty {
            e.postID = parent
        }
        if let reply = entry.text(.blogger2018, "inReplyTo")?.trimmingCharacters(in: .whitespacesAndNewlines),
           !reply.isEmpty {
            e.parentCommentID = BloggerEntry.shortID(reply)
        }
        return e
    }
}
