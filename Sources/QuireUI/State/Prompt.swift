import QuireModel

/// A line typed in the status bar, and what it is for.
public struct Prompt: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        /// The file to save a post in: as Markdown when its name ends in `.md`, else as text.
        case save(PostID)
    }
    public var purpose: Purpose
    public var text: String
    public init(_ purpose: Purpose, text: String) { self.purpose = purpose; self.text = text }

    /// What the line says before the text.
    public var label: String {
        switch purpose {
        case .save: return "Save as: "
        }
    }
}

/// Posts about to be marked read, with the words that name them in the question.
public struct MarkAllRead: Hashable, Sendable {
    public var posts: [PostID]
    /// "the posts of russia", "October 2007".
    public var what: String
    public init(posts: [PostID], what: String) { self.posts = posts; self.what = what }
}
