import Foundation
import QuireModel

/// One entry of a Blogger export, classic or Takeout, read into plain fields.
struct BloggerEntry: Sendable {
    enum Kind: Equatable, Sendable { case post, page, comment, skipped(String) }

    var kind: Kind
    var id: String
    /// Why an unpublished post or page is left out (`draft`, `trashed`), nil when it is live.
    var unpublished: String?
    var title: String
    var html: String
    var published: PostDate?
    var updated: PostDate?
    /// Absolute (classic) or relative to the blog (Takeout).
    var permalink: String?
    var labels: [String] = []
    var author: String?
    /// For comments: the id of the post they belong to.
    var postID: String?
    /// For replies: the short id of the comment they answer.
    var parentCommentID: String?
    var removed = false
    /// `thr:total`, the comment count Blogger gives.
    var total: Int?

    init(kind: Kind, id: String) {
        self.kind = kind; self.id = id; self.title = ""; self.html = ""
    }

    /// An Atom `title` as plain text: `type='text'` is literal, `html` and `xhtml` are markup.
    static func title(_ element: XElement?) -> String {
        guard let element else { return "" }
        switch element.attribute("type") ?? "text" {
        case "html", "xhtml": return HTMLText.plain(element.deepText)
        default: return HTMLText.clean(element.text)
        }
    }

    /// The short id Blogger uses in comment URLs: the digits after `.post-`, or the last path part.
    static func shortID(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if let r = t.range(of: ".post-", options: .backwards) { return String(t[r.upperBound...]) }
        if let r = t.range(of: ".comment-", options: .backwards) { return String(t[r.upperBound...]) }
        if let slash = t.lastIndex(of: "/") { return String(t[t.index(after: slash)...]) }
        return t
    }

    /// Text that Blogger escaped twice (`I&amp;#39;m` arrives as `I&#39;m`) decoded once more,
    /// as Blogger shows it: its character references only, so a title that reads `a <b> tag`
    /// or `AT&amp;T` once decoded keeps those characters (the second `&amp;` was typed).
    static func decodeTwiceEscaped(_ s: String) -> String {
        guard s.contains("&") else { return HTMLText.clean(s) }
        return HTMLText.plain(s.replacingOccurrences(of: "<", with: "&lt;"))
    }
}
