import CGumbo
import Foundation
import QuireModel

/// Lists, tables and figures.
extension HTMLWalker {
    mutating func listElement(_ node: GumboTree.Node) {
        flush()
        let ordered = GumboTree.isTag(node, GUMBO_TAG_OL)
        var items: [[HBlock]] = []
        /// Each item's number as the author set it (`value`), nil to count on.
        var values: [Int?] = []
        for raw in GumboTree.children(node) {
            let c = GumboTree.node(raw)
            if GumboTree.isElement(c), GumboTree.kind(c) == .listItem {
                let item = nested { walker in
                    if let id = GumboTree.attribute(c, "id"), !id.isEmpty { walker.inlines.append(.anchor(id)) }
                    walker.walkChildren(c)
                }
                items.append(item)
                values.append(GumboTree.attribute(c, "value").flatMap(Self.integer))
            } else if GumboTree.isElement(c) || (GumboTree.isText(c) && !GumboTree.text(c).allSatisfy(\.isWhitespace)) {
                // Lists nested without an `li`, or stray content: kept in the last item.
                finished.append(items.popLast() ?? [])
                if values.count < items.count + 1 { values.append(nil) }
                walk(c)
                flush()
                items.append(finished.removeLast())
            }
        }
        var kept: [[HBlock]] = [], keptValues: [Int?] = []
        for (item, value) in zip(items, values) where !item.isEmpty { kept.append(item); keptValues.append(value) }
        guard !kept.isEmpty else { return }
        guard ordered else { append(.list(ordered: false, items: kept)); return }
        let numbers = Self.numbers(count: kept.count, start: GumboTree.attribute(node, "start").flatMap(Self.integer),
                                   reversed: GumboTree.attribute(node, "reversed") != nil, values: keptValues)
        if numbers == Array(1...kept.count) {
            append(.list(ordered: true, items: kept))
        } else {
            append(.numberedList(numbers: numbers, items: kept))
        }
    }

    /// The numbers HTML gives an ordered list's items: from `start` (1, or the item count when
    /// reversed), one up or down each item, an item's `value` restarting the count.
    static func numbers(count: Int, start: Int?, reversed: Bool, values: [Int?]) -> [Int] {
        var n = start ?? (reversed ? count : 1)
        var out: [Int] = []
        for i in 0..<count {
            if i < values.count, let v = values[i] { n = v }
            out.append(n)
            n = reversed ? n &- 1 : n &+ 1
        }
        return out
    }

    /// An integer as HTML reads one in an attribute: leading white space, a sign, digits.
    static func integer(_ s: String) -> Int? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        let sign = t.hasPrefix("-") ? -1 : 1
        let digits = t.drop(while: { $0 == "-" || $0 == "+" }).prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 9, let v = Int(digits) else { return nil }
        return sign * v
    }

    // MARK: Tables

    private struct Cell { var node: GumboTree.Node; var header: Bool; var span: Int; var rowSpan: Int }

    /// The rows of a table, through `thead`, `tbody` and `tfoot`; whether each is in `thead`.
    private static func rows(of table: GumboTree.Node) -> [(cells: [Cell], inHead: Bool)] {
        var rows: [(cells: [Cell], inHead: Bool)] = []
        func visit(_ node: GumboTree.Node, inHead: Bool) {
            for raw in GumboTree.children(node) {
                let c = GumboTree.node(raw)
                guard GumboTree.isElement(c) else { continue }
                switch GumboTree.kind(c) {
                case .row:
                    var cells: [Cell] = []
                    for rawCell in GumboTree.children(c) {
                        let d = GumboTree.node(rawCell)
                        guard GumboTree.isElement(d), GumboTree.kind(d) == .cell else { continue }
                        let span = GumboTree.attribute(d, "colspan").flatMap(integer) ?? 1
                        let rowSpan = GumboTree.attribute(d, "rowspan").flatMap(integer) ?? 1
                        cells.append(Cell(node: d, header: GumboTree.isTag(d, GUMBO_TAG_TH),
                                          span: min(max(span, 1), 100), rowSpan: min(max(rowSpan, 1), 1000)))
                    }
                    rows.append((cells, inHead))
                case .tableSection:
                    visit(c, inHead: GumboTree.isTag(c, GUMBO_TAG_THEAD))
                default: break
                }
            }
        }
        visit(table, inHead: false)
        return rows
    }

    mutating func tableElement(_ table: GumboTree.Node) {
        flush()
        let rows = Self.rows(of: table)
        let caption = GumboTree.children(table).map(GumboTree.node).first {
            GumboTree.isElement($0) && GumboTree.kind($0) == .caption
        }
        let columns = rows.map { $0.cells.reduce(0) { $0 + $1.span } }.max() ?? 0
        if columns <= 1 {
            // A one-column table is layout, not data (Blogger puts captioned images in one):
            // its cells are read as blocks.
            let inner = nested { walker in
                if let caption { walker.walkChildren(caption) }
                for row in rows { for cell in row.cells { walker.blockElement(cell.node) } }
            }
            if inner.count == 2, case .media(.image, _, _, _) = inner[0], case .paragraph(let text) = inner[1] {
                append(.figure(inner[0], caption: text))
            } else {
                for block in inner { append(block) }
            }
            return
        }
        if let caption {
            walkChildren(caption)
            flush()
        }
        var out: [[[HPiece]]] = []
        /// Rows still covered by a cell above, per column.
        var covered: [Int] = Array(repeating: 0, count: columns)
        var headerRows = 0
        var countingHeader = true
        inlineOnly += 1
        for row in rows {
            var line: [[HPiece]] = []
            var column = 0
            func skipCovered() {
                while column < columns, covered[column] > 0 { covered[column] -= 1; line.append([]); column += 1 }
            }
            for cell in row.cells {
                skipCovered()
                let before = inlines.count
                walkChildren(cell.node)
                let pieces = Array(inlines[before...])
                inlines.removeSubrange(before...)
                for k in 0..<cell.span where column < columns {
                    line.append(k == 0 ? pieces : [])
                    if cell.rowSpan > 1 { covered[column] = cell.rowSpan - 1 }
                    column += 1
                }
            }
            skipCovered()
            while line.count < columns { line.append([]) }
            if line.allSatisfy({ HPiece.plainText($0).allSatisfy(\.isWhitespace) }) { continue }
            if countingHeader, row.inHead || (!row.cells.isEmpty && row.cells.allSatisfy(\.header)) {
                headerRows += 1
            } else {
                countingHeader = false
            }
            out.append(line)
        }
        inlineOnly -= 1
        if !out.isEmpty { append(.table(rows: out, headerRows: min(headerRows, out.count))) }
    }

    // MARK: Figures

    /// `<figure>`: its content, with the `<figcaption>` shown under it.
    mutating func figureElement(_ node: GumboTree.Node) {
        var captionNode: GumboTree.Node?
        let inner = nested { walker in
            for raw in GumboTree.children(node) {
                let c = GumboTree.node(raw)
                if GumboTree.isElement(c), GumboTree.kind(c) == .figcaption, captionNode == nil {
                    captionNode = c
                } else {
                    walker.walk(c)
                }
            }
        }
        var caption: [HPiece] = []
        if let captionNode {
            let parts = nested { $0.walkChildren(captionNode) }
            caption = parts.compactMap(\.pieces).reduce([]) { $0.isEmpty ? $1 : $0 + [.lineBreak] + $1 }
        }
        let readable = caption.contains { !$0.isBlankText && $0 != .lineBreak }
        if inner.count == 1, readable {
            append(.figure(inner[0], caption: caption))
        } else {
            for block in inner { append(block) }
            if readable { append(.paragraph(caption.map(Self.emphasised))) }
        }
    }

    static func emphasised(_ piece: HPiece) -> HPiece {
        if case .text(let s, let style) = piece { return .text(s, style.union(.emphasis)) }
        return piece
    }
}
