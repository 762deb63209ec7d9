import Foundation
import Testing
@testable import QuireImport
import QuireModel

/// The repository's root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func textFixture(_ name: String) throws -> (Post, [ImportWarning]) {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("text/\(name)")
    return try PlainTextReader.read(data: try Data(contentsOf: url), displayPath: name)
}

func importError(_ name: String) -> ImportError? {
    do { _ = try textFixture(name); return nil } catch let e as ImportError { return e } catch { return nil }
}

@Suite struct SeedPostTests {
    let seedURL = repoRoot.appendingPathComponent("data/posts/2007/10/missile-defense-talks-with-russia-fail.txt")

    func seed() throws -> (Post, [ImportWarning]) {
        try PlainTextReader.read(data: Data(contentsOf: seedURL), displayPath: "seed")
    }

    @Test func titleDateAndFooter() throws {
        let (post, warnings) = try seed()
        #expect(post.title == "Missile Defense Talks With Russia Fail")
        #expect(post.date == PostDate(year: 2007, month: 10, day: 12))
        #expect(post.commentCount == 0)
        #expect(warnings.isEmpty)
    }

    @Test func twoElisions() throws {
        let (post, _) = try seed()
        #expect(post.document.blocks.filter { $0 == .elision }.count == 2)
    }

    @Test func footnoteOneAttachedToTheCommentaryParagraph() throws {
        let (post, _) = try seed()
        #expect(post.footnotes.map(\.label) == ["1"])
        let citing = post.document.blocks.filter { $0.footnoteLabels == ["1"] }
        #expect(citing.count == 1)
        #expect(citing.first?.plainText.hasPrefix("This is not going to ever make a breakthrough.") == true)
        #expect(citing.first?.plainText.contains("compromise on this[1].") == true)
        #expect(post.footnotes[0].plainText == "Please read my post \"Why Does Russia Object to NMD in the EU?\"")
    }

    @Test func oneExplicitReferenceToTheNMDPost() throws {
        let (post, _) = try seed()
        let explicit = post.references.filter(\.explicit)
        #expect(explicit.count == 1)
        #expect(explicit.first?.kind == .title)
        #expect(explicit.first?.target == "Why Does Russia Object to NMD in the EU?")
    }

    @Test func quotationsAreCandidatesButNotExplicit() throws {
        let (post, _) = try seed()
        // Putin's words are quoted spans: kept as candidates, never as dangling references.
        #expect(post.references.contains { $0.target == "universal in nature." && !$0.explicit })
    }
}

@Suite struct PlainTextFormatTests {
    @Test func bomCRLFAndISODate() throws {
        let (post, warnings) = try textFixture("bom-crlf-iso.txt")
        #expect(post.title == "A Post With CRLF Line Ends")
        #expect(post.date.isoDay == "2009-03-04")
        #expect(post.document.blocks.first?.plainText == "First paragraph, which goes on across two lines.")
        #expect(post.labels == ["travel", "notes"])
        #expect(post.commentCount == 1)
        #expect(post.footnotes.count == 1)
        #expect(warnings.isEmpty)
        #expect(!post.title.contains("\r") && !post.document.plainText.contains("\r"))
    }

    @Test func contradictingWeekdayWarnsAndTheDateWins() throws {
        let (post, warnings) = try textFixture("wrong-weekday.txt")
        #expect(post.date.isoDay == "2007-10-12")
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 1)
        #expect(warnings.first?.message.contains("Friday") == true)
    }

    @Test func unmatchedMarkersAndNotesAreKeptAndReported() throws {
        let (post, warnings) = try textFixture("orphans.txt")
        #expect(post.footnotes.map(\.label) == ["1", "3"])
        #expect(post.document.blocks.first?.footnoteLabels == ["2", "1"])
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.message.contains("[2]") && $0.line == 5 })
        #expect(warnings.contains { $0.message.contains("3.") && $0.line == 8 })
        #expect(post.author == "Alex")
        #expect(post.date.hour == 21 && post.date.minute == 14)
        #expect(post.commentCount == 12)
        #expect(post.labels == ["meta"])
    }

    @Test func referencesQuotesAndURLs() throws {
        let (post, _) = try textFixture("references.txt")
        let refs = post.references
        #expect(refs.contains { $0.target == "A Post With CRLF Line Ends" && $0.explicit })
        #expect(refs.contains { $0.target == "the weekday is wrong!" && !$0.explicit })
        #expect(refs.contains { $0.target == "A Post That Was Never Written" && $0.explicit })
        #expect(refs.contains { $0.kind == .url && $0.target == "http://example.blogspot.com/2008/01/x.html" })
        // The text a reader sees is unchanged by reference parsing.
        #expect(post.document.blocks[0].plainText.contains("my post \"A Post With CRLF Line Ends\", line ends"))
    }

    @Test func malformedFilesNameFileLineAndExpectation() {
        let noTitle = importError("no-title.txt")
        #expect(noTitle?.file == "no-title.txt")
        #expect(noTitle?.message.contains("title") == true)
        let header = importError("bad-header.txt")
        #expect(header?.line == 1)
        #expect(header?.message.contains("expected a date header") == true)
        let day = importError("bad-day.txt")
        #expect(day?.line == 1)
        #expect(day?.message.contains("not a day") == true)
    }

    @Test func emptyAndBinaryInputAreErrors() {
        #expect(throws: ImportError.self) { try PlainTextReader.read(data: Data(), displayPath: "e") }
        #expect(throws: ImportError.self) {
            try PlainTextReader.read(data: Data([0x00, 0x01, 0xFF, 0x00]), displayPath: "b")
        }
    }

    @Test func controlCharactersNeverEnterThePost() throws {
        let text = "2010-01-01\n\nTitle \u{1B}]0;pwned\u{07}Here\n\nBody \u{1B}[2J with \u{9B}31m colour and \u{202E}bidi.\n"
        let (post, _) = try PlainTextReader.read(data: Data(text.utf8), displayPath: "x")
        #expect(post.title == "Title Here")
        let body = post.document.plainText
        #expect(!body.unicodeScalars.contains { Sanitizer.isUnsafe($0) })
        #expect(body == "Body  with  colour and bidi.")
    }
}
