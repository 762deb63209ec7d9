import CQuireSQL
import Foundation
import GRDB
import QuireModel
import Testing
@testable import QuireStore

/// The tokenizer of Quire's connections: unspaced scripts in pairs of characters, every other
/// text exactly as SQLite's own porter tokenizer cuts it.
@Suite struct TokenizerTests {
    @Test func theSwiftAndCTablesOfScriptsAgreeOnEveryCodePoint() {
        var disagreements: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = quire_script_class(value), swift = Int32(ScriptRuns.kind(of: scalar).rawValue)
            if c != swift, disagreements.count < 5 { disagreements.append(String(format: "U+%04X: C %d, Swift %d", value, c, swift)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    /// The shadow tables of an FTS5 table holding `texts`, built on `db`.
    static func index(_ db: DatabaseQueue, _ texts: [String]) throws -> [[DatabaseValue]] {
        try db.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(body, \(Schema.ftsOptions))")
            for text in texts { try db.execute(sql: "INSERT INTO t(body) VALUES (?)", arguments: [text]) }
            return try ["t_data", "t_idx", "t_docsize"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { Array($0.databaseValues) }
            }
        }
    }

    @Test func textWithoutUnspacedScriptsIsIndexedExactlyAsSQLiteIndexesIt() throws {
        let texts = [
            "The missile-defense talks “failed” — again… Don’t stop; it's 3.5% of GDP (2007).",
            "Café crème in Zürich, naïve façade, São Paulo, año, ström, Œuvre, ﬁne ligatures",
            "Москва: правда, спасибо, дорога. Ελληνικά κείμενα με τόνους. Tiếng Việt có dấu.",
            "مرحبا بالعالم שלום עולם नमस्ते दुनिया ★ ☃ 🙂 👩‍👩‍👧 ¼ ½ ™",
            "Full-width ＡＢＣ１２３ letters and digits, ①②③, ℃",
        ]
        // SQLite's own tokenizers (no Quire functions on this connection) and Quire's.
        let plain = try Self.index(DatabaseQueue(), texts)
        let quire = try Self.index(DatabaseQueue(configuration: ArchiveStore.configuration()), texts)
        #expect(plain.count > 3)
        #expect(plain == quire)
    }

    /// The terms a document holding `text` (UTF-8 bytes, well-formed or not) is indexed under, in
    /// order, as `fts5vocab` lists them (a pair before the character at its place).
    static func terms(_ text: String) throws -> [String] { try terms(Data(text.utf8)) }

    static func terms(_ bytes: Data) throws -> [String] {
        try DatabaseQueue(configuration: ArchiveStore.configuration()).write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE t USING fts5(body, \(Schema.ftsOptions));
                CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
                """)
            try db.execute(sql: "INSERT INTO t(body) VALUES (CAST(? AS TEXT))", arguments: [bytes])
            return try String.fetchAll(db, sql: "SELECT term FROM v ORDER BY offset, length(term) DESC, term")
        }
    }

    @Test func eachCharacterOfARunHoldsThePairItStartsAndItself() throws {
        #expect(try Self.terms("自己破産") == ["自己", "自", "己破", "己", "破産", "破", "産"])
        #expect(try Self.terms("Python入門!") == ["python", "入門", "入", "門"])
        #expect(try Self.terms("家") == ["家"])
        // Thai marks stay on their consonant: วั น นี้.
        #expect(try Self.terms("วันนี้") == ["วัน", "วั", "นนี้", "น", "นี้"])
        // Runs of two scripts are cut apart; punctuation ends a run.
        #expect(try Self.terms("東京ไทย、京都") == ["東京", "東", "京", "ไท", "ไ", "ทย", "ท", "ย", "京都", "京", "都"])
        // A malformed sequence ends a run and goes to the word tokenizer, which reads E3 81 as
        // U+00C1 and folds it to "a", as SQLite's own does.
        #expect(try Self.terms(Data("漢字".utf8) + Data([0xE3, 0x81]) + Data("かな".utf8)) == ["漢字", "漢", "字", "a", "かな", "か", "な"])
        #expect(try Self.terms(Data("漢".utf8) + Data([0xFF]) + Data("x".utf8)) == ["漢", "x"])
    }
}
