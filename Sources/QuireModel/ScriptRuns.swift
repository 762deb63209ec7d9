/// Which characters belong to scripts written without spaces between words (Han, kana, Hangul,
/// Thai, Lao, Khmer, Myanmar), which the search index cuts into pairs of characters instead of
/// words. The same table as the index's tokenizer (`quire_cjk.c`); a test compares the two for
/// every code point.
public enum ScriptRuns {
    public enum Kind: UInt8, Sendable {
        /// Latin, Cyrillic, Greek, punctuation, spaces: words as the index's word tokenizer cuts them.
        case spaced = 0
        /// Han, kana, Hangul, Bopomofo.
        case ideographic = 1
        /// Thai, Lao, Khmer, Myanmar and their neighbours.
        case unspaced = 2
        /// A mark that belongs to the character before it.
        case extend = 3
    }

    /// A stretch of a word: spaced text, or a run of characters of one unspaced script.
    public struct Piece: Hashable, Sendable {
        public var text: String
        /// Whether the piece is a run of an unspaced script (matched anywhere, as a substring).
        public var isUnspaced: Bool
    }

    // Sorted, not overlapping; the same as `ranges` in quire_cjk.c.
    private static let ranges: [(low: UInt32, high: UInt32, kind: Kind)] = [
        (0x0300, 0x036F, .extend),
        (0x0E01, 0x0E30, .unspaced), (0x0E31, 0x0E31, .extend), (0x0E32, 0x0E32, .unspaced),
        (0x0E33, 0x0E3A, .extend), (0x0E40, 0x0E46, .unspaced), (0x0E47, 0x0E4E, .extend),
        (0x0E50, 0x0E59, .unspaced),
        (0x0E81, 0x0EB0, .unspaced), (0x0EB1, 0x0EB1, .extend), (0x0EB2, 0x0EB2, .unspaced),
        (0x0EB3, 0x0EBC, .extend), (0x0EBD, 0x0EBD, .unspaced), (0x0EC0, 0x0EC6, .unspaced),
        (0x0EC8, 0x0ECE, .extend), (0x0ED0, 0x0ED9, .unspaced), (0x0EDC, 0x0EDF, .unspaced),
        (0x1000, 0x102A, .unspaced), (0x102B, 0x103E, .extend), (0x103F, 0x1049, .unspaced),
        (0x1050, 0x1055, .unspaced), (0x1056, 0x1059, .extend), (0x105A, 0x105D, .unspaced),
        (0x105E, 0x1060, .extend), (0x1061, 0x1061, .unspaced), (0x1062, 0x1064, .extend),
        (0x1065, 0x1066, .unspaced), (0x1067, 0x106D, .extend), (0x106E, 0x1070, .unspaced),
        (0x1071, 0x1074, .extend), (0x1075, 0x1081, .unspaced), (0x1082, 0x108D, .extend),
        (0x108E, 0x108E, .unspaced), (0x108F, 0x108F, .extend), (0x1090, 0x1099, .unspaced),
        (0x109A, 0x109D, .extend),
        (0x1100, 0x115F, .ideographic), (0x1160, 0x11FF, .extend),
        (0x1780, 0x17B3, .unspaced), (0x17B4, 0x17D3, .extend), (0x17D7, 0x17D7, .unspaced),
        (0x17DC, 0x17DC, .unspaced), (0x17DD, 0x17DD, .extend), (0x17E0, 0x17E9, .unspaced),
        (0x1980, 0x19DA, .unspaced),
        (0x1A20, 0x1A54, .unspaced), (0x1A55, 0x1A7F, .extend), (0x1A80, 0x1A99, .unspaced),
        (0x1AB0, 0x1AFF, .extend), (0x1DC0, 0x1DFF, .extend), (0x200C, 0x200D, .extend),
        (0x20D0, 0x20FF, .extend),
        (0x3005, 0x3007, .ideographic), (0x3021, 0x3029, .ideographic), (0x302A, 0x302F, .extend),
        (0x3031, 0x3035, .ideographic), (0x3038, 0x303C, .ideographic), (0x3041, 0x3096, .ideographic),
        (0x3099, 0x309A, .extend), (0x309D, 0x309F, .ideographic), (0x30A1, 0x30FA, .ideographic),
        (0x30FC, 0x30FF, .ideographic), (0x3105, 0x312F, .ideographic), (0x3131, 0x318E, .ideographic),
        (0x31A0, 0x31BF, .ideographic), (0x31F0, 0x31FF, .ideographic), (0x3400, 0x4DBF, .ideographic),
        (0x4E00, 0x9FFF, .ideographic), (0xA960, 0xA97C, .ideographic),
        (0xA9E0, 0xA9E4, .unspaced), (0xA9E5, 0xA9E5, .extend), (0xA9E6, 0xA9FE, .unspaced),
        (0xAA60, 0xAA76, .unspaced), (0xAA7A, 0xAA7A, .unspaced), (0xAA7B, 0xAA7D, .extend),
        (0xAA7E, 0xAA7F, .unspaced),
        (0xAC00, 0xD7A3, .ideographic), (0xD7B0, 0xD7FB, .extend), (0xF900, 0xFAFF, .ideographic),
        (0xFE00, 0xFE0F, .extend), (0xFE20, 0xFE2F, .extend),
        (0xFF66, 0xFF9D, .ideographic), (0xFF9E, 0xFF9F, .extend), (0xFFA0, 0xFFDC, .ideographic),
        (0x1AFF0, 0x1B16F, .ideographic), (0x20000, 0x2FFFD, .ideographic), (0x30000, 0x323AF, .ideographic),
        (0xE0100, 0xE01EF, .extend),
    ]

    /// The class of a code point.
    public static func kind(of scalar: Unicode.Scalar) -> Kind {
        let v = scalar.value
        guard v >= 0x0300 else { return .spaced }
        var low = 0, high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if v < ranges[middle].low { high = middle - 1 } else if v > ranges[middle].high { low = middle + 1 } else { return ranges[middle].kind }
        }
        return .spaced
    }

    /// The unspaced script a character belongs to (by its first code point), or nil.
    public static func unspacedKind(of character: Character) -> Kind? {
        guard let first = character.unicodeScalars.first, first.value >= 0x0E00 else { return nil }
        let k = kind(of: first)
        return k == .ideographic || k == .unspaced ? k : nil
    }

    /// Whether a character belongs to an unspaced script.
    public static func isUnspaced(_ character: Character) -> Bool { unspacedKind(of: character) != nil }

    /// Whether a text holds any character of an unspaced script.
    public static func containsUnspaced(_ text: String) -> Bool {
        // Every such character is U+0E00 or above: three bytes or more in UTF-8.
        guard text.utf8.contains(where: { $0 >= 0xE0 }) else { return false }
        return text.contains(where: isUnspaced)
    }

    /// A word cut into spaced stretches and runs of one unspaced script each.
    public static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var current = ""
        var currentKind: Kind?
        var started = false
        for ch in text {
            let k = unspacedKind(of: ch)
            if started && k != currentKind {
                pieces.append(Piece(text: current, isUnspaced: currentKind != nil))
                current = ""
            }
            started = true
            currentKind = k
            current.append(ch)
        }
        if started { pieces.append(Piece(text: current, isUnspaced: currentKind != nil)) }
        return pieces
    }
}
