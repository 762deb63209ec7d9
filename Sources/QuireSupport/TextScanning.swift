/// Small string helpers that work on scalars and UTF-8: Foundation's character-set trimming
/// and scalar-by-scalar string building cost more than everything else an import does.
public extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, line ends, other Unicode spaces).
    @inlinable var trimmed: String {
        // Most text starts and ends with an ASCII letter or mark: nothing to look up then.
        let scalars = unicodeScalars
        if let first = scalars.first?.value, let last = scalars.last?.value,
           first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        // Scalar indices are string indices: slicing copies the bytes at once.
        return String(self[first...last])
    }

    /// Runs of non-whitespace, counted on UTF-8 bytes (ASCII whitespace only, which is what
    /// separates words in stored text).
    @inlinable var wordCount: Int {
        func count(_ bytes: some Sequence<UInt8>) -> Int {
            // A word starts at each non-space byte after a space: counted with a table and no
            // branch per byte (see ByteClass).
            ByteClass.wordSpace.withUnsafeBufferPointer { space in
                var count = 0
                var previousSpace: UInt8 = 1
                for byte in bytes {
                    let isSpace = space[Int(byte)]
                    count &+= Int(previousSpace & (isSpace ^ 1))
                    previousSpace = isSpace
                }
                return count
            }
        }
        // Over the bytes in place when they are contiguous (native strings): several times
        // quicker than stepping through the UTF-8 view.
        return utf8.withContiguousStorageIfAvailable { count($0) } ?? count(utf8)
    }
}
