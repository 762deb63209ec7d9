import Testing
import QuireModel
@testable import QuireUI

/// The status bar names only keys that do something where the user is, and the help key
/// always fits, at any width the reader draws.
@Suite struct StatusBarTests {
    /// Sessions on each screen, with a post open on one.
    static func places(cols: Int) -> [(String, ReaderSession)] {
        let archive = session(rows: 24, cols: cols)
        let labels = session(rows: 24, cols: cols)
        labels.press(.char("2"))
        let labelPosts = session(rows: 24, cols: cols)
        labelPosts.press(.char("2"), .enter)
        let search = session(rows: 24, cols: cols)
        search.press(.char("3"))
        search.type("russia")
        let results = session(rows: 24, cols: cols)
        results.press(.char("3"))
        results.type("russia")
        results.press(.down)
        let bookmarks = session(rows: 24, cols: cols)
        bookmarks.press(.char("4"))
        let reader = session(rows: 24, cols: cols, open: Fixtures.seedID)
        let links = session(rows: 24, cols: cols, open: Fixtures.seedID)
        links.press(.char("L"))
        let help = session(rows: 24, cols: cols)
        help.press(.char("?"))
        return [("archive", archive), ("labels", labels), ("a label's posts", labelPosts), ("search line", search),
                ("search results", results), ("bookmarks", bookmarks), ("reader", reader), ("links", links), ("help", help)]
    }

    @Test(arguments: [20, 40, 70, 100])
    func theHelpKeyAlwaysFits(cols: Int) {
        for (name, s) in Self.places(cols: cols) {
            let status = s.lines.last ?? ""
            if name == "help" {
                #expect(status.contains("? close"), "\(name) at \(cols): |\(status)|")
            } else if name == "search line" {
                // ? types itself there: the key that opens help from the line is F1.
                #expect(status.contains("F1 help"), "\(name) at \(cols): |\(status)|")
            } else {
                #expect(status.contains("? help"), "\(name) at \(cols): |\(status)|")
            }
        }
    }

    @Test func noCollapseWhereNothingCollapses() {
        for (name, s) in Self.places(cols: 100) where ["bookmarks", "search results", "labels"].contains(name) {
            #expect(!(s.lines.last ?? "").contains("collapse"), "\(name): \(s.lines.last ?? "")")
        }
        // On a closed year there is nothing to close; on an open one there is.
        let s = session(cols: 100)
        #expect(!(s.lines.last ?? "").contains("collapse"))
        s.press(.enter)
        #expect((s.lines.last ?? "").contains("← collapse"))
    }

    @Test func sortOnlyOnAListOfLabelsAndNarrowOnlyOnPosts() {
        let places = Dictionary(uniqueKeysWithValues: Self.places(cols: 120))
        let labels = places["labels"]!.lines.last ?? ""
        let posts = places["a label's posts"]!.lines.last ?? ""
        #expect(labels.contains("s sort") && !labels.contains("narrow"), "\(labels)")
        #expect(!posts.contains("sort") && posts.contains("+ narrow"), "\(posts)")
        #expect(posts.contains("q back"), "\(posts)")
    }

    @Test func qSaysWhetherItQuitsOrGoesBack() {
        let archive = session(cols: 100)
        #expect((archive.lines.last ?? "").contains("q quit"))
        let reader = session(cols: 100, open: Fixtures.seedID)
        #expect((reader.lines.last ?? "").contains("q close"))
    }

    @Test func readerHintsOnlyForWhatCanBeDone() {
        let s = session(cols: 120, open: Fixtures.seedID)
        var status = s.lines.last ?? ""
        #expect(!status.contains("follow") && !status.contains("fwd"), "\(status)")
        s.press(.tab)
        #expect(s.state.message == nil)
        status = s.lines.last ?? ""
        #expect(status.contains("Enter follow"), "\(status)")
    }

    // MARK: The top bar

    @Test func whereTheUserIsWinsOverTheScreensNames() {
        // Room for the names and the place: every screen is named.
        let archive = session(cols: 100)
        archive.press(.enter)
        #expect(archive.lines[0].hasPrefix(" 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › "), "\(archive.lines[0])")
        // A title that would be cut beside them is shown whole, the other screens by their keys.
        let reader = session(cols: 90, open: Fixtures.seedID)
        #expect(reader.lines[0] == " 1 Archive 2 3 4 5 6 › Missile Defense Talks With Russia Fail", "\(reader.lines[0])")
        let wide = session(cols: 100, open: Fixtures.seedID)
        #expect(wide.lines[0] == " 1 Archive 2 Labels 3 Search 4 Bookmarks 5 Posts 6 History › Missile Defense Talks With Russia Fail")
        // A click on a screen's key shows it, wherever the bar put it.
        let tab = try! #require(Chrome.tabs(reader.state, width: 90).first { $0.screen == .labels })
        reader.handle(.mouse(MouseEvent(.click, row: 0, col: tab.columns.lowerBound)))
        #expect(reader.state.screen == .labels)
    }
}
