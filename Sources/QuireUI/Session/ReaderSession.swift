import QuireModel

/// The UI core wired to an archive: feeds events through `update`, runs the effects against
/// the archive and renders frames. The backend, the benchmark and the tests all drive this.
///
/// Synchronous (tests, benchmark, the first frame off-screen): archive reads run inline, so
/// every key sees their results. Deferred (the terminal): archive reads wait in `storeWork`
/// for a worker thread, whose results come back through `deliver`, so keys never wait for
/// the store.
public final class ReaderSession {
    public private(set) var state: AppState
    private let archive: any ArchiveReading
    private let synchronous: Bool
    /// Archive reads waiting for the worker (deferred mode only).
    private var outbox: [Effect] = []

    public init(archive: any ArchiveReading, options: ReaderOptions = ReaderOptions(), rows: Int, cols: Int,
                synchronous: Bool = true) {
        self.archive = archive
        self.synchronous = synchronous
        state = AppState(rows: rows, cols: cols, options: options)
        send(.start)
        if let id = options.openPost { send(.openPost(id, .archive)) }
    }

    /// Handles a terminal event; returns what only the terminal can do (redraw, suspend, quit).
    @discardableResult
    public func handle(_ event: Event) -> [Effect] { handle([event]) }

    /// Handles events that arrived together (typeahead, a paste). Searching as you type runs
    /// once, for the query as it stands after the last of them, not once per character.
    @discardableResult
    public func handle(_ events: [Event]) -> [Effect] {
        var terminal: [Effect] = []
        for event in events {
            // Only typing may run ahead of the results; any other key (Enter, ↓) sees them.
            switch event {
            case .key(.char), .key(.backspace): break
            default: terminal += runPendingSearch()
            }
            terminal += send(.event(event), deferringSearch: true)
            if terminal.contains(.quit) { break }
        }
        return terminal + runPendingSearch()
    }

    /// Takes in results that a worker computed (deferred mode); returns terminal effects.
    @discardableResult
    public func deliver(_ results: [Action]) -> [Effect] { results.flatMap { send($0) } }

    /// Archive reads for the worker, oldest first; empties the list.
    public func takeStoreWork() -> [Effect] {
        defer { outbox = [] }
        return outbox
    }

    private func runPendingSearch() -> [Effect] {
        guard let query = pendingSearch else { return [] }
        pendingSearch = nil
        return send(EffectRunner.run(.search(query), on: archive) ?? .failed("search failed"))
    }

    /// Presses keys one after another.
    @discardableResult
    public func press(_ keys: Key...) -> [Effect] { keys.flatMap { handle(.key($0)) } }

    /// Types text into whatever has the keyboard, one character at a time.
    @discardableResult
    public func type(_ text: String) -> [Effect] { text.flatMap { handle(.key(.char($0))) } }

    /// Runs an action and every effect it leads to.
    @discardableResult
    public func send(_ action: Action) -> [Effect] { send(action, deferringSearch: false) }

    private var pendingSearch: String?

    private func send(_ action: Action, deferringSearch: Bool) -> [Effect] {
        var queue = [action]
        var terminal: [Effect] = []
        var steps = 0
        while !queue.isEmpty, steps < 1000 {
            steps += 1
            for effect in update(&state, queue.removeFirst()) {
                if !synchronous, EffectRunner.readsArchive(effect) {
                    outbox.append(effect)
                } else if deferringSearch, case .search(let query) = effect {
                    pendingSearch = query
                } else if let next = EffectRunner.run(effect, on: archive) {
                    queue.append(next)
                } else {
                    terminal.append(effect)
                }
            }
        }
        return terminal
    }

    /// The current frame.
    public func render() -> Canvas { QuireUI.render(state) }
}
