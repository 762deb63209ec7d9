import Foundation
#if QUIRE_FUZZING
import CLibFuzzer
#endif
@_spi(Fuzzing) import QuireImport
import QuireModel

/// libFuzzer target for the plain-text post reader (`make fuzz`). A post that reads must hold
/// nothing a terminal could act on; a post that does not must fail with an `ImportError` that
/// names a line. Built without the fuzzer, it runs each file named on its command line once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlainText(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    do {
        let (post, _) = try PlainTextReader.read(data: data, displayPath: "fuzz.txt")
        if let problem = FuzzEntryPoints.problem(post: post) { fatalError("plain text: \(problem)") }
    } catch let error as ImportError {
        guard let line = error.line, line >= 1, !error.message.isEmpty else { fatalError("an error without a line: \(error)") }
    } catch {
        fatalError("not an ImportError: \(error)")
    }
    return 0
}

@main
enum FuzzPlainTextMain {
    /// Under libFuzzer (QUIRE_FUZZING), its driver with the command line; else each file named
    /// on the command line, once.
    static func main() throws {
        #if QUIRE_FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzPlainText))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { fuzzPlainText($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        #endif
    }
}
