import Foundation
import QuireModel

/// Which posts hold a text, found the plain way, to measure the search's recall against: a
/// byte search of each post's title, paragraphs and notes. A match counts only where it ends
/// at a character boundary: text that goes on with a mark of its last character (a Thai vowel
/// above it) holds another character, as a reader and the search see it.
public enum SubstringScan {
    /// For each of `needles`, the indices of the posts holding it.
    public static func posts(holding needles: [String], count: Int, post: (Int) -> CorpusGenerator.GeneratedPost) -> [Set<Int>] {
        let patterns = needles.map { Array($0.utf8) }
        var found = Array(repeating: Set<Int>(), count: needles.count)
        for index in 0..<count {
            let p = post(index)
            let fields = [p.title] + p.paragraphs + p.notes
            for (q, pattern) in patterns.enumerated() where fields.contains(where: { holds(Array($0.utf8), pattern) }) {
                found[q].insert(index)
            }
        }
        return found
    }

    /// Whether `text` holds `pattern` ending at a character boundary.
    static func holds(_ text: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, pattern.count <= text.count else { return false }
        return text.withUnsafeBytes { t in
            pattern.withUnsafeBytes { p in
                let first = Int32(pattern[0])
                var from = 0
                while from + p.count <= t.count {
                    guard let hit = memchr(t.baseAddress! + from, first, t.count - from - p.count + 1) else { return false }
                    let start = t.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, p.baseAddress!, p.count) == 0, endsAtBoundary(text, start + p.count) { return true }
                    from = start + 1
                }
                return false
            }
        }
    }

    private static func endsAtBoundary(_ text: [UInt8], _ end: Int) -> Bool {
        guard end < text.count else { return true }
        // The code point that starts at `end`.
        let scalar = String(decoding: text[end..<min(text.count, end + 4)], as: UTF8.self).unicodeScalars.first
        return scalar.map { ScriptRuns.kind(of: $0) != .extend } ?? true
    }
}
