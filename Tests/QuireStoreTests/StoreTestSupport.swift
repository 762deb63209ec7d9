import QuireModel
@testable import QuireStore

/// A small post for store tests; `body` is one paragraph per element, and quoted titles in it
/// become title references the way the plain-text reader makes them.
func makePost(_ title: String, _ day: String, labels: [String] = [], body: [String] = ["Some text."],
              refs: [(String, Bool)] = [], notes: [String] = [], key: String? = nil) -> Post {
    var blocks: [Block] = body.map { .paragraph([.text($0, [])]) }
    var references: [Reference] = []
    for (target, explicit) in refs {
        references.append(Reference(kind: .title, target: target, text: target, explicit: explicit))
        blocks.append(.paragraph([.text("See ", []), .reference(index: references.count - 1, text: "\"\(target)\"")]))
    }
    let footnotes = notes.enumerated().map { Footnote(label: "\($0.offset + 1)", blocks: [.paragraph([.text($0.element, [])])]) }
    return Post(sourceKey: key ?? "test:\(title)", slug: Slug.make(title), title: title,
                date: PostDate(sortKey: day)!, labels: labels, document: Document(blocks: blocks),
                footnotes: footnotes, references: references)
}

func store(with posts: [Post]) throws -> ArchiveStore {
    let s = try ArchiveStore.inMemory()
    _ = try s.importBatches([ImportBatch(format: "test", posts: posts)])
    return s
}
