/// Keys of the help screen: it scrolls like a pager, and `/` finds in it as less does.
func helpCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard var help = state.help else { return [] }
    defer { if state.help != nil { state.help = help; clampHelp(&state) } }
    if help.editing {
        switch command {
        case .submit:
            help.editing = false
            if !help.find.isEmpty, HelpScreen.hitLines(state, help.find).isEmpty { state.message = StatusMessage("Not found: \(help.find)") }
        case .cancel:
            help.editing = false
            help.find = ""
            help.currentHit = nil
        case .deleteBackward:
            if help.find.isEmpty { help.editing = false } else { help.find.removeLast() }
            state.help = help
            jumpToFirstHelpHit(&help, state)
        case .clearInput:
            help.find = ""
        default:
            break
        }
        return []
    }
    let height = state.bodyHeight
    // Help has no selection: movements scroll it like a pager.
    switch command {
    case .lineDown: help.scroll += 1
    case .lineUp: help.scroll -= 1
    case .pageDown: help.scroll += height
    case .pageUp: help.scroll -= height
    case .halfDown: help.scroll += height / 2
    case .halfUp: help.scroll -= height / 2
    case .top: help.scroll = 0
    case .bottom: help.scroll = Int.max / 2
    case .close: state.help = nil
    case .find:
        help.editing = true
        help.find = ""
        help.currentHit = nil
    case .findNext, .findPrev:
        let hits = HelpScreen.hitLines(state, help.find)
        guard !hits.isEmpty else {
            state.message = StatusMessage(help.find.isEmpty ? "Nothing to find: / finds in the help" : "Not found: \(help.find)")
            return []
        }
        let from = help.currentHit ?? (command == .findNext ? help.scroll - 1 : help.scroll + height)
        let next = command == .findNext ? hits.first { $0 > from } ?? hits[0] : hits.last { $0 < from } ?? hits[hits.count - 1]
        help.currentHit = next
        if next < help.scroll || next >= help.scroll + height { help.scroll = max(0, next - 2) }
    default:
        break
    }
    return []
}

/// A character typed in the help's find line: the first place it occurs comes into view.
func typeInHelpFind(_ state: inout AppState, _ c: Character) {
    guard var help = state.help else { return }
    help.find.append(c)
    state.help = help
    jumpToFirstHelpHit(&help, state)
    state.help = help
    clampHelp(&state)
}

private func jumpToFirstHelpHit(_ help: inout HelpState, _ state: AppState) {
    guard !help.find.isEmpty, let first = HelpScreen.hitLines(state, help.find).first else {
        help.currentHit = nil
        return
    }
    help.currentHit = first
    if first < help.scroll || first >= help.scroll + state.bodyHeight { help.scroll = max(0, first - 2) }
}

/// Keeps the help's scroll inside its text.
func clampHelp(_ state: inout AppState) {
    guard var help = state.help else { return }
    let count = HelpScreen.lines(width: state.cols, keys: state.keys, mouse: state.settings.mouse).count
    help.scroll = min(max(0, help.scroll), max(0, count - state.bodyHeight))
    state.help = help
}
