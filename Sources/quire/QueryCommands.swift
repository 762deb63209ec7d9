import ArgumentParser
import Foundation
import QuireModel
import QuireStore
import QuireUI

/// `quire search QUERY`: ranked hits with snippets.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search titles, text, footnotes and comments.",
        discussion: """
            Words, "phrases", prefix*, -excluded, label:NAME (or tag:NAME), title:WORD, year:2007. \
            Any text is a valid query.

            Words in Latin, Cyrillic, Greek and other scripts written with spaces are found in any \
            form the stemmer folds together (defense, defenses), accents ignored (cafe finds café). \
            Japanese, Chinese, Korean, Thai, Lao, Khmer and Burmese text is found wherever it \
            occurs, inside longer words and sentences too, and a single character finds every post \
            holding it. Text that mixes scripts (a product name followed by Japanese) finds both \
            parts. Comments are searched too: a hit in a comment says so ("in a comment by NAME").
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "At most this many hits.") var limit = 20
    @Argument(parsing: .remaining, help: "The query.") var query: [String]

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        let hits = try store.search(query.joined(separator: " "), limit: max(0, limit))
        if output.json { return try Output.json(hits.map(HitJSON.init)) }
        if hits.isEmpty { Output.line("no posts match"); return }
        for (i, hit) in hits.enumerated() {
            Output.line("\(i + 1). \(hit.post.date.isoDay)  \(hit.post.title)  [\(hit.post.slug)]")
            let place = hit.comment.map { "in a comment by \(Sanitizer.clean($0.author.isEmpty ? "Anonymous" : $0.author)): " } ?? ""
            Output.styledLine("   " + place + Output.marked(hit.snippet))
        }
    }
}

/// `quire links POST`: references out of a post and backlinks into it.
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "links", abstract: "A post's references and backlinks.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The post: its id, its slug or its exact title.") var post: String

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        let stored = try PostLookup.one(post, in: store)
        let links = try LinkList(stored, slugsFrom: store)
        if output.json { return try Output.json(links) }
        Output.line("\(stored.post.title) (\(stored.post.date.isoDay))")
        Output.line()
        Output.line("References (\(links.references.count)):")
        if links.references.isEmpty { Output.line("  none") }
        for r in links.references {
            let target: String
            switch r.status {
            case "post": target = "-> \(r.title ?? "")" + (r.slug.map { $0.isEmpty ? "" : " [\($0)]" } ?? "")
            case "dangling": target = "-> not in the archive"
            default: target = "-> \(r.target) (outside the archive)"
            }
            Output.line("  \(r.number). \(r.text)  \(target)")
        }
        Output.line()
        Output.line("Referenced by (\(links.backlinks.count)):")
        if links.backlinks.isEmpty { Output.line("  none") }
        for b in links.backlinks { Output.line("  \(b.date)  \(b.title)  [\(b.slug)]") }
    }
}

/// `quire stats`: counts over the whole store, posts per year and month, the busiest labels.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts over the whole archive, with bars.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many of the busiest labels to show.") var labels = 10

    /// The counts at the top level (as scripts read them), with the years and labels beside.
    struct StatsJSON: Encodable {
        var counts: ArchiveStats
        var years: [YearJSON]
        var labels: [LabelJSON]
        enum Key: String, CodingKey { case years, busiestLabels }
        func encode(to encoder: Encoder) throws {
            try counts.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(years, forKey: .years)
            try c.encode(labels, forKey: .busiestLabels)
        }
    }

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        let s = try store.stats()
        let years = try store.years()
        let busiest = Array(try store.labels(within: []).prefix(max(0, labels)))
        if output.json {
            return try Output.json(StatsJSON(counts: s, years: years.map(YearJSON.init), labels: busiest.map {
                LabelJSON(name: $0.name, count: $0.count)
            }))
        }
        let rows: [(String, String)] = [
            ("posts", "\(s.posts)"), ("pages", "\(s.pages)"), ("drafts skipped", "\(s.draftsSkipped)"),
            ("labels", "\(s.labels)"), ("footnotes", "\(s.footnotes)"), ("comments", "\(s.comments)"),
            ("pingbacks", "\(s.pingbacks)"),
            ("references resolved", "\(s.referencesResolved)"), ("references dangling", "\(s.referencesDangling)"),
            ("comment references", "\(s.commentReferences)"),
            ("links out", "\(s.externalLinks)"), ("words", "\(s.words)"),
            ("first post", s.firstDate ?? "-"), ("last post", s.lastDate ?? "-"),
        ]
        for (name, value) in rows { Output.line(name.padding(toLength: 21, withPad: " ", startingAt: 0) + value) }
        guard !years.isEmpty else { return }

        Output.line()
        Output.line("Posts per year (months January to December)")
        let yearPeak = years.map(\.count).max() ?? 0
        let monthPeak = years.flatMap(\.months).max() ?? 0
        let countWidth = String(yearPeak).count
        for y in years {
            let count = String(repeating: " ", count: countWidth - String(y.count).count) + "\(y.count)"
            Output.line("  \(y.year)  \(Bars.sparkline(y.months, peak: monthPeak))  \(count)  \(Bars.horizontal(y.count, peak: yearPeak, width: 30))")
        }
        guard !busiest.isEmpty else { return }
        Output.line()
        Output.line("Busiest labels")
        let nameWidth = min(24, busiest.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let labelPeak = busiest.map(\.count).max() ?? 0
        for l in busiest {
            let name = Wrap.wrap(l.name, width: nameWidth).first ?? ""
            let pad = String(repeating: " ", count: max(0, nameWidth - DisplayWidth.of(name)))
            let count = String(repeating: " ", count: String(labelPeak).count - String(l.count).count) + "\(l.count)"
            Output.line("  \(name)\(pad)  \(count)  \(Bars.horizontal(l.count, peak: labelPeak, width: 30))")
        }
    }
}

struct HitJSON: Encodable {
    /// A hit found only in a comment: the comment's place among the post's comments (from 0).
    struct CommentJSON: Encodable { var index: Int, author: String }
    var id: Int64, slug: String, title: String, date: String, snippet: String, hits: [String]
    var comment: CommentJSON?
    init(_ h: SearchHit) {
        id = h.post.id; slug = h.post.slug; title = h.post.title; date = h.post.date.isoDay
        snippet = h.snippet.plain; hits = h.snippet.parts.filter(\.isHit).map(\.text)
        comment = h.comment.map { CommentJSON(index: $0.index, author: $0.author) }
    }
}

/// The numbered references of a post (those that lead somewhere or were meant to) and its backlinks.
struct LinkList: Encodable {
    struct Ref: Encodable {
        var number: Int, text: String, target: String, status: String
        var postID: Int64?, title: String?, slug: String?
    }
    struct Backlink: Encodable { var id: Int64, slug: String, title: String, date: String }
    var references: [Ref] = []
    var backlinks: [Backlink]

    init(_ stored: StoredPost) {
        for numbered in stored.numberedReferences {
            let ref = stored.post.references[numbered.index], number = numbered.number
            switch numbered.target {
            case .post(let id, let title):
                references.append(Ref(number: number, text: ref.text, target: ref.target, status: "post",
                                      postID: id, title: title, slug: nil))
            case .dangling:
                references.append(Ref(number: number, text: ref.text, target: ref.target, status: "dangling"))
            case .external(let url):
                references.append(Ref(number: number, text: ref.text, target: url, status: "external"))
            case .none:
                continue
            }
        }
        backlinks = stored.backlinks.map { Backlink(id: $0.id, slug: $0.slug, title: $0.title, date: $0.date.isoDay) }
    }

    /// The list with the slug of every post a reference leads to, looked up in the store.
    init(_ stored: StoredPost, slugsFrom store: ArchiveStore) throws {
        self.init(stored)
        for i in references.indices {
            guard let id = references[i].postID else { continue }
            references[i].slug = try store.find(String(id)).first { $0.id == id }?.slug
        }
    }
}
