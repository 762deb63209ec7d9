import Foundation
#if QUIRE_FUZZING
import CLibFuzzer
#endif
@_spi(Fuzzing) import QuireImport

/// libFuzzer target for the HTML-to-document converter (`make fuzz`): any bytes convert, and the
/// blocks hold nothing a terminal could act on and only references that exist. The first byte
/// chooses WordPress's newline paragraphs. Built without the fuzzer it runs each file named on
/// its command line once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    let newlines = (data.first ?? 0) & 1 == 1
    let html = String(decoding: data.dropFirst(), as: UTF8.self)
    let content = FuzzEntryPoints.convertHTML(html, paragraphsFromNewlines: newlines)
    if let problem = FuzzEntryPoints.problem(blocks: content.blocks, footnotes: content.footnotes, references: content.references) {
        fatalError("HTML: \(problem)")
    }
    return 0
}

@main
enum FuzzHTMLMain {
    /// Under libFuzzer (QUIRE_FUZZING), its driver with the command line; else each file named
    /// on the command line, once.
    static func main() throws {
        #if QUIRE_FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzHTML))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { fuzzHTML($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        #endif
    }
}
