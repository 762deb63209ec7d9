import Foundation
import Testing
@testable import QuireUI

/// The help says how each kind of link in a post looks, drawn in the style the reader uses.
@Suite struct HelpLegendTests {
    @Test(arguments: [40, 100])
    func eachLinkKindIsShownInItsOwnStyle(width: Int) {
        let lines = HelpScreen.lines(width: width)
        // The style of the legend's sample: the first thing on its line after the indent.
        func sampleStyle(_ sample: String) -> Style? {
            lines.compactMap { $0.first { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty } }
                .first { $0.text == sample }?.style
        }
        #expect(sampleStyle("Title {2}") == .postLink)
        #expect(sampleStyle("example.com") == .link)
        #expect(sampleStyle("Gone") == .dangling)
        #expect(lines.contains { $0.plainText.contains("not in the archive") })
        // The reader draws the two kinds apart, so the legend can tell them apart too.
        #expect(Style.postLink != Style.link)
        #expect(DocumentLayout.linkStyle(.external(url: "https://example.com")) == .link)
    }
}
