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
    private let stateStore: (any ReadingStateStore)?
    private var savedRevision = 0
    private var saveFailed = false

    /// - Parameter stateStore: where read posts, positions and bookmarks are kept between
    ///   runs; nil keeps them for this session only.
    public init(archive: any ArchiveReading, options: ReaderOptions = ReaderOptions(), rows: Int, cols: Int,
                synchronous: Bool = true, stateStore: (any ReadingStateStore)? = nil) {
        self.archive = archive
        self.synchronous = synchronous
        self.stateStore = stateStore
        state = AppState(rows: rows, cols: cols, options: options)
        if let stateStore { state.marks = stateStore.load() }
        let last = state.marks.last
        savedRevision = state.marksRevision
        send(.start)
        if let id = options.openPost {
            send(.openPost(id, .archive))
        } else if options.resume, let last {
            send(.resume(last))
        }
        if let problem = stateStore?.loadProblem {
            state.message = StatusMessage(problem, isError: true)
        } else if let text = options.startMessage, state.message == nil {
            state.message = StatusMessage(text, isError: true)
        }
    }

    /// Saves the reading state now, with the place in the open post (on quitting, suspending,
    /// or a signal that ends the reader).
    public func persist() {
        guard let stateStore else { return }
        savedRevision = state.marksRevision
        do {
            try stateStore.save(state.marks)
        } catch where !saveFailed {
            // Said once: reading goes on, the marks stay in memory.
            saveFailed = true
            state.message = StatusMessage("Could not save the reading state: \(error)", isError: true)
        } catch {}
    }

    /// Saves when marks, bookmarks or the place changed since the last save. Deferred, the
    /// save waits in `storeWork` for the worker (a large state takes a while to write); the
    /// terminal saves with `persist` itself when it quits, once the worker has stopped.
    private func persistIfChanged(_ terminal: [Effect]) {
        guard stateStore != nil else { return }
        let changed = state.marksRevision != savedRevision
        if synchronous {
            if changed || terminal.contains(.quit) || terminal.contains(.suspend) { persist() }
        } else if changed || terminal.contains(.suspend) {
            savedRevision = state.marksRevision
            outbox.append(.saveMarks(state.marks))
        }
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
        terminal += runPendingSearch()
        persistIfChanged(terminal)
        return terminal
    }

    /// Takes in results that a worker computed (deferred mode); returns terminal effects.
    @discardableResult
    public func deliver(_ results: [Action]) -> [Effect] {
        let terminal = results.flatMap { send($0, deferringSearch: false) }
        persistIfChanged(terminal)
        return terminal
    }

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
    public func send(_ action: Action) -> [Effect] {
        let terminal = send(action, deferringSearch: false)
        persistIfChanged(terminal)
        return terminal
    }

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
