/// The first occurrence of a needle at or after a position, for a scan that moves forward: a
/// search is reused while it still answers, so the text is read about once per needle however
/// often it is asked (thousands of tags left unclosed in a post stay linear, not quadratic).
struct NextOccurrence {
    /// ASCII.
    let needle: String
    let ignoringCase: Bool
    private var searchedFrom: Substring.Index?
    private var found: Range<Substring.Index>?

    init(needle: String, ignoringCase: Bool = false) { self.needle = needle; self.ignoringCase = ignoringCase }

    mutating func first(atOrAfter i: Substring.Index, in text: Substring) -> Range<Substring.Index>? {
        if let from = searchedFrom, from <= i, found.map({ i <= $0.lowerBound }) ?? true { return found }
        found = text[i...].firstASCII(needle, ignoringCase: ignoringCase)
        searchedFrom = i
        return found
    }
}

extension Substring {
    /// Where an ASCII `needle` first occurs, compared byte by byte (ASCII letters in either case
    /// when `ignoringCase`). Foundation's `range(of:)` on a substring costs the length of the
    /// rest of the text whatever the match: in a loop over a post, the whole loop turned
    /// quadratic (a post of 100,000 unclosed tags took minutes).
    func firstASCII(_ needle: String, ignoringCase: Bool = false) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        func lower(_ b: UInt8) -> UInt8 { ignoringCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        let head = lower(first)
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            let n = bytes.count, m = pattern.count
            guard m <= n else { return nil }
            var i = 0
            while i <= n - m {
                if lower(bytes[i]) == head {
                    var k = 1
                    while k < m && lower(bytes[i + k]) == lower(pattern[k]) { k += 1 }
                    if k == m { return i }
                }
                i += 1
            }
            return nil
        }
        let found = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }
}
