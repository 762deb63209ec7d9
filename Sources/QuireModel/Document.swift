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
        case .paragraph(let inlines), .heading(_, let inlines): return inlines.plainText
        case .quote(let blocks): return blocks.map(\.plainText).joined(separator: "\n\n")
        case .list(_, let items):
            return items.map { $0.map(\.plainText).joined(separator: "\n") }.joined(separator: "\n")
        case .code(let s): return s
        case .elision: return "[...]"
        case .rule: return ""
        }
    }

    /// Footnote labels cited in this block, in reading order.
    var footnoteLabels: [String] {
        switch self {
        case .paragraph(let inlines), .heading(_, let inlines):
            return inlines.compactMap { if case .footnoteMarker(let l) = $0 { return l } else { return nil } }
        case .quote(let blocks): return blocks.flatMap(\.footnoteLabels)
        case .list(_, let items): return items.flatMap { $0.flatMap(\.footnoteLabels) }
        case .code, .elision, .rule: return []
        }
    }
}

public extension Document {
    var plainText: String { blocks.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n") }
}
