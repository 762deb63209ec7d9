import QuireSupport

/// Removes from text everything that could act on a terminal instead of being read.
///
/// Applied when text enters the store and again when it is drawn or printed, so that no escape
/// sequence, control character or bidi override from a post ever reaches a terminal raw.
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
                out.append(s)
            }
        }
        return String(out)
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

    private static func needsWork(_ s: Unicode.Scalar) -> Bool { isUnsafe(s) }

    /// A quick look at the bytes: false when no scalar can be unsafe. Every unsafe scalar is
    /// either below 0x20, 0x7F, or encoded with a lead byte of 0xC2 (C1 controls), 0xE2
    /// (bidi controls, line and paragraph separators) or 0xEF (byte-order mark, annotations).
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
