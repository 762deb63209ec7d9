import Foundation
import QuireModel

/// Jekyll's Liquid tags and Hugo's shortcodes, set aside before the Markdown is parsed.
///
/// Each tag is replaced by a token of private-use characters that Markdown leaves alone, even
/// inside a link's address. After parsing, tokens in code are put back as written; elsewhere a
/// reference tag (`{% post_url %}`, `{% link %}`, `{{< ref >}}`) becomes a reference to a post,
/// an embed (`{{< youtube >}}`, `{{< figure >}}`, `{% gist %}` …) a media block (`media`), and
/// the others disappear, since there is no site to render them.
struct TemplateTags {
    enum Dialect { case jekyll, hugo }

    enum Meaning: Equatable {
        /// A link to another post of the site: `post_url:<stem>` (or `link:<path>` for other pages).
        case reference(target: String, shown: String)
        case removed
    }

    struct Item { var original: String; var meaning: Meaning }

    private(set) var items: [Item] = []
    /// Embeds, standing in the text as tokens of their own until the blocks are made.
    private(set) var media = MediaTokens()

    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    /// The key a post is found by from a reference tag: `post_url:` and the file name without
    /// its folder and extension, lowercased by the store.
    static func postKey(_ name: String) -> String {
        var s = name.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\"'"))
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        while s.hasSuffix("/") { s.removeLast() }
        var parts = s.split(separator: "/").map(String.init)
        // A Hugo page bundle is named by its folder.
        if let last = parts.last, ["index.md", "_index.md", "index.markdown"].contains(last.lowercased()), parts.count > 1 {
            parts.removeLast()
        }
        var stem = parts.last ?? s
        if let dot = stem.lastIndex(of: "."), MarkdownReader.isMarkdownExtension(String(stem[stem.index(after: dot)...])) {
            stem = String(stem[..<dot])
        }
        return "post_url:" + stem
    }

    // MARK: - Setting aside

    /// The text with every token character replaced, so that only tokens made here exist.
    static func scrub(_ text: String) -> String {
        let s = MediaTokens.scrub(text)
        guard s.unicodeScalars.contains(where: { $0.value == 0xE000 || $0.value == 0xE001 }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value == 0xE000 || $0.value == 0xE001 ? "\u{FFFD}" : $0 }))
    }

    mutating func protect(_ text: String, dialect: Dialect) -> String {
        var out = ""
        var rest = Substring(Self.scrub(text))
        while let start = nextTagStart(rest, dialect: dialect) {
            out += rest[..<start]
            rest = rest[start...]
            if rest.hasPrefix("{%") {
                guard let tag = liquidTag(rest) else { out += "{%"; rest = rest.dropFirst(2); continue }
                rest = handleLiquid(tag, rest: rest, into: &out)
            } else if rest.hasPrefix("{{<") || rest.hasPrefix("{{%") {
                guard let tag = shortcode(rest) else { out += "{{"; rest = rest.dropFirst(2); continue }
                rest = handleShortcode(tag, rest: rest, into: &out)
            } else {
                // A Liquid output tag: {{ page.title }}.
                guard let end = rest.range(of: "}}") else { out += "{{"; rest = rest.dropFirst(2); continue }
                rest = remove(rest[..<end.upperBound], before: rest[end.upperBound...], into: &out)
            }
        }
        return out + rest
    }

    private func nextTagStart(_ s: Substring, dialect: Dialect) -> Substring.Index? {
        var search = s[...]
        while let r = search.firstIndex(of: "{") {
            let after = search[search.index(after: r)...]
            switch dialect {
            case .jekyll:
                if after.hasPrefix("%") || after.hasPrefix("{") { return r }
            case .hugo:
                if after.hasPrefix("{<") || after.hasPrefix("{%") { return r }
            }
            search = after
        }
        return nil
    }

    /// Records a tag and returns the token that stands for it in the text.
    private mutating func register(_ original: String, _ meaning: Meaning) -> String {
        let t = String(TemplateTags.open) + String(items.count) + String(TemplateTags.close)
        items.append(Item(original: original, meaning: meaning))
        return t
    }

    /// `{% name args %}` with optional `-` trim markers: the whole tag, its name and arguments.
    private func liquidTag(_ s: Substring) -> (whole: Substring, name: String, args: String)? {
        // The end is looked for after the opening `{%`: in `{%}` the two overlap.
        guard let end = s.dropFirst(2).range(of: "%}") else { return nil }
        let whole = s[..<end.upperBound]
        var inner = s[s.index(s.startIndex, offsetBy: 2)..<end.lowerBound]
        inner = inner.drop { $0 == "-" }
        while inner.last == "-" { inner = inner.dropLast() }
        let trimmed = inner.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let args = String(trimmed.dropFirst(name.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        return (whole, name, args)
    }

    private mutating func handleLiquid(_ tag: (whole: Substring, name: String, args: String),
                                       rest: Substring, into out: inout String) -> Substring {
        let after = rest[tag.whole.endIndex...]
        switch tag.name {
        case "raw":
            // Everything up to endraw is text as written.
            if let end = findLiquid("endraw", in: after) {
                out += after[..<end.lowerBound]
                return after[end.upperBound...]
            }
            return after
        case "comment":
            if let end = findLiquid("endcomment", in: after) {
                out += register(String(rest[..<end.upperBound]), .removed)
                return after[end.upperBound...]
            }
            return after
        case "highlight":
            let lang = tag.args.split(separator: " ").first.map(String.init) ?? ""
            if let end = findLiquid("endhighlight", in: after) {
                var code = String(after[..<end.lowerBound])
                if code.hasPrefix("\n") { code.removeFirst() }
                let fence = code.contains("```") ? "~~~~" : "```"
                out += "\n\(fence)\(lang)\n\(code)\(code.hasSuffix("\n") ? "" : "\n")\(fence)\n"
                return after[end.upperBound...]
            }
            return after
        case "post_url":
            out += register(String(tag.whole), .reference(target: TemplateTags.postKey(tag.args), shown: tag.args))
        case "link":
            let path = tag.args.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            let target = path.contains("_posts/") ? TemplateTags.postKey(path) : "link:" + path
            out += register(String(tag.whole), .reference(target: target, shown: path))
        case let name where EmbedTags.block(name: name, args: tag.args) != nil:
            out += media.token(for: EmbedTags.block(name: name, args: tag.args)!, original: String(tag.whole))
        default:
            return remove(tag.whole, before: after, into: &out)
        }
        return after
    }

    /// Sets aside a tag that shows nothing. Between two spaces it takes the second with it, so
    /// the words around it are not left two spaces apart; code gets both back (`restore`).
    private mutating func remove(_ tag: Substring, before after: Substring, into out: inout String) -> Substring {
        if out.last == " ", after.first == " " {
            out += register(String(tag) + " ", .removed)
            return after.dropFirst()
        }
        out += register(String(tag), .removed)
        return after
    }

    private func findLiquid(_ name: String, in s: Substring) -> Range<Substring.Index>? {
        var search = s[...]
        while let r = search.range(of: "{%") {
            guard let tag = liquidTag(search[r.lowerBound...]) else { return nil }
            if tag.name == name { return r.lowerBound..<tag.whole.endIndex }
            search = search[tag.whole.endIndex...]
        }
        return nil
    }

    /// `{{< name args >}}` or `{{% name args %}}`; a closing one has its name after `/`.
    private func shortcode(_ s: Substring) -> (whole: Substring, name: String, args: String, closing: Bool)? {
        let percent = s.hasPrefix("{{%")
        guard let end = s.dropFirst(3).range(of: percent ? "%}}" : ">}}") else { return nil }
        let whole = s[..<end.upperBound]
        var inner = s[s.index(s.startIndex, offsetBy: 3)..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let closing = inner.hasPrefix("/") && !inner.hasPrefix("/*")
        if closing { inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let name = String(inner.prefix { !$0.isWhitespace })
        let args = String(inner.dropFirst(name.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        return (whole, name, args, closing)
    }

    private mutating func handleShortcode(_ tag: (whole: Substring, name: String, args: String, closing: Bool),
                                          rest: Substring, into out: inout String) -> Substring {
        let after = rest[tag.whole.endIndex...]
        let inner = tag.whole.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
        if inner.hasPrefix("/*") && inner.hasSuffix("*/") {
            // `{{</* x */>}}` is how Hugo documents show a shortcode: the shortcode as text.
            let shown = inner.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
            let open = tag.whole.hasPrefix("{{%") ? "{{% " : "{{< "
            let close = tag.whole.hasPrefix("{{%") ? " %}}" : " >}}"
            out += open + shown + close
            return after
        }
        switch tag.closing ? "" : tag.name {
        case "ref", "relref":
            let arg = firstArgument(tag.args)
            out += register(String(tag.whole), .reference(target: TemplateTags.postKey(arg), shown: arg))
        case let name where name.hasSuffix(".inline"):
            // An inline shortcode holds a template for Hugo, not text for the reader.
            let close = after.range(of: "{{< /\(name) >}}") ?? after.range(of: "{{</ \(name) >}}")
                ?? after.range(of: "{{</\(name)>}}")
            out += register(String(rest[..<(close?.upperBound ?? tag.whole.endIndex)]), .removed)
            return close.map { after[$0.upperBound...] } ?? after
        case let name where EmbedTags.block(name: name, args: tag.args) != nil:
            out += media.token(for: EmbedTags.block(name: name, args: tag.args)!, original: String(tag.whole))
        case "highlight":
            let lang = firstArgument(tag.args)
            if let end = after.range(of: #"{{< /highlight >}}"#) ?? after.range(of: "{{</highlight>}}") {
                var code = String(after[..<end.lowerBound])
                if code.hasPrefix("\n") { code.removeFirst() }
                out += "\n```\(lang)\n\(code)\(code.hasSuffix("\n") ? "" : "\n")```\n"
                return after[end.upperBound...]
            }
            out += register(String(tag.whole), .removed)
        default:
            return remove(tag.whole, before: after, into: &out)
        }
        return after
    }

    private func firstArgument(_ args: String) -> String {
        let t = args.trimmingCharacters(in: .whitespaces)
        if let q = t.first, q == "\"" || q == "'" || q == "`" {
            return String(t.dropFirst().prefix { $0 != q })
        }
        return String(t.prefix { !$0.isWhitespace })
    }

    // MARK: - Putting back

    /// Tokens replaced by the tags as written: for code, which is shown literally.
    func restore(_ s: String) -> String {
        let s = media.restore(s)
        guard s.contains(TemplateTags.open) else { return s }
        return pieces(s).map { piece in
            switch piece {
            case .text(let t): return t
            case .item(let i): return items[i].original
            }
        }.joined()
    }

    enum Piece: Equatable { case text(String), item(Int) }

    /// Splits text into plain runs and tokens.
    func pieces(_ s: String) -> [Piece] {
        guard s.contains(TemplateTags.open) else { return [.text(s)] }
        var result: [Piece] = []
        var rest = Substring(s)
        while let o = rest.firstIndex(of: TemplateTags.open) {
            let after = rest[rest.index(after: o)...]
            guard let c = after.firstIndex(of: TemplateTags.close), let n = Int(after[..<c]), n < items.count else {
                result.append(.text(String(rest[...o]))); rest = after; continue
            }
            if o > rest.startIndex { result.append(.text(String(rest[..<o]))) }
            result.append(.item(n))
            rest = after[after.index(after: c)...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }

    /// The reference a link's address stands for when it holds a reference tag.
    func reference(inAddress address: String) -> (target: String, shown: String)? {
        for case .item(let i) in pieces(address) {
            if case .reference(let target, let shown) = items[i].meaning { return (target, shown) }
        }
        return nil
    }

    /// Raw HTML with its tokens resolved: reference tags become their `post_url:` target (so a
    /// link around one can be recognised), the others disappear.
    func renderForHTML(_ html: String) -> String {
        // Embed tokens are left in: the blocks made from the HTML are expanded like the others.
        pieces(html).map { piece -> String in
            switch piece {
            case .text(let t): return t
            case .item(let i):
                if case .reference(let target, _) = items[i].meaning { return target }
                return ""
            }
        }.joined()
    }

    /// Links in HTML whose address was a reference tag become path references to a post.
    static func markPathReferences(_ refs: inout [Reference], from start: Int) {
        for i in refs.indices where i >= start {
            let t = refs[i].target
            if t.hasPrefix("post_url:") || t.hasPrefix("link:") {
                refs[i].kind = .path
                refs[i].explicit = true
            }
        }
    }

    /// An address with its removed tags taken out (`{{ site.baseurl }}/x` -> `/x`).
    func strip(_ address: String) -> String {
        let text = pieces(address).map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
        guard media.contains(text) else { return text }
        return media.pieces(text).map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
    }
}
