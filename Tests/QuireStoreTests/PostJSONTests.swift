import Foundation
import Testing
import QuireModel
@testable import QuireStore

/// The hand-written post encoder must write exactly what JSONEncoder writes: stored posts are
/// compared byte for byte to tell an unchanged post on re-import.
@Suite struct PostJSONTests {
    static func reference(_ post: Post) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(post)
    }

    /// Deterministic pseudo-random numbers (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func bool() -> Bool { int(2) == 0 }
    }

    /// Strings with everything JSON escapes or might: quotes, backslashes, every control
    /// character, slashes, DEL, non-ASCII, line and paragraph separators, emoji.
    static let pieces: [String] = [
        "plain", " ", "\"", "\\", "/", "</script>", "\u{7F}", "é", "漢字", "👩‍👩‍👧", "\u{2028}", "\u{2029}",
        "\u{FEFF}", "\u{FFFD}", "http://example.com/a?b=c&d", "\t", "\n", "\r\n", "'", "\u{0}",
    ] + (0..<32).map { String(UnicodeScalar(UInt8($0))) }

    static func string(_ r: inout Random) -> String {
        (0..<r.int(6)).map { _ in pieces[r.int(pieces.count)] }.joined()
    }

    static func date(_ r: inout Random) -> PostDate {
        PostDate(year: 1990 + r.int(40), month: 1 + r.int(12), day: 1 + r.int(28), hour: r.int(24),
                 minute: r.int(60), second: r.int(60), utcOffsetMinutes: r.bool() ? nil : r.int(1500) - 750)
    }

    static func inline(_ r: inout Random) -> Inline {
        switch r.int(4) {
        case 0: return .text(string(&r), InlineStyle(rawValue: UInt8(r.int(8))))
        case 1: return .footnoteMarker(label: string(&r))
        case 2: return .reference(index: r.int(1000), text: string(&r))
        default: return .lineBreak
        }
    }

    static func blocks(_ r: inout Random, depth: Int) -> [Block] {
        (0..<r.int(4)).map { _ in
            switch r.int(depth > 2 ? 4 : 7) {
            case 0: return .paragraph((0..<r.int(5)).map { _ in inline(&r) })
            case 1: return .heading(level: 1 + r.int(6), (0..<r.int(3)).map { _ in inline(&r) })
            case 2: return .code(string(&r))
            case 3: return r.bool() ? .elision : .rule
            case 4: return .quote(blocks(&r, depth: depth + 1))
            default: return .list(ordered: r.bool(), items: (0..<r.int(3)).map { _ in blocks(&r, depth: depth + 1) })
            }
        }
    }

    static func post(_ r: inout Random) -> Post {
        Post(sourceKey: string(&r), slug: string(&r), title: string(&r), date: date(&r),
             updated: r.bool() ? date(&r) : nil, author: r.bool() ? string(&r) : nil,
             permalink: r.bool() ? string(&r) : nil, aliases: (0..<r.int(3)).map { _ in string(&r) },
             labels: (0..<r.int(3)).map { _ in string(&r) }, document: Document(blocks: blocks(&r, depth: 0)),
             footnotes: (0..<r.int(3)).map { _ in Footnote(label: string(&r), blocks: blocks(&r, depth: 1)) },
             references: (0..<r.int(3)).map { _ in
                 Reference(kind: [.title, .url, .path][r.int(3)], target: string(&r), text: string(&r), explicit: r.bool())
             },
             commentCount: r.int(3) == 0 ? -r.int(5) : r.int(100000),
             comments: (0..<r.int(3)).map { _ in
                 Comment(sourceID: string(&r), parentID: r.bool() ? string(&r) : nil, author: string(&r),
                         date: r.bool() ? date(&r) : nil, blocks: blocks(&r, depth: 1), removed: r.bool())
             },
             kind: r.bool() ? "post" : "page")
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        var r = Random(state: 42)
        for _ in 0..<3000 {
            let p = Self.post(&r)
            let ours = PostJSON.encode(p)
            let theirs = try Self.reference(p)
            #expect(ours == theirs, "\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))")
            if ours != theirs { return }
        }
    }

    @Test func everyFieldSetAndEveryFieldEmpty() throws {
        var r = Random(state: 7)
        var full = Self.post(&r)
        full.updated = Self.date(&r); full.author = "A"; full.permalink = "https://x.org/a/b.html"
        full.comments = [Comment(sourceID: "1", parentID: "2", author: "B", date: Self.date(&r), blocks: [.rule], removed: true)]
        let empty = Post(sourceKey: "", slug: "", title: "", date: PostDate(year: 0, month: 0, day: 0))
        for p in [full, empty] {
            #expect(PostJSON.encode(p) == (try Self.reference(p)))
            #expect(try JSONDecoder().decode(Post.self, from: PostJSON.encode(p)) == p)
        }
    }
}
