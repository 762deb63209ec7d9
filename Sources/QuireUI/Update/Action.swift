import QuireModel

/// Which paged list a page of posts belongs to.
public enum PageTarget: Hashable, Sendable {
    case month(YearMonth)
    case labels([String])
    /// The list of every post.
    case all
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
    /// The unread post `Effect.findUnread` found (nil: none), and whether the search went
    /// round from the top of the list to find it.
    case unreadFound(PostSummary?, wrapped: Bool, PostRequest)
    /// The posts of a list, to mark read (see `Effect.collectPosts`).
    case postsCollected([PostID], what: String)
    /// A post was written to a file (the path as written), or could not be.
    case saved(path: String, error: String?)
    /// Something the terminal wants said in the status bar.
    case notice(String)
    case failed(String)
    /// The whole layout of a large post (see `Effect.layOut`).
    case laidOut(LayoutRequest, PostLayout)
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
    /// The first post of a list (`filter`, which leaves the read ones out) strictly after a
    /// place in it, from its top when none is: the next unread post, opened as `request` says.
    case findUnread(after: PostCursor?, filter: PostFilter, PostRequest)
    /// Every post of a list, for marking them read; `what` names the list in the question.
    case collectPosts(PostFilter, what: String)
    /// Lay a large post out whole, while the reader shows the part of it on screen.
    case layOut(LayoutRequest)
    /// Write a post to a file the user named (a new file: an existing one is not replaced).
    case saveFile(path: String, contents: String)
    /// Put text on the terminal's clipboard (OSC 52): only an address Quire checked itself.
    case copyToClipboard(String)
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
