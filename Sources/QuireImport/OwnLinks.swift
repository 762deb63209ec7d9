import Foundation
import QuireModel

/// Decides which links point into the blog itself, so that the store keeps them as dangling
/// references when they match no post instead of treating them as links out.
enum OwnLinks {
    /// The host of an absolute or protocol-relative URL, normalised like `MatchKey.url`.
    static func host(of url: String) -> String? {
        let t = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.contains("://") || t.hasPrefix("//") else { return nil }
        let key = MatchKey.url(t)
        let host = key.prefix { $0 != "/" && $0 != "?" }
        let bare = host.split(separator: ":").first.map(String.init) ?? String(host)
        return bare.isEmpty ? nil : bare
    }

    /// Normalised hosts of several addresses, without duplicates, in order.
    static func hosts(of urls: [String]) -> [String] {
        var seen: Set<String> = []
        return urls.compactMap(host(of:)).filter { seen.insert($0).inserted }
    }

    /// First path segments that name listings, feeds and files rather than posts.
    private static let notPostSegments: Set<String> = [
        "search", "feeds", "feed", "tag", "tags", "category", "categories", "label", "labels",
        "wp-content", "wp-admin", "wp-includes", "wp-json", "wp-login.php", "author", "comments",
        "page", "archive", "archives", "static", "images", "img", "media", "assets", "files",
        "uploads", "css", "js", "b", "xmlrpc.php",
    ]

    private static let postExtensions: Set<String> = ["", "html", "htm", "php", "shtml", "aspx", "asp"]

    /// Whether `target` is on one of `ownHosts` (or relative) and looks like a post's address.
    static func isOwnPostLink(_ target: String, ownHosts: Set<String>) -> Bool {
        let t = target.trimmingCharacters(in: .whitespacesAndNewlines)
        let path: Substring
        var query = ""
        if let host = host(of: t) {
            guard ownHosts.contains(host) else { return false }
            let key = t.drop { $0 != "/" }.drop { $0 == "/" }  // after the scheme's slashes
            path = key.drop { $0 != "/" && $0 != "?" && $0 != "#" }
        } else if t.hasPrefix("/") {
            path = Substring(t)
        } else {
            return false
        }
        var p = path
        if let hash = p.firstIndex(of: "#") { p = p[..<hash] }
        if let q = p.firstIndex(of: "?") { query = String(p[p.index(after: q)...]); p = p[..<q] }
        let pairs = query.split(separator: "&")
        if pairs.contains(where: { $0.hasPrefix("p=") || $0.hasPrefix("page_id=") }) { return true }
        let segments = p.split(separator: "/").map { $0.lowercased() }
        guard let first = segments.first, let last = segments.last else { return false }
        if notPostSegments.contains(first) { return false }
        let ext = last.contains(".") ? String(last.split(separator: ".").last ?? "") : ""
        return postExtensions.contains(ext)
    }

    /// Addresses come from the export as written: clean them like any text a reader may see.
    static func cleanAddresses(_ post: inout Post) {
        post.permalink = post.permalink.map { Sanitizer.clean($0) }
        post.aliases = post.aliases.map { Sanitizer.clean($0) }.filter { !$0.isEmpty }
        for i in post.references.indices { post.references[i].target = Sanitizer.clean(post.references[i].target) }
    }

    /// Marks the URL references of every post that lead into the blog as explicit.
    static func markExplicit(_ posts: inout [Post], ownHosts: [String]) {
        markExplicit(&posts, ownHosts: Set(ownHosts))
    }

    static func markExplicit(_ posts: inout [Post], ownHosts hosts: Set<String>) {
        for i in posts.indices {
            cleanAddresses(&posts[i])
            for r in posts[i].references.indices where posts[i].references[r].kind == .url {
                posts[i].references[r].explicit = isOwnPostLink(posts[i].references[r].target, ownHosts: hosts)
            }
        }
    }
}
