/// A terminal colour: the terminal's own, or one of the 256 indexed colours (0–7 the basic
/// eight, 8–15 their bright forms).
public enum TermColor: Hashable, Sendable {
    case terminal
    case index(Int)

    public static let black = TermColor.index(0), red = TermColor.index(1), green = TermColor.index(2)
    public static let yellow = TermColor.index(3), blue = TermColor.index(4), magenta = TermColor.index(5)
    public static let cyan = TermColor.index(6), white = TermColor.index(7)
}

/// Foreground and background of one colour role.
public struct RoleColors: Hashable, Sendable {
    public var fg: TermColor
    public var bg: TermColor
    public init(_ fg: TermColor, on bg: TermColor = .terminal) { self.fg = fg; self.bg = bg }
}

/// Colours per role. Reversed styles swap foreground and background, so a reversed role's
/// foreground becomes its background. Attributes alone keep every theme readable.
public struct Theme: Hashable, Sendable {
    public var colors: [ColorRole: RoleColors]
    /// Draw without colours whatever the terminal can do.
    public var monochrome = false

    public init(colors: [ColorRole: RoleColors], monochrome: Bool = false) {
        self.colors = colors; self.monochrome = monochrome
    }

    public func colors(_ role: ColorRole) -> RoleColors { colors[role] ?? RoleColors(.terminal) }

    /// For dark backgrounds.
    public static let dark = Theme(colors: [
        .bar: RoleColors(.cyan), .barCurrent: RoleColors(.black, on: .yellow), .selection: RoleColors(.blue),
        .title: RoleColors(.yellow), .heading: RoleColors(.cyan), .link: RoleColors(.cyan),
        .linkSelected: RoleColors(.cyan), .dangling: RoleColors(.red), .marker: RoleColors(.yellow),
        .elision: RoleColors(.magenta), .hit: RoleColors(.yellow), .quote: RoleColors(.green),
        .code: RoleColors(.green), .spark: RoleColors(.green), .message: RoleColors(.green), .error: RoleColors(.red),
    ])

    /// For light backgrounds: no yellow text, darker accents.
    public static let light = Theme(colors: [
        .bar: RoleColors(.blue), .barCurrent: RoleColors(.white, on: .blue), .selection: RoleColors(.blue),
        .title: RoleColors(.blue), .heading: RoleColors(.magenta), .link: RoleColors(.blue),
        .linkSelected: RoleColors(.blue), .dangling: RoleColors(.red), .marker: RoleColors(.magenta),
        .elision: RoleColors(.magenta), .hit: RoleColors(.yellow), .quote: RoleColors(.green),
        .code: RoleColors(.green), .spark: RoleColors(.blue), .message: RoleColors(.green), .error: RoleColors(.red),
    ])

    public static let mono = Theme(colors: [:], monochrome: true)
}

extension ColorRole {
    /// The role's name in the configuration file's `[colors]` table.
    public var configName: String {
        switch self {
        case .normal: return "text"
        case .bar: return "bar"
        case .barCurrent: return "bar-current"
        case .selection: return "selection"
        case .title: return "title"
        case .heading: return "heading"
        case .meta: return "meta"
        case .link: return "link"
        case .linkSelected: return "link-selected"
        case .dangling: return "dangling"
        case .marker: return "marker"
        case .footnote: return "footnote"
        case .elision: return "elision"
        case .hit: return "hit"
        case .quote: return "quote"
        case .code: return "code"
        case .spark: return "bars"
        case .message: return "message"
        case .error: return "error"
        case .cursor: return "cursor"
        }
    }
}

/// What the configuration file decides: keys, colours, the text column, notes, mouse.
public struct ReaderSettings: Hashable, Sendable {
    public var keys = KeyMap.standard
    public var theme = Theme.dark
    /// The widest the reader's text column gets: 80 by default, the measure a line of prose
    /// reads best at (and what less, w3m and newsboat users are used to).
    public var textWidth = ReaderSettings.defaultTextWidth
    /// Footnotes inline after the paragraph citing them (true) or markers only.
    public var inlineNotes = true
    public var mouse = true
    /// The browser command for links out of the archive; nil: `$BROWSER`, else `xdg-open`.
    public var browser: String?
    /// Whether the browser runs in this terminal (the reader steps aside while it runs);
    /// nil: judged by its name (w3m, lynx, links, elinks ...).
    public var browserInTerminal: Bool?
    /// False in guest sessions (`quire serve`), where a browser would start on the server, not
    /// on the reader's machine: the open-link key shows the address instead.
    public var opensLinks = true
    /// False in guest sessions, which write nothing anywhere: `s` does not save a post.
    public var savesFiles = true

    public init() {}

    public static let textWidths = 20...400
    public static let defaultTextWidth = 80
}
