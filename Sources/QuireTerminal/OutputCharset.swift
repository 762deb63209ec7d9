import CNCursesW
import Foundation

/// The bytes the command line writes for text, in the charset of the user's locale.
///
/// UTF-8 locales, and C or POSIX (which nearly always mean "no locale set" on a terminal that
/// is UTF-8 anyway, as the reader assumes too), get UTF-8. Any other codeset (ISO-8859-1,
/// KOI8-R, EUC-JP...) is what the terminal speaks: text is written in it, with '?' for a
/// character it lacks, and, in a codeset of one byte per character, for one that encodes to
/// a byte from 0x80 to 0x9F, which a terminal may take for a C1 control (`quire_encode`). What
/// is checked is the bytes written, not the characters.
public struct OutputCharset: Sendable {
    /// Whether text goes out as UTF-8, as it is.
    public let isUTF8: Bool

    /// The locale's charset (LC_CTYPE, set from the environment here).
    public static let current = OutputCharset()

    private init() {
        setlocale(LC_CTYPE, "")
        isUTF8 = quire_locale_is_utf8() != 0 || quire_locale_is_ascii() != 0
    }

    /// The bytes of `text` in the locale's charset.
    public func bytes(_ text: String) -> [UInt8] {
        guard !isUTF8 else { return Array(text.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var encoded = [CChar](repeating: 0, count: 32)
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.append(UInt8(scalar.value)); continue }
            let count = encoded.withUnsafeMutableBufferPointer { quire_encode(wchar_t(bitPattern: scalar.value), $0.baseAddress) }
            if count > 0 {
                out.append(contentsOf: encoded.prefix(Int(count)).map { UInt8(bitPattern: $0) })
            } else {
                // A no-break space the charset lacks (KOI8-R has it only as 0x9A) is a space.
                out.append(scalar == "\u{A0}" ? 0x20 : 0x3F)
            }
        }
        return out
    }
}
