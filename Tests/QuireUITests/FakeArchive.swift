import QuireModel
@testable import QuireUI

/// An in-memory archive for tests: a few posts with CJK text, footnotes, resolved and dangling
/// references, backlinks and comments. It records what was asked of it, so tests can check
/// that lists are paged.
final class FakeArchive: ArchiveReading {
    private(set) var stored: [StoredPost] = []
    private(set) var pageRequests: [(filter: PostFilter, limit: Int)] = []
    private(set) var searches: [String] = []

    init(_ posts: [(PostID, Post)]) {
        let titles = Dictionary(uniqueKeysWithValues: posts.map { ($0.1.title.lowercased(), $0.0) })
        for (id, post) in posts {
            let targets = post.references.map { ref -> ReferenceTarget in
                if ref.kind == .url, ref.target.hasPrefix("http") { return .external(url: ref.target) }
                if let to = titles[ref.target.lowercased()] { return .post(to, title: posts.first { $0.0 == to }!.1.title) }
                return ref.explicit ? .dangling : .none
            }
            stored.append(StoredPost(id: id, post: post, targets: targets, backlinks: []))
        }
        for i in stored.indices {
            for (j, other) in stored.enumerated() where other.targets.contains(where: {
                if case .post(let to, _) = $0 { return to == stored[i].id } else { return false }
            }) {
                stored[i].backlinks.append(stored[j].summary)
            }
            stored[i].backlinks.sort { $0.date < $1.date }
        }
    }

    private func newestFirst(_ filter: PostFilter) -> [PostSummary] {
        stored.filter { s in
            filter.labels.allSatisfy(s.post.labels.contains)
                && (filter.year == nil || s.post.date.year == filter.year)
                && (filter.month == nil || s.post.date.month == filter.month)
                && !filter.excluding.contains(s.id)
        }
        .map(\.summary)
        .sorted { ($0.date.sortKey, $0.id) > ($1.date.sortKey, $1.id) }
    }

    private static func key(_ c: PostCursor) -> (String, PostID) { (c.sortKey, c.id) }

    func years() throws -> [YearCount] {
        var byYear: [Int: [Int]] = [:]
        for s in stored {
            var months = byYear[s.post.date.year] ?? Array(repeating: 0, count: 12)
            months[s.post.date.month - 1] += 1
            byYear[s.post.date.year] = months
        }
        return byYear.keys.sorted(by: >).map { YearCount(year: $0, count: byYear[$0]!.reduce(0, +), months: byYear[$0]!) }
    }

    func posts(_ filter: PostFilter, after cursor: PostCursor?, limit: Int) throws -> [PostSummary] {
        pageRequests.append((filter, limit))
        let all = newestFirst(filter)
        guard let cursor else { return Array(all.prefix(limit)) }
        return Array(all.filter { ($0.date.sortKey, $0.id) < Self.key(cursor) }.prefix(limit))
    }

    func posts(_ filter: PostFilter, before cursor: PostCursor, limit: Int) throws -> [PostSummary] {
        pageRequests.append((filter, limit))
        return Array(newestFirst(filter).reversed().filter { ($0.date.sortKey, $0.id) > Self.key(cursor) }.prefix(limit))
    }

    func count(_ filter: PostFilter) throws -> Int { newestFirst(filter).count }

    func labels(within: [String]) throws -> [LabelCount] {
        var counts: [String: Int] = [:]
        for s in stored where within.allSatisfy(s.post.labels.contains) {
            for l in s.post.labels where !within.contains(l) { counts[l, default: 0] += 1 }
        }
        return counts.map { LabelCount(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    func search(_ query: String, limit: Int) throws -> [SearchHit] {
        searches.append(query)
        let q = SearchQuery(parsing: query)
        let words = q.positiveTerms.flatMap(\.words)
        guard !words.isEmpty else { return [] }
        var hits: [SearchHit] = []
        for s in stored.sorted(by: { $0.post.date > $1.post.date }) {
            let text = s.post.title + " " + s.post.document.plainText
            let lower = text.lowercased()
            guard q.labels.allSatisfy(s.post.labels.contains) else { continue }
            guard words.allSatisfy(lower.contains) else {
                // Only in a comment (its author or its text): the hit says which.
                let comments = s.post.comments.map { ($0.author, $0.blocks.map(\.plainText).joined(separator: " ")) }
                if let i = comments.firstIndex(where: { c in words.allSatisfy { (c.0 + " " + c.1).lowercased().contains($0) } }) {
                    hits.append(SearchHit(post: s.summary, snippet: Self.mark(comments[i].1, words),
                                          comment: SearchHit.InComment(index: i, author: comments[i].0)))
                }
                continue
            }
            let first = lower.range(of: words[0])!
            let startOffset = max(0, lower.distance(from: lower.startIndex, to: first.lowerBound) - 20)
            let snippetChars = Array(text).dropFirst(startOffset).prefix(70)
            let snippet = String(snippetChars)
            hits.append(SearchHit(post: s.summary, snippet: Self.mark(snippet, words)))
        }
        return Array(hits.prefix(limit))
    }

    private static func mark(_ text: String, _ words: [String]) -> MarkedText {
        let chars = Array(text)
        let lower = chars.map { $0.lowercased() }
        var isHit = Array(repeating: false, count: chars.count)
        for word in words {
            let w = word.map { String($0) }
            var i = 0
            while i + w.count <= chars.count {
                if (0..<w.count).allSatisfy({ lower[i + $0] == w[$0] }) { for k in i..<(i + w.count) { isHit[k] = true } }
                i += 1
            }
        }
        var parts: [MarkedText.Part] = []
        var i = 0
        while i < chars.count {
            let hit = isHit[i]
            var t = ""
            while i < chars.count, isHit[i] == hit { t.append(chars[i]); i += 1 }
            parts.append(.init(text: t, isHit: hit))
        }
        return MarkedText(parts: parts)
    }

    func post(_ id: PostID) throws -> StoredPost? { stored.first { $0.id == id } }

    func groupCounts(of ids: [PostID], within: [String]) throws -> GroupCounts {
        let chosen = stored.filter { ids.contains($0.id) }
        var byYear: [Int: [Int]] = [:]
        for s in chosen { byYear[s.post.date.year, default: Array(repeating: 0, count: 12)][s.post.date.month - 1] += 1 }
        var labels: [String: Int] = [:]
        for s in chosen where within.allSatisfy(s.post.labels.contains) {
            for l in s.post.labels where !within.contains(l) { labels[l, default: 0] += 1 }
        }
        return GroupCounts(years: byYear.keys.sorted(by: >).map { YearCount(year: $0, count: byYear[$0]!.reduce(0, +), months: byYear[$0]!) },
                           labels: labels.map { LabelCount(name: $0.key, count: $0.value) })
    }

    func neighbour(of id: PostID, newer: Bool, filter: PostFilter) throws -> PostSummary? {
        // As the store does: by the post's place in date order, whether or not the filter keeps it.
        guard let post = stored.first(where: { $0.id == id })?.summary else { return nil }
        let all = newestFirst(filter), key = Self.key(post.cursor)
        return newer ? all.last { Self.key($0.cursor) > key } : all.first { Self.key($0.cursor) < key }
    }
}
