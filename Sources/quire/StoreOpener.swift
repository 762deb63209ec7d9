import ArgumentParser
import Foundation
import QuireImport
import QuireModel
import QuireStore

/// Opens the store a command names, filling an empty default store with the demo archive.
enum StoreOpener {
    static func open(_ global: GlobalOptions) throws -> (store: ArchiveStore, path: String, named: Bool) {
        let (path, named) = StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment)
        do {
            return (try ArchiveStore(path: path), path, named)
        } catch {
            Output.errorLine("quire: cannot open the store \(path): \(error)")
            throw ExitCode.failure
        }
    }

    /// For reading commands: an empty store that the user did not name gets the demo archive.
    static func openForReading(_ global: GlobalOptions) throws -> ArchiveStore {
        let (store, path, named) = try open(global)
        if !named, try store.isEmpty(), let demo = DemoArchive.folder() {
            Output.errorLine("quire: first start: importing the demo archive from \(demo) into \(path)")
            let batch = try SourceReader.read(path: demo, options: ImportOptions())
            _ = try store.importBatches([batch], sources: [demo])
        }
        return store
    }
}

/// Finds the demo archive shipped with Quire.
enum DemoArchive {
    /// `$QUIRE_DATA`, else `data/` of the source tree the binary was built from, else
    /// `share/quire/data` beside an installed binary.
    static func folder() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["QUIRE_DATA"] { candidates.append(env) }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data").path
        candidates.append(source)
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("share/quire/data").path)
        return candidates.first { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("posts")) }
    }
}
