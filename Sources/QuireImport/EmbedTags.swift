import Foundation
import QuireModel

/// The site generators' embed tags as media blocks: Hugo's `youtube`, `vimeo`, `tweet` (and
/// `x`, `twitter`), `figure`, `gist` and `instagram` shortcodes, and the Jekyll plugins' `gist`,
/// `twitter`, `youtube` and `vimeo` tags and the themes' `{% include video … %}` and
/// `{% include figure … %}`. Both write their arguments as WordPress shortcodes do.
enum EmbedTags {
    /// The block an embed tag stands for, or nil when `name` is no embed (or lacks its address).
    static func block(name: String, args: String) -> Block? {
        let parsed = WordPressMedia.attributes(Substring(args))
        let named = parsed.named
        var positional = parsed.positional
        switch name.lowercased() {
        case "include", "include_relative":
            guard let file = positional.first?.lowercased() else { return nil }
            positional.removeFirst()
            if file.hasPrefix("video"), let id = named["id"] {
                return video(provider: named["provider"] ?? "youtube", id: id, title: named["title"])
            }
            if file.hasPrefix("youtube"), let id = named["id"] ?? positional.first { return video(provider: "youtube", id: id, title: named["title"]) }
            if file.hasPrefix("vimeo"), let id = named["id"] ?? positional.first { return video(provider: "vimeo", id: id, title: named["title"]) }
            if file.hasPrefix("figure"), let src = named["image_path"] ?? named["src"] ?? named["image"] {
                return figure(src: src, alt: named["alt"], title: nil, caption: named["caption"])
            }
            return nil
        case "youtube":
            guard let id = named["id"] ?? positional.first else { return nil }
            return video(provider: "youtube", id: id, title: named["title"])
        case "vimeo":
            guard let id = named["id"] ?? positional.first else { return nil }
            return video(provider: "vimeo", id: id, title: named["title"])
        case "tweet", "x", "twitter", "twitter_simple":
            if let url = positional.first(where: { $0.contains("/") }) ?? named["url"] {
                return .media(kind: .tweet, url: Sanitizer.clean(url), title: nil)
            }
            let user = named["user"] ?? (positional.count > 1 ? positional[0] : nil)
            guard let id = named["id"] ?? positional.last, id.allSatisfy(\.isNumber) else { return nil }
            let url = user.map { "https://x.com/\($0)/status/\(id)" } ?? "https://x.com/i/status/\(id)"
            return .media(kind: .tweet, url: Sanitizer.clean(url), title: nil)
        case "gist":
            // Hugo: `gist user id [file]`; jekyll-gist: `gist user/id [file]` or `gist id`.
            var parts = positional
            if let first = parts.first, first.contains("/") {
                parts = first.split(separator: "/").map(String.init) + parts.dropFirst()
            }
            guard let first = parts.first else { return nil }
            let (path, file): (String, String?) = parts.count >= 2 && !first.allSatisfy(\.isHexDigit)
                ? ("\(first)/\(parts[1])", parts.count > 2 ? parts[2] : nil)
                : (first, parts.count > 1 ? parts[1] : nil)
            return .media(kind: .gist, url: Sanitizer.clean("https://gist.github.com/" + path), title: file.map { Sanitizer.clean($0) })
        case "instagram":
            guard let id = named["id"] ?? positional.first else { return nil }
            let url = id.contains("/") ? id : "https://www.instagram.com/p/\(id)/"
            return .media(kind: .embed, url: Sanitizer.clean(url), title: nil)
        case "figure":
            guard let src = named["src"] else { return nil }
            return figure(src: src, alt: named["alt"], title: named["title"],
                          caption: [named["caption"], named["attr"]].compactMap { $0 }.joined(separator: " "))
        default:
            return nil
        }
    }

    private static func video(provider: String, id: String, title: String?) -> Block {
        let url: String
        switch provider.lowercased() {
        case "vimeo": url = id.contains("/") ? id : EmbeddedMedia.vimeo(id)
        case "youtube": url = id.contains("/") ? EmbeddedMedia.page(for: id, fallback: .video).url : EmbeddedMedia.youTube(id)
        default: url = id
        }
        return .media(kind: .video, url: Sanitizer.clean(url), title: title.map(HTMLText.clean).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// An image with its title and caption under it (Hugo's figure shows both).
    private static func figure(src: String, alt: String?, title: String?, caption: String?) -> Block {
        let image = EmbeddedMedia.image(src: src, alt: alt ?? title)
        var inlines: [Inline] = []
        if let t = title.map(HTMLText.plain), !t.isEmpty { inlines.append(.text(t, .strong)) }
        if let c = caption.map(HTMLText.plain), !c.isEmpty {
            if !inlines.isEmpty { inlines.append(.text(" ", [])) }
            inlines.append(.text(c, []))
        }
        return inlines.isEmpty ? image : .figure(image, caption: inlines)
    }
}
