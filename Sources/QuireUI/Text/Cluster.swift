import QuireModel

/// Reduces grapheme clusters to forms on which the cell grid, ncurses and the terminal agree.
///
/// Terminals disagree about flags, ZWJ sequences, skin tones and variation selectors, and
/// ncurses adds up the widths of every scalar. So those clusters are cut down to their first
/// emoji, flags become their two letters, and at most four combining marks are kept (the most
/// a `cchar_t` holds after its base).
public enum Cluster {
    /// The simplified form: usually one cluster, two letters for a flag, empty when nothing of
    /// it should be drawn.
    public static func simplify(_ c: Character) -> String {
        if let a = c.asciiValue { return a >= 0x20 && a < 0x7F ? String(c) : "" }
        let scalars = c.unicodeScalars
        if scalars.count == 1, let s = scalars.first {
            if Sanitizer.isUnsafe(s) { return "" }
            if isRegionalIndicator(s) { return String(letter(of: s)) }
            if DisplayWidth.isZeroWidth(s) {
                // A lone combining mark gets a space to sit on; controls and format characters go.
                return isMark(s) ? " " + String(s) : ""
            }
            if isDroppable(s) { return "" }
            return String(c)
        }
        return simplifyMany(Array(scalars))
    }

    private static func simplifyMany(_ all: [Unicode.Scalar]) -> String {
        let scalars = all.filter { !Sanitizer.isUnsafe($0) }
        guard let first = scalars.first else { return "" }
        if isRegionalIndicator(first) {
            return String(scalars.filter(isRegionalIndicator).prefix(2).map(letter(of:)))
        }
        var out = String.UnicodeScalarView()
        var marks = 0
        for (i, s) in scalars.enumerated() {
            if s.value == 0x200D { break } // ZWJ: keep only what comes before the joined part
            if isDroppable(s) { continue }
            if i == 0 || out.isEmpty {
                if DisplayWidth.isZeroWidth(s) {
                    guard isMark(s) else { continue }
                    out.append(" ")
                }
                out.append(s)
                continue
            }
            guard DisplayWidth.isZeroWidth(s), isMark(s) || isConjoiningJamo(s) else { continue }
            guard marks < 4 else { continue }
            out.append(s); marks += 1
        }
        return String(out)
    }

    private static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

    private static func letter(of s: Unicode.Scalar) -> Character {
        Character(Unicode.Scalar(UInt8(s.value - 0x1F1E6) + 65))
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    private static func isConjoiningJamo(_ s: Unicode.Scalar) -> Bool {
        (0x1160...0x11FF).contains(s.value) || (0xD7B0...0xD7FF).contains(s.value)
    }

    /// Variation selectors, skin-tone modifiers and tag characters: presentation hints that
    /// terminals count differently, so they are left out.
    private static func isDroppable(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0xFE00...0xFE0F).contains(v) || (0x1F3FB...0x1F3FF).contains(v)
            || (0xE0000...0xE0FFF).contains(v)
    }
}
