import Foundation
#if QUIRE_FUZZING
import CLibFuzzer
#endif
@_spi(Fuzzing) import QuireImport

/// libFuzzer target for the front matter reader (`make fuzz`): YAML or TOML between `---` or
/// `+++` lines. Any text splits; a front matter that does not parse is a warning, never a crash,
/// and the body is what follows it. Built without the fuzzer it runs each file named on its
/// command line once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    let text = String(decoding: data, as: UTF8.self)
    let front = FuzzEntryPoints.splitFrontMatter(text)
    if front.syntax == "none" && front.body != text { fatalError("no front matter, yet the body changed") }
    if front.bodyLine < 1 { fatalError("body line \(front.bodyLine)") }
    if front.body.utf8.count > text.utf8.count { fatalError("the body grew") }
    return 0
}

@main
enum FuzzFrontMatterMain {
    /// Under libFuzzer (QUIRE_FUZZING), its driver with the command line; else each file named
    /// on the command line, once.
    static func main() throws {
        #if QUIRE_FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzFrontMatter))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { fuzzFrontMatter($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        #endif
    }
}
