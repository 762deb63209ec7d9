import QuireModel

/// Keys of a line typed in the status bar: the file name a post is saved as.
func promptCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard var prompt = state.prompt else { return [] }
    switch command {
    case .submit:
        state.prompt = nil
        let name = prompt.text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            state.message = StatusMessage("Not saved: no file name")
            return []
        }
        switch prompt.purpose {
        case .save(let id):
            guard let post = state.readers.values.first(where: { $0.post.id == id }) else { return [] }
            let contents = PostFile.contents(post.post, name: name, width: state.settings.textWidth, inlineNotes: post.inlineNotes)
            state.message = StatusMessage("Saving…")
            return [.saveFile(path: name, contents: contents)]
        }
    case .cancel:
        state.prompt = nil
        state.message = StatusMessage("Not saved")
        return []
    case .deleteBackward:
        if !prompt.text.isEmpty { prompt.text.removeLast() }
    case .clearInput:
        prompt.text = ""
    case .switchFormat:
        prompt.text = PostFile.switchFormat(prompt.text)
    default:
        return []
    }
    state.prompt = prompt
    return []
}
