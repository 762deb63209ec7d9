/// One screen line of a laid-out post.
public struct WrappedLine: Hashable, Sendable {
    public var spans: [Span]
    public var kind: TypedLine.Kind
    /// The typed line it comes from and where in it it starts, to keep the reading position
    /// when the width changes.
    public var source: Int
    public var offset: Int
    public var hasHit: Bool { spans.contains(where: \.isHit) }
}

/// A heading or section of a laid-out post and the screen line it starts on.
public struct OutlineItem: Hashable, Sendable {
    public var level: Int
    public var title: String
    public var isSection: Bool
    public var line: Int
}

/// A reading position that survives re-wrapping: a typed line and a cluster offset in it.
public struct LayoutAnchor: Hashable, Sendable {
    public var source: Int
    public var offset: Int
}

/// A post wrapped to a width: the lines, the links with the line each starts on, where each
/// footnote starts, and the lines holding search hits.
public struct PostLayout: Hashable, Sendable {
    public let width: Int
    public let highlight: Highlight
    public let inlineNotes: Bool
    public private(set) var lines: [WrappedLine] = []
    public private(set) var links: [ReaderLink]
    public private(set) var noteLines: [String: Int] = [:]
    public private(set) var hitLines: [Int] = []
    /// Headings and sections, each with the screen line it starts on in `line`.
    public private(set) var outline: [OutlineItem] = []
    /// The last screen line of the post's text: seeing it marks the post read. In a part of
    /// the layout, -1 when the text ends before its lines and `Int.max` when after them.
    public private(set) var textEndLine = 0
    /// The screen line each comment starts on, in the order of the post's comments.
    public private(set) var commentLines: [Int] = []
    /// Logical lines of the document, to place a saved position by proportion.
    public let sourceCount: Int

    /// The typed lines laid out when only part of the post is (see `window`); nil when the
    /// whole post is. The lines then start with the first screen line of the range's first
    /// typed line, and the last typed line may be cut short.
    public private(set) var partial: Range<Int>?
    public var isComplete: Bool { partial == nil }

    public init(_ document: DocumentLayout, width: Int, highlight: Highlight, inlineNotes: Bool) {
        self.init(width: width, highlight: highlight, inlineNotes: inlineNotes, document: document)
        var firstLine: [Int] = []
        firstLine.reserveCapacity(document.lines.count)
        var linkSeen = Array(repeating: false, count: links.count)
        for (s, typed) in document.lines.enumerated() {
            firstLine.append(lines.count)
            append(typed, source: s, Self.wrap(typed, width: self.width, highlight: highlight), linkSeen: &linkSeen)
        }
        outline = document.outline.map { e in
            OutlineItem(level: e.level, title: e.title, isSection: e.isSection,
                        line: firstLine.indices.contains(e.source) ? firstLine[e.source] : 0)
        }
        commentLines = document.commentStarts.map { firstLine.indices.contains($0) ? firstLine[$0] : lines.count }
        let end = document.textEnd
        textEndLine = max(0, (end < firstLine.count ? firstLine[end] : lines.count) - 1)
    }

    private init(width: Int, highlight: Highlight, inlineNotes: Bool, document: DocumentLayout) {
        self.width = max(1, width); self.highlight = highlight; self.inlineNotes = inlineNotes
        links = document.links
        sourceCount = document.lines.count
    }

    /// The layout of the part of a post around `anchor` that fills a screen of `height` rows
    /// (see `LayoutWindow`), and the line of the anchor in it. It holds those lines, with
    /// their links and notes; the hits, outline and comments wait for the whole layout.
    public static func window(_ document: DocumentLayout, width: Int, highlight: Highlight, inlineNotes: Bool,
                              around anchor: LayoutAnchor, height: Int) -> (layout: PostLayout, line: Int) {
        var layout = PostLayout(width: width, highlight: highlight, inlineNotes: inlineNotes, document: document)
        let window = LayoutWindow(document, width: layout.width, highlight: highlight, around: anchor, height: height)
        var linkSeen = Array(repeating: false, count: layout.links.count)
        var firstLine: [Int: Int] = [:]
        for piece in window.pieces {
            firstLine[piece.source] = layout.lines.count
            layout.append(document.lines[piece.source], source: piece.source, piece.lines, linkSeen: &linkSeen)
        }
        layout.hitLines = []
        let low = window.pieces.first?.source ?? 0, high = (window.pieces.last?.source ?? -1) + 1
        layout.partial = low..<high
        // Whether the end of the post's text is before, in or after these lines.
        let end = document.textEnd
        if end <= low {
            layout.textEndLine = -1
        } else if let line = firstLine[end] {
            layout.textEndLine = line - 1
        } else if end == high, !window.cut {
            layout.textEndLine = layout.lines.count - 1
        } else {
            layout.textEndLine = Int.max
        }
        return (layout, window.anchorLine)
    }

    /// Adds the wrapped pieces of one typed line, noting the first line of its links and note.
    private mutating func append(_ typed: TypedLine, source s: Int, _ pieces: [Wrap.Line], linkSeen: inout [Bool]) {
        let start = lines.count
        for w in pieces {
            let index = lines.count
            for span in w.spans {
                if let id = span.link, id < links.count, !linkSeen[id] { linkSeen[id] = true; links[id].line = index }
            }
            lines.append(WrappedLine(spans: w.spans, kind: typed.kind, source: s, offset: w.offset))
            if lines[index].hasHit { hitLines.append(index) }
        }
        if let label = typed.noteLabel, noteLines[label] == nil { noteLines[label] = start }
    }

    /// One logical line wrapped to the width, its prefixes in front of each piece.
    static func wrap(_ typed: TypedLine, width: Int, highlight: Highlight) -> [Wrap.Line] {
        var typed = typed
        typed.firstPrefix = clipped(typed.firstPrefix, to: width / 2)
        typed.restPrefix = clipped(typed.restPrefix, to: width / 2)
        let firstWidth = max(4, width - typed.firstPrefix.displayWidth)
        let restWidth = max(4, width - typed.restPrefix.displayWidth)
        switch typed.kind {
        case .blank:
            return [Wrap.Line(spans: typed.firstPrefix, offset: 0)]
        case .rule:
            return [Wrap.Line(spans: typed.firstPrefix + [Span(String(repeating: "─", count: firstWidth), .meta)], offset: 0)]
        case .underline:
            // As wide as the heading, but never wider than the line.
            var stroke = typed.spans.first ?? Span("─")
            stroke.text = String(stroke.text.prefix(firstWidth))
            return [Wrap.Line(spans: typed.firstPrefix + [stroke], offset: 0)]
        case .table:
            guard var table = typed.table else { return [Wrap.Line(spans: typed.firstPrefix, offset: 0)] }
            if typed.searchable, highlight.isActive { table.rows = table.rows.map { $0.map(highlight.apply) } }
            let laid = TableLayout.lines(table, width: firstWidth)
            return laid.enumerated().map { k, spans in
                Wrap.Line(spans: (k == 0 ? typed.firstPrefix : typed.restPrefix) + spans, offset: k)
            }
        default:
            let spans = typed.searchable ? highlight.apply(typed.spans) : typed.spans
            let wrapped = Wrap.wrap(spans, firstWidth: firstWidth, restWidth: restWidth, preserveSpaces: typed.kind == .code)
            return wrapped.enumerated().map { k, line in
                Wrap.Line(spans: (k == 0 ? typed.firstPrefix : typed.restPrefix) + line.spans, offset: line.offset)
            }
        }
    }

    /// A prefix of at most `limit` columns, its outermost levels dropped: a hundred nested quotes
    /// or lists would otherwise push the text off the screen.
    static func clipped(_ prefix: [Span], to limit: Int) -> [Span] {
        var width = prefix.displayWidth
        guard width > limit else { return prefix }
        var start = 0
        while width > limit, start < prefix.count - 1 {
            width -= DisplayWidth.of(prefix[start].text)
            start += 1
        }
        return Array(prefix[start...])
    }

    /// The position of a line, to find it again after re-wrapping.
    public func anchor(at line: Int) -> LayoutAnchor? {
        guard lines.indices.contains(line) else { return nil }
        return LayoutAnchor(source: lines[line].source, offset: lines[line].offset)
    }

    /// The line holding an anchor taken from another layout of the same post.
    public func line(for anchor: LayoutAnchor) -> Int {
        var best = 0
        for (i, l) in lines.enumerated() {
            if l.source < anchor.source || (l.source == anchor.source && l.offset <= anchor.offset) { best = i } else { break }
        }
        return best
    }
}
