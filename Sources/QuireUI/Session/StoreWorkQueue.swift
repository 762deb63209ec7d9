import QuireModel

/// The archive reads a worker thread has still to run, one at a time, in order, with the
/// ones a newer request makes pointless left out.
///
/// A newer search replaces a search not yet started, and results of any search but the
/// newest are dropped (typing "missile" never shows the hits for "mis" last). A newer
/// "open a post" replaces one not yet started, and so do a newer count of read posts and a
/// newer save of the reading state. A read asked for again while the same read
/// is waiting or running is asked for once (`]` pressed three times before the next post
/// arrived moves once). Everything else runs: pages the lists wait for are never lost.
public struct StoreWorkQueue: Sendable {
    private var waiting: [Effect] = []
    private var running: Effect?
    /// The newest search asked for.
    public private(set) var latestSearch: String?

    public init() {}

    public var isEmpty: Bool { waiting.isEmpty }

    public mutating func add(_ effects: [Effect]) {
        for effect in effects {
            if case .saveMarks = effect {} else if effect == running || waiting.contains(effect) { continue }
            switch effect {
            case .search(let query):
                latestSearch = query
                waiting.removeAll { if case .search = $0 { return true } else { return false } }
            case .loadPost(_, .open):
                waiting.removeAll { if case .loadPost(_, .open) = $0 { return true } else { return false } }
            case .countRead(_, let within):
                // Only the newest set of read posts matters.
                waiting.removeAll { if case .countRead(_, within) = $0 { return true } else { return false } }
            case .saveMarks:
                // Each save writes the whole state: the newest one is enough.
                waiting.removeAll { if case .saveMarks = $0 { return true } else { return false } }
            default:
                break
            }
            waiting.append(effect)
        }
    }

    /// The next read to run, now marked as running.
    public mutating func next() -> Effect? {
        guard !waiting.isEmpty else { return nil }
        running = waiting.removeFirst()
        return running
    }

    /// The running read is done; returns its result if it is still wanted.
    public mutating func finish(_ result: Action?) -> Action? {
        running = nil
        guard let result else { return nil }
        if case .searchLoaded(let query, _) = result, query != latestSearch { return nil }
        return result
    }
}
