/// A list drawn over the post in the reader: its links, its outline, or what is known of it.
public enum ReaderPanel: Hashable, Sendable {
    case links(LinksPanel)
    case outline(ListCursor)
    /// The post's permalink, source and counts (`=`).
    case info
}

/// The numbered links of a post, with the number being typed to follow one.
public struct LinksPanel: Hashable, Sendable {
    public var cursor = ListCursor()
    /// Digits typed so far; Enter follows the link with that number.
    public var number = ""
    public init() {}
}
