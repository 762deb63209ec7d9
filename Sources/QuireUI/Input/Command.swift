/// What a key means, independent of which key it is.
public enum Command: Hashable, Sendable {
    // Everywhere
    case showArchive, showLabels, showSearch, help, close, quit, redraw, suspend
    // Moving
    case lineDown, lineUp, pageDown, pageUp, halfDown, halfUp, top, bottom
    // Lists
    case open, expand, collapse, searchFromList
    case toggleSort, narrow
    // Reader
    case nextLink, prevLink, follow, back, forward, nextPost, prevPost, toggleNotes
    case find, findNext, findPrev
    // Input lines
    case submit, cancel, deleteBackward, clearInput, toResults
}

/// Where a binding applies. A screen looks its keys up in a few contexts, most specific first.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case global = "Everywhere"
    case movement = "Moving"
    case list = "Lists"
    case labels = "Labels"
    case searchLine = "Search line"
    case reader = "Reader"
    case findLine = "Find in post"
    case help = "Help"
}
