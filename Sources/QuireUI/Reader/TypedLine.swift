import QuireModel

/// A logical line of a laid-out post, before wrapping: what it is, its spans and its prefixes.
public struct TypedLine: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case title, meta, blank, paragraph, heading, quote, listItem, code, elision, rule
        /// The line under a heading of level 1 or 2: its spans hold the character to repeat
        /// and the heading's width.
        case underline
        /// A whole table, laid out for the width when it is wrapped (see `TableLayout`).
        case table
        /// A term of a definition list.
        case term
        /// A footnote's text, shown after the paragraph citing it or in the Notes section.
        case note
        case section, reference, backlink, comment
    }

    public var kind: Kind
    public var spans: [Span]
    /// Drawn before the first wrapped line (bullets, quote bars, note labels).
    public var firstPrefix: [Span]
    /// Drawn before every following wrapped line.
    public var restPrefix: [Span]
    /// The footnote whose text starts on this line, so markers can jump to it.
    public var noteLabel: String?
    /// Whether search hits may be highlighted in it (not in generated text such as headers).
    public var searchable: Bool
    /// The cells of a `.table` line.
    public var table: TableCells?

    public init(_ kind: Kind, _ spans: [Span], firstPrefix: [Span] = [], restPrefix: [Span]? = nil,
                noteLabel: String? = nil, searchable: Bool = true) {
        self.kind = kind; self.spans = spans; self.firstPrefix = firstPrefix
        self.restPrefix = restPrefix ?? firstPrefix; self.noteLabel = noteLabel; self.searchable = searchable
    }

    public static let blank = TypedLine(.blank, [], searchable: false)
}

/// A table's cells as spans, before it is laid out for a width.
public struct TableCells: Hashable, Sendable {
    /// Rows of cells, every row as long as the longest.
    public var rows: [[[Span]]]
    /// How many of the first rows are the header.
    public var headerRows: Int
    public init(rows: [[[Span]]], headerRows: Int) { self.rows = rows; self.headerRows = headerRows }
}

/// Something in a post the reader can select with Tab and follow with Enter.
public struct ReaderLink: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case footnote(label: String)
        /// A reference with its number in the post's link table.
        case reference(number: Int, target: ReferenceTarget, text: String)
        case backlink(id: Int64, title: String)
    }
    public var kind: Kind
    /// The first wrapped line it appears on, once wrapped.
    public var line = 0
    public init(_ kind: Kind) { self.kind = kind }
}

/// A heading of a post, or a section after its text (Notes, References, Comments).
public struct OutlineEntry: Hashable, Sendable {
    public var level: Int
    public var title: String
    /// The logical line it starts on; once wrapped, the screen line (see `PostLayout`).
    public var source: Int
    public var isSection: Bool
}
