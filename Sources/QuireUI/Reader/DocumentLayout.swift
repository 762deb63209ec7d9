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
    /// Lists being laid out, for the bullet of the next one.
    private var listDepth = 0
    /// References made for media blocks, by address, in order (see `mediaReference`).
    private var mediaReferences: [String: [Int]] = [:]

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
        let placeholders = Self.mediaPlaceholders(stored.post)
        for (i, ref) in stored.post.references.enumerated() where placeholders.contains(ref.text) {
            mediaReferences[ref.target, default: []].append(i)
        }
        build()
    }

    /// Whether the lines hold more than `limit` bytes of text (tables' cells included).
    public func textBytes(over limit: Int) -> Bool {
        var bytes = 0
        for line in lines {
            for span in line.spans { bytes += span.text.utf8.count }
            for row in line.table?.rows ?? [] { for cell in row { for span in cell { bytes += span.text.utf8.count } } }
            if bytes > limit { return true }
        }
        return false
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
            if i > 0, !Self.followsTightly(block, blocks[i - 1]) {
                lines.append(TypedLine(.blank, [], firstPrefix: trimmed(rest), searchable: false))
            }
            emit(block, first: i == 0 ? first : rest, rest: rest, base: base)
        }
    }

    /// A definition right under its term (or under another definition) has no blank line
    /// before it.
    static func followsTightly(_ block: Block, _ previous: Block) -> Bool {
        guard case .definition = block else { return false }
        switch previous {
        case .term, .definition: return true
        default: return false
        }
    }

    private mutating func emit(_ block: Block, first: [Span], rest: [Span], base: Style) {
        switch block {
        case .paragraph(let inlines):
            lines.append(TypedLine(.paragraph, spans(inlines, base), firstPrefix: first, restPrefix: rest))
            notesCited(in: block, prefix: rest)
        case .heading(let level, let inlines):
            heading(level, inlines, first: first, rest: rest, base: base)
            notesCited(in: block, prefix: rest)
        case .quote(let inner):
            let bar = Span("│ ", .quote)
            emit(inner, first: first + [bar], rest: rest + [bar], base: base)
        case .list(let ordered, let items):
            list(items, numbers: ordered ? Array(1...max(1, items.count)) : nil, first: first, rest: rest, base: base)
        case .numberedList(let numbers, let items):
            list(items, numbers: numbers, first: first, rest: rest, base: base)
        case .code(let text):
            code(text, first: first, rest: rest, base: base)
        case .elision:
            lines.append(TypedLine(.elision, [Span("[...]", .elision)], firstPrefix: first, restPrefix: rest, searchable: false))
        case .rule:
            lines.append(TypedLine(.rule, [], firstPrefix: first, restPrefix: rest, searchable: false))
        case .media(let kind, let url, let title):
            media(kind, url, title, first: first, rest: rest, base: base)
        case .figure(let inner, let caption):
            emit(inner, first: first, rest: rest, base: base)
            if !caption.isEmpty {
                lines.append(TypedLine(.paragraph, spans(caption, base.adding(.italic)), firstPrefix: rest, restPrefix: rest))
                notesCited(in: .paragraph(caption), prefix: rest)
            }
        case .table(let rows, let headerRows):
            table(rows, headerRows, first: first, rest: rest, base: base)
            notesCited(in: block, prefix: rest)
        case .term(let inlines):
            lines.append(TypedLine(.term, spans(inlines, base.adding(.bold)), firstPrefix: first, restPrefix: rest))
            notesCited(in: block, prefix: rest)
        case .definition(let inner):
            let indent = Span(Self.definitionIndent)
            emit(inner, first: first + [indent], rest: rest + [indent], base: base)
        }
    }

    public static let definitionIndent = "    "

    // The cases of `emit` are functions of their own: nested quotes and lists recurse through
    // `emit`, and a small frame there keeps deep nesting within a thread's stack.

    private mutating func code(_ text: String, first: [Span], rest: [Span], base: Style) {
        let indent = Span("  ")
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.replacingTabs()
            lines.append(TypedLine(.code, [Span(line, base == .plain ? .code : base)],
                                   firstPrefix: (i == 0 ? first : rest) + [indent], restPrefix: rest + [indent]))
        }
    }

    private mutating func media(_ kind: MediaKind, _ url: String, _ title: String?, first: [Span], rest: [Span], base: Style) {
        let text = Block.mediaPlaceholder(kind: kind, url: url, title: title)
        var spans = [Span(text, base == .plain ? .meta : base)]
        if let index = mediaReference(url), case let t = target(index), t != .none, let number = referenceNumbers[index] {
            let id = addLink(.reference(number: number, target: t, text: text))
            spans = [Span(text, Self.linkStyle(t), link: id), Span("{\(number)}", .marker, link: id)]
        }
        lines.append(TypedLine(.paragraph, spans, firstPrefix: first, restPrefix: rest))
    }

    private mutating func table(_ rows: [[[Inline]]], _ headerRows: Int, first: [Span], rest: [Span], base: Style) {
        let cells = rows.map { row in row.map { spans($0, base) } }
        var line = TypedLine(.table, [], firstPrefix: first, restPrefix: rest)
        line.table = TableCells(rows: cells, headerRows: headerRows)
        lines.append(line)
    }

    /// Marks before headings of levels 3 to 6; levels 1 and 2 are underlined instead. Each
    /// level looks different without colour or case (CJK has no capitals).
    public static func headingMark(_ level: Int) -> String {
        level <= 2 ? "" : String(repeating: "#", count: min(level, 6)) + " "
    }

    static func headingStyle(_ level: Int, base: Style) -> Style {
        guard base == .plain else { return base.adding(.bold) }
        switch level {
        case 1, 2, 3: return .heading
        case 4: return Style([.bold], .normal)
        case 5: return Style([.bold, .italic], .normal)
        default: return Style([.italic], .normal)
        }
    }

    private mutating func heading(_ level: Int, _ inlines: [Inline], first: [Span], rest: [Span], base: Style) {
        if !inAside { outline.append(OutlineEntry(level: level, title: inlines.plainText, source: lines.count, isSection: false)) }
        let mark = Self.headingMark(level)
        let pad = Span(String(repeating: " ", count: mark.count))
        let markSpans = mark.isEmpty ? [] : [Span(mark, .meta)]
        let text = spans(inlines, Self.headingStyle(level, base: base))
        lines.append(TypedLine(.heading, text, firstPrefix: first + markSpans, restPrefix: rest + (mark.isEmpty ? [] : [pad])))
        guard level <= 2 else { return }
        // The underline is as wide as the heading's longest line.
        let width = text.plainText.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
        let stroke = String(repeating: level == 1 ? "═" : "─", count: max(1, width))
        lines.append(TypedLine(.underline, [Span(stroke, .heading)], firstPrefix: rest, restPrefix: rest, searchable: false))
    }

    /// Bullets by nesting level: a nested list does not look like its parent.
    static let bullets = ["•", "◦", "▪", "‣"]

    /// A list: bullets (`numbers` nil) or numbers right-aligned. Items are apart by a blank
    /// line only when some item holds several paragraphs; a list nested in an item follows
    /// the item's text as tightly as the items themselves follow each other.
    private mutating func list(_ items: [[Block]], numbers: [Int]?, first: [Span], rest: [Span], base: Style) {
        let loose = items.contains { item in item.filter { !Self.isList($0) }.count > 1 }
        let markers = Self.markers(count: items.count, numbers: numbers, depth: listDepth)
        listDepth += 1
        defer { listDepth -= 1 }
        for (n, item) in items.enumerated() {
            if n > 0, loose { lines.append(TypedLine(.blank, [], firstPrefix: trimmed(rest), searchable: false)) }
            let marker = markers[n]
            let pad = Span(String(repeating: " ", count: DisplayWidth.of(marker)))
            let itemFirst = (n == 0 ? first : rest) + [Span(marker, base == .plain ? Style.plain : base)]
            for (i, block) in item.enumerated() {
                if i > 0, loose || !Self.isList(block), !Self.followsTightly(block, item[i - 1]) {
                    lines.append(TypedLine(.blank, [], firstPrefix: trimmed(rest + [pad]), searchable: false))
                }
                emit(block, first: i == 0 ? itemFirst : rest + [pad], rest: rest + [pad], base: base)
            }
        }
    }

    /// Each item's marker with its space: numbers right-aligned, else the bullet of the depth.
    static func markers(count: Int, numbers: [Int]?, depth: Int) -> [String] {
        guard let numbers else { return Array(repeating: bullets[depth % bullets.count] + " ", count: count) }
        let texts = (0..<count).map { i in "\(i < numbers.count ? numbers[i] : (numbers.last ?? 0) + i - numbers.count + 1)." }
        let widest = texts.map(\.count).max() ?? 0
        return texts.map { String(repeating: " ", count: widest - $0.count) + $0 + " " }
    }

    static func isList(_ block: Block) -> Bool {
        switch block {
        case .list, .numberedList: return true
        default: return false
        }
    }

    /// The next reference made for a media block's address (the importer adds one per block
    /// it can link), so that each placeholder links to its own reference.
    private mutating func mediaReference(_ url: String) -> Int? {
        guard var queue = mediaReferences[url], !queue.isEmpty else { return nil }
        let index = queue.removeFirst()
        mediaReferences[url] = queue
        return index
    }

    /// The placeholder text of every media block of a post (body, notes, comments).
    static func mediaPlaceholders(_ post: Post) -> Set<String> {
        var out: Set<String> = []
        var stack: [Block] = post.document.blocks + post.footnotes.flatMap(\.blocks) + post.comments.flatMap(\.blocks)
        while let block = stack.popLast() {
            switch block {
            case .media(let kind, let url, let title): out.insert(Block.mediaPlaceholder(kind: kind, url: url, title: title))
            case .quote(let inner), .definition(let inner): stack += inner
            case .list(_, let items), .numberedList(_, let items): stack += items.joined()
            case .figure(let inner, _): stack.append(inner)
            default: break
            }
        }
        return out
    }

    /// Links to posts of the archive, to posts that are not in it, and out of it, each look
    /// different.
    static func linkStyle(_ target: ReferenceTarget) -> Style {
        switch target {
        case .post: return .postLink
        case .dangling: return .dangling
        default: return .link
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
                out.append(Span(text, Self.linkStyle(t), link: id))
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

    /// Thread depth of each comment, following parent ids; an unknown parent, or a cycle,
    /// ends a thread. Each comment's depth is worked out once, from its parent's, without
    /// recursion: a chain of 200,000 replies takes time in proportion to its length.
    static func depths(_ comments: [Comment]) -> [Int] {
        var parent: [String: String] = [:]
        parent.reserveCapacity(comments.count)
        for c in comments { if let p = c.parentID { parent[c.sourceID] = p } }
        let known = Set(comments.map(\.sourceID))
        var depth: [String: Int] = [:]
        depth.reserveCapacity(comments.count)
        var path: [String] = []
        var onPath: Set<String> = []
        for c in comments where depth[c.sourceID] == nil {
            // Up to a comment whose depth is known, a thread's start, or a loop.
            var id = c.sourceID
            var base = -1
            path.removeAll(keepingCapacity: true); onPath.removeAll(keepingCapacity: true)
            while true {
                path.append(id); onPath.insert(id)
                guard let p = parent[id], known.contains(p), !onPath.contains(p) else { break }
                if let d = depth[p] { base = d; break }
                id = p
            }
            for (k, node) in path.reversed().enumerated() { depth[node] = base + 1 + k }
        }
        return comments.map { depth[$0.sourceID] ?? 0 }
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
