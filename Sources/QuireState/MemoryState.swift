import QuireUI

/// Reading state that lives only as long as the process: for guest sessions (`quire read
/// --guest`, which `quire serve` runs), which must write nothing anywhere. Read posts,
/// positions and bookmarks work as usual within the session and are gone after it.
public final class MemoryState: ReadingStateStore {
    private var marks = ReadingMarks()

    public init() {}

    public var loadProblem: String? { nil }

    public func load() -> ReadingMarks { marks }

    public func save(_ marks: ReadingMarks) throws { self.marks = marks }
}
