import QuireModel

/// Labels with counts, among posts carrying every label of `within`.
public struct LabelList: Hashable, Sendable {
    public var within: [String]
    /// Nil until loaded.
    public var items: [LabelCount]?
    public var loading = false
    public var cursor = ListCursor()
    /// Read posts per label, for lists narrowed by `within` (the top list uses the state's
    /// `readCounts`); nil until counted.
    public var read: [String: Int]?
    public init(within: [String]) { self.within = within }

    public func sorted(byName: Bool) -> [LabelCount] {
        (items ?? []).sorted { a, b in
            if byName { return a.name.lowercased() != b.name.lowercased() ? a.name.lowercased() < b.name.lowercased() : a.name < b.name }
            return a.count != b.count ? a.count > b.count : a.name.lowercased() < b.name.lowercased()
        }
    }
}

/// The posts carrying every one of some labels, newest first.
public struct LabelPosts: Hashable, Sendable {
    public var labels: [String]
    public var page: PostPage
    public var cursor = ListCursor()
    public init(labels: [String]) { self.labels = labels; page = PostPage(filter: PostFilter(labels: labels)) }
}

/// One level of the Labels screen: a list of labels, or the posts of the chosen ones.
public enum LabelLevel: Hashable, Sendable {
    case labels(LabelList)
    case posts(LabelPosts)
}

/// The Labels screen: a stack of levels, so that narrowing by a second label can be undone.
public struct LabelsState: Hashable, Sendable {
    public var sortByName = false
    public var levels: [LabelLevel] = [.labels(LabelList(within: []))]
    public init() {}

    public var top: LabelLevel {
        get { levels[levels.count - 1] }
        set { levels[levels.count - 1] = newValue }
    }
}
