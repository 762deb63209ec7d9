/// The help screen: where it is scrolled to, and the text found in it.
public struct HelpState: Hashable, Sendable {
    public var scroll = 0
    /// The text being found (highlighted wherever it occurs); empty for none.
    public var find = ""
    /// The find line is open: keys type into it.
    public var editing = false
    /// The help line of the hit last jumped to, for `n` and `N` to go on from.
    public var currentHit: Int?
    public init(scroll: Int = 0) { self.scroll = scroll }
}
