import ArgumentParser
import Foundation
import QuireConfig
import QuireState
import QuireStore
import QuireTerminal
import QuireUI

/// Opens the full-screen reader.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Open the archive in the full-screen reader (the default).",
        discussion: """
            The reader comes back to the screen and post where the last run ended, and reopens \
            every post where you stopped reading; read posts, positions and bookmarks are kept \
            per store in $XDG_STATE_HOME/quire (~/.local/state/quire). Keys, colours and layout \
            come from $XDG_CONFIG_HOME/quire/config.toml (see quire config --default).
            """
    )
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Draw without colours (as NO_COLOR does).") var noColor = false
    @Flag(name: .long, help: "Start on the Archive screen, not where the last run ended.") var fresh = false
    @Flag(name: .long, help: ArgumentHelp(
        "Read-only guest session (what quire serve runs for each visitor).",
        discussion: "The store opens read-only and must exist; no configuration file is read; read posts, positions and bookmarks last for this session only; nothing is written anywhere; o shows a link's address instead of starting a browser."))
    var guest = false
    @Argument(help: "A post to open at once: its id, slug or exact title.") var post: String?
    /// For the start-up benchmark: build the first frame off-screen (100×30), print its size, exit.
    @Flag(name: .customLong("first-frame-only"), help: .hidden) var firstFrameOnly = false

    func run() throws {
        if guest { return try runGuest() }
        let store = try StoreOpener.openForReading(global)
        let environment = ProcessInfo.processInfo.environment
        let configPath = ConfigFile.path(environment: environment)
        let (settings, problems) = ConfigReader.load(path: configPath)
        for p in problems { Output.errorLine("quire: \(configPath): \(p)") }
        var options = ReaderOptions(monochrome: noColor ? true : nil, settings: settings, resume: !fresh)
        options.demoFolder = DemoArchive.folder()
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more: quire config)" : ""
            options.startMessage = "config.toml \(first)\(more)"
        }
        if let post { options.openPost = try PostLookup.one(post, in: store).id }
        if firstFrameOnly {
            let frame = ReaderSession(archive: store, options: options, rows: 30, cols: 100).render()
            Output.line("first frame: \(frame.width)x\(frame.height)")
            return
        }
        let storePath = StoreLocation.resolve(option: global.store, environment: environment).path
        let stateFile = StateFile(identity: try store.identity(path: storePath), storePath: storePath, environment: environment)
        do {
            try runReader(archive: store, options: options, stateStore: stateFile)
        } catch {
            Output.errorLine("quire: \(error)")
            throw ExitCode.failure
        }
    }

    /// The reader for a visitor: nothing read from the owner's files but the store, and
    /// nothing written at all.
    private func runGuest() throws {
        let path = StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment).path
        guard FileManager.default.fileExists(atPath: path) else {
            Output.errorLine("quire: the store \(path) does not exist")
            throw ExitCode.failure
        }
        let store = try StoreOpener.attempt(path) { try ArchiveStore(readingOnly: path) }
        var settings = ReaderSettings()
        settings.opensLinks = false
        settings.savesFiles = false
        var options = ReaderOptions(monochrome: noColor ? true : nil, settings: settings, resume: false)
        if let post { options.openPost = try PostLookup.one(post, in: store).id }
        do {
            try runReader(archive: store, options: options, stateStore: MemoryState())
        } catch {
            Output.errorLine("quire: \(error)")
            throw ExitCode.failure
        }
    }
}
