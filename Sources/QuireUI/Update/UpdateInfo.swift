import QuireModel

/// Keys of the panel about a post (`=`): copy or open its permalink, back to the post.
func infoCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard let r = state.reader else { return [] }
    switch command {
    case .close:
        state.reader?.panel = nil
    case .copyPermalink:
        return copyPermalink(r.post, state: &state)
    case .openLink:
        guard let url = permalink(r.post) else {
            state.message = StatusMessage("This post has no web address")
            return []
        }
        return askToOpen(url, state: &state)
    default:
        break
    }
    return []
}

/// The post's web address, if it has one that may be opened or copied: http or https, with no
/// character a terminal could act on.
func permalink(_ post: StoredPost) -> String? {
    guard let url = post.post.permalink, PostLinks.isOpenable(url), Sanitizer.clean(url) == url else { return nil }
    return url
}

/// Copies the permalink through the terminal (OSC 52), on the user's request only.
func copyPermalink(_ post: StoredPost, state: inout AppState) -> [Effect] {
    guard let url = permalink(post) else {
        state.message = StatusMessage("This post has no web address to copy")
        return []
    }
    state.message = StatusMessage("Copied to the clipboard (if the terminal allows it): \(url)")
    return [.copyToClipboard(url)]
}
