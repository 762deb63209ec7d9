import QuireModel

/// What newsboat users reach for in a list: the next unread post, marking a whole list read,
/// and showing only unread posts. Nil for other commands.
func unreadListCommand(_ state: inout AppState, _ command: Command) -> [Effect]? {
    switch command {
    case .nextUnread:
        return nextUnreadFromList(&state)
    case .markAllRead:
        return markAllRead(&state)
    case .onlyUnread:
        state.marks.onlyUnread.toggle()
        state.marksRevision += 1
        applyUnreadFilter(&state)
        let key = state.keys.keyName(.onlyUnread, in: [.list])
        state.message = StatusMessage(state.marks.onlyUnread ? "Only unread posts; \(key) shows every post again" : "Every post, read or not")
        return []
    default:
        return nil
    }
}

// MARK: Only unread posts

/// The filter a list's pages are fetched with: the list's own, less the read posts when only
/// unread ones are shown.
func fetchFilter(_ filter: PostFilter, _ state: AppState) -> PostFilter {
    var f = filter
    f.excluding = state.marks.onlyUnread ? state.marks.read : []
    return f
}

/// Starts every paged list again for the read posts as they are now (the toggle changed, or
/// posts were read while only unread ones are shown), keeping each list's place.
func applyUnreadFilter(_ state: inout AppState) {
    refreshArchiveCounts(&state)
    for ym in state.archive.months.keys {
        state.archive.months[ym] = PostPage(filter: ym.filter, total: state.marks.onlyUnread ? nil : state.archive.count(of: ym))
    }
    state.labels.levels = state.labels.levels.map { level in
        guard case .posts(var lp) = level else { return level }
        lp.page = PostPage(filter: lp.page.filter)
        return .posts(lp)
    }
    state.posts.page = PostPage(filter: state.posts.page.filter)
    state.bookmarks.select(state.bookmarks.selection, count: SavedListScreen.items(state).count, height: SavedListScreen.listHeight(state))
}

/// The tree's rows follow the unread posts while only those are shown.
func refreshArchiveCounts(_ state: inout AppState) {
    let selected = state.archive.selectedRow
    if state.marks.onlyUnread {
        let read = state.readCounts?.years ?? []
        state.archive.unreadOnly = state.archive.years.map { y in
            let r = read.first { $0.year == y.year }?.months ?? []
            let months = y.months.enumerated().map { m, n in max(0, n - (m < r.count ? r[m] : 0)) }
            return YearCount(year: y.year, count: months.reduce(0, +), months: months)
        }
    } else {
        state.archive.unreadOnly = nil
    }
    state.archive.rebuildRows()
    let count = state.archive.rows.count
    if let selected, let i = state.archive.index(of: selected) {
        state.archive.cursor.select(i, count: count, height: state.bodyHeight)
    } else {
        state.archive.cursor.select(state.archive.cursor.selection, count: count, height: state.bodyHeight)
    }
}

// MARK: The next unread post

/// The selected post if it is unread, else the next unread one down the list; opened.
private func nextUnreadFromList(_ state: inout AppState) -> [Effect] {
    let read = state.marks.read
    switch state.screen {
    case .search, .bookmarks, .history:
        let items = state.screen == .search ? state.search.hits.map(\.post) : SavedListScreen.items(state)
        let start = state.screen == .search ? state.search.cursor.selection : SavedListScreen.cursor(state).selection
        let origin: ReaderOrigin = state.screen == .search ? .search(state.search.query) : state.screen == .history ? .history : .bookmarks
        guard let (i, wrapped) = firstUnread(items, from: start, read: read) else { return noUnread(&state) }
        if wrapped { state.message = StatusMessage("No unread post below; the first from the top") }
        return [.loadPost(items[i].id, .open(origin))]
    case .archive:
        if let label = ArchiveScreen.selectedLabel(state) {
            return [.findUnread(after: nil, filter: unreadFilter(PostFilter(labels: [label]), state), .open(.labels([label])))]
        }
        let after: PostCursor?
        switch state.archive.selectedRow {
        case .year(let y): after = PostCursor(sortKey: String(format: "%04d-99", y), id: 0)
        case .month(let ym): after = PostCursor(sortKey: String(format: "%04d-%02d-99", ym.year, ym.month), id: 0)
        case .post(let ym, let i): after = state.archive.months[ym]?.item(at: i).map(atOrAfter)
        case nil: after = nil
        }
        return [.findUnread(after: after, filter: unreadFilter(PostFilter(), state), .open(.archive))]
    case .labels:
        switch state.labels.top {
        case .labels(let list):
            let sorted = list.sorted(byName: state.labels.sortByName)
            guard sorted.indices.contains(list.cursor.selection) else { return noUnread(&state) }
            let labels = list.within + [sorted[list.cursor.selection].name]
            return [.findUnread(after: nil, filter: unreadFilter(PostFilter(labels: labels), state), .open(.labels(labels)))]
        case .posts(let lp):
            let after = lp.page.item(at: lp.cursor.selection).map(atOrAfter)
            return [.findUnread(after: after, filter: unreadFilter(PostFilter(labels: lp.labels), state), .open(.labels(lp.labels)))]
        }
    case .posts:
        let after = state.posts.page.item(at: state.posts.cursor.selection).map(atOrAfter)
        return [.findUnread(after: after, filter: unreadFilter(PostFilter(), state), .open(.posts))]
    }
}

/// The next unread post after the one being read, down the list it was opened from.
func nextUnreadFromReader(_ state: inout AppState) -> [Effect] {
    guard let r = state.reader else { return [] }
    var read = state.marks.read
    read.insert(r.post.id)
    let follow = PostRequest.follow(state.screen)
    switch r.origin {
    case .search, .bookmarks:
        let items = r.origin == .bookmarks ? state.marks.bookmarks : state.search.hits.map(\.post)
        let start = (items.firstIndex { $0.id == r.post.id } ?? -1) + 1
        guard let (i, wrapped) = firstUnread(items, from: start, read: read) else { return noUnread(&state) }
        if wrapped { state.message = StatusMessage("No unread post below; the first from the top") }
        return [.loadPost(items[i].id, follow)]
    case .archive, .labels, .posts, .history:
        var filter = r.origin.filter
        filter.excluding = read
        return [.findUnread(after: r.post.summary.cursor, filter: filter, follow)]
    }
}

/// A list's filter without its read posts.
private func unreadFilter(_ filter: PostFilter, _ state: AppState) -> PostFilter {
    var f = filter
    f.excluding = state.marks.read
    return f
}

/// A place in the newest-first order just before a post, so that the post itself comes first.
private func atOrAfter(_ post: PostSummary) -> PostCursor {
    PostCursor(sortKey: post.date.sortKey, id: post.id == PostID.max ? post.id : post.id + 1)
}

/// The first unread post at or after `start`, going round to the top; and whether it went round.
private func firstUnread(_ items: [PostSummary], from start: Int, read: Set<PostID>) -> (Int, Bool)? {
    let from = max(0, start)
    if let i = items.indices.first(where: { $0 >= from && !read.contains(items[$0].id) }) { return (i, false) }
    if let i = items.indices.first(where: { $0 < from && !read.contains(items[$0].id) }) { return (i, true) }
    return nil
}

private func noUnread(_ state: inout AppState) -> [Effect] {
    state.message = StatusMessage("No unread posts here")
    return []
}

/// Opens the unread post found (or says there is none).
func receiveUnread(_ state: inout AppState, _ post: PostSummary?, wrapped: Bool, _ request: PostRequest) -> [Effect] {
    guard let post else { return noUnread(&state) }
    if wrapped { state.message = StatusMessage("No unread post below; the first from the top") }
    return [.loadPost(post.id, request)]
}

// MARK: Marking a whole list read

/// Asks the store for the posts of the list in front (or takes them from it), to ask the user.
private func markAllRead(_ state: inout AppState) -> [Effect] {
    switch state.screen {
    case .search:
        let q = state.search.query
        return askToMarkRead(&state, state.search.hits.map(\.post.id), what: "the results for \u{201C}\(q)\u{201D}")
    case .bookmarks, .history:
        return askToMarkRead(&state, SavedListScreen.items(state).map(\.id), what: state.screen == .history ? "the posts in the history" : "the bookmarked posts")
    case .posts:
        return [.collectPosts(PostFilter(), what: "the archive")]
    case .archive:
        if let label = ArchiveScreen.selectedLabel(state) { return [.collectPosts(PostFilter(labels: [label]), what: label)] }
        switch state.archive.selectedRow {
        case .year(let y): return [.collectPosts(PostFilter(year: y), what: "\(y)")]
        case .month(let ym), .post(let ym, _):
            return [.collectPosts(ym.filter, what: "\(Chrome.monthName(ym.month)) \(ym.year)")]
        case nil: return []
        }
    case .labels:
        switch state.labels.top {
        case .labels(let list):
            let sorted = list.sorted(byName: state.labels.sortByName)
            guard sorted.indices.contains(list.cursor.selection) else { return [] }
            let labels = list.within + [sorted[list.cursor.selection].name]
            return [.collectPosts(PostFilter(labels: labels), what: labels.joined(separator: " + "))]
        case .posts(let lp):
            return [.collectPosts(PostFilter(labels: lp.labels), what: lp.labels.joined(separator: " + "))]
        }
    }
}

/// Asks whether to mark the unread ones of `posts` read.
func askToMarkRead(_ state: inout AppState, _ posts: [PostID], what: String) -> [Effect] {
    let unread = posts.filter { !state.marks.read.contains($0) }
    guard !unread.isEmpty else {
        state.message = StatusMessage(posts.isEmpty ? "No posts to mark" : "Every post of \(what) is read already")
        return []
    }
    state.pendingMarkRead = MarkAllRead(posts: unread, what: what)
    let yes = state.keys.keyName(.submit, in: [.confirm]), no = state.keys.keyName(.cancel, in: [.confirm])
    state.message = StatusMessage("Mark \(ListDraw.plural(unread.count, "unread post")) of \(what) read? \(yes): yes  \(no): no")
    return []
}
