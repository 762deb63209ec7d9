import Foundation
import Testing
@testable import QuireImport
import QuireModel

@Suite struct MalformedXMLTests {
    @Test func truncatedFileNamesLineAndColumn() throws {
        let error = try #require(ImportFixtures.xmlError("xml/truncated.xml"))
        #expect(error.file == "xml/truncated.xml")
        #expect(error.line != nil && error.column != nil)
        #expect((error.line ?? 0) >= 7)
        #expect(error.message.contains("cut short"))
    }

    @Test func mismatchedTagNamesLineAndColumn() throws {
        let error = try #require(ImportFixtures.xmlError("xml/mismatched.xml"))
        #expect(error.line == 11)
        #expect(error.column != nil)
        #expect(error.message.contains("titel") || error.message.lowercased().contains("mismatch"))
    }

    @Test func unknownFormatsSayWhatIsKnown() throws {
        let rss = try #require(ImportFixtures.xmlError("xml/not-an-export.xml"))
        #expect(rss.message.contains("Known formats"))
        let atom = try #require(ImportFixtures.xmlError("xml/plain-atom.xml"))
        #expect(atom.message.contains("not a Blogger export"))
    }
}

@Suite struct HostileXMLTests {
    /// libxml2 refuses the nested entities; either way nothing is expanded and the error points
    /// at the reference in the document.
    @Test func billionLaughsIsNeverExpanded() throws {
        let start = Date()
        do {
            let batch = try ImportFixtures.xml("xml/billion-laughs.xml")
            let text = batch.posts.map { $0.title + $0.document.plainText }.joined()
            #expect(!text.contains("lollol"))
        } catch let error as ImportError {
            #expect(error.file == "xml/billion-laughs.xml")
            #expect(error.line == 19)
        }
        // A hang guard, not a speed target: this takes milliseconds, expanding the entities
        // would take more memory and time than there is.
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "never-there"
        do {
            let batch = try ImportFixtures.xml("xml/external-entity.xml")
            let text = batch.posts.map(\.document.plainText).joined()
            #expect(text.contains("Before"))
            #expect(hostname.isEmpty || !text.contains(hostname))
        } catch let error as ImportError {
            #expect(error.file == "xml/external-entity.xml")
        }
    }
}

@Suite struct EncodingTests {
    @Test func declaredLatin1IsConvertedAndReported() throws {
        let batch = try ImportFixtures.xml("xml/latin1.xml")
        #expect(batch.posts.first?.title == "Café na praça")
        #expect(batch.posts.first?.document.plainText == "Um café à tarde, ça va.")
        #expect(batch.warnings.contains { $0.message.contains("ISO-8859-1") })
    }

    @Test func invalidUTF8IsReplacedAndReported() throws {
        let batch = try ImportFixtures.xml("xml/invalid-utf8.xml")
        let text = try #require(batch.posts.first?.document.plainText)
        #expect(text.hasPrefix("naïve \u{FFFD}\u{FFFD} caf\u{FFFD} and a control"))
        #expect(batch.warnings.contains { $0.message.contains("replaced") })
    }

    @Test func sniffingHeads() {
        #expect(ExportReader.looksLikeXMLExport(Data("<?xml version='1.0'?>\n<!-- x -->\n<feed xmlns='http://www.w3.org/2005/Atom'>".utf8)))
        #expect(ExportReader.looksLikeXMLExport(Data("<rss version=\"2.0\" xmlns:wp=\"https://wordpress.org/export/1.2/\">".utf8)))
        #expect(!ExportReader.looksLikeXMLExport(Data("<rss version=\"2.0\"><channel>".utf8)))
        #expect(!ExportReader.looksLikeXMLExport(Data("Title: a post\n\nText".utf8)))
        #expect(ExportReader.looksLikeXMLExport(Data("<?xml version=\"1.0\"?>\n<!--\n This is a WordPress eXtended RSS file generated".utf8)))
        let utf16 = Data([0xFF, 0xFE]) + "<feed xmlns='http://www.w3.org/2005/Atom'>".data(using: .utf16LittleEndian)!
        #expect(ExportReader.looksLikeXMLExport(utf16))
    }
}
