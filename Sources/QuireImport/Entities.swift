/// HTML character references in a bit of text, decoded once (`&amp;lt;` becomes `&lt;`);
/// tags are left as they are.
enum Entities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "\u{2013}",
        "mdash": "\u{2014}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "hellip": "\u{2026}", "laquo": "\u{AB}", "raquo": "\u{BB}", "copy": "\u{A9}", "reg": "\u{AE}",
        "trade": "\u{2122}", "eacute": "é", "egrave": "è", "agrave": "à", "aacute": "á", "ccedil": "ç",
        "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "ntilde": "ñ", "euro": "€", "pound": "£", "middot": "·", "bull": "•", "deg": "°", "times": "×",
    ]

    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let body = after.prefix { $0 != ";" && $0 != "&" && !$0.isWhitespace }
            guard body.count <= 32, after.dropFirst(body.count).first == ";", let ch = character(body) else {
                out.append("&")
                rest = after
                continue
            }
            out += ch
            rest = after.dropFirst(body.count + 1)
        }
        return out + rest
    }

    private static func character(_ body: Substring) -> String? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(scalar)
        }
        if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(scalar) }
        return named[String(body)]
    }

    private static func scalar(_ v: UInt32) -> String? {
        guard v != 0, let s = Unicode.Scalar(v) else { return nil }
        return String(Character(s))
    }
}
