/// Terminal attributes that also read well on a monochrome terminal.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)
}

/// What a cell means, so the backend can pick a colour; attributes alone must stay readable.
public enum ColorRole: UInt8, CaseIterable, Hashable, Sendable {
    case normal, bar, barCurrent, selection, title, heading, meta, link, linkSelected, dangling
    case marker, footnote, elision, hit, quote, code, spark, message, error, cursor
}

/// How a run of text is drawn: attributes plus a colour role.
public struct Style: Hashable, Sendable {
    public var attrs: Attributes
    public var role: ColorRole
    public init(_ attrs: Attributes = [], _ role: ColorRole = .normal) { self.attrs = attrs; self.role = role }

    public static let plain = Style()
    public static let bar = Style([.reverse], .bar)
    public static let barCurrent = Style([.bold], .barCurrent)
    public static let selection = Style([.reverse], .selection)
    public static let title = Style([.bold], .title)
    public static let heading = Style([.bold], .heading)
    public static let meta = Style([.dim], .meta)
    /// A link out of the archive (and the selected link's base).
    public static let link = Style([.underline], .link)
    /// A link to another post of the archive: heavier than a link out of it.
    public static let postLink = Style([.underline, .bold], .link)
    public static let linkSelected = Style([.reverse, .underline], .linkSelected)
    public static let dangling = Style([.underline, .dim], .dangling)
    public static let marker = Style([.bold], .marker)
    public static let footnote = Style([.dim], .footnote)
    public static let elision = Style([.bold], .elision)
    public static let hit = Style([.reverse, .bold], .hit)
    public static let quote = Style([], .quote)
    public static let code = Style([], .code)
    public static let spark = Style([], .spark)
    public static let message = Style([.bold, .reverse], .message)
    public static let error = Style([.bold, .reverse], .error)
    public static let cursor = Style([.reverse], .cursor)

    /// The style with extra attributes.
    public func adding(_ more: Attributes) -> Style { Style(attrs.union(more), role) }
}

/// A run of text with one style, optionally part of a link (an index into a link table).
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public var link: Int?
    public var isHit: Bool
    public init(_ text: String, _ style: Style = .plain, link: Int? = nil, isHit: Bool = false) {
        self.text = text; self.style = style; self.link = link; self.isHit = isHit
    }
}

public extension Array where Element == Span {
    var plainText: String { map(\.text).joined() }
    var displayWidth: Int { reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
