import QuireModel
@testable import QuireUI

/// A post with headings and links out of the archive, kept out of `Fixtures.all` so the
/// screens of the other tests stay as they are.
enum LinkFixtures {
    static let linksID: PostID = 6

    static let links = Post(
        sourceKey: "links", slug: "links-and-headings", title: "Links and Headings",
        date: PostDate(year: 2005, month: 3, day: 4),
        labels: ["misc"],
        document: Document(blocks: [
            .heading(level: 1, [.text("First part", [])]),
            .paragraph([.text("Read ", []), .reference(index: 0, text: "this page"), .text(" and ", []),
                        .reference(index: 1, text: "that one"), .text(".", []), .footnoteMarker(label: "1")]),
            .heading(level: 2, [.text("Details", [])]),
            .paragraph([.text("We went on a ", []), .reference(index: 2, text: "\"Europe trip\""), .text(".", [])]),
        ] + (1...30).map { Fixtures.p("Filler paragraph \($0) to make the post longer than a window.") } + [
            .heading(level: 1, [.text("Second part", [])]),
            .paragraph([.text("The end of the text.", [])]),
        ]),
        footnotes: [Footnote(label: "1", blocks: [Fixtures.p("A note.")])],
        references: [
            Reference(kind: .url, target: "https://example.com/a?b=1", text: "this page", explicit: true),
            Reference(kind: .url, target: "http://example.org/\u{1B}[31mred", text: "that one", explicit: true),
            Reference(kind: .title, target: "Europe trip", text: "\"Europe trip\"", explicit: true),
        ])

    static func archive() -> FakeArchive { FakeArchive(Fixtures.all + [(linksID, links)]) }
}

/// Reading state kept in memory, counting saves.
final class MemoryStateStore: ReadingStateStore {
    var marks: ReadingMarks
    private(set) var saves = 0
    var loadProblem: String?
    init(_ marks: ReadingMarks = ReadingMarks()) { self.marks = marks }
    func load() -> ReadingMarks { marks }
    func save(_ marks: ReadingMarks) throws { self.marks = marks; saves += 1 }
}
