import QuireModel

/// The whole layout of a large post, asked for while the reader shows only the part of it on
/// screen (see `PostLayout.window`); carried out off the input thread as an effect.
public struct LayoutRequest: Hashable, Sendable {
    public var post: StoredPost
    public var width: Int
    public var highlight: Highlight
    public var inlineNotes: Bool

    /// Lays the whole post out.
    public func run() -> PostLayout {
        PostLayout(DocumentLayout(post, inlineNotes: inlineNotes), width: width, highlight: highlight, inlineNotes: inlineNotes)
    }
}
