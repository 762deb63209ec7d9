import QuireModel

/// Asks for the pages of posts that the rows on screen need, marking them pending.
func requestPages(_ state: inout AppState) -> [Effect] {
    guard state.help == nil, state.reader == nil else { return [] }
    let height = state.bodyHeight
    var effects: [Effect] = []
    switch state.screen {
    case .archive:
        // The busiest labels under the tree come from the Labels screen's first list.
        if state.cols >= 60, case .labels(var list) = state.labels.levels[0], list.items == nil, !list.loading {
            list.loading = true
            state.labels.levels[0] = .labels(list)
            effects.append(.loadLabels(within: []))
        }
        if !state.archive.loaded {
            if !state.archive.loadingYears {
                state.archive.loadingYears = true
                effects.append(.loadYears)
            }
            return effects
        }
        let rows = state.archive.rows
        let visible = state.archive.cursor.scroll..<min(rows.count, state.archive.cursor.scroll + height)
        var wanted: [YearMonth: Range<Int>] = [:]
        for row in rows[visible] {
            guard case .post(let ym, let i) = row else { continue }
            let r = wanted[ym] ?? i..<(i + 1)
            wanted[ym] = min(r.lowerBound, i)..<max(r.upperBound, i + 1)
        }
        for (ym, range) in wanted.sorted(by: { $0.key > $1.key }) {
            guard var page = state.archive.months[ym], let request = page.request(toShow: range) else { continue }
            page.pending = request
            state.archive.months[ym] = page
            effects.append(.loadPage(.month(ym), fetchFilter(page.filter, state), request, needTotal: page.total == nil))
        }
    case .labels:
        switch state.labels.top {
        case .labels(var list):
            if list.items == nil && !list.loading {
                list.loading = true
                state.labels.top = .labels(list)
                effects.append(.loadLabels(within: list.within))
                if !list.within.isEmpty { effects += countRead(&state, within: list.within) }
            }
        case .posts(var lp):
            let visible = lp.cursor.scroll..<(lp.cursor.scroll + LabelsScreen.listHeight(state))
            if let request = lp.page.request(toShow: visible) {
                lp.page.pending = request
                state.labels.top = .posts(lp)
                effects.append(.loadPage(.labels(lp.labels), fetchFilter(lp.page.filter, state), request, needTotal: lp.page.total == nil))
            }
        }
    case .posts:
        let visible = state.posts.cursor.scroll..<(state.posts.cursor.scroll + PostsScreen.listHeight(state))
        if let request = state.posts.page.request(toShow: visible) {
            state.posts.page.pending = request
            effects.append(.loadPage(.all, fetchFilter(state.posts.page.filter, state), request, needTotal: state.posts.page.total == nil))
        }
    case .search, .bookmarks, .history:
        break
    }
    return effects
}
