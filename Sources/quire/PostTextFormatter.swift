import QuireModel
import QuireUI

/// Lays a stored post out as plain text lines for `quire show`: wrapped to a width, footnotes
/// after the paragraph that cites them (or at the end), references numbered and listed.
struct PostTextFormatter {
    var width: Int
    var notes: NotePlacement

    func lines(for stored: StoredPost) -> [String] {
        let post = stored.post
        let numbers = Self.referenceNumbers(stored)
        var out: [String] = []
        out += wrap(post.title, indent: "")
        var meta = [post.date.longDescription]
        if let author = post.author, !author.isEmpty { meta.append("by \(author)") }
        if !post.labels.isEmpty { meta.append("Labels: " + post.labels.joined(separator: ", ")) }
        out += wrap(meta.joined(separator: " · "), indent: "")
        out.append(String(repeating: "─", count: min(width, max(8, DisplayWidth.of(post.title)))))

        let notesByLabel = Dictionary(post.footnotes.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        var shownNotes = Set<String>()
        for block in post.document.blocks {
            out.append("")
            out += render(block, numbers: numbers, indent: "")
            guard notes == .inline else { continue }
            for label in block.footnoteLabels where !shownNotes.contains(label) {
                guard let note = notesByLabel[label] else { continue }
                shownNotes.insert(label)
                out.append("")
                out += renderNote(note, numbers: numbers)
            }
        }
        let remaining = post.footnotes.filter { !shownNotes.contains($0.label) }
        if !remaining.isEmpty {
            out += ["", notes == .end ? "Notes" : "Notes without a marker"]
            for note in remaining { out += renderNote(note, numbers: numbers) }
        }

        let refs = LinkList(stored).references
        if !refs.isEmpty {
            out += ["", "References"]
            for r in refs {
                let target: String
                switch r.status {
                case "post": target = "→ \(r.title ?? "") (post \(r.postID ?? 0))"
                case "dangling": target = "→ not in the archive"
                default: target = "→ \(r.target)"
                }
                out += wrap("{\(r.number)} \(r.text) \(target)", indent: "  ", hanging: "      ")
            }
        }
        if !stored.backlinks.isEmpty {
            out += ["", "Referenced by"]
            for b in stored.backlinks { out += wrap("\(b.date.isoDay)  \(b.title)", indent: "  ", hanging: "              ") }
        }
        out += ["", Self.commentLine(post.commentCount)]
        for comment in post.comments {
            let depth = comment.parentID == nil ? "  " : "      "
            out.append("")
            let when = comment.date.map { " · " + $0.isoDay } ?? ""
            out += wrap("\(comment.author)\(when)", indent: depth)
            if comment.removed {
                out += wrap("(this comment was removed)", indent: depth)
            } else {
                for block in comment.blocks { out += render(block, numbers: [:], indent: depth) }
            }
        }
        return out
    }

    static func commentLine(_ n: Int) -> String {
        n == 0 ? "No comments" : n == 1 ? "1 comment" : "\(n) comments"
    }

    /// Numbers for the references a reader can follow, in reading order (body, then notes).
    static func referenceNumbers(_ stored: StoredPost) -> [Int: Int] {
        var numbers: [Int: Int] = [:]
        for (i, target) in stored.targets.enumerated() where target != .none { numbers[i] = numbers.count + 1 }
        return numbers
    }

    func renderNote(_ note: Footnote, numbers: [Int: Int]) -> [String] {
        var out: [String] = []
        for (i, block) in note.blocks.enumerated() {
            guard case .paragraph(let inlines) = block else { out += render(block, numbers: numbers, indent: "      "); continue }
            let text = inlineText(inlines, numbers: numbers)
            out += wrap(i == 0 ? "[\(note.label)] \(text)" : text, indent: i == 0 ? "    " : "        ", hanging: "        ")
        }
        return out
    }

    func render(_ block: Block, numbers: [Int: Int], indent: String) -> [String] {
        switch block {
        case .paragraph(let inlines):
            return wrap(inlineText(inlines, numbers: numbers), indent: indent)
        case .heading(let level, let inlines):
            let text = inlineText(inlines, numbers: numbers)
            return wrap(level <= 2 ? text.uppercased() : text, indent: indent)
        case .quote(let blocks):
            let inner = deeper(indent, "│ ")
            return blocks.enumerated().flatMap { i, b in
                (i > 0 ? [inner.hasSuffix("│ ") ? String(inner.dropLast()) : inner] : []) + render(b, numbers: numbers, indent: inner)
            }
        case .list(let ordered, let items):
            return items.enumerated().flatMap { i, item -> [String] in
                let bullet = ordered ? "\(i + 1). " : "• "
                let pad = String(repeating: " ", count: bullet.count)
                let inner = deeper(indent, pad)
                // At the nesting limit the bullet takes the place of the indent's last columns.
                let lead = inner.count > indent.count ? indent : String(indent.dropLast(min(indent.count, pad.count)))
                return item.enumerated().flatMap { j, b -> [String] in
                    let lines = render(b, numbers: numbers, indent: inner)
                    guard j == 0, let first = lines.first else { return lines }
                    return [lead + bullet + first.dropFirst(inner.count)] + lines.dropFirst()
                }
            }
        case .code(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "    " + $0 }
        case .elision:
            return [indent + "[...]"]
        case .rule:
            return [indent + String(repeating: "─", count: max(3, min(20, width - indent.count)))]
        }
    }

    /// The indent one level deeper, or the same indent once it takes half the width: a post
    /// nesting a hundred quotes or lists would otherwise push its text past the right edge.
    func deeper(_ indent: String, _ more: String) -> String {
        indent.count + more.count > width / 2 ? indent : indent + more
    }

    func inlineText(_ inlines: [Inline], numbers: [Int: Int]) -> String {
        inlines.map { inline in
            switch inline {
            case .reference(let index, let text):
                if let n = numbers[index] { return "\(text){\(n)}" }
                return text
            default:
                return inline.plainText
            }
        }.joined()
    }

    /// Wraps to `width` display columns with the reader's wrapping rules, behind a prefix
    /// (`hanging` for the lines after the first).
    func wrap(_ text: String, indent: String, hanging: String? = nil) -> [String] {
        let rest = hanging ?? indent
        let lines = Wrap.wrap([Span(text)], firstWidth: max(1, width - DisplayWidth.of(indent)),
                              restWidth: max(1, width - DisplayWidth.of(rest)))
        return lines.enumerated().map { (i, line) in (i == 0 ? indent : rest) + line.spans.plainText }
    }
}

/// The whole post for `quire show --json`.
struct PostDetailJSON: Encodable {
    struct Note: Encodable { var label: String, text: String }
    var id: Int64, slug: String, title: String, date: String, author: String?, permalink: String?
    var labels: [String], text: String, notes: [Note], comments: Int, links: LinkList

    init(_ s: StoredPost) {
        id = s.id; slug = s.post.slug; title = s.post.title; date = s.post.date.sortKey
        author = s.post.author; permalink = s.post.permalink; labels = s.post.labels
        text = s.post.document.plainText
        notes = s.post.footnotes.map { Note(label: $0.label, text: $0.plainText) }
        comments = s.post.commentCount; links = LinkList(s)
    }
}
