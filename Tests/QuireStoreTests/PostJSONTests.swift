import Foundation
import Testing
import QuireModel
import QuireCorpus
@testable import QuireStore

/// The hand-written post encoder must write exactly what JSONEncoder writes: stored posts are
/// compared byte for byte to tell an unchanged post on re-import.
@Suite struct PostJSONTests {
    static func reference(_ post: Post) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(post)
    }

    /// Strings with everything JSON escapes or might: quotes, backslashes, every control
    /// character, slashes, DEL, non-ASCII, line and paragraph separators, emoji.
    static let pieces: [String] = [
        "plain", " ", "\"", "\\", "/", "</script>", "\u{7F}", "é", "漢字", "👩‍👩‍👧", "\u{2028}", "\u{2029}",
        "\u{FEFF}", "\u{FFFD}", "http://example.com/a?b=c&d", "\t", "\n", "\r\n", "'", "\u{0}",
    ] + (0..<32).map { String(UnicodeScalar(UInt8($0))) }

    static func string(_ r: inout SeededRandom) -> String {
        (0..<r.below(6)).map { _ in pieces[r.below(pieces.count)] }.joined()
    }

    static func date(_ r: inout SeededRandom) -> PostDate {
        PostDate(year: 1990 + r.below(40), month: 1 + r.below(12), day: 1 + r.below(28), hour: r.below(24),
                 minute: r.below(60), second: r.below(60), utcOffsetMinutes: r.chance(0.5) ? nil : r.below(1500) - 750)
    }

    static func inline(_ r: inout SeededRandom) -> Inline {
        switch r.below(4) {
        case 0: return .text(string(&r), InlineStyle(rawValue: UInt8(r.below(8))))
        case 1: return .footnoteMarker(label: string(&r))
        case 2: return .reference(index: r.below(1000), text: string(&r))
        default: return .lineBreak
        }
    }

    static func blocks(_ r: inout SeededRandom, depth: Int) -> [Block] {
        (0..<r.below(4)).map { _ in
            switch r.below(depth > 2 ? 4 : 8) {
            case 0: return .paragraph((0..<r.below(5)).map { _ in inline(&r) })
            case 1: return .heading(level: 1 + r.below(6), (0..<r.below(3)).map { _ in inline(&r) })
            case 2: return .code(string(&r))
            case 3:
                switch r.below(4) {
                case 0: return .elision
                case 1: return .rule
                case 2:
                    return .media(kind: MediaKind.allCases[r.below(MediaKind.allCases.count)], url: string(&r),
                                  title: r.chance(0.5) ? string(&r) : nil)
                default:
                    return .figure(.media(kind: .image, url: string(&r), title: nil), caption: (0..<r.below(3)).map { _ in inline(&r) })
                }
            case 4:
                switch r.below(3) {
                case 0: return .quote(blocks(&r, depth: depth + 1))
                case 1: return .definition(blocks(&r, depth: depth + 1))
                default: return .term((0..<r.below(3)).map { _ in inline(&r) })
                }
            case 5:
                let columns = 1 + r.below(3)
                let rows = (0..<r.below(4)).map { _ in (0..<columns).map { _ in (0..<r.below(3)).map { _ in inline(&r) } } }
                return .table(rows: rows, headerRows: r.below(rows.count + 1))
            default:
                let items = (0..<r.below(3)).map { _ in blocks(&r, depth: depth + 1) }
                if r.chance(0.5) { return .list(ordered: r.chance(0.5), items: items) }
                return .numberedList(numbers: items.map { _ in r.below(2000) - 1000 }, items: items)
            }
        }
    }

    static func post(_ r: inout SeededRandom) -> Post {
        Post(sourceKey: string(&r), slug: string(&r), title: string(&r), date: date(&r),
             updated: r.chance(0.5) ? date(&r) : nil, author: r.chance(0.5) ? string(&r) : nil,
             permalink: r.chance(0.5) ? string(&r) : nil, aliases: (0..<r.below(3)).map { _ in string(&r) },
             labels: (0..<r.below(3)).map { _ in string(&r) }, document: Document(blocks: blocks(&r, depth: 0)),
             footnotes: (0..<r.below(3)).map { _ in Footnote(label: string(&r), blocks: blocks(&r, depth: 1)) },
             references: (0..<r.below(3)).map { _ in
                 Reference(kind: [.title, .url, .path][r.below(3)], target: string(&r), text: string(&r), explicit: r.chance(0.5),
                           inComment: r.below(3) == 0)
             },
             commentCount: r.below(3) == 0 ? -r.below(5) : r.below(100000),
             comments: (0..<r.below(3)).map { _ in
                 Comment(sourceID: string(&r), parentID: r.chance(0.5) ? string(&r) : nil, author: string(&r),
                         date: r.chance(0.5) ? date(&r) : nil, blocks: blocks(&r, depth: 1), removed: r.chance(0.5))
             },
             kind: r.chance(0.5) ? "post" : "page",
             pingbacks: (0..<(r.chance(0.5) ? 0 : r.below(3))).map { _ in
                 Pingback(kind: [.pingback, .trackback, .webmention][r.below(3)], source: string(&r),
                          url: r.chance(0.5) ? string(&r) : nil, date: r.chance(0.5) ? date(&r) : nil, excerpt: string(&r))
             },
             passwordProtected: r.below(4) == 0)
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        var r = SeededRandom(seed: 42)
        for _ in 0..<3000 {
            let p = Self.post(&r)
            let ours = PostJSON.encode(p)
            let theirs = try Self.reference(p)
            #expect(ours == theirs, "\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))")
            if ours != theirs { return }
        }
    }

    @Test func everyFieldSetAndEveryFieldEmpty() throws {
        var r = SeededRandom(seed: 7)
        var full = Self.post(&r)
        full.updated = Self.date(&r); full.author = "A"; full.permalink = "https://x.org/a/b.html"
        full.comments = [Comment(sourceID: "1", parentID: "2", author: "B", date: Self.date(&r), blocks: [.rule], removed: true)]
        full.pingbacks = [Pingback(kind: .trackback, source: "S", url: "https://y.org/", date: Self.date(&r), excerpt: "[…] e […]")]
        full.passwordProtected = true
        full.references.append(Reference(kind: .url, target: "/a", text: "a", explicit: true, inComment: true))
        let empty = Post(sourceKey: "", slug: "", title: "", date: PostDate(year: 0, month: 0, day: 0))
        for p in [full, empty] {
            #expect(PostJSON.encode(p) == (try Self.reference(p)))
            #expect(try JSONDecoder().decode(Post.self, from: PostJSON.encode(p)) == p)
        }
    }

    /// A post stored before pingbacks, password flags and comment references existed reads
    /// back with none of them, and encodes to the same bytes it was stored as.
    @Test func postsStoredBeforeTheNewFieldsReadTheSame() throws {
        let old = #"{"aliases":[],"commentCount":0,"comments":[],"date":{"day":2,"hour":0,"minute":0,"month":1,"second":0,"year":2020},"document":{"blocks":[{"p":[{"r":0,"x":"a"}]}]},"footnotes":[],"kind":"post","labels":[],"references":[{"explicit":true,"kind":"url","target":"/a","text":"a"}],"slug":"s","sourceKey":"k","title":"T"}"#
        let post = try JSONDecoder().decode(Post.self, from: Data(old.utf8))
        #expect(post.pingbacks.isEmpty && !post.passwordProtected && post.references[0].inComment == false)
        #expect(String(decoding: PostJSON.encode(post), as: UTF8.self) == old)
    }
}
