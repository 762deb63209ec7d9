import Testing
import QuireModel
import QuireCorpus
@testable import QuireUI

/// Long random key sequences at random sizes: nothing crashes and every frame stays a clean
/// grid (exactly the window's size, no wide cluster cut at the edge).
@Suite struct RandomKeysTests {
    static let keys: [Key] = [
        .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .tab, .backTab, .backspace,
        .escape, .shiftRight, .ctrl("d"), .ctrl("u"), .ctrl("l"), .function(1),
        .char("j"), .char("k"), .char("g"), .char("G"), .char("h"), .char("l"), .char(" "), .char("b"),
        .char("1"), .char("2"), .char("3"), .char("/"), .char("n"), .char("N"), .char("f"), .char("s"),
        .char("+"), .char("]"), .char("["), .char("?"), .char("q"), .char("r"), .char("漢"), .char("é"),
        .char("4"), .char("m"), .char("L"), .char("t"), .char("o"), .char("y"), .char("7"),
    ]

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomSessionsStayWellFormed(seed: UInt64) {
        // Seeded, so a failure can be replayed.
        var rng = SeededRandom(seed: seed)
        var rows = 24, cols = 80
        let s = session(rows: rows, cols: cols, archive: LinkFixtures.archive())
        for step in 0..<400 {
            if Int.random(in: 0..<40, using: &rng) == 0 {
                rows = Int.random(in: 3...40, using: &rng)
                cols = Int.random(in: 8...130, using: &rng)
                s.handle(.resize(rows: rows, cols: cols))
            } else if Int.random(in: 0..<10, using: &rng) == 0 {
                let kinds: [MouseEvent.Kind] = [.click, .click, .wheelUp, .wheelDown]
                s.handle(.mouse(MouseEvent(kinds.randomElement(using: &rng)!, row: Int.random(in: -1...rows, using: &rng),
                                           col: Int.random(in: -1...cols, using: &rng))))
            } else {
                let key = Self.keys.randomElement(using: &rng)!
                // Quitting ends a real session; here it would only stop the walk early.
                if key == .char("q"), s.reader == nil, s.state.help == nil { continue }
                s.handle(.key(key))
            }
            let canvas = s.render()
            #expect(canvas.width == cols && canvas.height == rows, "seed \(seed) step \(step)")
            for row in 0..<rows {
                #expect(DisplayWidth.of(canvas.text(row: row)) == cols, "seed \(seed) step \(step) row \(row)")
            }
        }
    }
}
