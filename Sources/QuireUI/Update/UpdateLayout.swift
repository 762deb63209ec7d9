import QuireModel

// A large post is shown screen first; its whole layout is made by an effect, off the input
// thread in the terminal, and taken in when it comes. Keys and clicks meanwhile wait for it:
// going to the end, finding, the outline and the links all need every line.

/// Asks once for the whole layout of every reader showing only part of a post.
func askForLayouts(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    for (screen, var r) in state.readers {
        guard let request = r.pendingLayout, !r.layoutAsked else { continue }
        r.layoutAsked = true
        state.readers[screen] = r
        effects.append(.layOut(request))
    }
    return effects
}

/// Lays out now, on this thread, what is still waiting for its whole layout.
func completeLayouts(_ state: inout AppState) {
    for (screen, var r) in state.readers where r.pendingLayout != nil {
        r.completeLayout()
        r.clampScroll(height: state.bodyHeight)
        state.readers[screen] = r
    }
}

/// Takes a whole layout into the readers that still wait for it (none when the window was
/// resized or another post opened since it was asked for).
func adoptLayout(_ state: inout AppState, _ whole: PostLayout, for request: LayoutRequest) {
    for (screen, var r) in state.readers where r.pendingLayout == request {
        r.adopt(whole, for: request)
        r.clampScroll(height: state.bodyHeight)
        state.readers[screen] = r
    }
}
