import QuireModel

/// Blocks that stand in the text as tokens until the text is converted, then take the place of
/// the paragraphs holding them: how a shortcode in the middle of HTML or Markdown becomes a
/// block of its own without the HTML or Markdown parser knowing about it.
///
/// A token is U+E002, a number and U+E003: private-use characters no parser gives a meaning
/// to. Any already in the input are replaced first (`scrub`), so a post cannot forge one.
struct MediaTokens: Sendable {
    struct Item: Sendable {
        var block: Block
        /// The text as written, for code, where it is shown literally.
        var original: String
    }
    private(set) var items: [Item] = []

    static let open: Character = "\u{E002}"
    static let close: Character = "\u{E003}"

    var isEmpty: Bool { items.isEmpty }

    /// Records a block and returns the token that stands for it.
    mutating func token(for block: Block, original: String) -> String {
        items.append(Item(block: block, original: original))
        return String(Self.open) + String(items.count - 1) + String(Self.close)
    }

    /// Input text with any token characters replaced, so that only tokens made here exist.
    static func scrub(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value == 0xE002 || $0.value == 0xE003 }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value == 0xE002 || $0.value == 0xE003 ? "\u{FFFD}" : $0 }))
    }

    enum Piece { case text(String), item(Int) }

    /// Text split into plain runs and tokens.
    func pieces(_ s: String) -> [Piece] {
        var result: [Piece] = []
        var rest = Substring(s)
        while let o = rest.firstIndex(of: Self.open) {
            let after = rest[rest.index(after: o)...]
            guard let c = after.firstIndex(of: Self.close), let n = Int(after[..<c]), items.indices.contains(n) else {
                result.append(.text(String(rest[..<after.startIndex]))); rest = after; continue
            }
            if o > rest.startIndex { result.append(.text(String(rest[..<o]))) }
            result.append(.item(n))
            rest = after[after.index(after: c)...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }

    func contains(_ s: String) -> Bool { !items.isEmpty && s.contains(Self.open) }

    /// Tokens replaced by what they stood for, as written (for code).
    func restore(_ s: String) -> String {
        guard contains(s) else { return s }
        return pieces(s).map { if case .item(let i) = $0 { return items[i].original } else if case .text(let t) = $0 { return t } else { return "" } }.joined()
    }

    /// Tokens replaced by their placeholder text, where a block cannot go (a heading, a link's words).
    func flatten(_ s: String) -> String {
        guard contains(s) else { return s }
        return pieces(s).map { piece -> String in
            switch piece {
            case .text(let t): return t
            case .item(let i): return items[i].block.plainText
            }
        }.joined()
    }

    /// The blocks with each token turned into its block: a paragraph holding one is split around it.
    func expand(_ blocks: [Block]) -> [Block] {
        guard !items.isEmpty else { return blocks }
        return blocks.flatMap(expand)
    }

    private func expand(_ block: Block) -> [Block] {
        switch block {
        case .paragraph(let inlines):
            return split(inlines)
        case .heading(let level, let inlines):
            return [.heading(level: level, flatten(inlines))]
        case .quote(let inner):
            return [.quote(expand(inner))]
        case .list(let ordered, let items):
            return [.list(ordered: ordered, items: items.map(expand))]
        case .code(let text):
            return [.code(restore(text))]
        case .figure(let inner, let caption):
            return [.figure(expand(inner).first ?? inner, caption: flatten(caption))]
        case .numberedList(let numbers, let items):
            return [.numberedList(numbers: numbers, items: items.map(expand))]
        case .table(let rows, let headerRows):
            return [.table(rows: rows.map { $0.map(flatten) }, headerRows: headerRows)]
        case .term(let inlines):
            return [.term(flatten(inlines))]
        case .definition(let inner):
            return [.definition(expand(inner))]
        case .elision, .rule, .media:
            return [block]
        }
    }

    func flatten(_ inlines: [Inline]) -> [Inline] {
        inlines.map { inline in
            switch inline {
            case .text(let s, let style): return .text(flatten(s), style)
            case .reference(let index, let text): return .reference(index: index, text: flatten(text))
            default: return inline
            }
        }
    }

    /// A paragraph's inlines split at the tokens that stand alone in it; a token inside a
    /// styled run or a link's words becomes placeholder text instead.
    private func split(_ inlines: [Inline]) -> [Block] {
        var out: [Block] = []
        var current: [Inline] = []
        func endParagraph() {
            while let first = current.first, first == .lineBreak || first.isBlank { current.removeFirst() }
            while let last = current.last, last == .lineBreak || last.isBlank { current.removeLast() }
            if case .text(let s, let style)? = current.first { current[0] = .text(String(s.drop { $0 == " " }), style) }
            if case .text(let s, let style)? = current.last {
                var t = s
                while t.hasSuffix(" ") { t.removeLast() }
                current[current.count - 1] = .text(t, style)
            }
            if current.contains(where: { !$0.isBlank && $0 != .lineBreak }) { out.append(.paragraph(current)) }
            current = []
        }
        for inline in inlines {
            guard case .text(let s, let style) = inline, contains(s) else {
                current.append(inline.flattened(self)); continue
            }
            guard style.isEmpty else { current.append(.text(flatten(s), style)); continue }
            for piece in pieces(s) {
                switch piece {
                case .text(let t): current.append(.text(t, style))
                case .item(let i):
                    endParagraph()
                    out.append(items[i].block)
                }
            }
        }
        endParagraph()
        return out
    }
}

private extension Inline {
    var isBlank: Bool {
        if case .text(let s, _) = self { return s.allSatisfy(\.isWhitespace) }
        return false
    }

    func flattened(_ tokens: MediaTokens) -> Inline {
        if case .reference(let index, let text) = self { return .reference(index: index, text: tokens.flatten(text)) }
        return self
    }
}
