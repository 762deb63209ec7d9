import Foundation
import QuireModel
import QuireSupport

/// Writes a post as JSON, byte for byte what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes for it (the stored posts' encoding), several times faster:
/// an import encodes every post. `JSONDecoder` reads it back through the model's `Codable`
/// conformances; `PostJSONTests` checks the two encoders agree.
///
/// Keys are written in sorted order by hand: any field added to the model must be added here
/// (the tests compare whole posts with every field set, so a missing one fails them).
enum PostJSON {
    static func encode(_ post: Post) -> Data {
        var w = Writer()
        w.bytes.reserveCapacity(post.document.blocks.count * 256 + 1024)
        w.post(post)
        return Data(w.bytes)
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func post(_ p: Post) {
            raw("{\"aliases\":"); strings(p.aliases)
            if let author = p.author { raw(",\"author\":"); string(author) }
            raw(",\"commentCount\":"); int(p.commentCount)
            raw(",\"comments\":[")
            for (i, c) in p.comments.enumerated() {
                if i > 0 { byte(0x2C) }
                comment(c)
            }
            raw("],\"date\":"); date(p.date)
            raw(",\"document\":{\"blocks\":"); blocks(p.document.blocks)
            raw("},\"footnotes\":[")
            for (i, f) in p.footnotes.enumerated() {
                if i > 0 { byte(0x2C) }
                raw("{\"blocks\":"); blocks(f.blocks)
                raw(",\"label\":"); string(f.label); byte(0x7D)
            }
            raw("],\"kind\":"); string(p.kind)
            raw(",\"labels\":"); strings(p.labels)
            if p.passwordProtected { raw(",\"passwordProtected\":true") }
            if let permalink = p.permalink { raw(",\"permalink\":"); string(permalink) }
            if !p.pingbacks.isEmpty {
                raw(",\"pingbacks\":[")
                for (i, b) in p.pingbacks.enumerated() {
                    if i > 0 { byte(0x2C) }
                    pingback(b)
                }
                byte(0x5D)
            }
            raw(",\"references\":[")
            for (i, r) in p.references.enumerated() {
                if i > 0 { byte(0x2C) }
                raw(r.explicit ? "{\"explicit\":true," : "{\"explicit\":false,")
                if r.inComment { raw("\"inComment\":true,") }
                raw("\"kind\":")
                string(r.kind.rawValue)
                raw(",\"target\":"); string(r.target)
                raw(",\"text\":"); string(r.text); byte(0x7D)
            }
            raw("],\"slug\":"); string(p.slug)
            raw(",\"sourceKey\":"); string(p.sourceKey)
            raw(",\"title\":"); string(p.title)
            if let updated = p.updated { raw(",\"updated\":"); date(updated) }
            byte(0x7D)
        }

        mutating func comment(_ c: Comment) {
            raw("{\"author\":"); string(c.author)
            raw(",\"blocks\":"); blocks(c.blocks)
            if let day = c.date { raw(",\"date\":"); date(day) }
            if let parent = c.parentID { raw(",\"parentID\":"); string(parent) }
            raw(c.removed ? ",\"removed\":true" : ",\"removed\":false")
            raw(",\"sourceID\":"); string(c.sourceID); byte(0x7D)
        }

        mutating func pingback(_ b: Pingback) {
            byte(0x7B)
            if let day = b.date { raw("\"date\":"); date(day); byte(0x2C) }
            raw("\"excerpt\":"); string(b.excerpt)
            raw(",\"kind\":"); string(b.kind.rawValue)
            raw(",\"source\":"); string(b.source)
            if let url = b.url { raw(",\"url\":"); string(url) }
            byte(0x7D)
        }

        mutating func date(_ d: PostDate) {
            raw("{\"day\":"); int(d.day)
            raw(",\"hour\":"); int(d.hour)
            raw(",\"minute\":"); int(d.minute)
            raw(",\"month\":"); int(d.month)
            raw(",\"second\":"); int(d.second)
            if let offset = d.utcOffsetMinutes { raw(",\"utcOffsetMinutes\":"); int(offset) }
            raw(",\"year\":"); int(d.year); byte(0x7D)
        }

        mutating func blocks(_ blocks: [Block]) {
            byte(0x5B)
            for (i, b) in blocks.enumerated() {
                if i > 0 { byte(0x2C) }
                block(b)
            }
            byte(0x5D)
        }

        mutating func block(_ b: Block) {
            switch b {
            case .paragraph(let inlines): raw("{\"p\":"); self.inlines(inlines); byte(0x7D)
            case .heading(let level, let inlines):
                raw("{\"h\":"); self.inlines(inlines); raw(",\"level\":"); int(level); byte(0x7D)
            case .quote(let inner): raw("{\"q\":"); blocks(inner); byte(0x7D)
            case .list(let ordered, let items):
                raw(ordered ? "{\"ol\":[" : "{\"ul\":[")
                for (i, item) in items.enumerated() {
                    if i > 0 { byte(0x2C) }
                    blocks(item)
                }
                raw("]}")
            case .code(let text): raw("{\"code\":"); string(text); byte(0x7D)
            case .elision: raw("{\"e\":1}")
            case .rule: raw("{\"hr\":1}")
            case .media(let kind, let url, let title):
                raw("{\"m\":"); string(kind.rawValue)
                if let title { raw(",\"ti\":"); string(title) }
                raw(",\"u\":"); string(url); byte(0x7D)
            case .figure(let inner, let caption):
                raw("{\"cap\":"); inlines(caption); raw(",\"fig\":"); block(inner); byte(0x7D)
            case .numberedList(let numbers, let items):
                raw("{\"n\":"); byte(0x5B)
                for (i, n) in numbers.enumerated() {
                    if i > 0 { byte(0x2C) }
                    int(n)
                }
                raw("],\"on\":[")
                for (i, item) in items.enumerated() {
                    if i > 0 { byte(0x2C) }
                    blocks(item)
                }
                raw("]}")
            case .table(let rows, let headerRows):
                if headerRows != 0 { raw("{\"hd\":"); int(headerRows); raw(",\"tb\":[") } else { raw("{\"tb\":[") }
                for (i, row) in rows.enumerated() {
                    if i > 0 { byte(0x2C) }
                    byte(0x5B)
                    for (k, cell) in row.enumerated() {
                        if k > 0 { byte(0x2C) }
                        inlines(cell)
                    }
                    byte(0x5D)
                }
                raw("]}")
            case .term(let inl): raw("{\"dt\":"); inlines(inl); byte(0x7D)
            case .definition(let inner): raw("{\"dd\":"); blocks(inner); byte(0x7D)
            }
        }

        mutating func inlines(_ inlines: [Inline]) {
            byte(0x5B)
            for (i, inline) in inlines.enumerated() {
                if i > 0 { byte(0x2C) }
                switch inline {
                case .text(let text, let style):
                    if style.isEmpty {
                        raw("{\"t\":")
                    } else {
                        raw("{\"s\":"); int(Int(style.rawValue)); raw(",\"t\":")
                    }
                    string(text); byte(0x7D)
                case .footnoteMarker(let label): raw("{\"f\":"); string(label); byte(0x7D)
                case .reference(let index, let text):
                    raw("{\"r\":"); int(index); raw(",\"x\":"); string(text); byte(0x7D)
                case .lineBreak: raw("{\"br\":1}")
                }
            }
            byte(0x5D)
        }

        mutating func strings(_ list: [String]) {
            byte(0x5B)
            for (i, s) in list.enumerated() {
                if i > 0 { byte(0x2C) }
                string(s)
            }
            byte(0x5D)
        }

        @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

        /// ASCII written as it is (keys and punctuation).
        @inline(__always) mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func int(_ n: Int) {
            if n >= 0 && n < 10 { bytes.append(0x30 + UInt8(n)); return }
            bytes.append(contentsOf: String(n).utf8)
        }

        /// A JSON string: quotes, backslashes and control characters escaped as JSONEncoder
        /// escapes them, everything else (slashes, non-ASCII) as it is.
        mutating func string(_ s: String) {
            byte(0x22)
            var s = s
            s.withUTF8 { utf8 in ByteClass.jsonEscaped.withUnsafeBufferPointer { escaped in
                var start = 0
                for i in 0..<utf8.count {
                    let b = utf8[i]
                    guard escaped[Int(b)] != 0 else { continue }
                    if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                    start = i + 1
                    switch b {
                    case 0x22: raw("\\\"")
                    case 0x5C: raw("\\\\")
                    case 0x08: raw("\\b")
                    case 0x0C: raw("\\f")
                    case 0x0A: raw("\\n")
                    case 0x0D: raw("\\r")
                    case 0x09: raw("\\t")
                    default:
                        raw("\\u00")
                        bytes.append(Self.hex[Int(b >> 4)])
                        bytes.append(Self.hex[Int(b & 0xF)])
                    }
                }
                if utf8.count > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
            } }
            byte(0x22)
        }

        static let hex: [UInt8] = Array("0123456789abcdef".utf8)
    }
}
