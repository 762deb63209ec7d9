import Foundation
import Testing
import QuireModel
import QuireUI
@testable import QuireState

/// The reading-state file: where it lives, what it keeps, and what it does with bad files.
@Suite struct StateFileTests {
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-state-\(UUID().uuidString)")
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    static let sample: ReadingMarks = {
        var m = ReadingMarks()
        m.read = [3, 17, 9_000_000_000]
        m.positions = [17: SavedPosition(source: 42, offset: 120, inlineNotes: true, sourceCount: 310),
                       3: SavedPosition(source: 7, offset: 0, inlineNotes: false, sourceCount: 20)]
        m.bookmarks = [PostSummary(id: 17, slug: "seventeen", title: "Seventeen \u{201C}quoted\u{201D}",
                                   date: PostDate(year: 2007, month: 10, day: 12, hour: 9)),
                       PostSummary(id: 3, slug: "three", title: "東京の春", date: PostDate(year: 2006, month: 1, day: 2))]
        m.last = LastPlace(screen: .labels, post: 17, origin: .labels(["russia", "politics"]))
        m.history = [PostSummary(id: 3, slug: "three", title: "東京の春", date: PostDate(year: 2006, month: 1, day: 2)),
                     PostSummary(id: 17, slug: "seventeen", title: "Seventeen", date: PostDate(year: 2007, month: 10, day: 12, hour: 9))]
        m.finds = ["putin", "missile defense"]
        m.labelsByName = true
        m.onlyUnread = true
        return m
    }()

    @Test func savesAndLoadsEverything() throws {
        let dir = Folder()
        let file = StateFile(path: dir.path("quire/abc.json"), storePath: "/tmp/store.sqlite")
        try file.save(Self.sample)
        let back = StateFile(path: dir.path("quire/abc.json"), storePath: "/tmp/store.sqlite").load()
        #expect(back == Self.sample)
        // Written whole through a rename: no temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("quire")) == ["abc.json"])
        let text = try String(contentsOfFile: dir.path("quire/abc.json"), encoding: .utf8)
        #expect(text.contains("\"version\":1") && text.contains("\"store\":\"\\/tmp\\/store.sqlite\""))
    }

    @Test(arguments: [
        LastPlace(screen: .archive),
        LastPlace(screen: .archive, post: 1, origin: .archive),
        LastPlace(screen: .search, post: 2, origin: .search("missi*")),
        LastPlace(screen: .bookmarks, post: 3, origin: .bookmarks),
        LastPlace(screen: .labels, post: 4, origin: .labels(["a b"])),
        LastPlace(screen: .posts, post: 5, origin: .posts),
        LastPlace(screen: .history, post: 6, origin: .history),
        LastPlace(screen: .search, post: 7, origin: .search("missile")),
    ])
    func everyLastPlaceComesBack(place: LastPlace) throws {
        let dir = Folder()
        let file = StateFile(path: dir.path("s.json"), storePath: "x")
        try file.save(ReadingMarks(last: place))
        #expect(file.load().last == place)
    }

    @Test func noFileIsAnEmptyState() {
        let dir = Folder()
        let file = StateFile(path: dir.path("none.json"), storePath: "x")
        #expect(file.load() == ReadingMarks())
        #expect(file.loadProblem == nil)
    }

    @Test(arguments: ["{not json", "[1, 2]", "{\"version\": \"one\"}", "{\"version\": 1, \"read\": \"all\"}", "", "\u{0}\u{1}"])
    func aBrokenFileIsKeptAsideNotOverwritten(content: String) throws {
        let dir = Folder()
        let path = dir.path("s.json")
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let file = StateFile(path: path, storePath: "x")
        #expect(file.load() == ReadingMarks())
        #expect(file.loadProblem?.contains("could not be read") == true)
        #expect(try String(contentsOfFile: path + ".broken", encoding: .utf8) == content)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileFromANewerQuireIsKeptAside() throws {
        let dir = Folder()
        let path = dir.path("s.json")
        try Data(#"{"version": 99, "read": [1]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let file = StateFile(path: path, storePath: "x")
        #expect(file.load() == ReadingMarks())
        #expect(file.loadProblem?.contains("newer Quire") == true)
    }

    @Test func unknownFieldsAndOddValuesAreIgnored() throws {
        let dir = Folder()
        let path = dir.path("s.json")
        try Data(#"""
            {"version": 1, "future": {"x": 1}, "read": [5, 5],
             "positions": {"12": {"line": 3, "offset": 4}, "oops": {"line": 1, "offset": 1}, "13": {"line": -1, "offset": 0}},
             "bookmarks": [{"id": 12}, {"id": 12, "title": "twice"}],
             "last": {"screen": "nowhere", "post": 12}}
            """#.utf8).write(to: URL(fileURLWithPath: path))
        let m = StateFile(path: path, storePath: "x").load()
        #expect(m.read == [5])
        #expect(m.positions == [12: SavedPosition(source: 3, offset: 4, inlineNotes: true, sourceCount: 1)])
        #expect(m.bookmarks.map(\.id) == [12])
        #expect(m.last == nil)
    }

    @Test func aFileWithoutTheLaterFieldsHasTheirDefaults() throws {
        let dir = Folder()
        let path = dir.path("old.json")
        try Data(#"{"version": 1, "read": [5], "history": [{"id": 9}, {"id": 9}], "finds": ["", "a", "a"], "labelSort": "sideways"}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let m = StateFile(path: path, storePath: "x").load()
        #expect(m.read == [5])
        #expect(m.history.map(\.id) == [9])
        #expect(m.finds == ["a"])
        #expect(!m.labelsByName && !m.onlyUnread)
    }

    @Test func theImportLogLivesBesideTheStateFile() throws {
        let log = ImportLog(identity: "0123abcd", environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"])
        #expect(log.path == "/x/state/quire/0123abcd.import.log")
        let dir = Folder()
        let kept = ImportLog(path: dir.path("quire/a.import.log"))
        #expect(kept.read() == nil)
        try kept.write(["# 2 warnings", "a: warning: one", "b: warning: two"])
        #expect(kept.read() == ["# 2 warnings", "a: warning: one", "b: warning: two"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("quire")) == ["a.import.log"])
    }

    @Test func livesInTheXDGStateFolderNamedAfterTheStore() {
        let xdg = StateFile(identity: "0123abcd", storePath: "/s", environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"])
        #expect(xdg.path == "/x/state/quire/0123abcd.json")
        let home = StateFile(identity: "0123abcd", storePath: "/s", environment: ["HOME": "/home/u"])
        #expect(home.path == "/home/u/.local/state/quire/0123abcd.json")
        // A relative XDG path does not count; odd characters never reach the file name.
        let odd = StateFile(identity: "../../etc/passwd", storePath: "/s", environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])
        #expect(odd.path == "/h/.local/state/quire/etcpasswd.json")
    }

    /// Every number of a place is brought within bounds when the file is read: the reader's
    /// arithmetic on them cannot overflow, whatever a hand-edited file says.
    @Test func placeNumbersAreBounded() throws {
        let dir = Folder()
        let path = dir.path("s.json")
        try Data("""
            {"version": 1, "positions": {
                "17": {"line": 9223372036854775807, "offset": 9223372036854775807, "notes": "markers", "lines": 9223372036854775807},
                "18": {"line": 5, "offset": 2, "lines": -9223372036854775808},
                "19": {"line": -1, "offset": 0}
            }}
            """.utf8).write(to: URL(fileURLWithPath: path))
        let file = StateFile(path: path, storePath: "x")
        let marks = file.load()
        #expect(file.loadProblem == nil)
        let largest = StateFileFormat.largestPlace
        #expect(marks.positions[17] == SavedPosition(source: largest, offset: largest, inlineNotes: false, sourceCount: largest))
        #expect(marks.positions[18] == SavedPosition(source: 5, offset: 2, inlineNotes: true, sourceCount: 1))
        #expect(marks.positions[19] == nil)
        // Bounded, a proportion of two of them fits in an Int with room to spare.
        #expect(largest.multipliedReportingOverflow(by: largest).overflow == false)
    }
}
