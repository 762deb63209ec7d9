import QuireModel

/// The three top screens, switched with `1` `2` `3`.
public enum TopScreen: Int, CaseIterable, Hashable, Sendable {
    case archive = 1, labels, search
    public var title: String {
        switch self {
        case .archive: return "Archive"
        case .labels: return "Labels"
        case .search: return "Search"
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

    public init(initialScreen: TopScreen = .archive, monochrome: Bool? = nil, openPost: PostID? = nil) {
        self.initialScreen = initialScreen; self.monochrome = monochrome; self.openPost = openPost
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
    /// An open reader per top screen, so switching screens keeps one's place.
    public var readers: [TopScreen: ReaderState] = [:]
    /// The help screen's scroll, while it is open.
    public var help: Int?
    public var message: StatusMessage?
    public var quitRequested = false

    public init(rows: Int, cols: Int, options: ReaderOptions = ReaderOptions()) {
        self.rows = rows; self.cols = cols; screen = options.initialScreen
    }

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
}
