import QuireModel

/// `r` and `m` on the post being read or the selected row.
func markCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard let post = state.reader?.post.summary ?? selectedPost(state) else {
        state.message = StatusMessage("Select a post first")
        return []
    }
    switch command {
    case .toggleRead:
        let read = !state.marks.read.contains(post.id)
        if read { state.keptUnread.remove(post.id) } else { state.keptUnread.insert(post.id) }
        state.message = StatusMessage(read ? "Marked read" : "Marked unread")
        return setRead(&state, post.id, read)
    case .toggleBookmark:
        if state.marks.isBookmarked(post.id) {
            state.marks.bookmarks.removeAll { $0.id == post.id }
            state.message = StatusMessage("Bookmark removed")
        } else {
            state.marks.bookmarks.insert(post, at: 0)
            state.message = StatusMessage("Bookmarked; \(state.keys.keyName(.showBookmarks, in: [.global])) lists the bookmarks")
        }
        state.marksRevision += 1
        let count = state.marks.bookmarks.count, height = SavedListScreen.listHeight(state)
        state.bookmarks.reveal(count: count, height: height)
        if state.bookmarks.selection >= count { state.bookmarks.select(count - 1, count: count, height: height) }
    default:
        break
    }
    return []
}

/// The post on the selected row of the list screen in front, if it is a post row.
func selectedPost(_ state: AppState) -> PostSummary? {
    switch state.screen {
    case .archive:
        guard case .post(let ym, let i) = state.archive.selectedRow else { return nil }
        return state.archive.months[ym]?.item(at: i)
    case .labels:
        guard case .posts(let lp) = state.labels.top else { return nil }
        return lp.page.item(at: lp.cursor.selection)
    case .search:
        guard !state.search.editing, state.search.hits.indices.contains(state.search.cursor.selection) else { return nil }
        return state.search.hits[state.search.cursor.selection].post
    case .bookmarks, .history:
        let items = SavedListScreen.items(state), selection = SavedListScreen.cursor(state).selection
        return items.indices.contains(selection) ? items[selection] : nil
    case .posts:
        return state.posts.page.item(at: state.posts.cursor.selection)
    }
}

/// Marks a post read or unread and asks for the counts again.
func setRead(_ state: inout AppState, _ id: PostID, _ read: Bool) -> [Effect] {
    setRead(&state, [id], read)
}

/// Marks posts read or unread and asks for the counts again.
func setRead(_ state: inout AppState, _ ids: [PostID], _ read: Bool) -> [Effect] {
    if read { state.marks.read.formUnion(ids) } else { state.marks.read.subtract(ids) }
    state.marksRevision += 1
    // Lists showing only unread posts start again without these.
    if state.marks.onlyUnread { applyUnreadFilter(&state) }
    var effects = countRead(&state, within: [])
    for case .labels(let list) in state.labels.levels where !list.within.isEmpty {
        effects += countRead(&state, within: list.within)
    }
    return effects
}

/// Asks the store to count the read posts; with none read, the counts are known already.
func countRead(_ state: inout AppState, within: [String]) -> [Effect] {
    guard !state.marks.read.isEmpty else {
        receiveReadCounts(&state, within: within, GroupCounts())
        return []
    }
    return [.countRead(Array(state.marks.read), within: within)]
}

func receiveReadCounts(_ state: inout AppState, within: [String], _ counts: GroupCounts) {
    if within.isEmpty {
        state.readCounts = counts
        return
    }
    let byName = Dictionary(counts.labels.map { ($0.name, $0.count) }, uniquingKeysWith: +)
    for (i, level) in state.labels.levels.enumerated() {
        guard case .labels(var list) = level, list.within == within else { continue }
        list.read = byName
        state.labels.levels[i] = .labels(list)
    }
}

/// After every action: remembers the place in the open post and the screen, and marks the
/// post read once the end of its text has been in view.
func trackReading(_ state: inout AppState) -> [Effect] {
    let place = LastPlace(screen: state.screen, post: state.reader?.post.id, origin: state.reader?.origin)
    if state.marks.last != place {
        state.marks.last = place
        state.marksRevision += 1
    }
    guard state.help == nil, !state.isTooSmall, let r = state.reader else { return [] }
    let id = r.post.id
    // Positions change with every scroll: kept in the state now, saved when the post is left.
    if let p = r.savedPosition {
        if state.marks.positions[id] != p { state.marks.positions[id] = p }
    } else if state.marks.positions[id] != nil {
        state.marks.positions[id] = nil
    }
    if !state.marks.read.contains(id), !state.keptUnread.contains(id), r.seesEndOfText(height: state.bodyHeight) {
        return setRead(&state, id, true)
    }
    return []
}
