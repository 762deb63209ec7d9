/// The selected row of a list and the first row shown.
public struct ListCursor: Hashable, Sendable {
    public var selection = 0
    public var scroll = 0
    public init(selection: Int = 0, scroll: Int = 0) { self.selection = selection; self.scroll = scroll }

    /// Moves the selection to `row`, clamped to `count`, scrolling just enough to show it in a
    /// view of `height` rows.
    public mutating func select(_ row: Int, count: Int, height: Int) {
        selection = count == 0 ? 0 : min(max(0, row), count - 1)
        reveal(count: count, height: height)
    }

    /// Keeps the selection in view and the view inside the list.
    public mutating func reveal(count: Int, height: Int) {
        let h = max(1, height)
        if selection < scroll { scroll = selection }
        if selection >= scroll + h { scroll = selection - h + 1 }
        scroll = min(scroll, max(0, count - h))
        scroll = max(0, scroll)
    }

    /// Applies a movement command to a list of `count` rows in a view of `height` rows.
    /// Returns false for commands that are not movements.
    public mutating func apply(_ command: Command, count: Int, height: Int) -> Bool {
        let h = max(1, height)
        switch command {
        case .lineDown: select(selection + 1, count: count, height: h)
        case .lineUp: select(selection - 1, count: count, height: h)
        case .pageDown:
            scroll = min(scroll + h, max(0, count - h))
            select(selection + h, count: count, height: h)
        case .pageUp:
            scroll = max(0, scroll - h)
            select(selection - h, count: count, height: h)
        case .halfDown: select(selection + h / 2, count: count, height: h)
        case .halfUp: select(selection - h / 2, count: count, height: h)
        case .top: select(0, count: count, height: h)
        case .bottom: select(count - 1, count: count, height: h)
        default: return false
        }
        return true
    }
}
