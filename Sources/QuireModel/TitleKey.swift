import Foundation
import QuireSupport

/// Normalised forms used to match a quoted span, a slug or a URL to a post.
public enum MatchKey {
    /// A title compared ignoring case, surrounding punctuation and repeated spaces.
    public static func title(_ s: String) -> String {
        asciiTitle(s) ?? unicodeTitle(s)
    }

    static func unicodeTitle(_ s: String) -> String {
        let lowered = s.lowercased()
        var words: [Substring] = lowered.split(whereSeparator: { $0.isWhitespace })
        func isEdgePunct(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }
        if var first = words.first {
            while let c = first.first, isEdgePunct(c) { first = first.dropFirst() }
            words[0] = first
        }
        if var last = words.last {
            while let c = last.last, isEdgePunct(c) { last = last.dropLast() }
            words[words.count - 1] = last
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `title` for ASCII text, byte by byte (nil for anything else). In ASCII the whitespace
    /// is 0x09-0x0D and space, and every printable that is not a letter or digit is
    /// punctuation or a symbol.
    static func asciiTitle(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var words: [Range<Int>] = []
            var start = -1
            for (i, b) in bytes.enumerated() {
                if b >= 0x80 { return nil }
                let space = b == 0x20 || (0x09...0x0D).contains(b)
                if space {
                    if start >= 0 { words.append(start..<i); start = -1 }
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 { words.append(start..<bytes.count) }
            func isEdgePunct(_ b: UInt8) -> Bool {
                (0x21...0x7E).contains(b) && !(0x30...0x39).contains(b) && !(0x41...0x5A).contains(b) && !(0x61...0x7A).contains(b)
            }
            if var first = words.first {
                while !first.isEmpty, isEdgePunct(bytes[first.lowerBound]) { first = (first.lowerBound + 1)..<first.upperBound }
                words[0] = first
            }
            if var last = words.last {
                while !last.isEmpty, isEdgePunct(bytes[last.upperBound - 1]) { last = last.lowerBound..<(last.upperBound - 1) }
                words[words.count - 1] = last
            }
            for word in words where !word.isEmpty {
                if !out.isEmpty { out.append(0x20) }
                for i in word { let b = bytes[i]; out.append((0x41...0x5A).contains(b) ? b + 0x20 : b) }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A URL compared without scheme, `www.`, query, fragment, `index.html` and trailing slash.
    /// `?p=ID` is kept because WordPress uses it as the post's address.
    public static func url(_ s: String) -> String {
        var u = Substring(s.trimmed)
        if let r = u.range(of: "://") { u = u[r.upperBound...] } else if u.hasPrefix("//") { u = u.dropFirst(2) }
        if u.lowercased().hasPrefix("www.") { u = u.dropFirst(4) }
        if let hash = u.firstIndex(of: "#") { u = u[..<hash] }
        var keptQuery = ""
        if let q = u.firstIndex(of: "?") {
            let query = u[u.index(after: q)...]
            for pair in query.split(separator: "&") where pair.hasPrefix("p=") || pair.hasPrefix("page_id=") {
                keptQuery = "?" + pair
            }
            u = u[..<q]
        }
        var path = String(u).lowercased()
        if path.hasSuffix("/index.html") { path.removeLast("index.html".count) }
        while path.hasSuffix("/") { path.removeLast() }
        // Blogger serves one blog under many country domains (blogspot.com, blogspot.fr ...).
        if let r = path.range(of: ".blogspot.") {
            if let slash = path[r.upperBound...].firstIndex(of: "/") {
                path = String(path[..<r.lowerBound]) + ".blogspot.com" + String(path[slash...])
            } else {
                path = String(path[..<r.lowerBound]) + ".blogspot.com"
            }
        }
        return path + keptQuery
    }

    /// The path part of a URL key (`host/a/b` -> `/a/b`), for matching relative links.
    public static func path(ofURLKey key: String) -> String {
        guard let slash = key.firstIndex(of: "/") else { return "/" }
        return String(key[slash...])
    }
}

/// Makes URL-safe short names from titles.
public enum Slug {
    public static func make(_ title: String) -> String {
        asciiSlug(title) ?? unicodeSlug(title)
    }

    /// Letters and digits (after NFC), and the marks that belong to a letter, joined by single
    /// hyphens: nothing invisible (joiners, format characters, variation selectors, tags, the
    /// Hangul fillers), so two slugs that look the same are the same.
    static func unicodeSlug(_ title: String) -> String {
        var out = String.UnicodeScalarView()
        var lastDash = true
        var marks = 0
        for s in title.lowercased().decomposedLatin.precomposedStringWithCanonicalMapping.unicodeScalars {
            if s.properties.isDefaultIgnorableCodePoint { continue }
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                out.append(s); lastDash = false; marks = 0
            case .nonspacingMark, .spacingMark, .enclosingMark:
                // A mark only after a letter, and a few at most: the vowel signs of Indic
                // scripts stay, a pile of combining marks does not.
                if !lastDash && marks < 3 { out.append(s); marks += 1 }
            default:
                if !lastDash { out.append("-"); lastDash = true; marks = 0 }
            }
        }
        var slug = String(out)
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 80 { slug = String(slug.prefix(80)); while slug.hasSuffix("-") { slug.removeLast() } }
        return slug.isEmpty ? "post" : slug
    }

    /// `make` for ASCII titles, byte by byte (nil for anything else).
    static func asciiSlug(_ title: String) -> String? {
        var title = title
        return title.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, 80))
            var lastDash = true
            for b in bytes {
                if b >= 0x80 { return nil }
                if (0x30...0x39).contains(b) || (0x61...0x7A).contains(b) {
                    out.append(b); lastDash = false
                } else if (0x41...0x5A).contains(b) {
                    out.append(b + 0x20); lastDash = false
                } else if !lastDash {
                    out.append(0x2D); lastDash = true
                }
            }
            if out.count > 80 { out.removeLast(out.count - 80) }
            while out.last == 0x2D { out.removeLast() }
            return out.isEmpty ? "post" : String(decoding: out, as: UTF8.self)
        }
    }
}

private extension String {
    /// Strips combining marks from Latin letters (é -> e) so slugs stay readable ASCII where possible.
    var decomposedLatin: String {
        String(String.UnicodeScalarView(decomposedStringWithCanonicalMappingScalars.filter {
            !(0x0300...0x036F).contains($0.value)
        }))
    }
    var decomposedStringWithCanonicalMappingScalars: [Unicode.Scalar] {
        // Foundation-free canonical decomposition is not available; keep composed scalars
        // except the common Latin-1 accented letters, mapped to their base letter.
        unicodeScalars.map { s in
            if let base = latinBase[s.value] { return base }
            return s
        }
    }
}

private let latinBase: [UInt32: Unicode.Scalar] = {
    var m: [UInt32: Unicode.Scalar] = [:]
    let table: [(String, Character)] = [
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"),
        ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"),
        ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"), ("ß", "s"),
    ]
    for (letters, base) in table {
        for s in letters.unicodeScalars { m[s.value] = base.unicodeScalars.first! }
    }
    return m
}()
