/// How deep quotes and lists may nest, and how deeper ones are flattened.
///
/// A stored post is JSON (see DocumentCoding.swift), and Foundation's `JSONDecoder` refuses
/// anything nested more than 512 levels: a post nested deeper could be stored but never read
/// again. Each level of a list takes three levels of JSON (`{"ul":[[`), a quote two, a figure
/// one (each counts as a level here), and the post around them at most seven (a comment's
/// paragraph: `{"comments":[{"blocks":[` and `{"p":[{`), so 100 levels take at most 307. Real
/// posts nest a few levels; the importers flatten anything deeper and the store does so again
/// before it writes a post.
public extension Document {
    static let nestingLimit = 100
}

public extension Block {
    /// Levels of quotes, lists and definitions in this block: 0 for a paragraph, 1 for a quote of paragraphs.
    var nestingDepth: Int { [self].nestingDepth }
}

public extension Array where Element == Block {
    /// The deepest nesting of quotes and lists among these blocks, found without recursion.
    var nestingDepth: Int {
        var deepest = 0
        var pending: [(blocks: [Block], depth: Int)] = [(self, 0)]
        while let (blocks, depth) = pending.popLast() {
            for block in blocks {
                switch block {
                case .quote(let inner), .definition(let inner):
                    deepest = Swift.max(deepest, depth + 1)
                    pending.append((inner, depth + 1))
                case .list(_, let items), .numberedList(_, let items):
                    deepest = Swift.max(deepest, depth + 1)
                    for item in items { pending.append((item, depth + 1)) }
                case .figure(let inner, _):
                    deepest = Swift.max(deepest, depth + 1)
                    pending.append(([inner], depth + 1))
                case .paragraph, .heading, .code, .elision, .rule, .media, .table, .term:
                    break
                }
            }
        }
        return deepest
    }

    /// These blocks with every quote or list deeper than `limit` levels dissolved: its blocks
    /// take its place, in reading order, so all the text stays and the structure stops at
    /// `limit`. Recurses only `limit` levels deep; below that it walks with a stack.
    func flattened(deeperThan limit: Int) -> [Block] {
        flattened(level: 0, limit: Swift.max(0, limit))
    }

    private func flattened(level: Int, limit: Int) -> [Block] {
        if level >= limit { return leaves }
        return flatMap { block -> [Block] in
            switch block {
            case .quote(let inner): return [.quote(inner.flattened(level: level + 1, limit: limit))]
            case .list(let ordered, let items):
                return [.list(ordered: ordered, items: items.map { $0.flattened(level: level + 1, limit: limit) })]
            case .numberedList(let numbers, let items):
                return [.numberedList(numbers: numbers, items: items.map { $0.flattened(level: level + 1, limit: limit) })]
            case .definition(let inner): return [.definition(inner.flattened(level: level + 1, limit: limit))]
            case .figure(let inner, let caption):
                // Below the limit the inner block is one block still; at it, it may be several
                // (see `leaves`), and they take the figure's place with its caption after them.
                let flat = [inner].flattened(level: level + 1, limit: limit)
                return flat.count == 1 ? [.figure(flat[0], caption: caption)] : flat + Self.caption(caption)
            case .paragraph, .heading, .code, .elision, .rule, .media, .table, .term: return [block]
            }
        }
    }

    private static func caption(_ caption: [Inline]) -> [Block] {
        caption.isEmpty ? [] : [.paragraph(caption)]
    }

    /// Every block that is not a quote or list, at any depth, in reading order.
    private var leaves: [Block] {
        var out: [Block] = []
        // Blocks still to visit, the next one last.
        var pending: [Block] = reversed()
        while let block = pending.popLast() {
            switch block {
            case .quote(let inner), .definition(let inner): pending.append(contentsOf: inner.reversed())
            case .list(_, let items), .numberedList(_, let items): for item in items.reversed() { pending.append(contentsOf: item.reversed()) }
            case .figure(let inner, let caption): pending.append(contentsOf: Self.caption(caption) + [inner])
            case .paragraph, .heading, .code, .elision, .rule, .media, .table, .term: out.append(block)
            }
        }
        return out
    }
}

public extension Post {
    /// The deepest nesting in the post's text, notes and comments.
    var nestingDepth: Int {
        Swift.max(document.blocks.nestingDepth, footnotes.map(\.blocks.nestingDepth).max() ?? 0,
                  comments.map(\.blocks.nestingDepth).max() ?? 0)
    }

    /// Flattens what nests deeper than `limit` in the text, notes and comments. Returns
    /// whether anything did.
    @discardableResult
    mutating func limitNesting(to limit: Int = Document.nestingLimit) -> Bool {
        var changed = false
        if document.blocks.nestingDepth > limit {
            document.blocks = document.blocks.flattened(deeperThan: limit)
            changed = true
        }
        for i in footnotes.indices where footnotes[i].blocks.nestingDepth > limit {
            footnotes[i].blocks = footnotes[i].blocks.flattened(deeperThan: limit)
            changed = true
        }
        for i in comments.indices where comments[i].blocks.nestingDepth > limit {
            comments[i].blocks = comments[i].blocks.flattened(deeperThan: limit)
            changed = true
        }
        return changed
    }
}
