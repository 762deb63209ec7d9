import Foundation
import QuireModel

/// Where embedded media can be watched or read: an embed address turned into the page a
/// browser would show (`youtube.com/embed/ID` becomes `youtube.com/watch?v=ID`), and the kind
/// of thing it is, for the placeholder line.
enum EmbeddedMedia {
    static func youTube(_ id: String) -> String { "https://www.youtube.com/watch?v=" + id }
    static func vimeo(_ id: String) -> String { "https://vimeo.com/" + id }

    /// The page for an embed address, and its kind when the address tells (else `fallback`).
    static func page(for address: String, fallback: MediaKind) -> (kind: MediaKind, url: String) {
        let url = address.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = url.lowercased()
        let host = OwnLinks.host(of: url) ?? ""
        let path = pathAndQuery(url)
        if host.hasSuffix("youtube.com") || host.hasSuffix("youtube-nocookie.com") || host == "youtu.be" {
            if host == "youtu.be", let id = path.split(separator: "/").first.map({ String($0.prefix { $0 != "?" }) }), !id.isEmpty {
                return (.video, youTube(id))
            }
            for prefix in ["/embed/", "/v/", "/shorts/", "/live/"] where path.hasPrefix(prefix) {
                let id = path.dropFirst(prefix.count).prefix { $0 != "?" && $0 != "/" && $0 != "&" }
                if !id.isEmpty && id != "videoseries" { return (.video, youTube(String(id))) }
            }
            if path.hasPrefix("/embed/videoseries"), let list = queryValue(path, "list") {
                return (.playlist, "https://www.youtube.com/playlist?list=" + list)
            }
            return (.video, url)
        }
        if host == "player.vimeo.com", path.hasPrefix("/video/") {
            let id = path.dropFirst("/video/".count).prefix { $0.isNumber }
            if !id.isEmpty { return (.video, vimeo(String(id))) }
        }
        if host.hasSuffix("vimeo.com") || host.hasSuffix("dailymotion.com") || host == "videopress.com"
            || host.hasSuffix("ted.com") || host.hasSuffix("twitch.tv") { return (.video, url) }
        if host == "twitter.com" || host == "x.com" || host.hasSuffix(".twitter.com") { return (.tweet, url) }
        if host == "gist.github.com" {
            return (.gist, lower.hasSuffix(".js") ? String(url.dropLast(3)) : url)
        }
        if host.hasSuffix("soundcloud.com") || host.hasSuffix("spotify.com") || host.hasSuffix("mixcloud.com") {
            return (.audio, url)
        }
        let ext = (path.prefix { $0 != "?" && $0 != "#" } as Substring).split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv"].contains(ext) { return (.video, url) }
        if ["mp3", "m4a", "ogg", "oga", "wav", "wma", "flac", "opus"].contains(ext) { return (.audio, url) }
        if ["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"].contains(ext) { return (.image, url) }
        return (fallback, url)
    }

    /// The path and query of an absolute or protocol-relative address (the whole of anything else).
    static func pathAndQuery(_ url: String) -> String {
        guard let scheme = url.range(of: "//") else { return url }
        let afterHost = url[scheme.upperBound...].drop { $0 != "/" && $0 != "?" }
        return String(afterHost)
    }

    static func queryValue(_ pathAndQuery: String, _ name: String) -> String? {
        guard let q = pathAndQuery.firstIndex(of: "?") else { return nil }
        for pair in pathAndQuery[pathAndQuery.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    /// An image's name for its placeholder when it has no alt text: the file name.
    static func fileName(_ url: String) -> String? {
        let path = url.prefix { $0 != "?" && $0 != "#" }
        guard let last = path.split(separator: "/").last, !last.contains(":") else { return nil }
        let name = String(last)
        return name.removingPercentEncoding ?? name
    }

    /// An image as its placeholder shows it: its alt text, else its file name.
    static func image(src: String, alt: String?) -> Block {
        let alt = alt.map(HTMLText.plain)
        let title = alt.flatMap { $0.isEmpty ? nil : $0 } ?? fileName(src)
        return .media(kind: .image, url: Sanitizer.clean(src.trimmingCharacters(in: .whitespaces)), title: title)
    }
}

/// Blocks that stand in the text as tokens until the text is converted, then take the place of
/// the paragraphs holding them: how a shortcode in the middle of HTML or Markdown becomes a
/// block of its own without the HTML or Markdown parser knowing about it.
///
/// A token is U+E002, a number and U+E003: private-use characters no parser gives a meaning
/// to. Any already in the input are replaced first (`scrub`), so a post cannot forge one.
struct MediaTokens: Sendable {
    struct Item: Sendable {
        var block: Block
        /// The text as written, for code, where it is shown literally.
        var original: String
    }
    private(set) var items: [Item] = []

    static let open: Character = "\u{E002}"
    static let close: Character = "\u{E003}"

    var isEmpty: Bool { items.isEmpty }

    /// Records a block and returns the token that stands for it.
    mutating func token(for block: Block, original: String) -> String {
        items.append(Item(block: block, original: original))
        return String(Self.open) + String(items.count - 1) + String(Self.close)
    }

    /// Input text with any token characters replaced, so that only tokens made here exist.
    static func scrub(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value == 0xE002 || $0.value == 0xE003 }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value == 0xE002 || $0.value == 0xE003 ? "\u{FFFD}" : $0 }))
    }

    enum Piece { case text(String), item(Int) }

    /// Text split into plain runs and tokens.
    func pieces(_ s: String) -> [Piece] {
        var result: [Piece] = []
        var rest = Substring(s)
        while let o = rest.firstIndex(of: Self.open) {
            let after = rest[rest.index(after: o)...]
            guard let c = after.firstIndex(of: Self.close), let n = Int(after[..<c]), items.indices.contains(n) else {
                result.append(.text(String(rest[..<after.startIndex]))); rest = after; continue
            }
            if o > rest.startIndex { result.append(.text(String(rest[..<o]))) }
            result.append(.item(n))
            rest = after[after.index(after: c)...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }

    func contains(_ s: String) -> Bool { !items.isEmpty && s.contains(Self.open) }

    /// Tokens replaced by what they stood for, as written (for code).
    func restore(_ s: String) -> String {
        guard contains(s) else { return s }
        return pieces(s).map { if case .item(let i) = $0 { return items[i].original } else if case .text(let t) = $0 { return t } else { return "" } }.joined()
    }

    /// Tokens replaced by their placeholder text, where a block cannot go (a heading, a link's words).
    func flatten(_ s: String) -> String {
        guard contains(s) else { return s }
        return pieces(s).map { piece -> String in
            switch piece {
            case .text(let t): return t
            case .item(let i): return items[i].block.plainText
            }
        }.joined()
    }

    /// The blocks with each token turned into its block: a paragraph holding one is split around it.
    func expand(_ blocks: [Block]) -> [Block] {
        guard !items.isEmpty else { return blocks }
        return blocks.flatMap(expand)
    }

    private func expand(_ block: Block) -> [Block] {
        switch block {
        case .paragraph(let inlines):
            return split(inlines)
        case .heading(let level, let inlines):
            return [.heading(level: level, flatten(inlines))]
        case .quote(let inner):
            return [.quote(expand(inner))]
        case .list(let ordered, let items):
            return [.list(ordered: ordered, items: items.map(expand))]
        case .code(let text):
            return [.code(restore(text))]
        case .figure(let inner, let caption):
            return [.figure(expand(inner).first ?? inner, caption: flatten(caption))]
        case .elision, .rule, .media:
            return [block]
        }
    }

    func flatten(_ inlines: [Inline]) -> [Inline] {
        inlines.map { inline in
            switch inline {
            case .text(let s, let style): return .text(flatten(s), style)
            case .reference(let index, let text): return .reference(index: index, text: flatten(text))
            default: return inline
            }
        }
    }

    /// A paragraph's inlines split at the tokens that stand alone in it; a token inside a
    /// styled run or a link's words becomes placeholder text instead.
    private func split(_ inlines: [Inline]) -> [Block] {
        var out: [Block] = []
        var current: [Inline] = []
        func endParagraph() {
            while let first = current.first, first == .lineBreak || first.isBlank { current.removeFirst() }
            while let last = current.last, last == .lineBreak || last.isBlank { current.removeLast() }
            if case .text(let s, let style)? = current.first { current[0] = .text(String(s.drop { $0 == " " }), style) }
            if case .text(let s, let style)? = current.last {
                var t = s
                while t.hasSuffix(" ") { t.removeLast() }
                current[current.count - 1] = .text(t, style)
            }
            if current.contains(where: { !$0.isBlank && $0 != .lineBreak }) { out.append(.paragraph(current)) }
            current = []
        }
        for inline in inlines {
            guard case .text(let s, let style) = inline, contains(s) else {
                current.append(inline.flattened(self)); continue
            }
            guard style.isEmpty else { current.append(.text(flatten(s), style)); continue }
            for piece in pieces(s) {
                switch piece {
                case .text(let t): current.append(.text(t, style))
                case .item(let i):
                    endParagraph()
                    out.append(items[i].block)
                }
            }
        }
        endParagraph()
        return out
    }
}

private extension Inline {
    var isBlank: Bool {
        if case .text(let s, _) = self { return s.allSatisfy(\.isWhitespace) }
        return false
    }

    func flattened(_ tokens: MediaTokens) -> Inline {
        if case .reference(let index, let text) = self { return .reference(index: index, text: tokens.flatten(text)) }
        return self
    }
}

/// The first occurrence of a needle at or after a position, for a scan that moves forward: a
/// search is reused while it still answers, so the text is read about once per needle however
/// often it is asked (thousands of tags left unclosed in a post stay linear, not quadratic).
struct NextOccurrence {
    /// ASCII.
    let needle: String
    let ignoringCase: Bool
    private var searchedFrom: Substring.Index?
    private var found: Range<Substring.Index>?

    init(needle: String, ignoringCase: Bool = false) { self.needle = needle; self.ignoringCase = ignoringCase }

    mutating func first(atOrAfter i: Substring.Index, in text: Substring) -> Range<Substring.Index>? {
        if let from = searchedFrom, from <= i, found.map({ i <= $0.lowerBound }) ?? true { return found }
        found = text[i...].firstASCII(needle, ignoringCase: ignoringCase)
        searchedFrom = i
        return found
    }
}

extension Substring {
    /// Where an ASCII `needle` first occurs, compared byte by byte (ASCII letters in either case
    /// when `ignoringCase`). Foundation's `range(of:)` on a substring costs the length of the
    /// rest of the text whatever the match: in a loop over a post, the whole loop turned
    /// quadratic (a post of 100,000 unclosed tags took minutes).
    func firstASCII(_ needle: String, ignoringCase: Bool = false) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        func lower(_ b: UInt8) -> UInt8 { ignoringCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        let head = lower(first)
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            let n = bytes.count, m = pattern.count
            guard m <= n else { return nil }
            var i = 0
            while i <= n - m {
                if lower(bytes[i]) == head {
                    var k = 1
                    while k < m && lower(bytes[i + k]) == lower(pattern[k]) { k += 1 }
                    if k == m { return i }
                }
                i += 1
            }
            return nil
        }
        let found = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }
}
