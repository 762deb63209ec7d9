import QuireModel

/// An inline piece of converted HTML, before footnotes are found and links are numbered.
enum HPiece: Equatable {
    case text(String, InlineStyle)
    case lineBreak
    /// A link; `href` is as written, `text` what the reader sees.
    case link(href: String, text: String)
    /// An element's `id` or `name`, where a `#fragment` link may land.
    case anchor(String)
    /// A footnote marker already known to be one (`data-fn`, shortcodes): the label of its note.
    case marker(String)
    /// The text of a `<sup>` with no link in it: maybe a footnote marker.
    case sup(String)
    /// An image: its placeholder's label (alt text or file name), its source, the link around
    /// it, and whether it is laid out as a block of its own (`display:block`).
    case image(title: String, src: String, href: String?, block: Bool)

    var isBlankText: Bool {
        if case .text(let s, _) = self { return s.allSatisfy(\.isWhitespace) }
        return false
    }
}

/// A block of converted HTML, before footnotes are found.
indirect enum HBlock: Equatable {
    case paragraph([HPiece])
    case heading(Int, [HPiece])
    case quote([HBlock])
    case list(ordered: Bool, items: [[HBlock]])
    case code(String)
    case rule
    /// Numbers other than 1, 2, 3…: `<ol start>`, `reversed`, `<li value>`.
    case numberedList(numbers: [Int], items: [[HBlock]])
    /// Rows of cells; the first `headerRows` are the header.
    case table(rows: [[[HPiece]]], headerRows: Int)
    /// Embedded media; `linked`: its address becomes a reference the reader can follow.
    case media(kind: MediaKind, url: String, title: String?, linked: Bool)
    case figure(HBlock, caption: [HPiece])
    case term([HPiece])
    case definition([HBlock])

    var pieces: [HPiece]? {
        switch self {
        case .paragraph(let p), .heading(_, let p): return p
        default: return nil
        }
    }

    /// The text a reader would see, for matching patterns such as a "Notes" heading.
    var plainText: String {
        switch self {
        case .paragraph(let p), .heading(_, let p), .term(let p): return HPiece.plainText(p)
        case .quote(let b), .definition(let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(_, let items), .numberedList(_, let items):
            return items.flatMap { $0 }.map(\.plainText).joined(separator: "\n")
        case .code(let s): return s
        case .rule: return ""
        case .table(let rows, _): return rows.map { $0.map(HPiece.plainText).joined(separator: " ") }.joined(separator: "\n")
        case .media(let kind, let url, let title, _): return Block.mediaPlaceholder(kind: kind, url: url, title: title)
        case .figure(let inner, let caption): return inner.plainText + "\n" + HPiece.plainText(caption)
        }
    }
}

extension HPiece {
    static func plainText(_ pieces: [HPiece]) -> String {
        pieces.map { p -> String in
            switch p {
            case .text(let s, _): return s
            case .lineBreak: return "\n"
            case .link(_, let t): return t
            case .anchor: return ""
            case .marker(let l): return "[\(l)]"
            case .sup(let s): return s
            case .image(let title, _, _, _): return HPiece.imagePlaceholder(title)
            }
        }.joined()
    }
}

extension HPiece {
    /// `[image: alt]`, `[image: file.png]` or `[image]`.
    static func imagePlaceholder(_ title: String) -> String { title.isEmpty ? "[image]" : "[image: \(title)]" }
}

/// Splits a paragraph where two line breaks meet: `<br /><br />` is how Blogger and many
/// editors wrote paragraphs.
func splitOnDoubleBreaks(_ pieces: [HPiece]) -> [[HPiece]] {
    var result: [[HPiece]] = []
    var current: [HPiece] = []
    var pendingBreaks: [HPiece] = []
    var breakCount = 0
    for piece in pieces {
        switch piece {
        case .lineBreak:
            breakCount += 1
            pendingBreaks.append(piece)
        case _ where piece.isBlankText && breakCount > 0:
            pendingBreaks.append(piece)
        default:
            if breakCount >= 2 {
                result.append(current); current = []
            } else {
                current += pendingBreaks
            }
            pendingBreaks = []; breakCount = 0
            current.append(piece)
        }
    }
    result.append(current)
    return result
}
