import Foundation
import QuireImport
import QuireModel

/// Helpers shared by the export readers' tests: fixtures live in `Fixtures/` beside them.
enum ImportFixtures {
    static func url(_ relative: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative)
    }

    static func xml(_ relative: String, includeDrafts: Bool = false) throws -> ImportBatch {
        try ExportReader.readXML(at: url(relative), displayPath: relative,
                                 options: ImportOptions(includeDrafts: includeDrafts))
    }

    static func markdownFolder(_ relative: String, includeDrafts: Bool = false) throws -> ImportBatch {
        try ExportReader.readMarkdownFolder(at: url(relative), displayPath: relative,
                                            options: ImportOptions(includeDrafts: includeDrafts))
    }

    /// The error reading `relative` throws, or nil when it reads.
    static func xmlError(_ relative: String) -> ImportError? {
        do { _ = try xml(relative); return nil } catch let e as ImportError { return e } catch { return nil }
    }
}

extension ImportBatch {
    func post(titled title: String) -> Post? { posts.first { $0.title == title } }
}

extension Post {
    /// The reference behind each `Inline.reference` of the body, in reading order.
    var bodyReferences: [Reference] {
        func refs(_ blocks: [Block]) -> [Int] {
            blocks.flatMap { block -> [Int] in
                switch block {
                case .paragraph(let inl), .heading(_, let inl), .term(let inl):
                    return inl.compactMap { if case .reference(let i, _) = $0 { return i } else { return nil } }
                case .quote(let b), .definition(let b): return refs(b)
                case .list(_, let items), .numberedList(_, let items): return items.flatMap(refs)
                case .figure(let inner, let caption): return refs([inner]) + refs([.paragraph(caption)])
                case .table(let rows, _): return refs(rows.flatMap { $0.map(Block.paragraph) })
                case .code, .elision, .rule, .media: return []
                }
            }
        }
        return refs(document.blocks).map { references[$0] }
    }

    func reference(shown text: String) -> Reference? { references.first { $0.text == text } }
}
