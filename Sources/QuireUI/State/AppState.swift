import QuireModel

/// The top screens, switched with `1` to `6`.
public enum TopScreen: Int, CaseIterable, Hashable, Sendable {
    case archive = 1, labels, search, bookmarks, posts, history
    public var title: String {
        switch self {
        case .archive: return "Archive"
        case .labels: return "Labels"
        case .search: return "Search"
        case .bookmarks: return "Bookmarks"
        case .posts: return "Posts"
        case .history: return "History"
        }
    }
}

/// How the reader starts.
public struct ReaderOptions: Hashable, Sendable {
    public var initialScreen: TopScreen
    /// Draw without colours. Nil: decide from `NO_COLOR` and what the terminal can do.
    public var monochrome: Bool?
    /// A post to open straight away.
    public var openPost: PostID?
    /// Keys, colours and layout from the configuration file.
    public var settings: ReaderSettings
    /// Come back to the screen and post of the last run (unless `openPost` names one).
    public var resume: Bool
    /// Said in the status bar at the start (problems in the configuration file).
    public var startMessage: String?
    /// The demo archive's folder, for the empty archive's screen to name.
    public var demoFolder: String?

    public init(initialScreen: TopScreen = .archive, monochrome: Bool? = nil, openPost: PostID? = nil,
                settings: ReaderSettings = ReaderSettings(), resume: Bool = false) {
        self.initialScreen = initialScreen; self.monochrome = monochrome; self.openPost = openPost
        self.settings = settings; self.resume = resume
    }
}

/// A line for the status bar, shown until the next key.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}

/// Everything the screen shows; `update` is the only thing that changes it.
public struct AppState: Hashable, Sendable {
    public var rows: Int
    public var cols: Int
    public var screen: TopScreen
    public var archive = ArchiveState()
    public var labels = LabelsState()
    public var search = SearchState()
    public var bookmarks = ListCursor()
    /// Every post, newest first (the Posts screen).
    public var posts = PostList()
    /// The History screen's selection.
    public var history = ListCursor()
    /// The screen shown before the current one, for keys that go back to it.
    public var previousScreen: TopScreen?
    /// An open reader per top screen, so switching screens keeps one's place.
    public var readers: [TopScreen: ReaderState] = [:]
    /// The help screen, while it is open.
    public var help: HelpState?
    public var message: StatusMessage?
    public var quitRequested = false
    public var settings: ReaderSettings
    /// Read posts, positions, bookmarks, the last place: saved between runs.
    public var marks = ReadingMarks()
    /// Bumped whenever `marks` changes in a way worth saving at once (everything but the
    /// position inside the open post, which is saved on leaving it and on quitting).
    public var marksRevision = 0
    /// Read posts per year, month and label (all labels), once the store has counted them.
    public var readCounts: GroupCounts?
    /// Posts marked unread by hand in this run: seeing their end does not mark them read again.
    public var keptUnread: Set<PostID> = []
    /// A link out of the archive shown to the user, waiting for a yes before it is opened.
    public var pendingURL: String?
    /// Posts to mark read, waiting for a yes.
    public var pendingMarkRead: MarkAllRead?
    /// A line being typed in the status bar (the file name to save a post as).
    public var prompt: Prompt?
    /// A digit that showed a screen from a post, for one key (see `DigitDetour`).
    public var digitDetour: DigitDetour?
    /// A row opened before its page of posts arrived (keys typed ahead of the store): the
    /// post is opened when the page comes.
    public var openWhenLoaded: PendingOpen?

    public init(rows: Int, cols: Int, options: ReaderOptions = ReaderOptions()) {
        self.rows = rows; self.cols = cols; screen = options.initialScreen
        settings = options.settings
        demoFolder = options.demoFolder
    }

    /// The keys in force.
    public var keys: KeyMap { settings.keys }

    public var reader: ReaderState? {
        get { readers[screen] }
        set { readers[screen] = newValue }
    }

    /// Rows between the top bar and the status bar.
    public var bodyHeight: Int { max(1, rows - 2) }

    /// Below this size nothing but a notice is drawn.
    public static let minCols = 20
    public static let minRows = 6
    public var isTooSmall: Bool { cols < Self.minCols || rows < Self.minRows }
    public var demoFolder: String?
}

/// A digit pressed in a post that starts a link's number and also shows a screen (1 to 6):
/// the screen is shown, and what it changed is kept so that the next key, if it goes on
/// with the number, can bring the post back.
public struct DigitDetour: Hashable, Sendable {
    public var digit: Character
    /// The screen whose post was being read.
    public var from: TopScreen
    public var previous: TopScreen?
    /// The Search screen's post and line, which showing Search closes.
    public var searchReader: ReaderState?
    public var searchEditing: Bool
}

/// A post row opened before the store sent it: which list, which row, opened how.
public struct PendingOpen: Hashable, Sendable {
    public var target: PageTarget
    public var index: Int
    public var origin: ReaderOrigin
}
