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

    var pieces: [HPiece]? {
        switch self {
        case .paragraph(let p), .heading(_, let p): return p
        default: return nil
        }
    }

    /// The text a reader would see, for matching patterns such as a "Notes" heading.
    var plainText: String {
        switch self {
        case .paragraph(let p), .heading(_, let p): return HPiece.plainText(p)
        case .quote(let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(_, let items): return items.flatMap { $0 }.map(\.plainText).joined(separator: "\n")
        case .code(let s): return s
        case .rule: return ""
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
            }
        }.joined()
    }
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
