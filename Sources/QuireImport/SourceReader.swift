import Foundation
import QuireModel

/// Finds the right reader for each path given to `quire import` and reads it.
public enum SourceReader {
    /// Reads every path. Throws the first `ImportError`: an import is all or nothing.
    public static func read(paths: [String], options: ImportOptions = ImportOptions()) throws -> [ImportBatch] {
        try paths.map { try read(path: $0, options: options) }
    }

    public static func read(path: String, options: ImportOptions) throws -> ImportBatch {
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ImportError(file: path, message: "no such file or folder")
        }
        return isDir.boolValue ? try readFolder(url, displayPath: path, options: options)
                               : try readFile(url, displayPath: path, options: options)
    }

    /// File names that describe a folder rather than being posts in it.
    static func isNotAPost(_ name: String) -> Bool {
        let stem = (name as NSString).deletingPathExtension.uppercased()
        return name.hasPrefix(".") || ["README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "INDEX"].contains(stem)
    }

    static func readFolder(_ url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        var batch = ImportBatch(format: "text")
        let files = try postFiles(in: url, displayPath: displayPath)
        for file in files {
            let rel = file.path.dropFirst(url.path.count).drop(while: { $0 == "/" })
            let shown = (displayPath as NSString).appendingPathComponent(String(rel))
            if isNotAPost(file.lastPathComponent) {
                batch.skipped["readme", default: 0] += 1
                continue
            }
            switch file.pathExtension.lowercased() {
            case "txt":
                batch.append(try readText(file, displayPath: shown))
            default:
                batch.skipped["other file", default: 0] += 1
            }
        }
        return batch
    }

    static func readFile(_ url: URL, displayPath: String, options: ImportOptions) throws -> ImportBatch {
        var batch = ImportBatch(format: "text")
        batch.append(try readText(url, displayPath: displayPath))
        return batch
    }

    static func readText(_ url: URL, displayPath: String) throws -> ImportBatch {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: displayPath, message: "cannot be read (\(error.localizedDescription))")
        }
        let (post, warnings) = try PlainTextReader.read(data: data, displayPath: displayPath)
        return ImportBatch(format: "text", posts: [post], warnings: warnings)
    }

    /// Regular files under a folder, sorted by path so imports are repeatable.
    static func postFiles(in url: URL, displayPath: String) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw ImportError(file: displayPath, message: "cannot list the folder")
        }
        var files: [URL] = []
        for case let file as URL in walker {
            if (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(file) }
        }
        return files.sorted { $0.path < $1.path }
    }
}
