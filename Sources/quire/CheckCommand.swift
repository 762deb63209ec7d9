import ArgumentParser
import Foundation
import QuireStore

/// `quire check [STORE]`: whether a store is one Quire made and whether it is whole.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a store: its schema, its file and its search index.",
        discussion: """
            Quire opens only stores whose schema (tables, indexes, views, triggers and their SQL) \
            is exactly what its migrations make, since a store from someone else could carry SQL \
            of its own. This lists what differs, then checks the file (SQLite's integrity_check) \
            and the search index. Nothing in the store is changed or run. Exits with 1 when \
            anything is wrong.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The store to check (default: --store, $QUIRE_STORE or the default store).", valueName: "store"))
    var store: String?

    func run() throws {
        let path = store ?? StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment).path
        let check: StoreCheck
        do {
            check = try StoreCheck.run(path: path)
        } catch {
            Output.errorLine("quire: cannot check the store \(path): \(StoreErrors.describe(error))")
            throw ExitCode.failure
        }
        Output.line("store: \(path)")
        if check.schemaDifferences.isEmpty {
            let (applied, known) = check.migrations
            Output.line("schema: as Quire makes it (\(applied) of \(known) migrations\(applied < known ? "; the rest are applied when it is next opened for writing" : ""))")
        } else {
            Output.line("schema: not the one Quire makes; Quire will not open this store:")
            for difference in check.schemaDifferences { Output.line("  - \(difference)") }
        }
        if check.integrityProblems.isEmpty {
            Output.line("file: whole (integrity_check: ok)")
        } else {
            Output.line("file: damaged (integrity_check):")
            for problem in check.integrityProblems { Output.line("  - \(problem)") }
        }
        switch check.searchIndex {
        case .sound: Output.line("search index: whole")
        case .damaged(let problem): Output.line("search index: damaged (\(problem))")
        case .notRun: Output.line("search index: not checked (\(check.schemaDifferences.isEmpty ? "the store is read-only or not up to date" : "the schema differs"))")
        }
        if !check.isSound { throw ExitCode.failure }
    }
}
