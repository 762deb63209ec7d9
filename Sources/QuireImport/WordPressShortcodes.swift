import Foundation

/// Rewrites the WordPress shortcodes and markers that matter for reading into plain HTML.
///
/// Media shortcodes and embed blocks become tokens for media blocks (`WordPressMedia`);
/// `[ref]`, `[footnote]`, `[efn_note]` and `((…))` notes become `<sup data-fn>` markers with
/// their text set aside; `<!--nextpage-->` becomes a rule. Text inside `<pre>` and `<code>` is
/// left exactly as written.
enum WordPressShortcodes {
    struct Result {
        var html: String
        /// Note HTML by the id of its marker, in order of appearance.
        var notes: [(id: String, html: String)]
        /// The media blocks standing in `html` as tokens.
        var media = MediaTokens()
    }

    private static let noteTags = ["ref", "footnote", "efn_note"]

    /// `page` is the post's own address, where a gallery of its attachments can be seen.
    static func process(_ html: String, page: String? = nil) -> Result {
        var notes: [(id: String, html: String)] = []
        var media = MediaTokens()
        var out = ""
        for (text, isCode) in segments(MediaTokens.scrub(html)) {
            if isCode { out += text; continue }
            var s = text
            s = s.replacingOccurrences(of: "<!--nextpage-->", with: "<hr>")
            s = removingMoreMarkers(s)
            s = WordPressMedia.replacingEmbedBlocks(s, tokens: &media)
            s = WordPressMedia.replacingShortcodes(s, page: page, tokens: &media)
            for tag in noteTags {
                s = unwrap(s, tag: tag) { inner in
                    let id = "wp-note-\(notes.count + 1)"
                    notes.append((id, inner))
                    return "<sup data-fn=\"\(id)\"></sup>"
                }
            }
            s = doubleParentheses(s) { inner in
                let id = "wp-note-\(notes.count + 1)"
                notes.append((id, inner))
                return "<sup data-fn=\"\(id)\"></sup>"
            }
            out += s
        }
        return Result(html: out, notes: notes, media: media)
    }

    /// Removes `<!--more-->` (and `<!--more Read on-->`) with the newline after it, so the text
    /// around it stays one paragraph as WordPress shows it on the post's own page.
    static func removingMoreMarkers(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let open = rest.firstASCII("<!--more") {
            guard let close = rest[open.upperBound...].firstASCII("-->") else { break }
            out += rest[..<open.lowerBound]
            rest = rest[close.upperBound...]
            if rest.hasPrefix("\r\n") || rest.hasPrefix("\n") { rest = rest.dropFirst() }
        }
        return out + rest
    }

    /// Splits HTML into runs outside and inside `<pre>` / `<code>` elements.
    static func segments(_ html: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        let whole = Substring(html)
        // Each search goes on from where the last one stopped: many code spans stay linear.
        var openings = ["pre", "code"].map { (tag: $0, next: NextOccurrence(needle: "<" + $0, ignoringCase: true)) }
        var rest = whole
        while let open = firstOpening(in: rest, whole: whole, openings: &openings) {
            result.append((String(rest[..<open.range.lowerBound]), false))
            let afterOpen = rest[open.range.lowerBound...]
            if let close = afterOpen.firstASCII("</\(open.tag)>", ignoringCase: true) {
                result.append((String(afterOpen[..<close.upperBound]), true))
                rest = afterOpen[close.upperBound...]
            } else {
                result.append((String(afterOpen), true))
                rest = ""
            }
        }
        result.append((String(rest), false))
        return result
    }

    private static func firstOpening(in s: Substring, whole: Substring,
                                     openings: inout [(tag: String, next: NextOccurrence)]) -> (range: Range<Substring.Index>, tag: String)? {
        var best: (range: Range<Substring.Index>, tag: String)?
        for k in openings.indices {
            var from = s.startIndex
            while let r = openings[k].next.first(atOrAfter: from, in: whole) {
                let next = whole[r.upperBound...].first
                if next == ">" || next == " " || next == "\n" || next == "\t" {
                    if best == nil || r.lowerBound < best!.range.lowerBound { best = (r, openings[k].tag) }
                    break
                }
                from = r.upperBound
            }
        }
        return best
    }

    /// Replaces every `[tag ...]inner[/tag]` with `transform(inner)`.
    static func unwrap(_ s: String, tag: String, _ transform: (String) -> String) -> String {
        var out = ""
        let whole = Substring(s)
        var closing = NextOccurrence(needle: "[/\(tag)]", ignoringCase: true)
        var rest = whole
        while let open = rest.firstASCII("[\(tag)", ignoringCase: true) {
            let after = rest[open.upperBound...]
            guard let next = after.first, next == "]" || next == " ",
                  let openEnd = after.firstIndex(of: "]") else {
                out += rest[..<open.upperBound]
                rest = after
                continue
            }
            let body = after[after.index(after: openEnd)...]
            guard let close = closing.first(atOrAfter: body.startIndex, in: whole) else {
                out += rest[..<open.upperBound]
                rest = after
                continue
            }
            out += rest[..<open.lowerBound]
            out += transform(String(body[..<close.lowerBound]))
            rest = body[close.upperBound...]
        }
        return out + rest
    }

    /// Replaces `((note))`, the Footnotes Made Easy syntax, with `transform(note)`.
    static func doubleParentheses(_ s: String, _ transform: (String) -> String) -> String {
        var out = ""
        var rest = Substring(s)
        while let open = rest.firstASCII("((") {
            let body = rest[open.upperBound...]
            guard let close = body.firstASCII("))") else { break }
            let inner = body[..<close.lowerBound]
            if inner.isEmpty || inner.contains("((") || inner.count > 4000
                || inner.trimmingCharacters(in: .whitespaces).isEmpty {
                out += rest[..<open.upperBound]
                rest = body
                continue
            }
            out += rest[..<open.lowerBound]
            out += transform(String(inner))
            rest = body[close.upperBound...]
        }
        return out + rest
    }
}
