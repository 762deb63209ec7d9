import Foundation
import QuireModel

/// WordPress's media shortcodes (`[gallery]`, `[audio]`, `[video]`, `[embed]`, `[playlist]`,
/// `[caption]` and the common Jetpack ones) and the block editor's embed blocks, each turned
/// into a token for a media or figure block (see `MediaTokens`).
///
/// Only these names are read as shortcodes: a post's other square brackets (`[sic]`, `[1]`)
/// stay text. `[[gallery]]` is WordPress's way of writing the shortcode itself: it is shown as
/// `[gallery]`.
enum WordPressMedia {
    /// Shortcodes that may enclose text up to `[/name]`; for the others a closing tag is optional.
    static let enclosing: Set<String> = ["caption", "wp_caption", "embed"]
    static let names: Set<String> = [
        "caption", "wp_caption", "embed", "gallery", "audio", "video", "playlist",
        "youtube", "vimeo", "dailymotion", "tweet", "instagram", "soundcloud", "spotify", "wpvideo", "videopress",
    ]

    /// `html` with every media shortcode replaced by a token. `page` is the post's own address:
    /// where a gallery or playlist of the post's attachments can be seen.
    static func replacingShortcodes(_ html: String, page: String?, tokens: inout MediaTokens) -> String {
        guard html.contains("[") else { return html }
        let whole = Substring(html)
        var closings = Closings(text: whole)
        var out = ""
        var rest = whole
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let from = rest[open...]
            if from.hasPrefix("[["), let escaped = escapedShortcode(from, closings: &closings) {
                out += escaped.shown
                rest = from[escaped.end...]
                continue
            }
            guard let code = shortcode(at: from, closings: &closings) else {
                out.append("[")
                rest = from.dropFirst()
                continue
            }
            let block = self.block(code, page: page)
            out += block.map { tokens.token(for: $0, original: String(from[..<code.end])) } ?? ""
            rest = from[code.end...]
        }
        return out + rest
    }

    /// Where each shortcode's closing tag is next, found by a forward scan per name.
    struct Closings {
        let text: Substring
        private var scans: [String: NextOccurrence] = [:]
        init(text: Substring) { self.text = text }

        mutating func next(_ name: String, after i: Substring.Index) -> Range<Substring.Index>? {
            var scan = scans[name] ?? NextOccurrence(needle: "[/\(name)]", ignoringCase: true)
            defer { scans[name] = scan }
            return scan.first(atOrAfter: i, in: text)
        }
    }

    /// The block editor's embeds (`<!-- wp:embed {"url":…} -->…<!-- /wp:embed -->`, and the
    /// older `core-embed/…` names) replaced by tokens: in the export they are a bare address in
    /// a `<div>`, which WordPress turns into the player when it shows the post.
    static func replacingEmbedBlocks(_ html: String, tokens: inout MediaTokens) -> String {
        guard html.contains("<!-- wp:") else { return html }
        let whole = Substring(html)
        var closings: [String: NextOccurrence] = [:]
        var out = ""
        var rest = whole
        while let open = rest.firstASCII("<!-- wp:") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            let name = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "-" }.prefix(100))
            var closing = closings[name] ?? NextOccurrence(needle: "<!-- /wp:\(name) -->")
            let isEmbed = name == "embed" || name == "core/embed" || name.hasPrefix("core-embed/")
            let commentEnd = isEmbed ? after.prefix(longestTag).firstASCII("-->") : nil
            let close = commentEnd.flatMap { closing.first(atOrAfter: $0.upperBound, in: whole) }
            if isEmbed { closings[name] = closing }
            guard let commentEnd, let close else {
                out += rest[open]
                rest = after
                continue
            }
            var json = after[after.index(after.startIndex, offsetBy: name.count)..<commentEnd.lowerBound]
                .trimmingCharacters(in: .whitespaces)
            if json.hasSuffix("/") { json.removeLast() }
            let settings = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
            let inner = String(after[commentEnd.upperBound..<close.lowerBound])
            var captionText = ""
            var body = inner
            if let c1 = inner.range(of: "<figcaption", options: .caseInsensitive),
               let c2 = inner.range(of: "</figcaption>", options: .caseInsensitive), c1.lowerBound < c2.lowerBound {
                captionText = HTMLText.plain(String(inner[c1.lowerBound..<c2.upperBound]))
                body = String(inner[..<c1.lowerBound]) + inner[c2.upperBound...]
            }
            let address = (settings["url"] as? String) ?? HTMLText.plain(body)
            let provider = (settings["providerNameSlug"] as? String) ?? String(name.split(separator: "/").last ?? "")
            var fallback: MediaKind
            switch settings["type"] as? String {
            case "video": fallback = .video
            case "photo": fallback = .image
            default: fallback = .embed
            }
            if provider == "twitter" { fallback = .tweet }
            let page = EmbeddedMedia.page(for: address, fallback: fallback)
            let media = Block.media(kind: page.kind, url: Sanitizer.clean(page.url), title: nil)
            let block: Block = captionText.isEmpty ? media : .figure(media, caption: [.text(captionText, [])])
            out += address.isEmpty && captionText.isEmpty ? inner
                : tokens.token(for: block, original: String(rest[open.lowerBound..<close.upperBound]))
            rest = after[close.upperBound...]
        }
        return out + rest
    }

    struct Shortcode {
        var name: String
        var named: [String: String]
        var positional: [String]
        var inner: String?
        /// Just after the shortcode (its closing tag included).
        var end: Substring.Index
    }

    /// `[[name ...]]` as the text `[name ...]`, when `name` is one of ours.
    private static func escapedShortcode(_ s: Substring, closings: inout Closings) -> (shown: String, end: Substring.Index)? {
        let inner = s.dropFirst()
        guard let code = shortcode(at: inner, closings: &closings), s[code.end...].hasPrefix("]") else { return nil }
        return (String(inner[..<code.end]), s.index(after: code.end))
    }

    /// An opening tag longer than this is not one: a stray quote must not send the scan to the end.
    static let longestTag = 4000
    /// How far a closing tag may be from an opening one that does not need it (`[video]…[/video]`).
    static let optionalClosingReach = 2000

    /// The media shortcode starting at `s` (which begins with `[`), or nil.
    static func shortcode(at s: Substring, closings: inout Closings) -> Shortcode? {
        let body = s.dropFirst()
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }.lowercased()
        guard names.contains(name) else { return nil }
        var after = body.dropFirst(name.count)
        guard let next = after.first, next == "]" || next == " " || next == "=" || next == "/" || next == "\t" || next == "\n" else {
            return nil
        }
        // Jetpack's `[youtube=URL]`: the address is everything up to the bracket.
        var positional: [String] = []
        if next == "=" {
            after = after.dropFirst()
            guard let close = after.prefix(longestTag).firstIndex(of: "]") else { return nil }
            positional = [decodeEntities(String(after[..<close]).trimmingCharacters(in: .whitespaces))]
            after = after[close...]
        }
        guard let tagEnd = closingBracket(after.prefix(longestTag)) else { return nil }
        var named: [String: String] = [:]
        let attributeText = after[..<tagEnd]
        let selfClosing = attributeText.trimmingCharacters(in: .whitespaces).hasSuffix("/")
        let parsed = attributes(selfClosing ? attributeText.dropLast() : attributeText)
        named = parsed.named
        positional += parsed.positional
        var end = after.index(after: tagEnd)
        var inner: String?
        if !selfClosing, let close = closings.next(name, after: end),
           enclosing.contains(name) || (s.base.utf8.distance(from: end, to: close.lowerBound) <= optionalClosingReach
                                        && !s[end..<close.lowerBound].contains("[\(name)")) {
            inner = String(s[end..<close.lowerBound])
            end = close.upperBound
        } else if name == "embed" && positional.isEmpty && named["url"] == nil {
            return nil
        }
        return Shortcode(name: name, named: named, positional: positional, inner: inner, end: end)
    }

    /// The `]` ending a shortcode's opening tag, past brackets inside quoted values.
    private static func closingBracket(_ s: Substring) -> Substring.Index? {
        var quote: Character?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "]" {
                return i
            } else if c == "[" {
                // Another bracket opens before this one closes: not a shortcode.
                return nil
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// `key="value" key='value' key=value "positional" positional`, as WordPress reads them.
    static func attributes(_ s: Substring) -> (named: [String: String], positional: [String]) {
        var named: [String: String] = [:]
        var positional: [String] = []
        var rest = s
        func value(_ r: inout Substring) -> String {
            if let q = r.first, q == "\"" || q == "'" || q == "\u{201C}" || q == "\u{2033}" {
                let closeQuote: Character = q == "\u{201C}" ? "\u{201D}" : q
                let body = r.dropFirst()
                let v = body.prefix { $0 != closeQuote }
                r = body.dropFirst(v.count).dropFirst()
                return String(v)
            }
            let v = r.prefix { !$0.isWhitespace }
            r = r.dropFirst(v.count)
            return String(v)
        }
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            let afterKey = rest.dropFirst(key.count)
            if !key.isEmpty, afterKey.first == "=" {
                var r = afterKey.dropFirst()
                named[key.lowercased()] = decodeEntities(value(&r))
                rest = r
            } else {
                var r = rest
                let v = value(&r)
                if !v.isEmpty { positional.append(decodeEntities(v)) }
                if r.startIndex == rest.startIndex { rest = rest.dropFirst() } else { rest = r }
            }
        }
        return (named, positional)
    }

    private static func decodeEntities(_ s: String) -> String {
        s.contains("&") ? Entities.decode(s) : s
    }

    // MARK: - Blocks

    static func block(_ code: Shortcode, page: String?) -> Block? {
        let first = code.named["url"] ?? code.named["src"] ?? code.named["id"] ?? code.positional.first
        let inner = code.inner.map { HTMLText.plain($0) }.flatMap { $0.isEmpty ? nil : $0 }
        switch code.name {
        case "caption", "wp_caption":
            return caption(code)
        case "embed":
            guard let url = inner ?? first else { return nil }
            let p = EmbeddedMedia.page(for: url, fallback: .embed)
            return .media(kind: p.kind, url: Sanitizer.clean(p.url), title: nil)
        case "video", "audio":
            let kind: MediaKind = code.name == "video" ? .video : .audio
            let formats = kind == .video ? ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"]
                : ["src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac"]
            let source = formats.lazy.compactMap { code.named[$0] }.first { !$0.isEmpty } ?? inner
            guard let url = source ?? page else { return .media(kind: kind, url: "", title: nil) }
            return .media(kind: kind, url: Sanitizer.clean(EmbeddedMedia.page(for: url, fallback: kind).url), title: nil)
        case "gallery":
            let count = ids(code.named["ids"] ?? code.named["include"])
            return .media(kind: .gallery, url: page ?? "", title: count.map { $0 == 1 ? "1 image" : "\($0) images" })
        case "playlist":
            let count = ids(code.named["ids"] ?? code.named["include"])
            let what = code.named["type"]?.lowercased() == "video" ? "video" : "track"
            return .media(kind: .playlist, url: page ?? "", title: count.map { "\($0) \(what)\($0 == 1 ? "" : "s")" })
        case "youtube":
            guard let v = first else { return nil }
            let id = v.contains("/") ? nil : v
            let url = id.map(EmbeddedMedia.youTube) ?? EmbeddedMedia.page(for: v.components(separatedBy: "&w=")[0], fallback: .video).url
            return .media(kind: .video, url: Sanitizer.clean(url), title: nil)
        case "vimeo":
            guard let v = first else { return nil }
            let url = v.allSatisfy(\.isNumber) ? EmbeddedMedia.vimeo(v) : EmbeddedMedia.page(for: v, fallback: .video).url
            return .media(kind: .video, url: Sanitizer.clean(url), title: nil)
        case "dailymotion":
            guard let v = first else { return nil }
            return .media(kind: .video, url: Sanitizer.clean(v.contains("/") ? v : "https://www.dailymotion.com/video/" + v), title: nil)
        case "wpvideo", "videopress":
            guard let v = first else { return nil }
            return .media(kind: .video, url: Sanitizer.clean(v.contains("/") ? v : "https://videopress.com/v/" + v), title: nil)
        case "tweet":
            guard let v = first else { return nil }
            return .media(kind: .tweet, url: Sanitizer.clean(v.contains("/") ? v : "https://twitter.com/i/status/" + v), title: nil)
        case "instagram", "soundcloud", "spotify":
            guard let v = first else { return nil }
            let kind: MediaKind = code.name == "instagram" ? .embed : .audio
            let url = code.name == "spotify" && v.hasPrefix("spotify:")
                ? "https://open.spotify.com/" + v.dropFirst("spotify:".count).replacingOccurrences(of: ":", with: "/") : v
            return .media(kind: kind, url: Sanitizer.clean(url), title: nil)
        default:
            return nil
        }
    }

    /// How many attachment ids a comma-separated list names.
    private static func ids(_ list: String?) -> Int? {
        guard let list else { return nil }
        let n = list.split(separator: ",").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
        return n > 0 ? n : nil
    }

    /// `[caption caption="…"]<img …>[/caption]` or the older `[caption]<img …> Text[/caption]`:
    /// the image with its caption under it.
    private static func caption(_ code: Shortcode) -> Block? {
        let inner = code.inner ?? ""
        var captionHTML = code.named["caption"] ?? ""
        var imageTag: Substring?
        if let start = inner.range(of: "<img", options: .caseInsensitive),
           let end = inner[start.upperBound...].firstIndex(of: ">") {
            imageTag = inner[start.upperBound..<end]
            if captionHTML.isEmpty {
                // The text after the image (and the link around it) is the caption.
                var after = inner[inner.index(after: end)...]
                if let close = after.range(of: "</a>", options: .caseInsensitive),
                   after[..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    after = after[close.upperBound...]
                }
                captionHTML = String(after)
            }
        }
        let caption = HTMLText.plain(captionHTML)
        let captionInlines: [Inline] = caption.isEmpty ? [] : [.text(caption, [])]
        guard let tag = imageTag else {
            // No image: what the shortcode held, then the caption, as paragraphs.
            let text = HTMLText.plain(inner)
            guard !text.isEmpty || !caption.isEmpty else { return nil }
            return .figure(.paragraph(text.isEmpty ? [] : [.text(text, [])]), caption: captionInlines)
        }
        let attributes = htmlAttributes(tag)
        let image = EmbeddedMedia.image(src: attributes["src"] ?? "", alt: attributes["alt"])
        return captionInlines.isEmpty ? image : .figure(image, caption: captionInlines)
    }

    /// The attributes of an HTML start tag, with entities decoded.
    static func htmlAttributes(_ tag: Substring) -> [String: String] { attributes(tag).named }
}
