/// One key binding: its keys, what it does, and the words help and the status bar show for it.
public struct Binding: Hashable, Sendable {
    public var context: KeyContext
    public var keys: [Key]
    public var command: Command
    /// The help screen's description.
    public var help: String
    /// A word or two for the status bar; nil keeps the binding out of the hints.
    public var hint: String?

    public init(_ context: KeyContext, _ keys: [Key], _ command: Command, _ help: String, hint: String? = nil) {
        self.context = context; self.keys = keys; self.command = command; self.help = help; self.hint = hint
    }

    /// The key the status bar names: the first one, unless a shorter name says the same.
    public var hintKey: String {
        guard let first = keys.first else { return "" }
        if first.name.count <= 5 { return first.name }
        return keys.map(\.name).min(by: { $0.count < $1.count }) ?? first.name
    }
}

/// The keys in force: the standard table with the user's changes. Behaviour, help and the
/// status-bar hints all come from here, so they cannot drift apart.
public struct KeyMap: Hashable, Sendable {
    public private(set) var bindings: [Binding]

    public init(_ bindings: [Binding]) { self.bindings = bindings }

    public static let standard = KeyMap(KeyTable.standard)

    /// The command a key has in the first of `contexts` that binds it.
    public func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            for b in bindings where b.context == context && b.keys.contains(key) { return b.command }
        }
        return nil
    }

    /// Bindings of one context, in table order.
    public func bindings(in context: KeyContext) -> [Binding] { bindings.filter { $0.context == context } }

    /// The name of the key that runs a command in the first of `contexts` binding it, for
    /// messages that tell the user what to press.
    public func keyName(_ command: Command, in contexts: [KeyContext]) -> String {
        for context in contexts {
            if let b = bindings.first(where: { $0.context == context && $0.command == command }), !b.keys.isEmpty {
                return b.hintKey
            }
        }
        return "(unbound)"
    }

    /// Why a rebinding could not be made.
    public enum RebindError: Error, Hashable, Sendable {
        /// The command has no binding in that context.
        case notInContext
    }

    /// Gives a command of a context new keys (none unbinds it). A key another command of the
    /// same context had moves to this one; returns those commands, so the user can be told.
    @discardableResult
    public mutating func rebind(_ command: Command, in context: KeyContext, to keys: [Key]) throws(RebindError) -> [Command] {
        guard let index = bindings.firstIndex(where: { $0.context == context && $0.command == command }) else {
            throw .notInContext
        }
        var unique: [Key] = []
        for k in keys where !unique.contains(k) { unique.append(k) }
        var displaced: [Command] = []
        for i in bindings.indices where i != index && bindings[i].context == context {
            let before = bindings[i].keys.count
            bindings[i].keys.removeAll { unique.contains($0) }
            if bindings[i].keys.count != before { displaced.append(bindings[i].command) }
        }
        bindings[index].keys = unique
        return displaced
    }
}

/// The standard keys.
public enum KeyTable {
    public static let standard: [Binding] = [
        Binding(.global, [.char("1")], .showArchive, "Archive: posts by year and month"),
        Binding(.global, [.char("2")], .showLabels, "Labels with their post counts"),
        Binding(.global, [.char("3")], .showSearch, "Search the archive"),
        Binding(.global, [.char("4")], .showBookmarks, "Bookmarks"),
        Binding(.global, [.char("5")], .showPosts, "Posts: every post, newest first"),
        Binding(.global, [.char("6"), .char("V")], .showHistory, "History: the posts you opened, newest first"),
        Binding(.global, [.char("?"), .function(1)], .help, "Show or hide this help", hint: "help"),
        Binding(.global, [.char("q")], .close, "Close this screen; quit from a top screen", hint: "close"),
        Binding(.global, [.char("Q"), .ctrl("c")], .quit, "Quit at once"),
        Binding(.global, [.ctrl("l")], .redraw, "Redraw the screen"),
        Binding(.global, [.ctrl("z")], .suspend, "Suspend (resume with fg)"),

        Binding(.movement, [.down, .char("j")], .lineDown, "Down one line"),
        Binding(.movement, [.up, .char("k")], .lineUp, "Up one line"),
        Binding(.movement, [.pageDown, .char(" ")], .pageDown, "Down one page"),
        Binding(.movement, [.pageUp, .char("b")], .pageUp, "Up one page"),
        Binding(.movement, [.ctrl("d")], .halfDown, "Down half a page"),
        Binding(.movement, [.ctrl("u")], .halfUp, "Up half a page"),
        Binding(.movement, [.char("g"), .home], .top, "To the top"),
        Binding(.movement, [.char("G"), .end], .bottom, "To the bottom"),

        Binding(.list, [.enter], .open, "Open the post; expand or collapse a year or month", hint: "open"),
        Binding(.list, [.right, .char("l")], .expand, "Expand (or step into) a year or month; open the post"),
        Binding(.list, [.left, .char("h")], .collapse, "Collapse, or back up a level", hint: "collapse"),
        Binding(.list, [.char("/")], .searchFromList, "Search (from any list)", hint: "search"),
        Binding(.list, [.char("r")], .toggleRead, "Mark the post read or unread"),
        Binding(.list, [.char("m")], .toggleBookmark, "Bookmark the post, or remove its bookmark"),
        Binding(.list, [.char("n")], .nextUnread, "Open the next unread post down the list (after the last, the first)"),
        Binding(.list, [.char("A")], .markAllRead, "Mark every post of the list (the year, month or label selected) read; asks first"),
        Binding(.list, [.char("U")], .onlyUnread, "Show only unread posts in the lists, or every post again"),
        Binding(.list, [.escape], .cancel, "Back a level (Narrow by, a label's posts, the results); never quits"),

        Binding(.labels, [.char("s")], .toggleSort, "Sort labels by count or by name", hint: "sort"),
        Binding(.labels, [.char("+")], .narrow, "Narrow a label's posts by another label (AND)", hint: "narrow"),

        Binding(.searchLine, [.enter], .submit, "Open the top result", hint: "open top"),
        Binding(.searchLine, [.down, .tab], .toResults, "Move into the results", hint: "results"),
        Binding(.searchLine, [.escape], .cancel, "Leave the line: to the results, or back to the screen before", hint: "leave"),
        Binding(.searchLine, [.left], .cursorLeft, "Cursor left"),
        Binding(.searchLine, [.right], .cursorRight, "Cursor right"),
        Binding(.searchLine, [.home, .ctrl("a")], .lineStart, "Cursor to the start of the line"),
        Binding(.searchLine, [.end, .ctrl("e")], .lineEnd, "Cursor to the end of the line"),
        Binding(.searchLine, [.backspace], .deleteBackward, "Delete the character before the cursor"),
        Binding(.searchLine, [.delete], .deleteForward, "Delete the character under the cursor"),
        Binding(.searchLine, [.ctrl("u")], .clearInput, "Clear the query"),

        Binding(.reader, [.tab], .nextLink, "Select the next link (notes, references, backlinks)", hint: "link"),
        Binding(.reader, [.backTab], .prevLink, "Select the previous link"),
        Binding(.reader, [.enter], .follow, "Follow the selected link (a post, a note), or the link whose number was typed", hint: "follow"),
        Binding(.reader, [.backspace, .left, .char("h")], .back, "Back to the previous post and position", hint: "back"),
        Binding(.reader, [.right, .char("l"), .shiftRight], .forward, "Forward again after going back", hint: "fwd"),
        Binding(.reader, [.char("]")], .nextPost, "Next (newer) post; within the label if opened from one"),
        Binding(.reader, [.char("[")], .prevPost, "Previous (older) post; within the label if opened from one"),
        Binding(.reader, [.char("f")], .toggleNotes, "Footnotes inline, or markers only"),
        Binding(.reader, [.char("/")], .find, "Find in this post", hint: "find"),
        Binding(.reader, [.char("n")], .findNext, "Next hit"),
        Binding(.reader, [.char("N")], .findPrev, "Previous hit"),
        Binding(.reader, [.char("L")], .links, "Every link of the post, numbered; a number and Enter follows one", hint: "links"),
        Binding(.reader, [.char("t")], .outline, "Outline: the post's headings; Enter jumps to one"),
        Binding(.reader, [.char("o")], .openLink, "Open the selected link out of the archive in the browser (the URL is shown first)"),
        Binding(.reader, [.char("m")], .toggleBookmark, "Bookmark this post, or remove its bookmark"),
        Binding(.reader, [.char("r")], .toggleRead, "Mark read or unread (a post becomes read once you have seen the end of its text)"),
        Binding(.reader, [.char("u")], .nextUnread, "Next unread post down the list the post came from (after the last, the first)"),
        Binding(.reader, [.char("=")], .info, "About this post: its permalink, source, date, labels and counts"),
        Binding(.reader, [.char("y")], .copyPermalink, "Copy the permalink to the terminal's clipboard (OSC 52)"),
        Binding(.reader, [.char("s")], .save, "Save the post to a file: as text, or as Markdown when the name ends in .md"),

        Binding(.findLine, [.enter], .submit, "Jump to the first hit", hint: "find"),
        Binding(.findLine, [.escape], .cancel, "Cancel", hint: "cancel"),
        Binding(.findLine, [.backspace], .deleteBackward, "Delete the last character"),
        Binding(.findLine, [.ctrl("u")], .clearInput, "Clear"),
        Binding(.findLine, [.up], .olderEntry, "An earlier find"),
        Binding(.findLine, [.down], .newerEntry, "A later find"),

        Binding(.links, [.enter], .follow, "Follow the selected link, or link N after typing its number", hint: "follow"),
        Binding(.links, [.char("o")], .openLink, "Open a link out of the archive in the browser", hint: "browser"),
        Binding(.links, [.backspace], .deleteBackward, "Delete the last digit typed"),
        Binding(.links, [.escape, .char("L")], .close, "Back to the post", hint: "back"),

        Binding(.outline, [.enter, .right, .char("l")], .open, "Jump to the heading", hint: "jump"),
        Binding(.outline, [.escape, .char("t"), .left, .char("h")], .close, "Back to the post", hint: "back"),

        Binding(.info, [.char("y")], .copyPermalink, "Copy the permalink to the terminal's clipboard (OSC 52)", hint: "copy"),
        Binding(.info, [.char("o")], .openLink, "Open the permalink in the browser", hint: "browser"),
        Binding(.info, [.escape, .char("=")], .close, "Back to the post", hint: "back"),

        Binding(.saveLine, [.enter], .submit, "Save", hint: "save"),
        Binding(.saveLine, [.tab], .switchFormat, "Switch between text (.txt) and Markdown (.md)", hint: ".txt/.md"),
        Binding(.saveLine, [.escape], .cancel, "Do not save", hint: "cancel"),
        Binding(.saveLine, [.backspace], .deleteBackward, "Delete the last character"),
        Binding(.saveLine, [.ctrl("u")], .clearInput, "Clear"),

        // Only y: a key pressed twice by habit (o, Enter) must not do what it just asked about.
        Binding(.confirm, [.char("y")], .submit, "Yes: open the link shown, or mark the posts read", hint: "yes"),
        Binding(.confirm, [.char("n"), .escape], .cancel, "No (any other key too)", hint: "no"),

        Binding(.help, [.char("?"), .escape], .close, "Close help"),
        Binding(.help, [.char("/")], .find, "Find in the help"),
        Binding(.help, [.char("n")], .findNext, "Next place found"),
        Binding(.help, [.char("N")], .findPrev, "Previous place found"),
    ]
}
