import ArgumentParser
import Foundation
import QuireModel
import QuireStore

/// `quire list`: posts, newest first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List posts, newest first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(name: [.customLong("label"), .customLong("tag")], help: "Only posts with this label (repeat to narrow).")
    var labels: [String] = []
    @Option(help: "Only posts of this year.") var year: Int?
    @Option(help: "Only posts of this month (1-12).") var month: Int?
    @Option(help: "At most this many posts.") var limit = 50

    func validate() throws {
        if let month, !(1...12).contains(month) { throw ValidationError("--month must be between 1 and 12") }
        if limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        let filter = PostFilter(labels: labels, year: year, month: month)
        let posts = try store.posts(filter, after: nil, limit: limit)
        if output.json { return try Output.json(posts.map(PostJSON.init)) }
        for p in posts { Output.line("\(p.date.isoDay)  \(p.title)  [\(p.slug)]") }
        let total = try store.count(filter)
        if total > posts.count { Output.line("(\(posts.count) of \(total); --limit N for more)") }
    }
}

/// `quire labels` (alias `tags`): labels with post counts.
struct LabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "labels", abstract: "Labels with their post counts.",
                                                    aliases: ["tags"])
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .long, help: "Sort by name instead of by count.") var byName = false

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        var labels = try store.labels(within: [])
        if byName { labels.sort { $0.name.lowercased() < $1.name.lowercased() } }
        if output.json { return try Output.json(labels.map { LabelJSON(name: $0.name, count: $0.count) }) }
        let width = String(labels.map(\.count).max() ?? 0).count
        for l in labels { Output.line(String(repeating: " ", count: width - String(l.count).count) + "\(l.count)  \(l.name)") }
    }
}

/// `quire archive`: the year and month tree with counts.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "archive", abstract: "Posts per year and month.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        let years = try store.years()
        if output.json {
            return try Output.json(years.map(YearJSON.init))
        }
        for y in years {
            Output.line("\(y.year)  (\(y.count))")
            for (i, n) in y.months.enumerated().reversed() where n > 0 {
                Output.line("  \(PostDate.monthNames[i])  (\(n))")
            }
        }
    }
}

struct PostJSON: Encodable {
    var id: Int64, slug: String, title: String, date: String, comments: Int
    init(_ p: PostSummary) { id = p.id; slug = p.slug; title = p.title; date = p.date.isoDay; comments = p.commentCount }
}
struct LabelJSON: Encodable { var name: String, count: Int }
struct MonthJSON: Encodable { var month: Int, count: Int }
struct YearJSON: Encodable {
    var year: Int, count: Int, months: [MonthJSON]
    /// Months with posts, newest first.
    init(_ y: YearCount) {
        year = y.year; count = y.count
        months = y.months.enumerated().filter { $0.element > 0 }.map { MonthJSON(month: $0.offset + 1, count: $0.element) }.reversed()
    }
}
