import Foundation
import QuireModel

/// Reads an entry of the classic Blogger backup (`blog-MM-DD-YYYY.xml`).
///
/// The kind comes from the `#kind` category only: posts and comments share `.post-` ids.
enum BloggerClassicEntry {
    static let kindScheme = "http://schemas.google.com/g/2005#kind"
    static let labelScheme = "http://www.blogger.com/atom/ns#"

    /// Whether the entry carries a `#kind` category, which marks the classic format.
    static func recognises(_ entry: XElement) -> Bool {
        entry.all(.atom, "category").contains { $0.attribute("scheme") == kindScheme }
    }

    static func read(_ entry: XElement) -> BloggerEntry {
        let id = entry.text(.atom, "id")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var kindTerm = ""
        var labels: [String] = []
        for category in entry.all(.atom, "category") {
            let scheme = category.attribute("scheme") ?? ""
            let term = category.attribute("term") ?? ""
            if scheme == kindScheme {
                kindTerm = term.split(separator: "#").last.map(String.init) ?? term
            } else if scheme == labelScheme || scheme.isEmpty, !term.isEmpty {
                labels.append(term)
            }
        }
        let kind: BloggerEntry.Kind
        switch kindTerm {
        case "post": kind = .post
        case "page": kind = .page
        case "comment": kind = .comment
        default: kind = .skipped(kindTerm.isEmpty ? "unknown" : kindTerm)
        }
        var e = BloggerEntry(kind: kind, id: id)
        guard case .skipped = kind else {
            fill(&e, from: entry, labels: labels)
            return e
        }
        return e
    }

    private static func fill(_ e: inout BloggerEntry, from entry: XElement, labels: [String]) {
        e.labels = labels
        e.title = BloggerEntry.title(entry.first(.atom, "title"))
        if e.kind == .comment { e.title = BloggerEntry.decodeTwiceEscaped(e.title) }
        e.html = entry.first(.atom, "content").map(BloggerAtomReader.contentHTML) ?? ""
        e.published = entry.text(.atom, "published").flatMap(DateParsing.iso)
        e.updated = entry.text(.atom, "updated").flatMap(DateParsing.iso)
        e.author = entry.first(.atom, "author")?.text(.atom, "name")
        if let control = entry.first(.app, "control"), let draft = control.text(.app, "draft"),
           draft.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "yes" {
            e.unpublished = "draft"
        }
        for link in entry.all(.atom, "link") {
            switch link.attribute("rel") {
            case "alternate":
                if e.permalink == nil { e.permalink = link.attribute("href") }
            case "related":
                // A reply points at the comment it answers by that comment's feed address.
                if let href = link.attribute("href") { e.parentCommentID = BloggerEntry.shortID(href) }
            default: break
            }
        }
        if let reply = entry.first(.thread, "in-reply-to") {
            e.postID = reply.attribute("ref")
        }
        if let total = entry.text(.thread, "total") { e.total = Int(total.trimmingCharacters(in: .whitespaces)) }
        for prop in entry.all(.gdata, "extendedProperty")
        where prop.attribute("name") == "blogger.contentRemoved" && prop.attribute("value") == "true" {
            e.removed = true
        }
    }
}

