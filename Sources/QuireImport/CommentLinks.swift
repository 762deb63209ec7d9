import Foundation
import QuireModel

/// A comment as a reader converted it: its links numbered in a list of their own until the
/// comment joins its post, when the blog's own addresses are known.
struct CommentDraft: Sendable {
    var comment: Comment
    var references: [Reference]
}

/// Links in comments: those that lead to the blog's own posts become references of the post
/// (marked as written in a comment), so the store resolves them like the post's own and the
/// post they lead to lists this one among those referring to it; the others stay text with
/// their address, as a comment is not the post's author's word.
enum CommentLinks {
    /// Converts a comment's HTML: no footnotes, links kept as references of the comment's own.
    static func convert(_ html: String, paragraphsFromNewlines: Bool) -> (blocks: [Block], references: [Reference]) {
        var references: [Reference] = []
        var options = HTMLDocumentConverter.Options()
        options.paragraphsFromNewlines = paragraphsFromNewlines
        options.findFootnotes = false
        let content = HTMLDocumentConverter.convert(html, options: options, references: &references)
        return (content.blocks, references)
    }

    /// Oldest first; a reply whose parent is not there (spam, pending, removed) becomes top-level.
    static func threaded(_ drafts: [CommentDraft]) -> [CommentDraft] {
        let ids = Set(drafts.map(\.comment.sourceID))
        return drafts.sorted { ($0.comment.date?.sortKey ?? "") < ($1.comment.date?.sortKey ?? "") }.map { d in
            var d = d
            if let p = d.comment.parentID, !ids.contains(p) { d.comment.parentID = nil }
            return d
        }
    }

    /// Gives `post` its comments, their links to the blog's own posts appended to its references.
    static func attach(_ drafts: [CommentDraft], to post: inout Post, ownHosts: Set<String>) {
        post.comments = drafts.map { draft in
            var numbers: [Int: Int] = [:]
            for (i, ref) in draft.references.enumerated()
            where ref.kind == .url && OwnLinks.isOwnPostLink(ref.target, ownHosts: ownHosts) {
                numbers[i] = post.references.count
                post.references.append(Reference(kind: .url, target: ref.target, text: ref.text, explicit: true, inComment: true))
            }
            var comment = draft.comment
            comment.blocks = comment.blocks.map { relink($0, numbers: numbers, references: draft.references) }
            return comment
        }
    }

    private static func relink(_ block: Block, numbers: [Int: Int], references: [Reference]) -> Block {
        func blocks(_ b: [Block]) -> [Block] { b.map { relink($0, numbers: numbers, references: references) } }
        func inlines(_ list: [Inline]) -> [Inline] {
            var out: [Inline] = []
            for inline in list {
                var next = inline
                if case .reference(let index, let text) = inline {
                    if let n = numbers[index] {
                        next = .reference(index: n, text: text)
                    } else {
                        next = .text(shownAsText(text, target: references.indices.contains(index) ? references[index].target : ""), [])
                    }
                }
                if case .text(let s, let style) = next, case .text(let prev, let prevStyle)? = out.last, prevStyle == style {
                    out[out.count - 1] = .text(prev + s, style)
                } else {
                    out.append(next)
                }
            }
            return out
        }
        switch block {
        case .paragraph(let i): return .paragraph(inlines(i))
        case .heading(let level, let i): return .heading(level: level, inlines(i))
        case .quote(let b): return .quote(blocks(b))
        case .list(let ordered, let items): return .list(ordered: ordered, items: items.map(blocks))
        case .figure(let inner, let caption): return .figure(relink(inner, numbers: numbers, references: references), caption: inlines(caption))
        case .numberedList(let numbers, let items): return .numberedList(numbers: numbers, items: items.map(blocks))
        case .table(let rows, let headerRows): return .table(rows: rows.map { $0.map(inlines) }, headerRows: headerRows)
        case .term(let i): return .term(inlines(i))
        case .definition(let b): return .definition(blocks(b))
        case .code, .elision, .rule, .media: return block
        }
    }

    /// A link out of the blog in a comment, as text: its words, and its address when they differ.
    static func shownAsText(_ text: String, target: String) -> String {
        guard !target.isEmpty, !target.hasPrefix("/"), MatchKey.url(target) != MatchKey.url(text) else { return text }
        return text + " <\(target)>"
    }
}
