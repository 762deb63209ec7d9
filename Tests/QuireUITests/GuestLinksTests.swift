import Testing
import QuireModel
@testable import QuireUI

/// Links out of the archive in a guest session (`quire serve`), where a browser would start on
/// the server: `o` shows the address and asks nothing, and no effect ever asks to open it.
@Suite struct GuestLinksTests {
    func guestSession() -> ReaderSession {
        var settings = ReaderSettings()
        settings.opensLinks = false
        return ReaderSession(archive: LinkFixtures.archive(),
                             options: ReaderOptions(openPost: LinkFixtures.linksID, settings: settings), rows: 24, cols: 100)
    }

    @Test func oInTheListShowsTheAddressAndOpensNothing() {
        let s = guestSession()
        s.press(.char("L"))
        #expect(s.press(.char("o")).isEmpty)
        #expect(s.state.pendingURL == nil)
        #expect(s.lines.last?.hasPrefix(" example.com — no browser is started here; copy the address: https://example.com/a?b=1") == true)
        // A yes typed anyway is only a key of the list.
        #expect(!s.press(.char("y")).contains(.openURL("https://example.com/a?b=1")))
    }

    @Test func followingALinkOutOnlyShowsIt() {
        let s = guestSession()
        s.press(.tab)
        #expect(s.press(.enter).isEmpty)
        #expect(s.state.message?.text == "https://example.com/a?b=1 (out of the archive)")
        #expect(s.press(.char("o")).isEmpty)
        #expect(s.state.pendingURL == nil)
    }

    @Test func noHintPromisesABrowser() {
        let s = guestSession()
        s.press(.char("L"))
        #expect(s.lines.last?.contains("browser") == false)
        var owner = ReaderSettings()
        owner.opensLinks = true
        let o = ReaderSession(archive: LinkFixtures.archive(),
                              options: ReaderOptions(openPost: LinkFixtures.linksID, settings: owner), rows: 24, cols: 100)
        o.press(.char("L"))
        #expect(o.lines.last?.contains("o browser") == true)
    }

    @Test func aRefusedAddressIsRefusedForGuestsToo() {
        let s = guestSession()
        var state = s.state
        _ = askToOpen("https://user@example.com/", state: &state)
        #expect(state.message?.isError == true)
    }
}
