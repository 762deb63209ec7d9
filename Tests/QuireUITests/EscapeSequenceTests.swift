import Testing
@testable import QuireUI

/// Escape sequences that ncurses did not decode, put back together: one key, or one ignored
/// key, never their pieces.
@Suite struct EscapeSequenceTests {
    /// The events for bytes as ncurses hands them over when it does not know their sequence.
    func events(_ text: String, final: Bool = true) -> [Event] {
        InputDecoder.decode(text.unicodeScalars.map { .character($0.value) }, final: final).events
    }

    @Test func homeEndInsertDeleteAsTerminalsSendThem() {
        // vt220, tmux and screen, the Linux console: ESC [ n ~
        #expect(events("\u{1B}[1~") == [.key(.home)])
        #expect(events("\u{1B}[4~") == [.key(.end)])
        #expect(events("\u{1B}[2~") == [.key(.insert)])
        #expect(events("\u{1B}[3~") == [.key(.delete)])
        #expect(events("\u{1B}[5~\u{1B}[6~") == [.key(.pageUp), .key(.pageDown)])
        // rxvt
        #expect(events("\u{1B}[7~\u{1B}[8~") == [.key(.home), .key(.end)])
        // xterm, kitty, alacritty: normal and application cursor mode
        #expect(events("\u{1B}[H\u{1B}[F") == [.key(.home), .key(.end)])
        #expect(events("\u{1B}OH\u{1B}OF") == [.key(.home), .key(.end)])
        #expect(events("\u{1B}OA\u{1B}[B") == [.key(.up), .key(.down)])
    }

    @Test func modifiedArrowsAreTheArrowShiftKeptForLeftAndRight() {
        #expect(events("\u{1B}[1;5C") == [.key(.right)])        // Ctrl-→
        #expect(events("\u{1B}[1;3D") == [.key(.left)])         // Alt-←
        #expect(events("\u{1B}[1;2C") == [.key(.shiftRight)])
        #expect(events("\u{1B}[1;2D") == [.key(.shiftLeft)])
        #expect(events("\u{1B}[1;6A") == [.key(.up)])           // Ctrl-Shift-↑
        #expect(events("\u{1B}[1;5H") == [.key(.home)])         // Ctrl-Home
        #expect(events("\u{1B}[3;5~") == [.key(.delete)])       // Ctrl-Delete
        // Alt as ESC before the key's own sequence
        #expect(events("\u{1B}\u{1B}[A") == [.key(.up)])
    }

    @Test func unknownSequencesAreOneIgnoredKey() {
        #expect(events("\u{1B}[99~").isEmpty)
        #expect(events("\u{1B}[1;5X").isEmpty)
        #expect(events("\u{1B}[?1;2c").isEmpty)                 // a terminal's answer
        #expect(events("\u{1B}[<0;12;5M").isEmpty)              // an SGR mouse report
        #expect(events("\u{1B}[M !!").isEmpty)                   // an X10 mouse report
        #expect(events("\u{1B}[200~").isEmpty)                   // bracketed paste marker
        #expect(events("\u{1B}O~").isEmpty)
        // What follows the sequence is read as usual.
        #expect(events("\u{1B}[99~j") == [.key(.char("j"))])
    }

    @Test func escOnItsOwnOrBeforeAPlainKeyIsEsc() {
        #expect(events("\u{1B}") == [.key(.escape)])
        #expect(events("\u{1B}q") == [.key(.escape), .key(.char("q"))])
        #expect(events("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
    }

    @Test func aSequenceCutOffWaitsForTheRest() {
        let first = InputDecoder.decode("j\u{1B}[4".unicodeScalars.map { .character($0.value) }, final: false)
        #expect(first.events == [.key(.char("j"))])
        #expect(first.waiting.count == 3)
        let rest = InputDecoder.decode(first.waiting + [.character(0x7E)], final: true)
        #expect(rest.events == [.key(.end)])
        // Nothing more came: the piece is dropped, not read as Esc, [ and 4.
        #expect(InputDecoder.decode(first.waiting, final: true).events.isEmpty)
    }

    @Test func aKeyNcursesDecodedEndsASequence() {
        let inputs: [TerminalInput] = [.character(0x1B), .character(0x5B), .decoded(.key(.up)), .character(0x6A)]
        let decoded = InputDecoder.decode(inputs, final: false)
        #expect(decoded.events == [.key(.up), .key(.char("j"))])
        #expect(decoded.waiting.isEmpty)
    }

    @Test func functionKeysAndTheKeypad() {
        #expect(events("\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.key(.function(1)), .key(.function(5)), .key(.function(12))])
        #expect(events("\u{1B}[[A") == [.key(.function(1))])     // the Linux console
        #expect(events("\u{1B}Oq\u{1B}Or\u{1B}OM") == [.key(.char("1")), .key(.char("2")), .key(.enter)])
        #expect(events("\u{1B}[Z") == [.key(.backTab)])
    }

    @Test func keysSentAsCodePoints() {
        // kitty's CSI u and xterm's modifyOtherKeys
        #expect(events("\u{1B}[27u") == [.key(.escape)])
        #expect(events("\u{1B}[13u") == [.key(.enter)])
        #expect(events("\u{1B}[100;5u") == [.key(.ctrl("d"))])
        #expect(events("\u{1B}[27;5;100~") == [.key(.ctrl("d"))])
        #expect(events("\u{1B}[9;2u") == [.key(.backTab)])
    }

    @Test func controlCharactersAreNamedKeys() {
        #expect(events("\r\t\u{7F}\u{04}") == [.key(.enter), .key(.tab), .key(.backspace), .key(.ctrl("d"))])
        #expect(events("\u{85}").isEmpty)
    }
}
