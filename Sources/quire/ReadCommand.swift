import ArgumentParser
import Foundation
import QuireTerminal
import QuireUI

/// Opens the full-screen reader.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Open the archive in the full-screen reader (the default)."
    )
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Draw without colours (as NO_COLOR does).") var noColor = false
    @Argument(help: "A post to open at once: its id, slug or exact title.") var post: String?
    /// For the start-up benchmark: build the first frame off-screen (100×30), print its size, exit.
    @Flag(name: .customLong("first-frame-only"), help: .hidden) var firstFrameOnly = false

    func run() throws {
        let store = try StoreOpener.openForReading(global)
        var options = ReaderOptions(monochrome: noColor ? true : nil)
        if let post { options.openPost = try PostLookup.one(post, in: store).id }
        if firstFrameOnly {
            let frame = ReaderSession(archive: store, options: options, rows: 30, cols: 100).render()
            Output.line("first frame: \(frame.width)x\(frame.height)")
            return
        }
        do {
            try runReader(archive: store, options: options)
        } catch {
            Output.errorLine("quire: \(error)")
            throw ExitCode.failure
        }
    }
}
