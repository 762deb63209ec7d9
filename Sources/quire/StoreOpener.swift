import ArgumentParser
import Foundation
import GRDB
import QuireImport
import QuireModel
import QuireStore

/// Opens the store a command names, filling an empty default store with the demo archive.
enum StoreOpener {
    /// Opens the store for writing (imports).
    static func open(_ global: GlobalOptions) throws -> (store: ArchiveStore, path: String, named: Bool) {
        let (path, named) = StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment)
        if ArchiveStore.isReadOnlyFile(path) {
            Output.errorLine("quire: the store \(path) is read-only; nothing can be imported into it")
            throw ExitCode.failure
        }
        return (try attempt(path) { try ArchiveStore(path: path, reindexing: ReindexNotice.reporter(for: path)) }, path, named)
    }

    /// For reading commands. An existing store opens read-only, so that reading never waits
    /// for an import that holds the write lock; an empty store that the user did not name
    /// gets the demo archive first.
    static func openForReading(_ global: GlobalOptions) throws -> ArchiveStore {
        let (path, named) = StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment)
        let exists = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0 > 0
        if ArchiveStore.isReadOnlyFile(path) {
            Output.errorLine("quire: note: the store \(path) is read-only; reading only")
            return try attempt(path) { try ArchiveStore(readingOnly: path) }
        }
        if exists, let store = try? ArchiveStore(readingOnly: path), !named ? (try? store.isEmpty()) == false : true {
            return store
        }
        // New, empty or from an older Quire: open it for writing, which creates and migrates.
        let store = try attempt(path) { try ArchiveStore(path: path, reindexing: ReindexNotice.reporter(for: path)) }
        if !named, try store.isEmpty(), let demo = DemoArchive.folder() {
            Output.errorLine("quire: first start: importing the demo archive from \(demo) into \(path)")
            let batch = try SourceReader.read(path: demo, options: ImportOptions())
            _ = try store.importBatches([batch], sources: [demo])
        }
        return store
    }

    /// Runs an opening step, turning its failure into a clear message and exit status 1.
    static func attempt(_ path: String, _ body: () throws -> ArchiveStore) throws -> ArchiveStore {
        do {
            return try body()
        } catch {
            Output.errorLine("quire: cannot open the store \(path): \(StoreErrors.describe(error))")
            throw ExitCode.failure
        }
    }
}

/// Plain words for the store errors people meet.
enum StoreErrors {
    /// Decided by SQLite's primary result code, which covers every extended code (a busy
    /// store is `SQLITE_BUSY` whether the lock is held or the journal is being recovered).
    static func describe(_ error: Error) -> String {
        let text = String(describing: error)
        switch (error as? DatabaseError)?.resultCode {
        case .SQLITE_NOTADB?, .SQLITE_CORRUPT?:
            return "it is not a Quire store, or it is damaged (\(text))"
        case .SQLITE_BUSY?:
            return "another program holds it locked; try again when it is done"
        case .SQLITE_INTERRUPT?:
            return "a query ran past Quire's limit on one statement and was stopped; the store may be damaged or made to do this (quire check STORE looks)"
        default:
            return text
        }
    }
}

/// Finds the demo archive shipped with Quire.
enum DemoArchive {
    /// `$QUIRE_DATA`, else `share/quire/data` beside an installed binary, else `data/` of the
    /// source tree the binary was built from.
    static func folder() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["QUIRE_DATA"] { candidates.append(env) }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("share/quire/data").path)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data").path
        candidates.append(source)
        return candidates.first { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("posts")) }
    }
}
