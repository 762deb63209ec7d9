import Foundation
import QuireModel

/// Finds footnotes written by hand in HTML and turns them into markers plus notes.
///
/// Two shapes are recognised. Linked: a short marker (`[1]`, `1`, `*`) linking to `#fn1`, and an
/// element with that id or name later in the post (a list item, or a line that starts with it).
/// Unlinked: `<sup>1</sup>` or `[1]` in the text, and lines at the end of the post that start
/// with the same label (`[1] ...`, `1. ...`), or a closing numbered list. A marker becomes a
/// footnote only when its note is found, and the reverse, so ordinary text is left alone.
struct HTMLFootnoteFinder {
    struct Note { var label: String; var blocks: [HBlock] }

    private(set) var notes: [Note] = []

    // What the first pass learns.
    private var anchorOrder: [String: Int] = [:]
    /// Fragment links that are markers: order of the link -> target id.
    private var markerLinks: [Int: String] = [:]
    private var targets: Set<String> = []
    private var labels: [String: String] = [:]
    private var counter = 0
    private var noteBlocks: [String: [HBlock]] = [:]
    /// Off while walking a list item that is itself a note, so it is not cut up again.
    private var cutting = true

    /// Returns the body without its notes; the notes are in `notes`, in order of first marker.
    mutating func extract(_ blocks: [HBlock]) -> [HBlock] {
        collect(blocks)
        var body = blocks
        if !markerLinks.isEmpty {
            counter = 0
            body = transform(blocks)
            body = dropTrailingNotesHeading(body)
            var seen: Set<String> = []
            for order in markerLinks.keys.sorted() {
                guard let target = markerLinks[order], !seen.contains(target),
                      let label = labels[target] else { continue }
                seen.insert(target)
                let content = HTMLFootnoteFinder.cleanNote(noteBlocks[target] ?? [])
                notes.append(Note(label: label, blocks: content))
            }
        }
        if notes.isEmpty {
            body = extractUnlinked(body)
        }
        return body
    }

    // MARK: - Linked notes

    private mutating func collect(_ blocks: [HBlock]) {
        var links: [(order: Int, target: String, text: String)] = []
        func visit(_ blocks: [HBlock]) {
            for block in blocks {
                switch block {
                case .paragraph(let pieces), .heading(_, let pieces), .term(let pieces):
                    for piece in pieces {
                        counter += 1
                        switch piece {
                        case .anchor(let id): if anchorOrder[id] == nil { anchorOrder[id] = counter }
                        case .link(let href, let text) where href.hasPrefix("#") && href.count > 1:
                            links.append((counter, String(href.dropFirst()), text))
                        default: break
                        }
                    }
                case .quote(let inner), .definition(let inner): visit(inner)
                case .list(_, let items), .numberedList(_, let items): items.forEach(visit)
                case .figure(let inner, let caption): visit([inner, .paragraph(caption)])
                case .table(let rows, _): visit(rows.flatMap { $0.map(HBlock.paragraph) })
                case .code, .rule, .media: break
                }
            }
        }
        visit(blocks)
        var used: Set<String> = []
        // The next number to try per label: thousands of markers all labelled "1" stay linear.
        var nextNumber: [String: Int] = [:]
        for link in links {
            guard let anchor = anchorOrder[link.target], anchor > link.order,
                  let label = HTMLFootnoteFinder.markerLabel(link.text) else { continue }
            markerLinks[link.order] = link.target
            if !targets.contains(link.target) {
                targets.insert(link.target)
                var unique = label
                var n = nextNumber[label] ?? 2
                while used.contains(unique) { unique = "\(label)-\(n)"; n += 1 }
                nextNumber[label] = n
                used.insert(unique)
                labels[link.target] = unique
            }
        }
    }

    private mutating func transform(_ blocks: [HBlock]) -> [HBlock] {
        var out: [HBlock] = []
        for block in blocks {
            switch block {
            case .paragraph(let pieces):
                out += transformParagraph(pieces)
            case .heading(let level, let pieces):
                let kept = transformParagraph(pieces)
                for b in kept { if case .paragraph(let p) = b { out.append(.heading(level, p)) } }
            case .quote(let inner):
                let t = transform(inner)
                if !t.isEmpty { out.append(.quote(t)) }
            case .list(let ordered, let items):
                var kept: [[HBlock]] = []
                for item in items {
                    if cutting, let id = leadingTarget(item) {
                        cutting = false
                        let inner = transform(item)
                        cutting = true
                        noteBlocks[id] = inner
                    } else {
                        let t = transform(item)
                        if !t.isEmpty { kept.append(t) }
                    }
                }
                if !kept.isEmpty { out.append(.list(ordered: ordered, items: kept)) }
            case .numberedList(let numbers, let items):
                out.append(.numberedList(numbers: numbers, items: items.map { transform($0) }))
            case .definition(let inner):
                let t = transform(inner)
                if !t.isEmpty { out.append(.definition(t)) }
            case .term(let pieces):
                for b in transformParagraph(pieces) { if case .paragraph(let p) = b { out.append(.term(p)) } }
            case .code, .rule, .table, .media, .figure:
                out.append(block)
            }
        }
        return out
    }

    /// The note id a list item starts with, if it is one of the notes.
    private func leadingTarget(_ item: [HBlock]) -> String? {
        guard let first = item.first, case .paragraph(let pieces) = first else { return nil }
        for piece in pieces {
            if case .anchor(let id) = piece { if targets.contains(id) { return id } ; continue }
            if piece.isBlankText { continue }
            return nil
        }
        return nil
    }

    /// Replaces marker links, and cuts out notes that start inside the paragraph.
    private mutating func transformParagraph(_ pieces: [HPiece]) -> [HBlock] {
        var replaced: [HPiece] = []
        var noteStarts: [(index: Int, id: String)] = []
        for piece in pieces {
            counter += 1
            if let target = markerLinks[counter], let label = labels[target] {
                replaced.append(.marker(label))
                continue
            }
            if cutting, case .anchor(let id) = piece, targets.contains(id) {
                noteStarts.append((replaced.count, id))
            }
            replaced.append(piece)
        }
        guard !noteStarts.isEmpty else { return [.paragraph(replaced)] }
        // A note's line may start with its label before the anchor: `[1] <a name="fn1">`.
        let starts = noteStarts.map { (index: lineStart(replaced, before: $0.index), id: $0.id) }
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].index : replaced.count
            noteBlocks[start.id] = [.paragraph(Array(replaced[start.index..<end]))]
        }
        let body = Array(replaced[..<starts[0].index])
        return body.contains(where: { !$0.isBlankText && $0 != .lineBreak }) ? [.paragraph(body)] : []
    }

    /// Moves a note's start back over label-like text on the same line.
    private func lineStart(_ pieces: [HPiece], before index: Int) -> Int {
        var i = index
        while i > 0 {
            let p = pieces[i - 1]
            switch p {
            case .lineBreak: return i
            case .text(let s, _) where s.allSatisfy(\.isWhitespace) || HTMLFootnoteFinder.markerLabel(s) != nil:
                i -= 1
            case .sup, .anchor: i -= 1
            case .link(let href, _) where href.hasPrefix("#"): i -= 1
            default: return index
            }
        }
        return i
    }

    private func dropTrailingNotesHeading(_ blocks: [HBlock]) -> [HBlock] {
        var body = blocks
        while let last = body.last {
            if case .rule = last { body.removeLast(); continue }
            if case .heading = last, HTMLFootnoteFinder.isNotesTitle(last.plainText) { body.removeLast(); continue }
            if case .paragraph = last, HTMLFootnoteFinder.isNotesTitle(last.plainText) { body.removeLast(); continue }
            break
        }
        return body
    }

    // MARK: - Unlinked notes

    private mutating func extractUnlinked(_ blocks: [HBlock]) -> [HBlock] {
        // Walk back from the end over note lines, a closing numbered list, a "Notes" title.
        var definitions: [(label: String, pieces: [HPiece])] = []
        var listNotes: [[HBlock]] = []
        var regionStart = blocks.count
        var i = blocks.count - 1
        scan: while i >= 0 {
            switch blocks[i] {
            case .paragraph(let pieces):
                if listNotes.isEmpty, let defs = HTMLFootnoteFinder.definitionLines(pieces) {
                    definitions.insert(contentsOf: defs, at: 0)
                } else if HTMLFootnoteFinder.isNotesTitle(blocks[i].plainText) && regionStart < blocks.count {
                    regionStart = i; break scan
                } else {
                    break scan
                }
            case .list(true, let items) where definitions.isEmpty && listNotes.isEmpty && i >= blocks.count - 1:
                listNotes = items
            case .heading where regionStart < blocks.count && HTMLFootnoteFinder.isNotesTitle(blocks[i].plainText):
                regionStart = i; break scan
            case .rule where regionStart < blocks.count:
                regionStart = i; break scan
            default:
                break scan
            }
            regionStart = i
            i -= 1
        }
        guard regionStart < blocks.count else { return blocks }
        if !listNotes.isEmpty {
            definitions = []
            for (n, item) in listNotes.enumerated() {
                noteBlocks["\(n + 1)"] = item
                definitions.append(("\(n + 1)", []))
            }
        }
        let wanted = Set(definitions.map(\.label))
        var body = Array(blocks[..<regionStart])
        var found: Set<String> = []
        body = HTMLFootnoteFinder.replaceUnlinkedMarkers(body, labels: wanted, found: &found)
        guard !found.isEmpty else { return blocks }
        var leftovers: [HBlock] = []
        for def in definitions {
            if found.contains(def.label) {
                let content = noteBlocks[def.label] ?? [.paragraph(def.pieces)]
                notes.append(Note(label: def.label, blocks: HTMLFootnoteFinder.cleanNote(content)))
            } else if !def.pieces.isEmpty {
                leftovers.append(.paragraph(def.pieces))
            }
        }
        if listNotes.isEmpty || found.count == listNotes.count {
            body += leftovers
        } else {
            body += blocks[regionStart...]
            notes = []
            return blocks
        }
        return body
    }

    /// The lines of a paragraph as note definitions, or nil when it is not made of them.
    static func definitionLines(_ pieces: [HPiece]) -> [(label: String, pieces: [HPiece])]? {
        var lines: [[HPiece]] = [[]]
        for p in pieces { if p == .lineBreak { lines.append([]) } else { lines[lines.count - 1].append(p) } }
        var result: [(label: String, pieces: [HPiece])] = []
        for line in lines {
            let meaningful = line.filter { !$0.isBlankText && !({ if case .anchor = $0 { return true }; return false }($0)) }
            guard let first = meaningful.first else { continue }
            var label: String?
            switch first {
            case .sup(let s): label = markerLabel(s)
            case .text(let s, _): label = leadingLabel(s)
            default: label = nil
            }
            if let label {
                result.append((label, line))
            } else if !result.isEmpty {
                result[result.count - 1].pieces += [.lineBreak] + line
            } else {
                return nil
            }
        }
        return result.isEmpty ? nil : result
    }

    /// Turns `<sup>n</sup>` and `[n]` in running text into markers for the labels wanted.
    static func replaceUnlinkedMarkers(_ blocks: [HBlock], labels: Set<String>, found: inout Set<String>) -> [HBlock] {
        blocks.map { block in
            switch block {
            case .paragraph(let pieces): return .paragraph(replaceMarkers(pieces, labels, &found))
            case .heading(let l, let pieces): return .heading(l, replaceMarkers(pieces, labels, &found))
            case .quote(let inner): return .quote(replaceUnlinkedMarkers(inner, labels: labels, found: &found))
            case .list(let o, let items):
                return .list(ordered: o, items: items.map { replaceUnlinkedMarkers($0, labels: labels, found: &found) })
            case .numberedList(let numbers, let items):
                return .numberedList(numbers: numbers, items: items.map { replaceUnlinkedMarkers($0, labels: labels, found: &found) })
            case .term(let pieces): return .term(replaceMarkers(pieces, labels, &found))
            case .definition(let inner): return .definition(replaceUnlinkedMarkers(inner, labels: labels, found: &found))
            case .code, .rule, .table, .media, .figure: return block
            }
        }
    }

    private static func replaceMarkers(_ pieces: [HPiece], _ labels: Set<String>, _ found: inout Set<String>) -> [HPiece] {
        var out: [HPiece] = []
        for piece in pieces {
            switch piece {
            case .sup(let s):
                if let l = markerLabel(s), labels.contains(l) { out.append(.marker(l)); found.insert(l) } else { out.append(piece) }
            case .text(let s, let style) where s.contains("["):
                let atLineStart = out.isEmpty || out.last == .lineBreak
                out += splitBracketMarkers(s, style, labels, atLineStart: atLineStart, &found)
            default:
                out.append(piece)
            }
        }
        return out
    }

    private static func splitBracketMarkers(_ s: String, _ style: InlineStyle, _ labels: Set<String>,
                                            atLineStart: Bool, _ found: inout Set<String>) -> [HPiece] {
        var out: [HPiece] = []
        var rest = Substring(s)
        var buffer = ""
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { break }
            let label = String(after[..<close])
            let before = buffer + rest[..<open]
            let startsLine = atLineStart && before.allSatisfy(\.isWhitespace)
            if labels.contains(label), !startsLine {
                if !before.isEmpty { out.append(.text(before, style)) }
                out.append(.marker(label)); found.insert(label)
                buffer = ""
            } else {
                buffer = before + "[" + label + "]"
            }
            rest = after[after.index(after: close)...]
        }
        buffer += rest
        if !buffer.isEmpty { out.append(.text(buffer, style)) }
        return out
    }

    // MARK: - Patterns

    /// The label of a marker such as `[1]`, `(2)`, `3`, `*`, `†`; nil for anything longer.
    static func markerLabel(_ text: String) -> String? {
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if (s.hasPrefix("[") && s.hasSuffix("]")) || (s.hasPrefix("(") && s.hasSuffix(")")) {
            s = s.dropFirst().dropLast()
            s = Substring(s.trimmingCharacters(in: .whitespaces))
        }
        guard !s.isEmpty else { return nil }
        if s.count <= 3, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber) { return String(s) }
        if s.count <= 3, s.allSatisfy({ $0 == "*" }) { return String(s) }
        if s.count == 1, let c = s.first, c.isLetter && c.isASCII || "†‡§¶".contains(c) { return String(s) }
        return nil
    }

    /// The label a note line starts with: `[1] `, `(1) `, `1. `, `1) `, `1: `, `* `.
    static func leadingLabel(_ text: String) -> String? {
        let s = text.drop { $0.isWhitespace }
        if let first = s.first, first == "[" || first == "(" {
            let close: Character = first == "[" ? "]" : ")"
            guard let end = s.firstIndex(of: close) else { return nil }
            return markerLabel(String(s[...end]))
        }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let after = s.dropFirst(digits.count)
            guard let p = after.first, ".):".contains(p) else { return nil }
            let next = after.dropFirst().first
            if next == nil || next!.isWhitespace { return String(digits) }
        }
        return nil
    }

    static func isNotesTitle(_ text: String) -> Bool {
        // No title has more than 16 letters, and trimming never removes a letter: a paragraph
        // with more ASCII letters than that is not one (this runs for every post's last blocks).
        var letters = 0
        for b in text.utf8 where (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
            letters += 1
            if letters > 20 { return false }
        }
        let t = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
        return ["notes", "footnotes", "note", "references", "endnotes", "sources", "notas", "anmerkungen",
                "fußnoten", "fussnoten", "notes de bas de page", "referencias", "riferimenti", "note a piè di pagina"].contains(t)
    }

    /// Removes from a note its own label, its anchors and the links back to the text.
    static func cleanNote(_ blocks: [HBlock]) -> [HBlock] {
        var result: [HBlock] = []
        for (n, block) in blocks.enumerated() {
            guard case .paragraph(var pieces) = block else { result.append(block); continue }
            pieces.removeAll { p in
                switch p {
                case .anchor: return true
                case .link(let href, _): return href.hasPrefix("#")
                case .text(let s, _):
                    let t = s.trimmingCharacters(in: .whitespaces)
                    return ["↩", "↩︎", "↑", "^", "⤴"].contains(t)
                default: return false
                }
            }
            if n == 0 { pieces = dropLeadingLabel(pieces) }
            while let last = pieces.last, last.isBlankText || last == .lineBreak { pieces.removeLast() }
            if pieces.contains(where: { !$0.isBlankText && $0 != .lineBreak }) { result.append(.paragraph(pieces)) }
        }
        return result
    }

    private static func dropLeadingLabel(_ pieces: [HPiece]) -> [HPiece] {
        var rest = pieces[...]
        while let first = rest.first, first.isBlankText || first == .lineBreak { rest = rest.dropFirst() }
        guard let first = rest.first else { return [] }
        switch first {
        case .sup(let s) where markerLabel(s) != nil:
            rest = rest.dropFirst()
        case .text(let s, let style):
            if let label = leadingLabel(s) {
                var t = Substring(s.drop { $0.isWhitespace })
                if t.hasPrefix("[") || t.hasPrefix("(") {
                    t = t.drop { $0 != "]" && $0 != ")" }.dropFirst()
                } else {
                    t = t.dropFirst(label.count + 1)
                }
                rest = rest.dropFirst()
                rest.insert(.text(String(t), style), at: rest.startIndex)
            } else if markerLabel(s) != nil {
                rest = rest.dropFirst()
            }
        default: break
        }
        // The separator after a label: "[1]. Note" or "1 - Note".
        if case .text(let s, let style)? = rest.first {
            let trimmed = s.drop { $0.isWhitespace || $0 == "." || $0 == ":" || $0 == "-" || $0 == "–" }
            rest = rest.dropFirst()
            if !trimmed.isEmpty { rest.insert(.text(String(trimmed), style), at: rest.startIndex) }
        }
        return Array(rest)
    }
}
