import QuireModel

/// Which paged list a page of posts belongs to.
public enum PageTarget: Hashable, Sendable {
    case month(YearMonth)
    case labels([String])
}

/// Where a newly opened post is shown from.
public enum ReaderStart: Hashable, Sendable {
    /// Where the reader stopped last time, else the top.
    case saved
    /// At the first search hit, or at the first hit in the comment of this place in the post's
    /// comments (or the comment itself) when the hit is there.
    case firstHit(comment: Int?)
}

/// What a post is being loaded for.
public enum PostRequest: Hashable, Sendable {
    /// Opening a post from a list: a new reader.
    case open(ReaderOrigin, at: ReaderStart = .saved)
    /// Following a link or walking by date inside the reader of a screen: kept in its history.
    case follow(TopScreen)
}

/// Everything that can change the state: terminal events and results of effects.
public enum Action: Hashable, Sendable {
    case start
    /// Open a post in a new reader (the post named on the command line, a restored one).
    case openPost(PostID, ReaderOrigin)
    /// Come back to where the last run ended: its screen, and the post open there.
    case resume(LastPlace)
    case event(Event)
    case command(Command)
    case yearsLoaded([YearCount])
    case pageLoaded(PageTarget, PageRequest, [PostSummary], total: Int?)
    case labelsLoaded(within: [String], [LabelCount])
    case searchLoaded(query: String, [SearchHit])
    case postLoaded(PostID, PostRequest, StoredPost?)
    case neighbourLoaded(newer: Bool, PostSummary?, TopScreen)
    /// Read posts counted per month and label (see `Effect.countRead`).
    case readCounted(within: [String], GroupCounts)
    /// Something the terminal wants said in the status bar.
    case notice(String)
    case failed(String)
}

/// Work that `update` asks for: reads from the archive, or things only the terminal can do.
public enum Effect: Hashable, Sendable {
    case loadYears
    case loadPage(PageTarget, PostFilter, PageRequest, needTotal: Bool)
    case loadLabels(within: [String])
    case search(String)
    case loadPost(PostID, PostRequest)
    case findNeighbour(of: PostID, newer: Bool, filter: PostFilter, screen: TopScreen)
    /// Count read posts per year, month and label (labels among posts carrying `within`).
    case countRead([PostID], within: [String])
    /// Open a link out of the archive in the browser (the user has seen it and said yes).
    case openURL(String)
    /// Write the reading state (the session asks for it; a worker does it off the UI thread).
    case saveMarks(ReadingMarks)
    /// Repaint every cell (Ctrl-L).
    case redraw
    /// Stop the process until resumed (Ctrl-Z).
    case suspend
    case quit
}
