import Foundation
import QuireModel
import QuireSupport

/// Reads the plain-text post format of the seed post (specified in `data/README.md`).
public enum PlainTextReader {
    /// Parses one post. `displayPath` names the file in messages. A post's identity across
    /// imports is its day and title, so a renamed or moved file still updates its post.
    public static func read(data: Data, displayPath: String) throws -> (Post, [ImportWarning]) {
        if data.isEmpty {
            throw ImportError(file: displayPath, line: 1, message: "expected a date header like 'Friday, October 12, 2007' or '2007-10-12', found an empty file")
        }
        if data.withUnsafeBytes({ memchr($0.baseAddress!, 0, min($0.count, 8192)) != nil }) {
            throw ImportError(file: displayPath, line: 1, message: "expected a plain-text post, found binary data")
        }
        var warnings: [ImportWarning] = []
        let text: String
        if let s = String(data: data, encoding: .utf8) {
            text = s
        } else {
            text = String(decoding: data, as: UTF8.self)
            warnings.append(ImportWarning(file: displayPath, line: nil, message: "invalid UTF-8 replaced with U+FFFD"))
        }
        // Counted on the bytes in place: iterating `Data` itself costs more than parsing.
        let budget = data.withUnsafeBytes { MarkupBudget.plainTextElements($0) }
        if budget.count > MarkupBudget.limit || budget.longestLine > MarkupBudget.paragraphBytes {
            var parser = Parser(lines: [], file: displayPath)
            let post = try parser.parseOverBudget(text)
            let note = ImportWarning(file: displayPath, line: nil, message: MarkupBudget.warning(budget.count))
            return (post, warnings + parser.warnings + [note])
        }
        var parser = Parser(lines: splitLines(text), file: displayPath)
        let post = try parser.parse()
        return (post, warnings + parser.warnings)
    }

    /// Splits on LF, CRLF or lone CR, dropping a leading byte-order mark.
    static func splitLines(_ text: String) -> [String] {
        var text = text
        // Over the bytes in place: stepping through a UTF-8 view index by index took longer
        // than parsing the lines.
        return text.withUTF8 { bytes in
            var lines: [String] = []
            let end = bytes.count
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var i = start
            while i < end {
                let b = bytes[i]
                guard b == 0x0A || b == 0x0D else { i += 1; continue }
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                i += b == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A ? 2 : 1
                start = i
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            return lines
        }
    }
}

/// One numbered line of the file.
struct NumberedLine {
    var number: Int
    var text: String
    var isBlank: Bool {
        // ASCII lines (most) are checked byte by byte: each byte is a character of its own.
        var ascii = true
        for b in text.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b != 0x20 && !(b >= 0x09 && b <= 0x0D) { return false }
        }
        return ascii || text.allSatisfy { $0.isWhitespace }
    }
}

private struct Parser {
    let lines: [NumberedLine]
    let file: String
    var warnings: [ImportWarning] = []

    init(lines: [String], file: String) {
        self.lines = lines.enumerated().map { NumberedLine(number: $0.offset + 1, text: $0.element) }
        self.file = file
    }

    mutating func parse() throws -> Post {
        var rest = lines[...]
        while let l = rest.first, l.isBlank { rest = rest.dropFirst() }
        guard let dateLine = rest.popFirst() else {
            throw ImportError(file: file, line: max(lines.count, 1), message: "expected a date header like 'Friday, October 12, 2007' or '2007-10-12', found only blank lines")
        }
        var date = try parseDateHeader(dateLine)
        while let l = rest.first, l.isBlank { rest = rest.dropFirst() }
        guard let titleLine = rest.popFirst() else {
            throw ImportError(file: file, line: dateLine.number + 1, message: "expected the post's title after the date header, found end of file")
        }
        let title = clean(titleLine.text)
        if title.isEmpty {
            throw ImportError(file: file, line: titleLine.number, message: "expected the post's title, found only control characters")
        }

        var body = Array(rest)
        let footer = parseFooter(&body)
        if let time = footer.time { date.hour = time.hour; date.minute = time.minute }
        let noteLines = takeFootnoteDefinitions(&body)

        var inlineParser = InlineParser()
        var blocks: [Block] = []
        var blockLines: [Int] = []
        for para in paragraphs(body) {
            let joined = para.map { $0.text.trimmed }.joined(separator: " ")
            if joined == "[...]" || joined == "[…]" {
                blocks.append(.elision)
            } else {
                blocks.append(.paragraph(inlineParser.parse(clean(joined))))
            }
            blockLines.append(para[0].number)
        }

        var footnotes: [Footnote] = []
        var noteLineOf: [String: Int] = [:]
        for note in noteLines {
            if noteLineOf[note.label] != nil {
                warn(note.line, "footnote \(note.label) is defined twice; both are kept")
            }
            noteLineOf[note.label] = note.line
            footnotes.append(Footnote(label: note.label, blocks: [.paragraph(inlineParser.parse(clean(note.text)))]))
        }
        checkFootnotes(blocks: blocks, blockLines: blockLines, footnotes: footnotes, noteLineOf: noteLineOf)

        return Post(sourceKey: "text:\(date.isoDay)/\(MatchKey.title(title))", slug: Slug.make(title), title: title,
                    date: date, author: footer.author, labels: footer.labels,
                    document: Document(blocks: blocks), footnotes: footnotes,
                    references: inlineParser.references, commentCount: footer.comments ?? 0)
    }

    /// A post over the markup budget: date, title and footers read as usual, the body as plain
    /// paragraphs, without holding a line, marker or quote of it apart.
    mutating func parseOverBudget(_ raw: String) throws -> Post {
        var text = raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
        if text.contains("\r") { text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        var rest = Substring(text)
        var number = 0
        func nextLine() -> NumberedLine? {
            guard !rest.isEmpty || number == 0 else { return nil }
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            number += 1
            let line = NumberedLine(number: number, text: String(rest[..<end]))
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            return line
        }
        var header: [NumberedLine] = []
        while header.count < 2, let line = nextLine() { if !line.isBlank { header.append(line) } }
        guard let dateLine = header.first else {
            throw ImportError(file: file, line: max(number, 1), message: "expected a date header like 'Friday, October 12, 2007' or '2007-10-12', found only blank lines")
        }
        var date = try parseDateHeader(dateLine)
        guard header.count == 2 else {
            throw ImportError(file: file, line: dateLine.number + 1, message: "expected the post's title after the date header, found end of file")
        }
        let title = clean(header[1].text)
        if title.isEmpty {
            throw ImportError(file: file, line: header[1].number, message: "expected the post's title, found only control characters")
        }
        // The footers are among the last lines: take a few off the end, read them, keep the rest.
        var tailStart = rest.endIndex
        var newlines = 0
        while tailStart > rest.startIndex, newlines < 16 {
            tailStart = rest.index(before: tailStart)
            if rest[tailStart] == "\n" { newlines += 1 }
        }
        if tailStart > rest.startIndex { tailStart = rest.index(after: tailStart) }
        let bodyText = rest[..<tailStart]
        let firstTailNumber = number + bodyText.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + 1
        var tail = rest[tailStart...].split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            NumberedLine(number: firstTailNumber + $0.offset, text: String($0.element))
        }
        let footer = parseFooter(&tail)
        if let time = footer.time { date.hour = time.hour; date.minute = time.minute }
        let blocks = MarkupBudget.plainParagraphs(fromText: bodyText + "\n" + tail.map(\.text).joined(separator: "\n"))
        return Post(sourceKey: "text:\(date.isoDay)/\(MatchKey.title(title))", slug: Slug.make(title), title: title,
                    date: date, author: footer.author, labels: footer.labels,
                    document: Document(blocks: blocks), commentCount: footer.comments ?? 0)
    }

    // MARK: Date header

    mutating func parseDateHeader(_ line: NumberedLine) throws -> PostDate {
        let s = line.text.trimmed
        var expected: String { "expected a date header like 'Friday, October 12, 2007' or '2007-10-12', found '\(clean(String(s.prefix(60))))'" }
        if let iso = Self.parseISO(s) {
            guard iso.isValidDay else { throw ImportError(file: file, line: line.number, message: "\(s) is not a day of the calendar") }
            return iso
        }
        // Weekday, Month D, YYYY (the weekday is optional).
        var parts = s.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        var weekday: Int?
        if let first = parts.first, let w = PostDate.weekdayNames.firstIndex(where: { $0.lowercased() == first.lowercased() }) {
            weekday = w + 1
            parts.removeFirst()
        }
        guard parts.count == 3,
              let m = PostDate.monthNames.firstIndex(where: { $0.lowercased() == parts[0].lowercased() }),
              let d = Int(parts[1]), let y = Int(parts[2]), (1...9999).contains(y) else {
            throw ImportError(file: file, line: line.number, message: expected)
        }
        let date = PostDate(year: y, month: m + 1, day: d)
        guard date.isValidDay else {
            throw ImportError(file: file, line: line.number, message: "\(PostDate.monthNames[m]) \(d), \(y) is not a day of the calendar")
        }
        if let weekday, weekday != date.weekday {
            let said = PostDate.weekdayNames[weekday - 1], real = PostDate.weekdayNames[date.weekday - 1]
            warnings.append(ImportWarning(file: file, line: line.number,
                                          message: "the header says \(said) but \(date.isoDay) is a \(real); using the date"))
        }
        return date
    }

    static func parseISO(_ s: String) -> PostDate? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return PostDate(year: y, month: m, day: d)
    }

    // MARK: Footer

    struct Footer { var author: String?; var time: (hour: Int, minute: Int)?; var labels: [String] = []; var comments: Int? }

    /// Takes the Blogger footer lines off the end of the body, in any order.
    mutating func parseFooter(_ body: inout [NumberedLine]) -> Footer {
        var footer = Footer()
        while let last = body.last {
            if last.isBlank { body.removeLast(); continue }
            let s = last.text.trimmed
            if let count = Self.commentCount(s) {
                footer.comments = count
            } else if s.lowercased().hasPrefix("labels:") {
                footer.labels = s.dropFirst("labels:".count).split(separator: ",")
                    .map { clean(String($0)).trimmed }.filter { !$0.isEmpty }
            } else if s.hasPrefix("Posted by ") {
                let rest = s.dropFirst("Posted by ".count)
                if let at = rest.range(of: " at ", options: .backwards) {
                    footer.author = clean(String(rest[..<at.lowerBound]))
                    footer.time = Self.parseTime(String(rest[at.upperBound...]))
                } else {
                    footer.author = clean(String(rest))
                }
            } else {
                break
            }
            body.removeLast()
        }
        return footer
    }

    static func commentCount(_ s: String) -> Int? {
        let lower = s.lowercased()
        if lower == "no comments:" || lower == "no comments" { return 0 }
        for suffix in [" comments:", " comment:"] where lower.hasSuffix(suffix) {
            return Int(lower.dropLast(suffix.count))
        }
        return nil
    }

    /// `9:14 PM`, `21:14`.
    static func parseTime(_ s: String) -> (hour: Int, minute: Int)? {
        let parts = s.split(separator: " ")
        guard let hm = parts.first?.split(separator: ":"), hm.count >= 2,
              var h = Int(hm[0]), let m = Int(hm[1]), (0...59).contains(m) else { return nil }
        if parts.count > 1 {
            let ampm = parts[1].uppercased()
            guard (1...12).contains(h) else { return nil }
            if ampm == "PM" && h < 12 { h += 12 }
            if ampm == "AM" && h == 12 { h = 0 }
        }
        return (0...23).contains(h) ? (h, m) : nil
    }

    // MARK: Footnotes

    struct NoteLine { var label: String; var text: String; var line: Int }

    /// Takes the trailing paragraphs made of `n. text` lines off the body.
    func takeFootnoteDefinitions(_ body: inout [NumberedLine]) -> [NoteLine] {
        var paras = paragraphs(body)
        var notes: [NoteLine] = []
        while let para = paras.last, Self.noteStart(para[0].text) != nil {
            var parsed: [NoteLine] = []
            for line in para {
                if let (label, text) = Self.noteStart(line.text) {
                    parsed.append(NoteLine(label: label, text: text, line: line.number))
                } else if !parsed.isEmpty {
                    parsed[parsed.count - 1].text += " " + line.text.trimmed
                }
            }
            notes.insert(contentsOf: parsed, at: 0)
            paras.removeLast()
        }
        let keep = paras.last.map { $0.last!.number } ?? 0
        body = body.filter { $0.number <= keep }
        return notes
    }

    static func noteStart(_ s: String) -> (String, String)? {
        let t = s.drop(while: { $0 == " " })
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let after = t.dropFirst(digits.count)
        guard after.first == ".", after.dropFirst().first == " " else { return nil }
        return (String(digits), after.dropFirst(2).trimmed)
    }

    mutating func checkFootnotes(blocks: [Block], blockLines: [Int], footnotes: [Footnote], noteLineOf: [String: Int]) {
        var cited = Set<String>()
        for (block, line) in zip(blocks, blockLines) {
            for label in block.footnoteLabels {
                cited.insert(label)
                if noteLineOf[label] == nil { warn(line, "footnote marker [\(label)] has no note; the marker is kept") }
            }
        }
        for note in footnotes where !cited.contains(note.label) {
            warn(noteLineOf[note.label], "note \(note.label). has no marker in the text; it is kept at the end")
        }
    }

    // MARK: Helpers

    func paragraphs(_ body: [NumberedLine]) -> [[NumberedLine]] {
        var result: [[NumberedLine]] = []
        var current: [NumberedLine] = []
        for line in body {
            if line.isBlank {
                if !current.isEmpty { result.append(current); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    func clean(_ s: String) -> String {
        Sanitizer.clean(s).trimmed
    }

    mutating func warn(_ line: Int?, _ message: String) {
        warnings.append(ImportWarning(file: file, line: line, message: message))
    }
}
