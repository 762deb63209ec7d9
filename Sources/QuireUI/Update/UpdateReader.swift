import QuireModel

/// Keys of the reader: scrolling, links, history, neighbours, notes and find.
func readerCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard var r = state.reader else { return [] }
    let height = state.bodyHeight
    var effects: [Effect] = []
    defer {
        if state.reader != nil {
            r.clampScroll(height: height)
            state.reader = r
        }
    }
    if r.find.editing {
        findLineCommand(&r, command, state: &state)
        return []
    }
    let page = max(1, height - 1)
    switch command {
    case .lineDown: r.scroll += 1
    case .lineUp: r.scroll -= 1
    case .pageDown: r.scroll += page
    case .pageUp: r.scroll -= page
    case .halfDown: r.scroll += max(1, height / 2)
    case .halfUp: r.scroll -= max(1, height / 2)
    case .top: r.scroll = 0
    case .bottom: r.scroll = r.maxScroll(height: height)
    case .nextLink, .prevLink:
        if let text = r.selectLink(command == .nextLink ? 1 : -1, height: height) { state.message = StatusMessage(text) }
    case .follow:
        effects = follow(&r, state: &state)
    case .back:
        guard let previous = r.back.popLast() else {
            state.reader = nil
            return []
        }
        r.forward.append(r.entry)
        r.show(previous, cols: state.cols, height: height)
    case .forward:
        guard let next = r.forward.popLast() else {
            state.message = StatusMessage("Nothing to go forward to")
            return []
        }
        r.back.append(r.entry)
        r.show(next, cols: state.cols, height: height)
    case .nextPost, .prevPost:
        effects = [.findNeighbour(of: r.post.id, newer: command == .nextPost, filter: r.origin.filter, screen: state.screen)]
    case .toggleNotes:
        r.setInlineNotes(!r.inlineNotes, cols: state.cols)
        state.message = StatusMessage(r.inlineNotes ? "Notes: inline" : "Notes: markers only (notes at the end)")
    case .find:
        r.find = FindState(query: r.find.query, input: "", editing: true, startScroll: r.scroll)
    case .findNext, .findPrev:
        if let text = r.jumpToHit(command == .findNext ? 1 : -1, height: height) { state.message = StatusMessage(text) }
    case .links:
        let links = PostLinks.of(r.post)
        guard !links.isEmpty else {
            state.message = StatusMessage("No links in this post")
            return []
        }
        var panel = LinksPanel()
        // Start on the link selected in the text, if it is in the list.
        if let s = r.selectedLink, r.layout.links.indices.contains(s),
           let i = links.firstIndex(where: { $0.matches(r.layout.links[s].kind) }) {
            panel.cursor.select(i, count: links.count, height: LinksScreen.listHeight(state))
        }
        r.panel = .links(panel)
    case .outline:
        openOutline(&r, state: &state)
    case .openLink:
        guard let s = r.selectedLink, r.layout.links.indices.contains(s),
              case .reference(_, .external(let url), _) = r.layout.links[s].kind else {
            let next = state.keys.keyName(.nextLink, in: [.reader]), list = state.keys.keyName(.links, in: [.reader])
            state.message = StatusMessage("Select a link out of the archive first (\(next)), or \(list) lists every link")
            return []
        }
        effects = askToOpen(url, state: &state)
    case .nextUnread:
        effects = nextUnreadFromReader(&state)
    case .info:
        r.panel = .info
    case .copyPermalink:
        effects = copyPermalink(r.post, state: &state)
    case .save:
        guard state.settings.savesFiles else {
            state.message = StatusMessage("Posts cannot be saved in a guest session")
            return []
        }
        state.prompt = Prompt(.save(r.post.id), text: PostFile.defaultName(r.post))
    case .close:
        state.reader = nil
    default:
        break
    }
    return effects
}

private func follow(_ r: inout ReaderState, state: inout AppState) -> [Effect] {
    let height = state.bodyHeight
    guard let s = r.selectedLink, r.layout.links.indices.contains(s) else {
        state.message = StatusMessage("No link selected: \(state.keys.keyName(.nextLink, in: [.reader])) selects the next one")
        return []
    }
    switch r.layout.links[s].kind {
    case .footnote(let label):
        guard let line = r.layout.noteLines[label] else {
            state.message = StatusMessage("Note [\(label)] is not in this post")
            return []
        }
        r.pushHistory()
        r.scroll = max(0, line - 1)
        r.selectedLink = nil
        r.clampScroll(height: height)
        state.message = StatusMessage("Note [\(label)]; Backspace goes back")
    case .reference(_, let target, let text):
        switch target {
        case .post(let id, _):
            return [.loadPost(id, .follow(state.screen))]
        case .dangling:
            state.message = StatusMessage("\(text) is not in the archive")
        case .external(let url) where !state.settings.opensLinks:
            state.message = StatusMessage("\(url) (out of the archive)")
        case .external(let url):
            let open = state.keys.keyName(.openLink, in: [.reader])
            state.message = StatusMessage("\(url) (out of the archive; \(open) opens it in the browser)")
        case .none:
            break
        }
    case .backlink(let id, _):
        return [.loadPost(id, .follow(state.screen))]
    }
    return []
}

private func findLineCommand(_ r: inout ReaderState, _ command: Command, state: inout AppState) {
    let height = state.bodyHeight
    switch command {
    case .submit:
        r.find.query = r.find.input
        r.find.editing = false
        r.relayout(cols: state.cols, keepPosition: true)
        if r.find.query.isEmpty { return }
        state.marks.found(r.find.query)
        state.marksRevision += 1
        if r.layout.hitLines.isEmpty {
            state.message = StatusMessage("Not found: \(r.find.query)")
        } else if let hit = r.currentHit, r.layout.hitLines.indices.contains(hit) {
            // Finding as you type has shown the hit already: stay on it.
            state.message = StatusMessage("Hit \(hit + 1) of \(r.layout.hitLines.count)")
        } else if let text = r.jumpToHit(1, height: height) {
            state.message = StatusMessage(text)
        }
    case .cancel:
        // Back where the line was opened, with what was found before.
        r.find.editing = false
        r.currentHit = nil
        r.relayout(cols: state.cols, keepPosition: true)
        r.scroll = r.find.startScroll
    case .deleteBackward:
        if r.find.input.isEmpty {
            r.find.editing = false
            r.relayout(cols: state.cols, keepPosition: true)
            return
        }
        r.find.input.removeLast()
        findAsTyped(&r, height: height, cols: state.cols)
    case .clearInput:
        r.find.input = ""
        findAsTyped(&r, height: height, cols: state.cols)
    case .olderEntry, .newerEntry:
        // Earlier finds, newest first, as less keeps them.
        let finds = state.marks.finds
        guard !finds.isEmpty else {
            state.message = StatusMessage("No earlier finds")
            return
        }
        let next = command == .olderEntry ? (r.find.recalled.map { $0 + 1 } ?? 0) : (r.find.recalled.map { $0 - 1 } ?? -1)
        if next < 0 {
            r.find.recalled = nil
            r.find.input = ""
        } else {
            r.find.recalled = min(next, finds.count - 1)
            r.find.input = finds[min(next, finds.count - 1)]
        }
        findAsTyped(&r, height: height, cols: state.cols)
    default:
        break
    }
}

/// A character typed in the find line: the hits are highlighted and the first one at or below
/// where the line was opened comes into view, as less finds while you type.
func typeInFind(_ state: inout AppState, _ c: Character) {
    guard var r = state.reader else { return }
    r.find.input.append(c)
    r.find.recalled = nil
    findAsTyped(&r, height: state.bodyHeight, cols: state.cols)
    state.reader = r
}

private func findAsTyped(_ r: inout ReaderState, height: Int, cols: Int) {
    r.relayout(cols: cols, keepPosition: true)
    let hits = r.layout.hitLines
    guard !r.find.input.isEmpty, let first = hits.firstIndex(where: { $0 >= r.find.startScroll }) ?? hits.indices.first else {
        r.currentHit = nil
        r.scroll = r.find.startScroll
        r.clampScroll(height: height)
        return
    }
    r.currentHit = first
    r.scroll = r.find.startScroll
    r.reveal(line: hits[first], height: height)
}

extension ReaderState {
    public func maxScroll(height: Int) -> Int { max(0, layout.lines.count - height) }

    public mutating func clampScroll(height: Int) {
        scroll = min(max(0, scroll), maxScroll(height: height))
    }

    /// Remembers the current place before moving away from it.
    public mutating func pushHistory() {
        back.append(entry)
        if back.count > Self.historyLimit { back.removeFirst() }
        forward = []
    }

    /// Scrolls just enough to show a line, with a little context.
    mutating func reveal(line: Int, height: Int) {
        if line < scroll { scroll = max(0, line - 2) }
        if line >= scroll + height { scroll = line - height + min(3, height) }
        clampScroll(height: height)
    }

    /// Selects the next or previous link in reading order; returns a message when there is none.
    /// Starts from the selection while it is on screen, otherwise from the top of the view.
    mutating func selectLink(_ direction: Int, height: Int) -> String? {
        let links = layout.links
        guard !links.isEmpty else { return "No links in this post" }
        let top = scroll
        let inView = { (i: Int) in links[i].line >= top && links[i].line < top + height }
        var next: Int?
        if let s = selectedLink, links.indices.contains(s), inView(s) {
            next = links.indices.contains(s + direction) ? s + direction : nil
        } else if direction > 0 {
            next = links.firstIndex { $0.line >= scroll }
        } else {
            next = links.lastIndex { $0.line < scroll + height }
        }
        guard let n = next else { return direction > 0 ? "No more links below" : "No more links above" }
        selectedLink = n
        reveal(line: links[n].line, height: height)
        return nil
    }

    /// Shows the first line with hits, or, given the place of a comment in the post's comments,
    /// that comment from its author on, with its first hit; `n` goes on from there. False (and
    /// nothing moves) when there is nothing to show.
    mutating func showFirstHit(inComment comment: Int?, height: Int) -> Bool {
        let hits = layout.hitLines
        var target = hits.indices.first
        var top = target.map { hits[$0] }
        if let comment, layout.commentLines.indices.contains(comment) {
            let start = layout.commentLines[comment]
            let end = layout.commentLines.indices.contains(comment + 1) ? layout.commentLines[comment + 1] : layout.lines.count
            target = hits.firstIndex { $0 >= start && $0 < end }
            top = start
        }
        guard let top else { return false }
        let hitLine = target.map { hits[$0] } ?? top
        if top < height && hitLine < height {
            scroll = 0
        } else {
            // A line of what comes before, and the hit in view.
            scroll = max(0, top - 1)
            if hitLine >= scroll + height { scroll = hitLine - 1 }
        }
        clampScroll(height: height)
        currentHit = target
        return true
    }

    /// Moves to the next or previous line with hits, wrapping around; returns a message.
    mutating func jumpToHit(_ direction: Int, height: Int) -> String? {
        let hits = layout.hitLines
        guard !hits.isEmpty else {
            return find.query.isEmpty && !layout.highlight.isActive ? "Nothing to find: / searches this post" : "No hits"
        }
        let start: Int
        if let c = currentHit, hits.indices.contains(c), hits[c] >= scroll, hits[c] < scroll + height {
            start = c
        } else {
            let firstBelow = hits.firstIndex { $0 >= scroll } ?? hits.count
            start = direction > 0 ? firstBelow - 1 : firstBelow
        }
        var next = start + direction
        var wrapped = false
        if next >= hits.count { next = 0; wrapped = true }
        if next < 0 { next = hits.count - 1; wrapped = true }
        currentHit = next
        reveal(line: hits[next], height: height)
        return "Hit \(next + 1) of \(hits.count)" + (wrapped ? " (wrapped)" : "")
    }
}
