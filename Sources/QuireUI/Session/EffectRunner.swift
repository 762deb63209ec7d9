import QuireModel

/// Runs the archive effects of `update` and turns their results into actions.
public enum EffectRunner {
    /// Whether an effect reads the archive or lays a large post out (and so may run off the
    /// UI thread).
    public static func readsArchive(_ effect: Effect) -> Bool {
        switch effect {
        case .loadYears, .loadPage, .loadLabels, .search, .loadPost, .findNeighbour, .countRead, .findUnread, .collectPosts: return true
        case .layOut: return true
        default: return false
        }
    }

    /// The action carrying the result, or nil for effects only the terminal can carry out.
    public static func run(_ effect: Effect, on archive: any ArchiveReading) -> Action? {
        do {
            switch effect {
            case .loadYears:
                return .yearsLoaded(try archive.years())
            case .loadPage(let target, let filter, let request, let needTotal):
                let total = needTotal ? try archive.count(filter) : nil
                let posts: [PostSummary]
                switch request {
                case .first: posts = try archive.posts(filter, after: nil, limit: PostPage.pageSize)
                case .after(let c): posts = try archive.posts(filter, after: c, limit: PostPage.pageSize)
                case .before(let c): posts = try archive.posts(filter, before: c, limit: PostPage.pageSize)
                case .last: posts = try archive.posts(filter, before: PostPage.endCursor, limit: PostPage.pageSize)
                }
                return .pageLoaded(target, request, posts, total: total)
            case .loadLabels(let within):
                return .labelsLoaded(within: within, try archive.labels(within: within))
            case .search(let query):
                return .searchLoaded(query: query, try archive.search(TypedQuery.effective(query), limit: SearchState.limit))
            case .loadPost(let id, let request):
                return .postLoaded(id, request, try archive.post(id))
            case .findNeighbour(let id, let newer, let filter, let screen):
                return .neighbourLoaded(newer: newer, try archive.neighbour(of: id, newer: newer, filter: filter), screen)
            case .countRead(let ids, let within):
                return .readCounted(within: within, try archive.groupCounts(of: ids, within: within))
            case .findUnread(let cursor, let filter, let request):
                if let next = try archive.posts(filter, after: cursor, limit: 1).first {
                    return .unreadFound(next, wrapped: false, request)
                }
                // Past the end of the list: round from its top.
                let first = cursor == nil ? nil : try archive.posts(filter, after: nil, limit: 1).first
                return .unreadFound(first, wrapped: first != nil, request)
            case .layOut(let request):
                return .laidOut(request, request.run())
            case .collectPosts(let filter, let what):
                return .postsCollected(try archive.posts(filter, after: nil, limit: Int(Int32.max)).map(\.id), what: what)
            default:
                return nil
            }
        } catch {
            return .failed("Could not read the archive: \(error)")
        }
    }
}
