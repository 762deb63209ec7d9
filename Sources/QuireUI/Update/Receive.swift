import QuireModel

/// Takes in the result of an effect.
func receive(_ state: inout AppState, _ action: Action) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .yearsLoaded(let years):
        state.archive.loadingYears = false
        state.archive.loaded = true
        let selected = state.archive.selectedRow
        state.archive.years = years
        if state.marks.onlyUnread { refreshArchiveCounts(&state) }
        state.archive.rebuildRows()
        if let selected, let i = state.archive.index(of: selected) { state.archive.cursor.selection = i }
        state.archive.cursor.reveal(count: state.archive.rows.count, height: state.bodyHeight)
    case .pageLoaded(let target, let request, let posts, let total):
        defer { if let pending = state.openWhenLoaded, pending.target == target { effects = openPending(&state, pending) } }
        switch target {
        case .month(let ym):
            state.archive.months[ym]?.receive(request, posts, total: total)
        case .labels(let labels):
            for (i, level) in state.labels.levels.enumerated() {
                guard case .posts(var lp) = level, lp.labels == labels else { continue }
                lp.page.receive(request, posts, total: total)
                lp.cursor.reveal(count: lp.page.total ?? 0, height: LabelsScreen.listHeight(state))
                state.labels.levels[i] = .posts(lp)
            }
        case .all:
            state.posts.page.receive(request, posts, total: total)
            state.posts.cursor.select(state.posts.cursor.selection, count: state.posts.page.total ?? 0, height: PostsScreen.listHeight(state))
        }
    case .labelsLoaded(let within, let items):
        for (i, level) in state.labels.levels.enumerated() {
            guard case .labels(var list) = level, list.within == within else { continue }
            list.items = items
            list.loading = false
            list.cursor.reveal(count: items.count, height: LabelsScreen.listHeight(state))
            state.labels.levels[i] = .labels(list)
        }
    case .searchLoaded(let query, let hits):
        guard query == state.search.query else { return [] }
        state.search.hits = hits
        state.search.resultsFor = query
        state.search.cursor = ListCursor()
        if let command = state.search.afterResults {
            state.search.afterResults = nil
            if state.inputMode == .searchLine { return searchCommand(&state, command) }
        }
    case .postLoaded(_, let request, let post):
        return postLoaded(&state, request, post)
    case .neighbourLoaded(let newer, let summary, let screen):
        guard let summary else {
            let within = state.readers[screen].map { if case .labels = $0.origin { return " with these labels" } else { return "" } } ?? ""
            state.message = StatusMessage(newer ? "No newer post\(within)" : "No older post\(within)")
            return []
        }
        return [.loadPost(summary.id, .follow(screen))]
    case .readCounted(let within, let counts):
        receiveReadCounts(&state, within: within, counts)
        if within.isEmpty, state.marks.onlyUnread { refreshArchiveCounts(&state) }
    case .unreadFound(let post, let wrapped, let request):
        return receiveUnread(&state, post, wrapped: wrapped, request)
    case .postsCollected(let posts, let what):
        return askToMarkRead(&state, posts, what: what)
    case .saved(let path, let error):
        state.message = error.map { StatusMessage("Not saved: \($0)", isError: true) } ?? StatusMessage("Saved to \(path)")
    case .notice(let text):
        state.message = StatusMessage(text)
    case .failed(let text):
        state.message = StatusMessage(text, isError: true)
        state.archive.loadingYears = false
    case .laidOut(let request, let whole):
        adoptLayout(&state, whole, for: request)
    default:
        break
    }
    return effects
}

/// Opens the row the user asked for before its page arrived, if it has come now.
private func openPending(_ state: inout AppState, _ pending: PendingOpen) -> [Effect] {
    let post: PostSummary?
    switch pending.target {
    case .month(let ym):
        post = state.archive.months[ym]?.item(at: pending.index)
    case .labels(let labels):
        post = state.labels.levels.lazy.compactMap { level -> PostSummary? in
            guard case .posts(let lp) = level, lp.labels == labels else { return nil }
            return lp.page.item(at: pending.index)
        }.first
    case .all:
        post = state.posts.page.item(at: pending.index)
    }
    guard let post else { return [] }
    state.openWhenLoaded = nil
    return [.loadPost(post.id, .open(pending.origin))]
}

private func postLoaded(_ state: inout AppState, _ request: PostRequest, _ post: StoredPost?) -> [Effect] {
    switch request {
    case .open(let origin, let start):
        guard let post else {
            state.message = StatusMessage("That post is no longer in the archive", isError: true)
            return []
        }
        let screen = origin.screen
        state.marks.visited(post.summary)
        state.marksRevision += 1
        // Opened at its first hit, a post is laid out whole to find it.
        var atHit = false
        if case .firstHit = start { atHit = true }
        var reader = ReaderState(post: post, origin: origin, cols: state.cols, textWidth: state.settings.textWidth,
                                 inlineNotes: state.settings.inlineNotes, height: atHit ? nil : state.bodyHeight)
        if case .firstHit(let comment) = start, reader.showFirstHit(inComment: comment, height: state.bodyHeight) {
            keepBookmarkTitle(post, state: &state)
            let next = state.keys.keyName(.findNext, in: [.reader]), previous = state.keys.keyName(.findPrev, in: [.reader])
            let hits = reader.layout.hitLines.count
            if let hit = reader.currentHit, hits > 1 {
                state.message = StatusMessage("Hit \(hit + 1) of \(hits); \(next) and \(previous) go to the others")
            }
        } else {
            resume(&reader, state: &state)
        }
        state.readers[screen] = reader
        if origin == .archive { revealInTree(&state, post.post.date) }
    case .follow(let screen):
        guard var reader = state.readers[screen] else { return [] }
        guard let post else {
            state.message = StatusMessage("That post is not in the archive", isError: true)
            return []
        }
        reader.pushHistory()
        reader.open(post, cols: state.cols, height: state.bodyHeight)
        state.marks.visited(post.summary)
        state.marksRevision += 1
        resume(&reader, state: &state)
        state.readers[screen] = reader
    }
    return []
}

/// Reopens a post where the reader stopped last time, and keeps its bookmark's title current.
private func resume(_ reader: inout ReaderState, state: inout AppState) {
    let post = reader.post
    keepBookmarkTitle(post, state: &state)
    guard let saved = state.marks.positions[post.id] else { return }
    reader.restore(saved, height: state.bodyHeight)
    if reader.savedPosition != nil {
        let top = state.keys.keyName(.top, in: [.movement])
        state.message = StatusMessage("Back where you stopped; \(top) goes to the top")
    }
}

/// Keeps the title of a bookmarked post as the post has it now.
private func keepBookmarkTitle(_ post: StoredPost, state: inout AppState) {
    if let i = state.marks.bookmarks.firstIndex(where: { $0.id == post.id }), state.marks.bookmarks[i] != post.summary {
        state.marks.bookmarks[i] = post.summary
        state.marksRevision += 1
    }
}

/// Opens the year and month of a post opened from the archive some other way (the post
/// named on the command line, the last run's), so that closing it lands next to it.
private func revealInTree(_ state: inout AppState, _ date: PostDate) {
    let ym = YearMonth(year: date.year, month: date.month)
    guard state.archive.loaded, !state.archive.expandedMonths.contains(ym), state.archive.count(of: ym) > 0 else { return }
    state.archive.expandedYears.insert(ym.year)
    state.archive.expandedMonths.insert(ym)
    if state.archive.months[ym] == nil { state.archive.months[ym] = PostPage(filter: ym.filter, total: state.archive.count(of: ym)) }
    state.archive.rebuildRows()
    if let i = state.archive.index(of: .month(ym)) {
        state.archive.cursor.select(i, count: state.archive.rows.count, height: state.bodyHeight)
    }
}
