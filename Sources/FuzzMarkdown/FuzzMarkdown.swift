import Foundation
#if QUIRE_FUZZING
import CLibFuzzer
#endif
@_spi(Fuzzing) import QuireImport

/// libFuzzer target for Markdown posts (`make fuzz`): front matter (YAML aliases included),
/// template tags and cmark-gfm, then the nesting limit the import applies. Any text reads, the
/// post holds nothing a terminal could act on, and what the store would write decodes again
/// (a post nested too deep for JSONDecoder once could not). Deep nesting that overflowed the
/// stack, or aliases that expanded past memory, end the run as a crash or an out-of-memory.
/// Built without the fuzzer it runs each file named on its command line once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    let (post, _) = FuzzEntryPoints.readMarkdownPost(String(decoding: data, as: UTF8.self))
    if let problem = FuzzEntryPoints.problem(post: post) { fatalError("Markdown: \(problem)") }
    if let problem = FuzzEntryPoints.storageProblem(post) { fatalError("Markdown: \(problem)") }
    return 0
}

@main
enum FuzzMarkdownMain {
    /// Under libFuzzer (QUIRE_FUZZING), its driver with the command line; else each file named
    /// on the command line, once.
    static func main() throws {
        #if QUIRE_FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzMarkdown))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { fuzzMarkdown($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        #endif
    }
}
