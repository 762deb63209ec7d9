import QuireModel

/// Keys of the Search screen: the query line (search as you type) and the results.
func searchCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    if state.search.editing {
        if command == .submit || command == .toResults, awaitingResults(state.search) {
            // The store is still searching (off the UI thread): act when the results come.
            state.search.afterResults = command
            return []
        }
        switch command {
        case .submit:
            guard let top = state.search.hits.first, state.search.resultsFor == state.search.query else {
                state.message = StatusMessage(state.search.query.isEmpty ? "Type words to search for" : "No results")
                return []
            }
            // The query is done: back from the post, the results have the keys.
            state.search.cursor = ListCursor()
            state.search.editing = false
            return [openHit(top, state.search.query)]
        case .toResults:
            if state.search.hits.isEmpty {
                state.message = StatusMessage("No results to move to")
            } else {
                state.search.editing = false
            }
        case .deleteBackward:
            return editQuery(&state) { if !$0.isEmpty { $0.removeLast() } }
        case .clearInput:
            return editQuery(&state) { $0 = "" }
        default:
            break
        }
        return []
    }
    let height = SearchScreen.visibleResults(state)
    if command == .lineUp, state.search.cursor.selection == 0 { state.search.editing = true; return [] }
    if state.search.cursor.apply(command, count: state.search.hits.count, height: height) { return [] }
    switch command {
    case .open, .expand:
        guard state.search.hits.indices.contains(state.search.cursor.selection) else { return [] }
        let hit = state.search.hits[state.search.cursor.selection]
        return [openHit(hit, state.search.query)]
    case .collapse:
        state.search.editing = true
    case .close:
        return run(&state, .quit)
    default:
        break
    }
    return []
}

/// Opens a hit's post at its first hit, or at the comment holding it.
private func openHit(_ hit: SearchHit, _ query: String) -> Effect {
    .loadPost(hit.post.id, .open(.search(TypedQuery.effective(query)), at: .firstHit(comment: hit.comment?.index)))
}

/// Changes the query and searches again at once.
func editQuery(_ state: inout AppState, _ change: (inout String) -> Void) -> [Effect] {
    let before = state.search.query
    change(&state.search.query)
    state.search.afterResults = nil
    guard state.search.query != before else { return [] }
    if SearchQuery(parsing: state.search.query).isEmpty {
        state.search.hits = []
        state.search.resultsFor = state.search.query
        state.search.cursor = ListCursor()
        return []
    }
    return [.search(state.search.query)]
}

/// Whether results for the query in the line are still to come.
private func awaitingResults(_ search: SearchState) -> Bool {
    search.resultsFor != search.query && !SearchQuery(parsing: search.query).isEmpty
}
