import QuireModel

/// Keys of the Search screen: the query line (search as you type) and the results.
func searchCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    if state.search.editing { return queryLineCommand(&state, command) }
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
    case .close, .cancel:
        // Back a level, as everywhere: out of Search to the screen before it.
        showPrevious(&state)
    default:
        break
    }
    return []
}

/// Opens a hit's post at its first hit, or at the comment holding it. The query goes with it
/// as it was typed, so that it comes back so after a restart.
private func openHit(_ hit: SearchHit, _ query: String) -> Effect {
    .loadPost(hit.post.id, .open(.search(query), at: .firstHit(comment: hit.comment?.index)))
}

/// Keys of the query line. Esc always leaves it, and the arrows move.
private func queryLineCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    if command == .submit || command == .toResults, awaitingResults(state.search) {
        // The store is still searching (off the UI thread): act when the results come.
        state.search.afterResults = command
        return []
    }
    let count = state.search.query.count
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
            let leave = state.keys.keyName(.cancel, in: [.searchLine])
            state.message = StatusMessage("No results to move to; \(leave) leaves the line")
        } else {
            state.search.editing = false
        }
    case .cancel:
        if !state.search.hits.isEmpty, state.search.resultsFor == state.search.query {
            state.search.editing = false
        } else {
            showPrevious(&state)
        }
    case .cursorLeft: state.search.caret = max(0, state.search.caretIndex - 1)
    case .cursorRight: state.search.caret = min(count, state.search.caretIndex + 1)
    case .lineStart: state.search.caret = 0
    case .lineEnd: state.search.caret = count
    case .deleteBackward:
        let at = state.search.caretIndex
        guard at > 0 else { return [] }
        return editQuery(&state, caret: at - 1) { $0.remove(at: $0.index($0.startIndex, offsetBy: at - 1)) }
    case .deleteForward:
        let at = state.search.caretIndex
        guard at < count else { return [] }
        return editQuery(&state, caret: at) { $0.remove(at: $0.index($0.startIndex, offsetBy: at)) }
    case .clearInput:
        return editQuery(&state, caret: 0) { $0 = "" }
    default:
        break
    }
    return []
}

/// A character typed in the query line, at the cursor.
func insertInQuery(_ state: inout AppState, _ c: Character) -> [Effect] {
    let at = state.search.caretIndex
    return editQuery(&state, caret: at + 1) { $0.insert(c, at: $0.index($0.startIndex, offsetBy: at)) }
}

/// Changes the query and searches again at once.
func editQuery(_ state: inout AppState, caret: Int? = nil, _ change: (inout String) -> Void) -> [Effect] {
    let before = state.search.query
    change(&state.search.query)
    state.search.caret = caret.map { min(max(0, $0), state.search.query.count) }
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
