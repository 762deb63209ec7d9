/// Styling that applies to a run of inline text.
public struct InlineStyle: OptionSet, Hashable, Codable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let emphasis = InlineStyle(rawValue: 1)
    public static let strong = InlineStyle(rawValue: 2)
    public static let code = InlineStyle(rawValue: 4)
}

/// A piece of text inside a block.
public enum Inline: Hashable, Sendable {
    /// Plain text with a style.
    case text(String, InlineStyle)
    /// A footnote marker such as `[1]`; the label names a `Footnote` of the post.
    case footnoteMarker(label: String)
    /// A span that may point at another post or page: `index` names `Post.references[index]`.
    /// Whether it is shown as a link depends on how the store resolved it.
    case reference(index: Int, text: String)
    /// A hard line break inside a paragraph.
    case lineBreak
}

/// What an embedded piece of a post is, for its placeholder line.
public enum MediaKind: String, Hashable, Codable, Sendable, CaseIterable {
    case video, audio, embed, image, gallery, tweet, gist, playlist
}

/// A block of a post's body.
public indirect enum Block: Hashable, Sendable {
    case paragraph([Inline])
    case heading(level: Int, [Inline])
    case quote([Block])
    case list(ordered: Bool, items: [[Block]])
    /// Preformatted text, kept line for line.
    case code(String)
    /// A `[...]` line: text the author left out of a quotation.
    case elision
    case rule
    /// Something embedded in the post (a video, a tweet, a gallery), shown as a placeholder
    /// line: `url` is where it can be seen, `title` what it is called, when known.
    case media(kind: MediaKind, url: String, title: String?)
    /// A block (an image, a media placeholder) with its caption shown under it.
    case figure(Block, caption: [Inline])
    /// An ordered list whose numbers are not 1, 2, 3…: `numbers[i]` is item i's number (a list
    /// that starts at 3, counts down, or sets an item's value).
    case numberedList(numbers: [Int], items: [[Block]])
    /// A table: rows of cells, each row as long as the longest (empty cells kept in their
    /// column); the first `headerRows` rows are its header.
    case table(rows: [[[Inline]]], headerRows: Int)
    /// A term of a definition list, shown apart from the definitions under it.
    case term([Inline])
    /// A definition, indented under its term.
    case definition([Block])
}

/// The readable content of a post: a list of blocks.
public struct Document: Hashable, Codable, Sendable {
    public var blocks: [Block]
    public init(blocks: [Block] = []) { self.blocks = blocks }
}

public extension Inline {
    /// The text a reader sees for this inline (markers as `[label]`).
    var plainText: String {
        switch self {
        case .text(let s, _): return s
        case .footnoteMarker(let label): return "[\(label)]"
        case .reference(_, let text): return text
        case .lineBreak: return "\n"
        }
    }
}

public extension Array where Element == Inline {
    var plainText: String { map(\.plainText).joined() }
}

public extension Block {
    /// Plain text of the block, paragraphs separated by blank lines.
    var plainText: String {
        switch self {
        case .paragraph(let inlines), .heading(_, let inlines), .term(let inlines): return inlines.plainText
        case .quote(let blocks), .definition(let blocks): return blocks.map(\.plainText).joined(separator: "\n\n")
        case .table(let rows, _): return rows.map { $0.map(\.plainText).joined(separator: " ") }.joined(separator: "\n")
        case .list(_, let items), .numberedList(_, let items):
            return items.map { $0.map(\.plainText).joined(separator: "\n") }.joined(separator: "\n")
        case .code(let s): return s
        case .elision: return "[...]"
        case .rule: return ""
        case .media(let kind, let url, let title): return Block.mediaPlaceholder(kind: kind, url: url, title: title)
        case .figure(let inner, let caption):
            return [inner.plainText, caption.plainText].filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    /// The placeholder line a reader sees for embedded media: `[video: youtube.com/watch?v=x]`,
    /// its title when it has one, else its address without the scheme.
    static func mediaPlaceholder(kind: MediaKind, url: String, title: String?) -> String {
        let label = title.flatMap { $0.isEmpty ? nil : $0 } ?? Block.shortAddress(url)
        return label.isEmpty ? "[\(kind.rawValue)]" : "[\(kind.rawValue): \(label)]"
    }

    /// An address without its scheme and `www.`, as people read one out.
    static func shortAddress(_ url: String) -> String {
        var s = Substring(url)
        for scheme in ["https://", "http://", "//"] where s.lowercased().hasPrefix(scheme) { s = s.dropFirst(scheme.count); break }
        if s.lowercased().hasPrefix("www.") { s = s.dropFirst(4) }
        return String(s)
    }

    /// Footnote labels cited in this block, in reading order.
    var footnoteLabels: [String] {
        switch self {
        case .paragraph(let inlines), .heading(_, let inlines), .term(let inlines):
            return inlines.compactMap { if case .footnoteMarker(let l) = $0 { return l } else { return nil } }
        case .quote(let blocks), .definition(let blocks): return blocks.flatMap(\.footnoteLabels)
        case .list(_, let items), .numberedList(_, let items): return items.flatMap { $0.flatMap(\.footnoteLabels) }
        case .table(let rows, _): return rows.flatMap { $0.flatMap { Block.paragraph($0).footnoteLabels } }
        case .figure(let inner, let caption):
            return inner.footnoteLabels + Block.paragraph(caption).footnoteLabels
        case .code, .elision, .rule, .media: return []
        }
    }
}

public extension Document {
    var plainText: String { blocks.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n") }
}
