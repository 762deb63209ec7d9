import ArgumentParser
import Foundation
import QuireCorpus

/// `quire-bench generate`: writes a synthetic archive; the same seed gives the same bytes.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a synthetic archive.")
    @Option(help: "Number of posts.") var posts = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "text (one file per post) or blogger (one Atom backup file).") var format: CorpusWriter.Format = .text
    @Flag(help: "Posts in Japanese, Chinese, Thai and Korean instead (text only).") var unspaced = false
    @Argument(help: "Output folder (text) or file (blogger).") var out: String

    func run() throws {
        let corpus = CorpusGenerator(posts: posts, seed: seed)
        let url = URL(fileURLWithPath: out)
        let bytes: Int
        if unspaced {
            let corpus = UnspacedCorpusGenerator(posts: posts, seed: seed)
            bytes = try CorpusWriter.writeText(count: posts, post: corpus.post, to: url)
            print("wrote \(posts) posts, \(bytes) bytes, to \(out)")
            return
        }
        switch format {
        case .text: bytes = try CorpusWriter.writeText(corpus, to: url)
        case .blogger: bytes = try CorpusWriter.writeBlogger(corpus, to: url)
        }
        print("wrote \(posts) posts, \(bytes) bytes, to \(out)")
    }
}

extension CorpusWriter.Format: ExpressibleByArgument {}
