import Foundation

/// Recognises the XML exports by their first bytes, whatever the file is called.
enum ExportSniffer {
    enum Kind: Equatable { case atom, wordpress, otherXML, notXML }

    static func kind(ofHead head: Data) -> Kind {
        let text = EncodingSniffer.headText(head)
        guard let start = firstElementStart(text) else {
            guard text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<") else { return .notXML }
            // A short head may stop inside the long comment WordPress writes before `<rss>`.
            if text.contains("WordPress eXtended RSS") || text.contains("wordpress.org/export/") { return .wordpress }
            return .otherXML
        }
        let tag = text[start...].prefix(4096)
        if tag.hasPrefix("<feed") && text.contains("http://www.w3.org/2005/Atom") { return .atom }
        if tag.hasPrefix("<rss") && text.contains("wordpress.org/export/") { return .wordpress }
        return .otherXML
    }

    /// Where the root element starts, after the XML declaration, comments, processing
    /// instructions and a doctype; nil when the text does not begin like XML.
    static func firstElementStart(_ text: String) -> String.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            let rest = text[i...]
            if let c = rest.first, c.isWhitespace { i = text.index(after: i); continue }
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return nil }
                i = end.upperBound
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                i = end.upperBound
            } else if rest.hasPrefix("<!") {
                // A doctype's internal subset holds `>` of its own: skip to its `]>`.
                let close = rest.prefix(while: { $0 != ">" }).contains("[") ? "]>" : ">"
                guard let end = rest.range(of: close) else { return nil }
                i = end.upperBound
            } else if rest.hasPrefix("<") {
                return i
            } else {
                return nil
            }
        }
        return nil
    }
}

/// Finds the encoding a document declares, so the reader knows how to treat its bytes.
enum EncodingSniffer {
    /// `name` is nil for UTF-8 (declared or not); otherwise the declared or detected encoding.
    static func declaredEncoding(_ head: Data) -> (name: String?, mode: XMLInputPump.Mode) {
        let bytes = [UInt8](head.prefix(4))
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return ("UTF-16", .passThrough)
        }
        if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 { return ("UTF-16", .passThrough) }
        let text = String(decoding: head.prefix(512), as: UTF8.self)
        guard text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"),
              let declEnd = text.range(of: "?>") else { return (nil, .repairUTF8) }
        let decl = text[..<declEnd.lowerBound]
        guard let key = decl.range(of: "encoding") else { return (nil, .repairUTF8) }
        var rest = decl[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return (nil, .repairUTF8) }
        rest = rest.dropFirst()
        let name = String(rest.prefix { $0 != quote })
        let lower = name.lowercased()
        if lower == "utf-8" || lower == "utf8" || lower.isEmpty { return (nil, .repairUTF8) }
        if lower.hasPrefix("utf-16") || lower.hasPrefix("ucs") || lower.hasPrefix("utf-32") {
            return (name, .passThrough)
        }
        return (name, .asciiCompatible)
    }

    /// The head decoded for sniffing: UTF-16 heads are decoded as such, others as UTF-8.
    static func headText(_ head: Data) -> String {
        let bytes = [UInt8](head)
        let littleEndian = bytes.starts(with: [0xFF, 0xFE]) || (bytes.count > 1 && bytes[1] == 0)
        let bigEndian = bytes.starts(with: [0xFE, 0xFF]) || (bytes.count > 1 && bytes[0] == 0)
        if littleEndian || bigEndian {
            let units = stride(from: 0, to: bytes.count - 1, by: 2).map { i -> UInt16 in
                littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
                             : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            }
            var text = String(decoding: units, as: UTF16.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return text
        }
        var text = String(decoding: head, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}
