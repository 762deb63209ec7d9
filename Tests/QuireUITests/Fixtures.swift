import QuireModel

/// The posts of the fake archive.
enum Fixtures {
    static let seedID: PostID = 1
    static let targetID: PostID = 2
    static let cjkID: PostID = 3
    static let unicodeID: PostID = 4
    static let tripID: PostID = 5

    static func p(_ text: String) -> Block { .paragraph([.text(text, [])]) }

    static let seed = Post(
        sourceKey: "seed", slug: "missile-defense-talks-with-russia-fail",
        title: "Missile Defense Talks With Russia Fail",
        date: PostDate(year: 2007, month: 10, day: 12, hour: 9),
        labels: ["politics", "russia"],
        document: Document(blocks: [
            p("In a tense start to talks on a range of thorny issues, President Vladimir Putin on Friday warned U.S. officials to back off a plan to install missile defenses in eastern Europe."),
            .elision,
            p("Putin said the treaty must be made \"universal in nature.\""),
            .paragraph([.text("This is not going to ever make a breakthrough. Russia does not want to make a compromise on this", []),
                        .footnoteMarker(label: "1"), .text(". See also my post ", []),
                        .reference(index: 1, text: "\"The Lost Post\""), .text(". gah.", [])]),
            p("Unrelated closing words, long enough to wrap onto a second line when the window is narrow."),
        ]),
        footnotes: [Footnote(label: "1", blocks: [.paragraph([
            .text("Please read my post ", []),
            .reference(index: 0, text: "\"Why Does Russia Object to NMD in the EU?\""),
        ])])],
        references: [
            Reference(kind: .title, target: "Why Does Russia Object to NMD in the EU?", text: "\"Why Does Russia Object to NMD in the EU?\"", explicit: true),
            Reference(kind: .title, target: "The Lost Post", text: "\"The Lost Post\"", explicit: true),
        ])

    static let target = Post(
        sourceKey: "target", slug: "why-does-russia-object",
        title: "Why Does Russia Object to NMD in the EU?",
        date: PostDate(year: 2007, month: 10, day: 5, hour: 20),
        labels: ["politics", "russia", "europe"],
        document: Document(blocks: (1...30).map { p("Paragraph \($0) about missile defense in Europe and what Russia thinks of it.") }),
        commentCount: 2,
        comments: [
            Comment(sourceID: "c1", author: "Anna", date: PostDate(year: 2007, month: 10, day: 6), blocks: [p("Good point.")]),
            Comment(sourceID: "c2", parentID: "c1", author: "Boris", date: PostDate(year: 2007, month: 10, day: 7), blocks: [p("I disagree.")]),
        ])

    static let cjk = Post(
        sourceKey: "cjk", slug: "tokyo-spring", title: "東京の春",
        date: PostDate(year: 2007, month: 9, day: 20),
        labels: ["travel"],
        document: Document(blocks: [
            .paragraph([.text("東京の春はとても美しいです。桜の花が咲いて、多くの人が公園に集まります。", []),
                        .footnoteMarker(label: "a")]),
            p("漢字とかなの混ざった文章は、単語の間に空白がなくても折り返せます。"),
        ]),
        footnotes: [Footnote(label: "a", blocks: [p("上野公園のこと。")])])

    static let unicode = Post(
        sourceKey: "unicode", slug: "unicode", title: "Emoji and Unicode",
        date: PostDate(year: 2006, month: 12, day: 24),
        labels: ["misc"],
        document: Document(blocks: [
            p("Coffee ☕ and a family 👨‍👩‍👧 and a flag 🇫🇷 and café with e\u{301} combining."),
            p("Danger \u{1B}[31mred\u{1B}[0m text \u{1B}]0;pwned\u{07} and \u{9B}2J done."),
            .quote([p("A quoted line.")]),
            .list(ordered: false, items: [[p("first item")], [p("second item")]]),
            .code("let x = 1\n\tindented"),
        ]),
        references: [])

    static let trip = Post(
        sourceKey: "trip", slug: "europe-trip", title: "Europe trip",
        date: PostDate(year: 2006, month: 6, day: 1),
        labels: ["travel", "europe"],
        document: Document(blocks: [p("We went to Europe by train.")]))

    static var all: [(PostID, Post)] {
        [(seedID, seed), (targetID, target), (cjkID, cjk), (unicodeID, unicode), (tripID, trip)]
    }

    static func archive() -> FakeArchive { FakeArchive(all) }
}
