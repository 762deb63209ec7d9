import Foundation
#if QUIRE_FUZZING
import CLibFuzzer
#endif
import QuireModel
import QuireStore

/// libFuzzer target for the search syntax (`make fuzz`): every string parses, and the parsed
/// query runs against a small in-memory store without an FTS5 or SQL error. Built without the
/// fuzzer it runs each file named on its command line once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSearchQuery(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    let text = String(decoding: data, as: UTF8.self)
    let query = SearchQuery(parsing: text)
    do {
        _ = try FuzzStore.shared.search(query, limit: 5)
    } catch {
        fatalError("query \(text.debugDescription) -> \(query.ftsExpression ?? "-") / \(query.negativeExpression ?? "-"): \(error)")
    }
    return 0
}

/// A few posts to search, made once.
enum FuzzStore {
    // libFuzzer calls the target from one thread only.
    nonisolated(unsafe) static let shared: ArchiveStore = {
        do {
            let store = try ArchiveStore.inMemory()
            func post(_ n: Int, _ title: String, _ text: String, _ labels: [String]) -> Post {
                Post(sourceKey: "fuzz:\(n)", slug: "post-\(n)", title: title, date: PostDate(year: 2000 + n, month: n, day: n),
                     labels: labels, document: Document(blocks: [.paragraph([.text(text, [])])]))
            }
            let posts = [
                post(1, "Missile Defense Talks", "Putin warned U.S. officials about missile defenses; NEAR and NOT are words too.", ["russia", "politics"]),
                post(2, "Café crème", "Un café à Paris, naïve façade, 東京の春, emoji ☕ and AND OR.", ["travel"]),
                post(3, "Quotes \"and\" stars*", "Text with \"quotes\", col:ons, (parens), -dashes, ^carets and * stars.", ["misc", "a:b"]),
            ]
            _ = try store.importing { writer in
                try writer.write(ImportBatch(format: "text", posts: posts))
                try writer.endSource("/fuzz")
            }
            return store
        } catch {
            fatalError("cannot make the store: \(error)")
        }
    }()
}

@main
enum FuzzSearchQueryMain {
    /// Under libFuzzer (QUIRE_FUZZING), its driver with the command line; else each file named
    /// on the command line, once.
    static func main() throws {
        #if QUIRE_FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzSearchQuery))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { fuzzSearchQuery($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        #endif
    }
}
