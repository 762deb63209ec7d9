import Foundation
import QuireModel
import QuireSupport

/// How much structure one post may have before it is read as plain paragraphs.
///
/// A post's document is held in memory while it is converted and stored, at several hundred
/// bytes for every tag, Markdown mark, paragraph, link, quote or footnote marker: a 10 MB post
/// made of nothing else would take gigabytes, where an import may use at most 300 MB. Past the
/// budget the post keeps its header, title, date and labels, and its text becomes at most
/// `plainParagraphs` paragraphs with no markup, notes or references; the import says so.
/// Real posts stay far below: the longest of the samples has a few hundred elements.
public enum MarkupBudget {
    /// Elements one post may have.
    public static let limit = 100_000
    /// Markdown counts every `w` and `:` (where an autolink may start) and every line: cheap
    /// elements, about 25,000 in each megabyte of English, so it may have more of them.
    public static let markdownLimit = 300_000
    /// The longest paragraph parsed for markers, quotes and links, in bytes.
    public static let paragraphBytes = 1_000_000
    /// How many paragraphs a post read as plain text is cut into, at most.
    static let plainParagraphs = 2_000

    static func warning(_ count: Int) -> String {
        "the post has about \(count) elements of markup, more than Quire reads in one post: "
            + "its text is kept as plain paragraphs, without formatting, notes or links"
    }

    /// Tags in HTML: each `<` followed by a letter, `/`, `!` or `?`.
    static func htmlElements(_ html: String) -> Int {
        var count = 0
        var previousWasOpen = false
        for b in html.utf8 {
            if previousWasOpen, (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x2F || b == 0x21 || b == 0x3F { count += 1 }
            previousWasOpen = b == 0x3C
        }
        return count
    }

    /// What a Markdown post asks of cmark-gfm.
    struct MarkdownCount {
        /// Nodes it may start: see `markdownElements`.
        var elements = 0
        /// The most quotes and lists a line may open or continue: its `>` and list markers,
        /// and half the columns of indentation before and between them (a nested list item
        /// is indented at least two columns past its parent's).
        var depth = 0
        var lines = 1

        /// cmark-gfm checks every open quote and list against every line, even a lazy
        /// continuation line or a blank one: `depth × lines` bounds that work.
        var nestingWork: Int { depth.multipliedReportingOverflow(by: lines).overflow ? .max : depth * lines }
    }

    /// Lines times the depth of nesting a Markdown post may have: cmark-gfm took 45 s over a
    /// 260 KB post of 5,000 nested lists and 250,000 blank lines, and did not finish in five
    /// minutes over 10 MB under 10,000 nested quotes. 20 million is a few tenths of a second;
    /// a real post of 100,000 lines may nest 200 deep.
    public static let markdownNestingWork = 20_000_000

    static func nestingWarning(_ count: MarkdownCount) -> String {
        "the post nests quotes or lists up to \(count.depth) levels deep over \(count.lines) lines, more than Quire reads "
            + "in one post: its text is kept as plain paragraphs, without formatting, notes or links"
    }

    /// Bytes that make elements in Markdown: cmark starts a node at each of them (`w` and `:`
    /// for the autolink extension), and each line is one; so does each `>` or list marker
    /// (`-`, `+`, `*`, `1.`, `1)`) that opens a line, before its text.
    static func markdownElements(_ text: String) -> MarkdownCount {
        var count = MarkdownCount()
        var text = text
        text.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                // The start of a line: its markers and indentation.
                var columns = 0, markers = 0
                scan: while i < n {
                    let b = bytes[i]
                    switch b {
                    case 0x20: columns += 1; i += 1
                    case 0x09: columns += 4 - columns % 4; i += 1
                    case 0x3E: markers += 1; i += 1
                    case 0x2D, 0x2B, 0x2A:
                        guard i + 1 == n || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09 || bytes[i + 1] == 0x0A else { break scan }
                        markers += 1; i += 1
                    case 0x30...0x39:
                        var j = i
                        while j < n, j - i < 9, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
                        guard j < n, bytes[j] == 0x2E || bytes[j] == 0x29,
                              j + 1 == n || bytes[j + 1] == 0x20 || bytes[j + 1] == 0x09 || bytes[j + 1] == 0x0A else { break scan }
                        markers += 1; i = j + 1
                    default: break scan
                    }
                }
                count.elements += markers
                if markers > 0 { count.depth = max(count.depth, markers + columns / 2) }
                // The rest of the line.
                while i < n {
                    let b = bytes[i]
                    i += 1
                    switch b {
                    case 0x0A: count.elements += 1; count.lines += 1
                    case 0x5C, 0x60, 0x26, 0x5F, 0x2A, 0x5B, 0x5D, 0x3C, 0x21, 0x7E, 0x7C, 0x3A, 0x77: count.elements += 1
                    default: break
                    }
                    if b == 0x0A { break }
                }
            }
        }
        return count
    }

    /// Lines, and the marks the plain-text reader turns into inlines: `[` of footnote markers
    /// and elisions, quotes, and `:` of URLs. `longestLine` is in bytes.
    static func plainTextElements(_ raw: UnsafeRawBufferPointer) -> (count: Int, longestLine: Int) {
        // Passes that each do one simple thing per byte, with tables (see ByteClass): one loop
        // doing all of it took longer than parsing the post.
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var count = 0
        Self.lineEndsAndMarks.withUnsafeBufferPointer { table in
            for b in bytes { count &+= Int(table[Int(b)]) }
        }
        // The LF of a CRLF does not end another line; “ and „ (E2 80 9C, E2 80 9E) are marks.
        Self.secondOfPair.withUnsafeBufferPointer { table in
            for i in 1..<max(n, 1) where table[Int(bytes[i])] != 0 {
                let b = bytes[i], previous = bytes[i - 1]
                if b == 0x0A && previous == 0x0D { count -= 1 } else if b != 0x0A && previous == 0x80 { count += 1 }
            }
        }
        // The longest run of bytes between line ends.
        var longest = 0, start = 0
        for i in 0..<n where bytes[i] == 0x0A || bytes[i] == 0x0D {
            longest = max(longest, i - start)
            start = i + 1
        }
        return (count, max(longest, n - start))
    }

    /// Line ends and the marks of `plainTextElements`, one each.
    static let lineEndsAndMarks = ByteClass.table([0x0A, 0x0D, 0x5B, 0x22, 0x3A])
    /// The last bytes of the pairs it counts apart: the LF of CRLF, the last byte of “ and „.
    static let secondOfPair = ByteClass.table([0x0A, 0x9C, 0x9E])

    /// Gathers text into at most about `plainParagraphs` paragraphs: pieces are joined until a
    /// paragraph holds its share of the whole.
    struct Paragraphs {
        private let share: Int
        private var current = ""
        private(set) var blocks: [Block] = []

        init(totalBytes: Int) { share = max(1, totalBytes / MarkupBudget.plainParagraphs) }

        /// Adds text to the paragraph being gathered, cleaned, its whitespace collapsed.
        mutating func add(_ text: Substring) {
            var space = !current.isEmpty
            for scalar in Sanitizer.clean(String(text)).unicodeScalars {
                if scalar.properties.isWhitespace {
                    space = !current.isEmpty
                } else {
                    if space { current.unicodeScalars.append(" "); space = false }
                    current.unicodeScalars.append(scalar)
                }
            }
        }

        /// A paragraph may end here; it does if it holds its share.
        mutating func breakHere() {
            if current.utf8.count >= share { finish() }
        }

        mutating func finish() {
            if !current.isEmpty { blocks.append(.paragraph([.text(current, [])])) }
            current = ""
        }
    }

    private static let blockNames: Set<String> = ["p", "div", "br", "li", "blockquote", "pre", "tr", "table",
                                                  "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr"]

    /// HTML read as plain paragraphs: tags dropped (the text of `script` and `style` too), a
    /// few entities decoded, paragraphs ending at block tags and `<br>`.
    static func plainParagraphs(fromHTML html: String) -> [Block] {
        var out = Paragraphs(totalBytes: html.utf8.count)
        var text = Substring(html)
        while let open = text.firstIndex(of: "<") {
            if open > text.startIndex { out.add(Substring(decodingEntities(text[..<open]))) }
            guard let close = text[open...].firstIndex(of: ">") else { text = text[text.endIndex...]; break }
            let inside = text[text.index(after: open)..<close]
            let closing = inside.first == "/"
            let name = inside.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
            text = text[text.index(after: close)...]
            if !closing, name == "script" || name == "style",
               let end = text.range(of: "</" + name, options: .caseInsensitive) {
                let after = text[end.upperBound...]
                text = after.firstIndex(of: ">").map { after[after.index(after: $0)...] } ?? after[after.endIndex...]
                continue
            }
            if blockNames.contains(name) { out.breakHere() } else { out.add(" ") }
        }
        out.add(Substring(decodingEntities(text)))
        out.finish()
        return out.blocks
    }

    /// Text read as plain paragraphs: lines joined, paragraphs ending at blank lines. Lines are
    /// LF-separated.
    static func plainParagraphs(fromText text: Substring) -> [Block] {
        var out = Paragraphs(totalBytes: text.utf8.count)
        var rest = text
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            if line.allSatisfy(\.isWhitespace) { out.breakHere() } else { out.add(line) }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
        }
        out.finish()
        return out.blocks
    }

    private static func decodingEntities(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.prefix(12).firstIndex(of: ";") else { out += "&"; rest = rest.dropFirst(); continue }
            let name = rest[rest.index(after: rest.startIndex)..<semi]
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            case "nbsp": scalar = " "
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }
}
