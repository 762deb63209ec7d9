import QuireModel

/// The screen lines a large post needs first: those around a place, wrapped without the
/// typed lines before and after it, so that the first frame does not wait for the whole post.
///
/// Wrapping is greedy from the start of each typed line, so a typed line's screen lines, or
/// the first of them, are the same whether or not the rest of the post is wrapped; only the
/// lines near where a long paragraph was cut short can differ, and those are left out.
struct LayoutWindow {
    /// The typed lines wrapped, in order, each with its screen lines.
    private(set) var pieces: [(source: Int, lines: [Wrap.Line])] = []
    /// Whether the last typed line's screen lines are only its first ones.
    private(set) var cut = false
    /// The index, among all the pieces' lines, of the line holding the anchor.
    private(set) var anchorLine = 0

    /// Wraps typed lines from the one holding `anchor` until `height` screen lines from the
    /// anchor's line on are known, or the post ends; at the end, enough lines before the
    /// anchor that a full screen shows, as the whole layout scrolled to its bottom does.
    init(_ document: DocumentLayout, width: Int, highlight: Highlight, around anchor: LayoutAnchor, height: Int) {
        let typed = document.lines
        guard !typed.isEmpty else { return }
        let height = max(1, height)
        let s = min(max(0, anchor.source), typed.count - 1)
        let offset = anchor.source < typed.count ? max(0, anchor.offset) : Int.max
        let first = Self.start(of: typed[s], width: width, highlight: highlight, through: offset, then: height)
        let a = first.lines.lastIndex { $0.offset <= offset } ?? 0
        pieces = [(s, first.lines)]
        cut = first.cut
        anchorLine = a
        var after = first.lines.count - a
        var t = s + 1
        while after < height, !cut, t < typed.count {
            let next = Self.start(of: typed[t], width: width, highlight: highlight, through: 0, then: height - after)
            pieces.append((t, next.lines))
            cut = next.cut
            after += next.lines.count
            t += 1
        }
        guard after < height else { return }
        // The post ended short of a screen: the lines before fill it.
        var before: [(source: Int, lines: [Wrap.Line])] = []
        var count = a
        t = s - 1
        while count < height - after, t >= 0 {
            let lines = PostLayout.wrap(typed[t], width: width, highlight: highlight)
            before.append((t, lines))
            count += lines.count
            anchorLine += lines.count
            t -= 1
        }
        pieces = before.reversed() + pieces
    }

    /// The screen lines of a typed line, or only its first ones: at least `count` lines from
    /// the one holding cluster `offset`. A long paragraph is cut, wrapped, and cut twice as
    /// long until its first lines hold them; `cut` says the lines are only the first ones.
    static func start(of typed: TypedLine, width: Int, highlight: Highlight, through offset: Int,
                      then count: Int) -> (lines: [Wrap.Line], cut: Bool) {
        let whole = { (PostLayout.wrap(typed, width: width, highlight: highlight), false) }
        switch typed.kind {
        case .blank, .rule, .underline, .table: return whole()
        default: break
        }
        let length = typed.spans.reduce(0) { $0 + $1.text.utf8.count }
        var budget = (count + 4) * max(1, width) * 2 + min(offset, length)
        while budget < length {
            guard let shorter = cutShort(typed, characters: budget, atSpace: highlight.isActive) else { break }
            let all = PostLayout.wrap(shorter, width: width, highlight: highlight)
            // The last lines may end where the text was cut, not where the whole text's do,
            // and a found text may straddle the cut: lines ending near it are left out.
            var margin = 1
            if case .text(let needle) = highlight { margin += needle.count }
            let lastOffset = all.last?.offset ?? 0
            var keep = max(0, all.count - 2)
            while keep > 0, all[keep].offset > lastOffset - margin { keep -= 1 }
            let lines = Array(all[..<keep])
            if let a = lines.lastIndex(where: { $0.offset <= offset }), lines.count - a > count {
                return (lines, true)
            }
            budget *= 2
        }
        return whole()
    }

    /// The typed line with its text cut after `characters` characters, or nil when it is not
    /// longer. With hits marked, the cut is at the next space, so that no word is cut in two
    /// (nil when there is none).
    static func cutShort(_ typed: TypedLine, characters: Int, atSpace: Bool) -> TypedLine? {
        var remaining = characters
        var spans: [Span] = []
        var seekingSpace = false
        for span in typed.spans {
            if seekingSpace {
                if let space = span.text.firstIndex(where: \.isWhitespace) {
                    spans.append(Span(span, span.text[..<space]))
                    var out = typed
                    out.spans = spans
                    return out
                }
                spans.append(span)
                continue
            }
            let text = span.text.prefix(remaining)
            remaining -= text.count
            guard remaining == 0, text.endIndex < span.text.endIndex || atSpace else { spans.append(Span(span, text)); continue }
            if !atSpace {
                spans.append(Span(span, text))
                var out = typed
                out.spans = spans
                return out
            }
            let rest = span.text[text.endIndex...]
            if let space = rest.firstIndex(where: \.isWhitespace) {
                spans.append(Span(span, span.text[..<space]))
                var out = typed
                out.spans = spans
                return out
            }
            spans.append(span)
            seekingSpace = true
        }
        return nil
    }
}

private extension Span {
    /// The span with another text and the same style and link.
    init(_ span: Span, _ text: Substring) {
        self = span
        self.text = String(text)
    }
}
