import QuireModel

/// Keys of the Archive tree.
func archiveCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    var a = state.archive
    defer { state.archive = a }
    let height = state.bodyHeight
    // The busiest labels under the tree are rows after it.
    let labels = ArchiveScreen.busiest(state)?.labels ?? []
    if a.cursor.apply(command, count: a.rows.count + labels.count, height: height) {
        // Those rows are drawn below the tree, not scrolled to.
        if a.cursor.selection >= a.rows.count { a.cursor.reveal(count: a.rows.count, height: height) }
        return []
    }
    if let label = ArchiveScreen.selectedLabel(state) {
        switch command {
        case .open, .expand:
            state.archive = a
            show(&state, .labels)
            state.labels.levels = [state.labels.levels[0], .posts(LabelPosts(labels: [label]))]
            a = state.archive
        case .close:
            state.archive = a
            return run(&state, .quit)
        default:
            break
        }
        return []
    }
    guard let row = a.selectedRow else {
        if command == .close { return run(&state, .quit) }
        return []
    }
    var command = command
    if command == .expand {
        // On an open year or month, step to its first row instead of closing it.
        switch row {
        case .year(let y) where a.expandedYears.contains(y):
            a.cursor.select(a.cursor.selection + 1, count: a.rows.count, height: height)
            return []
        case .month(let ym) where a.expandedMonths.contains(ym):
            a.cursor.select(a.cursor.selection + 1, count: a.rows.count, height: height)
            return []
        default:
            command = .open
        }
    }
    switch command {
    case .open:
        switch row {
        case .year(let y):
            if a.expandedYears.contains(y) { a.expandedYears.remove(y) } else { a.expandedYears.insert(y) }
        case .month(let ym):
            if a.expandedMonths.contains(ym) {
                a.expandedMonths.remove(ym)
            } else {
                a.expandedMonths.insert(ym)
                if a.months[ym] == nil { a.months[ym] = PostPage(filter: ym.filter, total: a.count(of: ym)) }
            }
        case .post(let ym, let i):
            guard let post = a.months[ym]?.item(at: i) else {
                state.openWhenLoaded = PendingOpen(target: .month(ym), index: i, origin: .archive)
                return []
            }
            return [.loadPost(post.id, .open(.archive))]
        }
        a.rebuildRows()
        if let i = a.index(of: row) { a.cursor.selection = i }
        a.cursor.reveal(count: a.rows.count, height: height)
    case .collapse:
        var target = row
        switch row {
        case .year(let y): a.expandedYears.remove(y)
        case .month(let ym):
            if a.expandedMonths.contains(ym) { a.expandedMonths.remove(ym) } else { target = .year(ym.year) }
        case .post(let ym, _): target = .month(ym)
        }
        a.rebuildRows()
        a.cursor.select(a.index(of: target) ?? 0, count: a.rows.count, height: height)
    case .close:
        state.archive = a
        return run(&state, .quit)
    default:
        break
    }
    return []
}
