import QuireModel

/// Turns a stored post into typed lines and a link table, both in reading order.
///
/// Each footnote is placed right after the first paragraph that cites it (indented and dimmed),
/// or, with inline notes off, in a Notes section at the end. References become numbered links;
/// after the body come the link table, the backlinks ("Referenced by") and the comments.
public struct DocumentLayout {
    public private(set) var lines: [TypedLine] = []
    public private(set) var links: [ReaderLink] = []
    /// The headings of the body and the sections after it, in order.
    public private(set) var outline: [OutlineEntry] = []
    /// Lines before this one are the post's text (with inline notes); after it come the
    /// notes section, references, backlinks and comments.
    public private(set) var textEnd = 0
    /// The line each comment starts on (its author), in the order of the post's comments.
    public private(set) var commentStarts: [Int] = []

    private let stored: StoredPost
    private let inlineNotes: Bool
    private let notes: [String: Footnote]
    /// The references with their numbers, and each one's number by its index.
    private let numbered: [NumberedReference]
    private var referenceNumbers: [Int: Int] = [:]
    private var shownNotes: Set<String> = []
    /// Inside a note or a comment: their headings are not the post's outline.
    private var inAside = false

    public static let noteIndent = "    "
    public static let passwordLine = "The blog kept this post behind a password."

    public init(_ stored: StoredPost, inlineNotes: Bool) {
        self.stored = stored
        self.inlineNotes = inlineNotes
        var notes: [String: Footnote] = [:]
        for n in stored.post.footnotes where notes[n.label] == nil { notes[n.label] = n }
        self.notes = notes
        numbered = stored.numberedReferences
        for ref in numbered { referenceNumbers[ref.index] = ref.number }
        build()
    }

    private func target(_ index: Int) -> ReferenceTarget {
        stored.targets.indices.contains(index) ? stored.targets[index] : .none
    }

    // MARK: Building

    private mutating func build() {
        let post = stored.post
        outline.append(OutlineEntry(level: 1, title: post.title, source: 0, isSection: true))
        lines.append(TypedLine(.title, [Span(post.title, .title)]))
        var meta = post.date.isValidDay ? post.date.longDescription : post.date.isoDay
        if let author = post.author, !author.isEmpty { meta += " · " + author }
        lines.append(TypedLine(.meta, [Span(meta, .meta)], searchable: false))
        if !post.labels.isEmpty {
            lines.append(TypedLine(.meta, [Span("Labels: " + post.labels.joined(separator: ", "), .meta)], searchable: false))
        }
        if post.passwordProtected {
            lines.append(TypedLine(.meta, [Span(Self.passwordLine, .meta)], searchable: false))
        }
        lines.append(.blank)
        emit(post.document.blocks, first: [], rest: [], base: .plain)
        textEnd = lines.count
        notesSection()
        referenceTable()
        backlinks()
        comments()
        pingbacks()
    }

    private mutating func emit(_ blocks: [Block], first: [Span], rest: [Span], base: Style) {
        for (i, block) in blocks.enumerated() {
            if i > 0 { lines.append(TypedLine(.blank, [], firstPrefix: trimmed(rest), searchable: false)) }
            emit(block, first: i == 0 ? first : rest, rest: rest, base: base)
        }
    }

    private mutating func emit(_ block: Block, first: [Span], rest: [Span], base: Style) {
        switch block {
        case .paragraph(let inlines):
            lines.append(TypedLine(.paragraph, spans(inlines, base), firstPrefix: first, restPrefix: rest))
            notesCited(in: block, prefix: rest)
        case .heading(let level, let inlines):
            if !inAside { outline.append(OutlineEntry(level: level, title: inlines.plainText, source: lines.count, isSection: false)) }
            lines.append(TypedLine(.heading, spans(inlines, base.adding(.bold)), firstPrefix: first, restPrefix: rest))
            notesCited(in: block, prefix: rest)
        case .quote(let inner):
            let bar = Span("│ ", .quote)
            emit(inner, first: first + [bar], rest: rest + [bar], base: base)
        case .list(let ordered, let items):
            for (n, item) in items.enumerated() {
                let marker = ordered ? "\(n + 1). " : "• "
                let pad = Span(String(repeating: " ", count: DisplayWidth.of(marker)))
                emit(item, first: (n == 0 ? first : rest) + [Span(marker, base)], rest: rest + [pad], base: base)
            }
        case .code(let text):
            let indent = Span("  ")
            for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.replacingTabs()
                lines.append(TypedLine(.code, [Span(line, base == .plain ? .code : base)],
                                       firstPrefix: (i == 0 ? first : rest) + [indent], restPrefix: rest + [indent]))
            }
        case .elision:
            lines.append(TypedLine(.elision, [Span("[...]", .elision)], firstPrefix: first, restPrefix: rest, searchable: false))
        case .rule:
            lines.append(TypedLine(.rule, [], firstPrefix: first, restPrefix: rest, searchable: false))
        case .media:
            lines.append(TypedLine(.paragraph, [Span(block.plainText, .meta)], firstPrefix: first, restPrefix: rest))
        case .numberedList(_, let items):
            emit(.list(ordered: true, items: items), first: first, rest: rest, base: base)
        case .table(let rows, _):
            for row in rows { lines.append(TypedLine(.paragraph, spans(Array(row.joined(separator: [.text(" | ", [])])), base), firstPrefix: first, restPrefix: rest)) }
        case .term(let inlines):
            lines.append(TypedLine(.paragraph, spans(inlines, base.adding(.bold)), firstPrefix: first, restPrefix: rest))
        case .definition(let inner):
            emit(inner, first: first + [Span("    ")], rest: rest + [Span("    ")], base: base)
        case .figure(let inner, let caption):
            emit(inner, first: first, rest: rest, base: base)
            if !caption.isEmpty {
                lines.append(TypedLine(.paragraph, spans(caption, base.adding(.italic)), firstPrefix: rest, restPrefix: rest))
            }
        }
    }

    /// Spans for inline content; markers and references become links.
    private mutating func spans(_ inlines: [Inline], _ base: Style) -> [Span] {
        var out: [Span] = []
        for inline in inlines {
            switch inline {
            case .text(let s, let st):
                var style = base
                if st.contains(.strong) { style = style.adding(.bold) }
                if st.contains(.emphasis) { style = style.adding(.italic) }
                if st.contains(.code) { style.role = .code }
                out += Self.markingElisions(s, style)
            case .footnoteMarker(let label):
                let id = addLink(.footnote(label: label))
                out.append(Span("[\(label)]", .marker, link: id))
            case .reference(let index, let text):
                let t = target(index)
                guard t != .none, let number = referenceNumbers[index] else { out.append(Span(text, base)); continue }
                let id = addLink(.reference(number: number, target: t, text: text))
                let style: Style = t == .dangling ? .dangling : .link
                out.append(Span(text, style, link: id))
                out.append(Span("{\(number)}", .marker, link: id))
            case .lineBreak:
                out.append(Span("\n", base))
            }
        }
        return out
    }

    /// Splits out `[...]` written inside a paragraph so it is drawn like an elision line.
    static func markingElisions(_ text: String, _ style: Style) -> [Span] {
        // Checked on bytes first: almost no paragraph has a bracket at all.
        guard text.utf8.contains(UInt8(ascii: "[")) else { return [Span(text, style)] }
        let chars = Array(text)
        var out: [Span] = []
        var plain = ""
        var i = 0
        while i < chars.count {
            let length = elisionLength(chars, at: i)
            guard length > 0 else { plain.append(chars[i]); i += 1; continue }
            if !plain.isEmpty { out.append(Span(plain, style)); plain = "" }
            out.append(Span(String(chars[i..<(i + length)]), .elision))
            i += length
        }
        if !plain.isEmpty { out.append(Span(plain, style)) }
        return out
    }

    /// The length of `[...]` or `[…]` starting at `i`, or 0.
    private static func elisionLength(_ chars: [Character], at i: Int) -> Int {
        guard chars[i] == "[" else { return 0 }
        if i + 2 < chars.count, chars[i + 1] == "…", chars[i + 2] == "]" { return 3 }
        if i + 4 < chars.count, chars[i + 1] == ".", chars[i + 2] == ".", chars[i + 3] == ".", chars[i + 4] == "]" { return 5 }
        return 0
    }

    private mutating func addLink(_ kind: ReaderLink.Kind) -> Int {
        links.append(ReaderLink(kind)); return links.count - 1
    }

    // MARK: Footnotes

    private mutating func notesCited(in block: Block, prefix: [Span]) {
        guard inlineNotes else { return }
        for label in block.footnoteLabels where !shownNotes.contains(label) {
            guard let note = notes[label] else { continue }
            emitNote(note, prefix: prefix + [Span(Self.noteIndent)])
        }
    }

    private mutating func emitNote(_ note: Footnote, prefix: [Span]) {
        shownNotes.insert(note.label)
        let wasAside = inAside
        inAside = true
        defer { inAside = wasAside }
        let label = "[\(note.label)] "
        let pad = Span(String(repeating: " ", count: DisplayWidth.of(label)))
        let start = lines.count
        emit(note.blocks.isEmpty ? [.paragraph([])] : note.blocks,
             first: prefix + [Span(label, .footnote.adding(.bold))], rest: prefix + [pad], base: .footnote)
        if start < lines.count {
            lines[start].noteLabel = note.label
            for i in start..<lines.count where lines[i].kind == .paragraph { lines[i].kind = .note }
        }
    }

    private mutating func notesSection() {
        let remaining = stored.post.footnotes.filter { !shownNotes.contains($0.label) }
        guard !remaining.isEmpty else { return }
        section("Notes")
        for (i, note) in remaining.enumerated() where !shownNotes.contains(note.label) {
            if i > 0 { lines.append(.blank) }
            emitNote(note, prefix: [])
        }
    }

    // MARK: After the body

    private mutating func section(_ title: String) {
        lines.append(.blank)
        outline.append(OutlineEntry(level: 1, title: title, source: lines.count, isSection: true))
        lines.append(TypedLine(.section, [Span(title, .heading)], searchable: false))
    }

    private mutating func referenceTable() {
        guard !numbered.isEmpty else { return }
        section("References")
        for reference in numbered {
            let label = "{\(reference.number)} "
            let pad = Span(String(repeating: " ", count: DisplayWidth.of(label)))
            let ref = stored.post.references[reference.index]
            var spans = [Span(label, .marker)]
            switch reference.target {
            case .post(_, let title): spans.append(Span(title))
            case .dangling: spans += [Span("\u{201C}\(ref.target)\u{201D}"), Span(" — not in the archive", .meta)]
            case .external(let url): spans += [Span(url), Span(" (external)", .meta)]
            case .none: continue
            }
            lines.append(TypedLine(.reference, spans, restPrefix: [pad], searchable: false))
        }
    }

    private mutating func backlinks() {
        guard !stored.backlinks.isEmpty else { return }
        section("Referenced by")
        for b in stored.backlinks {
            let id = addLink(.backlink(id: b.id, title: b.title))
            var spans = [Span(b.date.isoDay + "  ", .meta), Span(b.title, .link, link: id)]
            if stored.commentBacklinks.contains(b.id) { spans.append(Span(" (in a comment)", .meta)) }
            lines.append(TypedLine(.backlink, spans, firstPrefix: [Span("← ", .meta)], restPrefix: [Span("  ")], searchable: false))
        }
    }

    private mutating func comments() {
        let post = stored.post
        let count = max(post.commentCount, post.comments.count)
        section(count == 0 ? "Comments" : count == 1 ? "1 comment" : "\(count) comments")
        if post.comments.isEmpty {
            let text = count == 0 ? "No comments." : "The comments themselves are not in the archive."
            lines.append(TypedLine(.meta, [Span(text, .meta)], searchable: false))
            return
        }
        inAside = true
        let depths = Self.depths(post.comments)
        for (i, c) in post.comments.enumerated() {
            if i > 0 { lines.append(.blank) }
            let indent = [Span(String(repeating: "  ", count: min(depths[i], 4)))]
            var header = [Span(c.author.isEmpty ? "Anonymous" : c.author, .plain.adding(.bold))]
            if let d = c.date { header.append(Span(" · " + d.isoDay, .meta)) }
            commentStarts.append(lines.count)
            // Searchable: a search finds commenters by name.
            lines.append(TypedLine(.comment, header, firstPrefix: indent))
            if c.removed {
                lines.append(TypedLine(.comment, [Span("[comment removed]", .meta)], firstPrefix: indent, searchable: false))
            } else {
                emit(c.blocks, first: indent, rest: indent, base: .plain)
            }
        }
    }

    /// Pingbacks and trackbacks, after the comments and apart from them: who linked here, from
    /// where, and the words the blog kept.
    private mutating func pingbacks() {
        let all = stored.post.pingbacks
        guard !all.isEmpty else { return }
        let kinds = Set(all.map(\.kind))
        let noun = kinds == [.trackback] ? "trackback" : kinds == [.webmention] ? "webmention" : "pingback"
        section(all.count == 1 ? "1 \(noun)" : "\(all.count) \(noun)s")
        for (i, p) in all.enumerated() {
            if i > 0 { lines.append(.blank) }
            var header = [Span(p.source, .plain.adding(.bold))]
            if let d = p.date { header.append(Span(" · " + d.isoDay, .meta)) }
            lines.append(TypedLine(.comment, header, searchable: false))
            if let url = p.url { lines.append(TypedLine(.comment, [Span(url, .meta)], restPrefix: [Span("  ")], searchable: false)) }
            if !p.excerpt.isEmpty { lines.append(TypedLine(.comment, [Span(p.excerpt)], searchable: false)) }
        }
    }

    /// Thread depth of each comment, following parent ids (cycles and unknown parents stop).
    static func depths(_ comments: [Comment]) -> [Int] {
        var parent: [String: String] = [:]
        for c in comments { if let p = c.parentID { parent[c.sourceID] = p } }
        let known = Set(comments.map(\.sourceID))
        return comments.map { c in
            var d = 0, id = c.sourceID, seen: Set<String> = [id]
            while let p = parent[id], !seen.contains(p), known.contains(p) {
                d += 1; id = p; seen.insert(p)
            }
            return d
        }
    }

    private func trimmed(_ prefix: [Span]) -> [Span] {
        prefix.map { var s = $0; while s.text.last == " " { s.text.removeLast() }; return s }
    }
}

private extension Substring {
    func replacingTabs() -> String {
        var out = ""
        for c in self {
            if c == "\t" { out += String(repeating: " ", count: 4 - DisplayWidth.of(out) % 4) } else { out.append(c) }
        }
        return out
    }
}
