import ArgumentParser
import Foundation
import QuireModel
import QuireUI

/// `quire-bench layout`: the reader's layout of posts that are large in one way: long comment
/// threads, and posts of megabytes of text. No store is needed: the posts are made here.
struct LayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "layout",
                                                    abstract: "Measure the layout of long comment threads and very large posts.")
    @Option(help: "Lengths of the reply chains to lay out, comma-separated.") var replies = "2000,20000,200000"
    @Option(help: "Size of the large posts, in MB.") var megabytes = 10

    func run() throws {
        print("comment threads: one chain, each comment a reply to the one before (layout at 100 columns, CPU time)")
        for n in replies.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            let stored = Self.thread(replies: n)
            let seconds = Self.seconds { _ = PostLayout(DocumentLayout(stored, inlineNotes: true), width: 100, highlight: .none, inlineNotes: true) }
            print(String(format: "  %7d replies: %8.1f ms  (%.2f ms per 1,000)", n, seconds * 1000, seconds * 1000 / Double(n) * 1000))
        }
        print("first frame of a \(megabytes) MB post laid out whole (layout + render of a 100×30 screen, CPU time)")
        for (name, stored) in [("paragraphs", Self.largePost(megabytes: megabytes, paragraphs: true)),
                               ("one paragraph", Self.largePost(megabytes: megabytes, paragraphs: false))] {
            let seconds = Self.seconds {
                let session = ReaderSession(archive: OnePostArchive(stored: stored), options: ReaderOptions(openPost: stored.id),
                                            rows: 30, cols: 100)
                _ = session.render()
            }
            print(String(format: "  %@: %.1f ms", name, seconds * 1000))
            // Where the time goes: the post's typed lines, then their wrapping to the width.
            var document: DocumentLayout?
            let typed = Self.seconds { document = DocumentLayout(stored, inlineNotes: true) }
            let wrapped = Self.seconds {
                if let document { _ = PostLayout(document, width: 100, highlight: .none, inlineNotes: true) }
            }
            print(String(format: "    of which typed lines %.1f ms, wrapping %.1f ms", typed * 1000, wrapped * 1000))
        }
        print("screen first, as in the terminal: the first frame, then the whole layout a worker makes (100×30, CPU time)")
        for (name, stored) in [("paragraphs", Self.largePost(megabytes: megabytes, paragraphs: true)),
                               ("one paragraph", Self.largePost(megabytes: megabytes, paragraphs: false))] {
            let document = DocumentLayout(stored, inlineNotes: true)
            // The middle: of the typed lines, or of the one long paragraph.
            let longest = document.lines.indices.max { document.lines[$0].spans.plainText.count < document.lines[$1].spans.plainText.count } ?? 0
            let middle = name == "paragraphs"
                ? SavedPosition(source: document.lines.count / 2, offset: 0, inlineNotes: true, sourceCount: document.lines.count)
                : SavedPosition(source: longest, offset: document.lines[longest].spans.plainText.count / 2, inlineNotes: true,
                                sourceCount: document.lines.count)
            for (place, saved) in [("top", nil), ("middle", middle)] as [(String, SavedPosition?)] {
                let f = Self.screenFirst(stored, saved: saved, rows: 30, cols: 100)
                print(String(format: "  %@, at its %@: first frame %.1f ms; whole layout %.1f ms more; after a resize %.1f ms",
                             name, place, f.frame * 1000, f.rest * 1000, f.resize * 1000))
            }
        }
    }

    /// Opens a post as the reader does when the store's worker brings it, draws the first frame,
    /// then takes in the whole layout the worker would make, then resizes the window.
    static func screenFirst(_ stored: StoredPost, saved: SavedPosition?, rows: Int, cols: Int) -> (frame: Double, rest: Double, resize: Double) {
        var state = AppState(rows: rows, cols: cols)
        if let saved { state.marks.positions[stored.id] = saved }
        var effects: [Effect] = []
        let frame = seconds {
            effects = update(&state, .postLoaded(stored.id, .open(.archive), stored))
            _ = render(state)
        }
        let rest = seconds {
            for case .layOut(let request) in effects { _ = update(&state, .laidOut(request, request.run())) }
            _ = render(state)
        }
        let resize = seconds {
            _ = update(&state, .event(.resize(rows: rows, cols: cols - 10)))
            _ = render(state)
        }
        return (frame, rest, resize)
    }

    /// The CPU time `body` takes on this thread: other processes sharing the machine's cores
    /// do not count, as they would in wall-clock time.
    static func seconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        body()
        return now() - start
    }

    static func thread(replies: Int) -> StoredPost {
        let comments = (0..<replies).map { i in
            Comment(sourceID: "c\(i)", parentID: i == 0 ? nil : "c\(i - 1)", author: "Reader \(i % 17)",
                    date: PostDate(year: 2015, month: 1 + i % 12, day: 1 + i % 28),
                    blocks: [.paragraph([.text("Reply number \(i), agreeing with the one above it.", [])])])
        }
        let post = Post(sourceKey: "thread", slug: "thread", title: "A long thread", date: PostDate(year: 2015, month: 1, day: 1),
                        document: Document(blocks: [.paragraph([.text("The post.", [])])]), commentCount: replies, comments: comments)
        return StoredPost(id: 1, post: post, targets: [], backlinks: [])
    }

    /// Words in paragraphs of about 600 bytes, or all in one paragraph.
    static func largePost(megabytes: Int, paragraphs: Bool) -> StoredPost {
        let words = ["harbour", "tide", "the", "sloop", "rigging", "of", "a", "mast", "wind", "東京", "and", "sail"]
        var blocks: [Block] = []
        var current = ""
        var total = 0
        var i = 0
        while total < megabytes << 20 {
            let word = words[(i * 7 + i / 5) % words.count]
            current += word + " "
            total += word.utf8.count + 1
            i += 1
            if paragraphs, current.utf8.count >= 600 { blocks.append(.paragraph([.text(current, [])])); current = "" }
        }
        if !current.isEmpty { blocks.append(.paragraph([.text(current, [])])) }
        let post = Post(sourceKey: "large", slug: "large", title: "A large post", date: PostDate(year: 2015, month: 1, day: 1),
                        document: Document(blocks: blocks))
        return StoredPost(id: 1, post: post, targets: [], backlinks: [])
    }
}

/// An archive of one post, for opening it in an off-screen reader.
final class OnePostArchive: ArchiveReading {
    let stored: StoredPost
    init(stored: StoredPost) { self.stored = stored }
    func years() throws -> [YearCount] { [YearCount(year: stored.post.date.year, count: 1, months: [1])] }
    func posts(_ filter: PostFilter, after cursor: PostCursor?, limit: Int) throws -> [PostSummary] { cursor == nil ? [stored.summary] : [] }
    func posts(_ filter: PostFilter, before cursor: PostCursor, limit: Int) throws -> [PostSummary] { [] }
    func count(_ filter: PostFilter) throws -> Int { 1 }
    func labels(within: [String]) throws -> [LabelCount] { [] }
    func search(_ query: String, limit: Int) throws -> [SearchHit] { [] }
    func post(_ id: PostID) throws -> StoredPost? { id == stored.id ? stored : nil }
    func neighbour(of id: PostID, newer: Bool, filter: PostFilter) throws -> PostSummary? { nil }
    func groupCounts(of ids: [PostID], within: [String]) throws -> GroupCounts { GroupCounts() }
}
