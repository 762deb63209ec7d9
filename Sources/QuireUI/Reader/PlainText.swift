import QuireModel

/// A laid-out post as plain text: the characters the reader draws, without their styles.
///
/// `quire show` prints this, so the command line and the reader cannot disagree on how a post
/// reads (notes, reference numbers, sections, comment depths): a change to `DocumentLayout`
/// changes both.
public extension PostLayout {
    /// Every line as the reader draws it, trailing blanks trimmed.
    var plainLines: [String] {
        var row = Canvas(width: width, height: 1)
        return lines.map { Self.plainText($0.spans, on: &row) }
    }

    /// The lines of `plainLines` for a post laid out at `width`, handed to `body` one logical
    /// line at a time as it is wrapped, so that a caller can print them without the whole
    /// wrapped post being kept.
    static func plainLines(of stored: StoredPost, width: Int, inlineNotes: Bool,
                           _ body: (String) throws -> Void) rethrows {
        let width = max(1, width)
        let document = DocumentLayout(stored, inlineNotes: inlineNotes)
        var row = Canvas(width: width, height: 1)
        for typed in document.lines {
            for line in wrap(typed, width: width, highlight: .none) { try body(plainText(line.spans, on: &row)) }
        }
    }

    /// The text a line's spans leave on a row of cells: drawn the way the reader draws them
    /// (cleaned, clusters simplified, a wide character that would cross the edge a blank).
    private static func plainText(_ spans: [Span], on row: inout Canvas) -> String {
        row.fill(row: 0, style: .plain)
        row.put(spans, row: 0, col: 0)
        return row.lines[0]
    }
}
