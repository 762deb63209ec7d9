import QuireModel

/// The UI core wired to an archive: feeds events through `update`, runs the effects against
/// the archive and renders frames. The backend, the benchmark and the tests all drive this.
public final class ReaderSession {
    public private(set) var state: AppState
    private let archive: any ArchiveReading

    public init(archive: any ArchiveReading, options: ReaderOptions = ReaderOptions(), rows: Int, cols: Int) {
        self.archive = archive
        state = AppState(rows: rows, cols: cols, options: options)
        send(.start)
        if let id = options.openPost { send(.postLoaded(id, .open(.archive), try? archive.post(id))) }
    }

    /// Handles a terminal event; returns what only the terminal can do (redraw, suspend, quit).
    @discardableResult
    public func handle(_ event: Event) -> [Effect] { send(.event(event)) }

    /// Presses keys one after another.
    @discardableResult
    public func press(_ keys: Key...) -> [Effect] { keys.flatMap { handle(.key($0)) } }

    /// Types text into whatever has the keyboard, one character at a time.
    @discardableResult
    public func type(_ text: String) -> [Effect] { text.flatMap { handle(.key(.char($0))) } }

    /// Runs an action and every effect it leads to.
    @discardableResult
    public func send(_ action: Action) -> [Effect] {
        var queue = [action]
        var terminal: [Effect] = []
        var steps = 0
        while !queue.isEmpty, steps < 1000 {
            steps += 1
            for effect in update(&state, queue.removeFirst()) {
                if let next = EffectRunner.run(effect, on: archive) { queue.append(next) } else { terminal.append(effect) }
            }
        }
        return terminal
    }

    /// The current frame.
    public func render() -> Canvas { QuireUI.render(state) }
}
