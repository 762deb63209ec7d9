import Foundation

/// WordPress's core footnotes: markers in the text (`<sup data-fn="ID">…</sup>`), notes in the
/// post's `footnotes` meta.
enum WordPressFootnotes {
    /// The HTML with every marker whose note the export lacks written out as its label in
    /// brackets (`[2]`), so the reader still sees where a note was; and those labels.
    static func showingUnknownMarkers(_ html: String, known: [String: String]) -> (html: String, missing: [String]) {
        guard html.contains("data-fn") else { return (html, []) }
        var out = ""
        var missing: [String] = []
        var rest = Substring(html)
        while let open = rest.firstASCII("<sup", ignoringCase: true) {
            out += rest[..<open.lowerBound]
            let from = rest[open.lowerBound...]
            guard let tagEnd = from.prefix(WordPressMedia.longestTag).firstIndex(of: ">"),
                  let id = WordPressMedia.htmlAttributes(from[from.index(from.startIndex, offsetBy: 4)..<tagEnd])["data-fn"],
                  known[id] == nil,
                  let close = from[tagEnd...].prefix(WordPressMedia.longestTag).firstASCII("</sup>", ignoringCase: true) else {
                out += rest[open]
                rest = rest[open.upperBound...]
                continue
            }
            var label = HTMLText.plain(String(from[from.index(after: tagEnd)..<close.lowerBound]))
            if label.hasPrefix("[") && label.hasSuffix("]") { label = String(label.dropFirst().dropLast()) }
            if label.isEmpty { label = String(missing.count + 1) }
            missing.append(label)
            out += "[\(label)]"
            rest = from[close.upperBound...]
        }
        return (out + rest, missing)
    }
}
