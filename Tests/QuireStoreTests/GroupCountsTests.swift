import Foundation
import Testing
import QuireModel
@testable import QuireStore

/// Counts of a set of posts per month and label (the reader's unread counts), and the store's
/// identity that names its reading-state file.
@Suite struct GroupCountsTests {
    func sample() throws -> (ArchiveStore, [String: PostID]) {
        let s = try store(with: [
            makePost("A", "2007-10-12", labels: ["russia", "politics"]),
            makePost("B", "2007-10-05", labels: ["russia", "europe"]),
            makePost("C", "2007-09-20", labels: ["travel"]),
            makePost("D", "2006-06-01", labels: ["travel", "europe"]),
        ])
        var ids: [String: PostID] = [:]
        for t in ["A", "B", "C", "D"] { ids[t] = try #require(try s.find(t).first?.id) }
        return (s, ids)
    }

    @Test func countsPerMonthAndLabel() throws {
        let (s, ids) = try sample()
        let counts = try s.groupCounts(of: [ids["A"]!, ids["B"]!, ids["D"]!, 9999], within: [])
        #expect(counts.years.map(\.year) == [2007, 2006])
        #expect(counts.years[0].count == 2 && counts.years[0].months[9] == 2 && counts.years[0].months[8] == 0)
        #expect(counts.years[1].months[5] == 1)
        let labels = Dictionary(uniqueKeysWithValues: counts.labels.map { ($0.name, $0.count) })
        #expect(labels == ["russia": 2, "europe": 2, "politics": 1, "travel": 1])
    }

    @Test func labelCountsWithinLabelsLeaveThoseLabelsOut() throws {
        let (s, ids) = try sample()
        let counts = try s.groupCounts(of: Array(ids.values), within: ["russia"])
        let labels = Dictionary(uniqueKeysWithValues: counts.labels.map { ($0.name, $0.count) })
        #expect(labels == ["politics": 1, "europe": 1])
        #expect(try s.groupCounts(of: Array(ids.values), within: ["no such label"]).labels.isEmpty)
        #expect(try s.groupCounts(of: [], within: []) == GroupCounts())
    }

    @Test func identityIsRandomPerStoreAndKeptAcrossOpenings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-identity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.sqlite").path, b = dir.appendingPathComponent("b.sqlite").path
        let first = try ArchiveStore(path: a).identity(path: a)
        #expect(first.count == 32 && first.allSatisfy(\.isHexDigit))
        #expect(try ArchiveStore(path: a).identity(path: a) == first)
        #expect(try ArchiveStore(readingOnly: a).identity(path: a) == first)
        #expect(try ArchiveStore(path: b).identity(path: b) != first)
    }
}
