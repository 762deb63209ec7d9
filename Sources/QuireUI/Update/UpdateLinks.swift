import QuireModel

/// Keys of the links list drawn over the post: move, type a number, follow, open in the browser.
func linksCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard var r = state.reader, case .links(var panel) = r.panel else { return [] }
    let links = PostLinks.of(r.post)
    defer { if case .links = state.reader?.panel { state.reader?.panel = .links(panel) } }
    if panel.cursor.apply(command, count: links.count, height: LinksScreen.listHeight(state)) {
        panel.number = ""
        return []
    }
    switch command {
    case .follow, .openLink:
        let chosen: PostLink?
        if panel.number.isEmpty {
            chosen = links.indices.contains(panel.cursor.selection) ? links[panel.cursor.selection] : nil
        } else {
            chosen = links.first { String($0.number) == panel.number }
            if chosen == nil { state.message = StatusMessage("No link \(panel.number) in this post", isError: true) }
            panel.number = ""
        }
        guard let link = chosen else { return [] }
        if let i = links.firstIndex(of: link) {
            panel.cursor.select(i, count: links.count, height: LinksScreen.listHeight(state))
        }
        if command == .openLink {
            guard case .external(let url) = link.kind else {
                state.message = StatusMessage("Link \(link.number) is not a link out of the archive")
                return []
            }
            return askToOpen(url, state: &state)
        }
        return followLink(link, reader: &r, state: &state)
    case .deleteBackward:
        if !panel.number.isEmpty { panel.number.removeLast() }
        showNumber(panel, state: &state)
    case .close:
        state.reader?.panel = nil
    default:
        break
    }
    return []
}

/// What a key does while a link's number is typed in the post.
enum NumberKey {
    /// The key was part of the number (a digit, Enter, Backspace, Esc).
    case handled([Effect])
    /// The number is dropped; the key does what it does, after these effects.
    case passOn([Effect])
}

/// A key in the post, where digits are the number of a link (as w3m and lynx number them):
/// `12` then Enter follows link 12 of `L`'s list. A digit starts a number only when a link's
/// number starts with it. The digits that show a screen (1 to 6) show it at once; the next
/// key, if it goes on with a link's number (a digit, or Enter), comes back to the post for it.
/// Nil: not a number.
func readerNumberKey(_ state: inout AppState, _ key: Key) -> NumberKey? {
    guard var r = state.reader else { return nil }
    let number = r.linkNumber
    if case .char(let c) = key, c.isASCII, c.isNumber {
        let links = PostLinks.of(r.post)
        if number.isEmpty, !links.contains(where: { String($0.number).hasPrefix(String(c)) }) { return nil }
        if number.isEmpty, let command = state.keys.command(for: key, in: [.global]), TopScreen.shownBy(command) != nil {
            let detour = DigitDetour(digit: c, from: state.screen, previous: state.previousScreen,
                                     searchReader: state.readers[.search], searchEditing: state.search.editing)
            let effects = run(&state, command)
            state.digitDetour = detour
            return .handled(effects)
        }
        guard number.count < 6 else { return .handled([]) }
        r.linkNumber.append(c)
        state.reader = r
        state.message = StatusMessage("Link \(r.linkNumber): \(state.keys.keyName(.follow, in: [.reader])) follows it")
        return .handled([])
    }
    guard !number.isEmpty else { return nil }
    r.linkNumber = ""
    state.reader = r
    if key == .escape {
        state.message = StatusMessage("No link followed")
        return .handled([])
    }
    if key == .backspace {
        r.linkNumber = String(number.dropLast())
        state.reader = r
        if !r.linkNumber.isEmpty { state.message = StatusMessage("Link \(r.linkNumber)") }
        return .handled([])
    }
    if state.keys.command(for: key, in: [.reader]) == .follow {
        guard let link = PostLinks.of(r.post).first(where: { String($0.number) == number }) else {
            state.message = StatusMessage("No link \(number) in this post", isError: true)
            return .handled([])
        }
        return .handled(followLink(link, reader: &r, state: &state))
    }
    return .passOn([])
}

/// The key after a digit that showed a screen from a post: a digit that goes on with a link's
/// number, or Enter, brings the post back with the number typed; any other key stays.
func digitDetourKey(_ state: inout AppState, _ key: Key) -> NumberKey? {
    guard let detour = state.digitDetour else { return nil }
    state.digitDetour = nil
    guard let reader = state.readers[detour.from] else { return nil }
    let links = PostLinks.of(reader.post)
    let goesOn: Bool
    if case .char(let c) = key, c.isASCII, c.isNumber {
        goesOn = links.contains { String($0.number).hasPrefix(String([detour.digit, c])) }
    } else {
        goesOn = state.keys.command(for: key, in: [.reader]) == .follow
    }
    guard goesOn else { return nil }
    state.screen = detour.from
    state.previousScreen = detour.previous
    state.readers[.search] = detour.searchReader
    state.search.editing = detour.searchEditing
    state.reader?.linkNumber = String(detour.digit)
    return readerNumberKey(&state, key)
}

/// A digit typed in the links list.
func typeLinkNumber(_ state: inout AppState, _ digit: Character) -> [Effect] {
    guard case .links(var panel) = state.reader?.panel, panel.number.count < 6 else { return [] }
    panel.number.append(digit)
    state.reader?.panel = .links(panel)
    showNumber(panel, state: &state)
    return []
}

private func showNumber(_ panel: LinksPanel, state: inout AppState) {
    guard !panel.number.isEmpty else { return }
    let follow = state.keys.keyName(.follow, in: [.links])
    state.message = StatusMessage("Link \(panel.number); \(follow) follows it")
}

/// Follows a link of the list: another post, a note of this one, or says where it leads.
func followLink(_ link: PostLink, reader r: inout ReaderState, state: inout AppState) -> [Effect] {
    switch link.kind {
    case .post(let id, _):
        state.reader?.panel = nil
        return [.loadPost(id, .follow(state.screen))]
    case .backlink(let summary):
        state.reader?.panel = nil
        return [.loadPost(summary.id, .follow(state.screen))]
    case .footnote(let label, _):
        guard let line = r.layout.noteLines[label] else {
            state.message = StatusMessage("Note [\(label)] is not in this post")
            return []
        }
        r.panel = nil
        r.pushHistory()
        r.scroll = max(0, line - 1)
        r.clampScroll(height: state.bodyHeight)
        state.reader = r
        state.message = StatusMessage("Note [\(label)]; \(state.keys.keyName(.back, in: [.reader])) goes back")
    case .dangling(let text):
        state.message = StatusMessage("\(text) is not in the archive")
    case .external(let url) where !state.settings.opensLinks:
        state.message = StatusMessage("\(url) (out of the archive)")
    case .external(let url):
        let open = state.keys.keyName(.openLink, in: [.links])
        state.message = StatusMessage("\(url) (out of the archive; \(open) opens it in the browser)")
    }
    return []
}

/// Shows a URL, its host first and in full, and asks before anything is started.
func askToOpen(_ url: String, state: inout AppState) -> [Effect] {
    let host: String
    switch PostLinks.check(url) {
    case .refused(let reason):
        state.message = StatusMessage("\(reason): \(url)", isError: true)
        return []
    case .open(let h):
        host = h
    }
    guard state.settings.opensLinks else {
        // The host first here too: the reader is to judge the address by it before copying.
        state.message = StatusMessage("\(host) — no browser is started here; copy the address: \(url)")
        return []
    }
    let yes = state.keys.keyName(.submit, in: [.confirm]), no = state.keys.keyName(.cancel, in: [.confirm])
    // The host, then the answer keys: a long URL is cut at the right edge, never the host (a
    // link can spell another site's name in its path, so the host is what to judge it by).
    let question = "\(host) — open in the browser? \(yes): open  \(no): no  "
    guard DisplayWidth.of(question) + 1 <= state.cols else {
        state.message = StatusMessage("The link's host is too long to show in this window, so it is not opened", isError: true)
        return []
    }
    state.pendingURL = url
    state.message = StatusMessage(question + url)
    return []
}

/// The answer to a question: "open this link?", "mark these posts read?".
func confirmCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    if let mark = state.pendingMarkRead {
        state.pendingMarkRead = nil
        guard command == .submit else {
            state.message = StatusMessage("Nothing marked")
            return []
        }
        state.keptUnread.subtract(mark.posts)
        state.message = StatusMessage("Marked \(ListDraw.plural(mark.posts.count, "post")) of \(mark.what) read")
        return setRead(&state, mark.posts, true)
    }
    guard let url = state.pendingURL else { return [] }
    state.pendingURL = nil
    if command == .submit {
        state.message = StatusMessage("Opening \(url)")
        return [.openURL(url)]
    }
    state.message = StatusMessage("Not opened")
    return []
}
