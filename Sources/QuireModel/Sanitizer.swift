import QuireSupport

/// Removes from text everything that could act on a terminal instead of being read.
///
/// Applied when text enters the store and again when it is drawn or printed, so that no escape
/// sequence, control character or bidi override from a post ever reaches a terminal raw, and no
/// invisible character makes two titles, labels, slugs or addresses look the same.
public enum Sanitizer {
    /// Cleans one line or paragraph of text. Tabs become spaces; newlines are kept only when
    /// `keepNewlines` is set; ESC sequences are dropped whole; other controls are dropped.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        // Fast path: most text has nothing to clean.
        if !mayNeedWork(text) || !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.popFirst() {
            switch s.value {
            case 0x1B: // ESC: drop the whole sequence that follows.
                dropEscapeSequence(&scalars)
            case 0x9B: // C1 CSI
                dropCSIBody(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: // C1 OSC, DCS, SOS, PM, APC: drop up to ST or BEL.
                dropStringBody(&scalars)
            case 0x09:
                out.append(" ")
            case 0x0A:
                out.append(keepNewlines ? "\n" : " ")
            case 0x0D:
                if scalars.first?.value != 0x0A { out.append(keepNewlines ? "\n" : " ") }
            default:
                if isUnsafe(s) { continue }
                if isInvisible(s), !joinsVisibly(s, after: out.last, before: scalars.first) { continue }
                out.append(s)
            }
        }
        return String(out)
    }

    /// Whether a scalar takes no room and draws nothing, so that two names differing only by it
    /// look the same: soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width
    /// space, non-joiner and joiner, left-to-right and right-to-left marks, word joiner,
    /// invisible operators and the deprecated format controls after them, and tag characters.
    /// `clean` removes them, except a joiner or a tag where it changes what is drawn
    /// (`joinsVisibly`).
    public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x2060...0x206F, 0xE0000...0xE007F: return true
        default: return false
        }
    }

    /// Whether an invisible scalar between `previous` (already kept) and `next` shapes what is
    /// drawn, and is kept: a zero-width joiner or non-joiner between two letters of scripts
    /// that join (Arabic, Persian, the Indic scripts: "Other letters" and their marks) or
    /// within an emoji sequence (👨‍👩‍👧), and the tags of an emoji flag (🏴 then tag letters
    /// then the cancel tag). Anywhere else, in Latin text for one, it only hides a difference.
    static func joinsVisibly(_ s: Unicode.Scalar, after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Bool {
        guard let previous else { return false }
        switch s.value {
        case 0x200C, 0x200D:
            guard let next else { return false }
            return (joins(previous) || isEmojiPart(previous)) && (joins(next) || isEmojiPart(next))
                && (isEmojiPart(previous) == isEmojiPart(next))
        case 0xE0020...0xE007F:
            // Tag letters follow the black flag or another tag letter; the cancel tag ends them.
            return previous.value == 0x1F3F4 || (0xE0020...0xE007E).contains(previous.value)
        default:
            return false
        }
    }

    private static func joins(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .otherLetter, .nonspacingMark, .spacingMark: return !s.isASCII
        default: return false
        }
    }

    private static func isEmojiPart(_ s: Unicode.Scalar) -> Bool {
        (s.properties.isEmoji && !s.isASCII) || s.value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(s.value)
    }

    /// Whether a scalar must never be written to a terminal as it is.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        // Bidi embeddings, overrides and isolates reorder the rest of the line on some terminals.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        // Line and paragraph separators break lines behind the layout's back.
        if v == 0x2028 || v == 0x2029 { return true }
        // The byte-order mark and interlinear annotation controls.
        if v == 0xFEFF || (0xFFF9...0xFFFB).contains(v) { return true }
        return false
    }

    private static func needsWork(_ s: Unicode.Scalar) -> Bool { isUnsafe(s) || isInvisible(s) }

    /// A quick look at the bytes: false when no scalar can be unsafe or invisible (see
    /// `ByteClass.mayBeUnsafe` for the lead bytes).
    private static func mayNeedWork(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            ByteClass.mayBeUnsafe.withUnsafeBufferPointer { unsafe in
                var any: UInt8 = 0
                for b in bytes { any |= unsafe[Int(b)] }
                return any != 0
            }
        }
    }

    private static func dropEscapeSequence(_ s: inout ArraySlice<Unicode.Scalar>) {
        guard let next = s.first else { return }
        switch next {
        case "[": s.removeFirst(); dropCSIBody(&s)
        case "]", "P", "X", "^", "_": s.removeFirst(); dropStringBody(&s)
        default:
            // Two- or three-character escapes: intermediates 0x20-0x2F, then one final byte.
            while let c = s.first, (0x20...0x2F).contains(c.value) { s.removeFirst() }
            if let c = s.first, (0x30...0x7E).contains(c.value) { s.removeFirst() }
        }
    }

    private static func dropCSIBody(_ s: inout ArraySlice<Unicode.Scalar>) {
        // Parameters and intermediates, then a final byte in 0x40-0x7E.
        var count = 0
        while let c = s.first, count < 256 {
            s.removeFirst(); count += 1
            if (0x40...0x7E).contains(c.value) { return }
            if !(0x20...0x3F).contains(c.value) { return }
        }
    }

    private static func dropStringBody(_ s: inout ArraySlice<Unicode.Scalar>) {
        // OSC and friends end at BEL or ST (ESC \ or U+009C).
        while let c = s.popFirst() {
            if c.value == 0x07 || c.value == 0x9C { return }
            if c.value == 0x1B { if s.first == "\\" { s.removeFirst() }; return }
        }
    }
}
