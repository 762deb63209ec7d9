/// What a key means, independent of which key it is. The raw value is the command's name in
/// the configuration file.
public enum Command: String, CaseIterable, Hashable, Sendable {
    // Everywhere
    case showArchive = "archive", showLabels = "labels", showSearch = "search", showBookmarks = "bookmarks"
    case showPosts = "posts", showHistory = "history"
    case help, close, quit, redraw, suspend
    // Moving
    case lineDown = "down", lineUp = "up", pageDown = "page-down", pageUp = "page-up"
    case halfDown = "half-page-down", halfUp = "half-page-up", top, bottom
    // Lists
    case open, expand, collapse, searchFromList = "search-from-list"
    case toggleSort = "sort", narrow
    case toggleRead = "toggle-read", toggleBookmark = "toggle-bookmark"
    case nextUnread = "next-unread", markAllRead = "mark-all-read", onlyUnread = "only-unread"
    // Reader
    case nextLink = "next-link", prevLink = "previous-link", follow, back, forward
    case nextPost = "next-post", prevPost = "previous-post", toggleNotes = "toggle-notes"
    case find, findNext = "find-next", findPrev = "find-previous"
    case links, openLink = "open-in-browser", outline
    case info, copyPermalink = "copy-permalink", save
    // Input lines and questions
    case submit, cancel, deleteBackward = "delete-backward", clearInput = "clear", toResults = "to-results"
    case cursorLeft = "cursor-left", cursorRight = "cursor-right", lineStart = "start-of-line", lineEnd = "end-of-line"
    case deleteForward = "delete-forward", olderEntry = "older", newerEntry = "newer", switchFormat = "switch-format"
}

/// Where a binding applies. A screen looks its keys up in a few contexts, most specific first.
/// The raw value is the help screen's heading.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case global = "Everywhere"
    case movement = "Moving"
    case list = "Lists"
    case labels = "Labels"
    case searchLine = "Search line"
    case reader = "Reader"
    case findLine = "Find in post"
    case links = "Links of a post"
    case outline = "Outline of a post"
    case info = "About a post"
    case saveLine = "Saving a post"
    case confirm = "Questions"
    case help = "Help"

    /// The context's table in the configuration file (`[keys.reader]`).
    public var configName: String {
        switch self {
        case .global: return "global"
        case .movement: return "moving"
        case .list: return "lists"
        case .labels: return "labels"
        case .searchLine: return "search-line"
        case .reader: return "reader"
        case .findLine: return "find"
        case .links: return "links"
        case .outline: return "outline"
        case .info: return "info"
        case .saveLine: return "save"
        case .confirm: return "confirm"
        case .help: return "help"
        }
    }
}
