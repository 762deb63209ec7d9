import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// Posts per month and per label are kept in tables of their own: after every import they
/// must equal what counting the posts gives.
@Suite struct CountTablesTests {
    static func expectCountsMatch(_ s: ArchiveStore) throws {
        let (months, labels) = try s.writer.read { db in
            (try Row.fetchAll(db, sql: "SELECT year, month, COUNT(*) AS n FROM post GROUP BY year, month ORDER BY year, month")
                .map { "\($0["year"] as Int)-\($0["month"] as Int): \($0["n"] as Int)" },
             try Row.fetchAll(db, sql: "SELECT l.name, COUNT(*) AS n FROM label l JOIN post_label pl ON pl.label_id = l.id GROUP BY l.id")
                .map { "\($0["name"] as String): \($0["n"] as Int)" })
        }
        let years = try s.years()
        let kept = years.flatMap { y in y.months.enumerated().filter { $0.element > 0 }.map { "\(y.year)-\($0.offset + 1): \($0.element)" } }
        #expect(kept.sorted() == months.sorted())
        #expect(try s.labels(within: []).map { "\($0.name): \($0.count)" }.sorted() == labels.sorted())
    }

    @Test func countsFollowEveryImport() throws {
        let s = try store(with: [
            makePost("One", "2008-01-03", labels: ["russia", "nmd"], key: "c:1"),
            makePost("Two", "2008-01-09", labels: ["russia"], key: "c:2"),
            makePost("Three", "2009-05-01", labels: ["food"], key: "c:3"),
        ])
        try Self.expectCountsMatch(s)
        #expect(try s.labels(within: []).first?.name == "russia")
        // A post moves to another month and loses a label; a new post and label arrive.
        _ = try s.importBatches([ImportBatch(format: "test", posts: [
            makePost("Two", "2010-02-02", labels: ["food"], key: "c:2"),
            makePost("Four", "2010-02-03", labels: ["travel"], key: "c:4"),
        ])])
        try Self.expectCountsMatch(s)
        #expect(try s.years().map(\.year) == [2010, 2009, 2008])
        #expect(try s.labels(within: []).map(\.name) == ["food", "nmd", "russia", "travel"])
    }
}
