import QuireModel

/// Keys of the Labels screen: labels, a label's posts, and narrowing by further labels.
func labelsCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let height = LabelsScreen.listHeight(state)
    switch state.labels.top {
    case .labels(var list):
        let sorted = list.sorted(byName: state.labels.sortByName)
        if list.cursor.apply(command, count: sorted.count, height: height) {
            state.labels.top = .labels(list); return []
        }
        switch command {
        case .open, .expand:
            guard sorted.indices.contains(list.cursor.selection) else { return [] }
            state.labels.levels.append(.posts(LabelPosts(labels: list.within + [sorted[list.cursor.selection].name])))
        case .toggleSort:
            let name = sorted.indices.contains(list.cursor.selection) ? sorted[list.cursor.selection].name : nil
            state.labels.sortByName.toggle()
            // Kept for the next run, as the reading state is.
            state.marks.labelsByName = state.labels.sortByName
            state.marksRevision += 1
            let resorted = list.sorted(byName: state.labels.sortByName)
            list.cursor.select(resorted.firstIndex { $0.name == name } ?? 0, count: resorted.count, height: height)
            state.labels.top = .labels(list)
            state.message = StatusMessage(state.labels.sortByName ? "Sorted by name" : "Sorted by count")
        case .narrow:
            state.message = StatusMessage("Open a label first, then + narrows its posts by another")
        case .collapse, .close, .cancel:
            return popLabelLevel(&state, quitAtTop: command == .close)
        default:
            break
        }
    case .posts(var lp):
        let count = lp.page.total ?? 0
        if lp.cursor.apply(command, count: count, height: height) {
            state.labels.top = .posts(lp); return []
        }
        switch command {
        case .open, .expand:
            guard let post = lp.page.item(at: lp.cursor.selection) else {
                state.openWhenLoaded = PendingOpen(target: .labels(lp.labels), index: lp.cursor.selection, origin: .labels(lp.labels))
                return []
            }
            return [.loadPost(post.id, .open(.labels(lp.labels)))]
        case .narrow:
            state.labels.levels.append(.labels(LabelList(within: lp.labels)))
        case .toggleSort:
            state.message = StatusMessage("\(state.keys.keyName(.toggleSort, in: [.labels])) sorts the lists of labels")
        case .collapse, .close, .cancel:
            return popLabelLevel(&state, quitAtTop: command == .close)
        default:
            break
        }
    }
    return []
}

private func popLabelLevel(_ state: inout AppState, quitAtTop: Bool) -> [Effect] {
    if state.labels.levels.count > 1 {
        state.labels.levels.removeLast()
        return []
    }
    return quitAtTop ? run(&state, .quit) : []
}

/// Keeps each level's selection in view after a resize.
func revealLabels(_ state: inout AppState) {
    let height = LabelsScreen.listHeight(state)
    let byName = state.labels.sortByName
    state.labels.levels = state.labels.levels.map { level in
        switch level {
        case .labels(var l): l.cursor.reveal(count: l.sorted(byName: byName).count, height: height); return .labels(l)
        case .posts(var p): p.cursor.reveal(count: p.page.total ?? 0, height: height); return .posts(p)
        }
    }
}
