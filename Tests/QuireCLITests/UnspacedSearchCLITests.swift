import Foundation
import Testing

/// `quire search` on Japanese and Thai posts and their comments, and a store from before the
/// search index cut those scripts, brought up to date on first use.
@Suite struct UnspacedSearchCLITests {
    /// A Blogger export written for these tests: a Japanese post with a Japanese comment, a Thai
    /// post, an English one.
    static let export = """
        <?xml version='1.0' encoding='UTF-8'?>
        <feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>
          <id>tag:blogger.com,1999:blog-77.archive</id>
          <title type='text'>家計ノート</title>
          <link rel='alternate' type='text/html' href='http://kakei.example.com/'/>
          <entry>
            <id>tag:blogger.com,1999:blog-77.post-1</id>
            <published>2020-03-01T09:00:00.000+09:00</published>
            <category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
            <title type='text'>家計の見直し</title>
            <content type='html'>去年から家計簿をつけ始めました。借金の返済が重いと分かりました。&lt;br /&gt;&lt;br /&gt;弁護士に相談して、自己破産という道も考えました。</content>
            <link rel='alternate' type='text/html' href='http://kakei.example.com/2020/03/kakei.html' title='家計の見直し'/>
            <author><name>Hana</name></author>
          </entry>
          <entry>
            <id>tag:blogger.com,1999:blog-77.post-2</id>
            <published>2020-04-02T09:00:00.000+07:00</published>
            <category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
            <title type='text'>ตลาดเช้า</title>
            <content type='html'>วันนี้ฉันไปตลาดกับแม่ เราซื้อผลไม้และผักสด</content>
            <link rel='alternate' type='text/html' href='http://kakei.example.com/2020/04/talat.html' title='ตลาดเช้า'/>
            <author><name>Hana</name></author>
          </entry>
          <entry>
            <id>tag:blogger.com,1999:blog-77.post-3</id>
            <published>2020-05-03T09:00:00.000+00:00</published>
            <category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
            <title type='text'>A Budget in English</title>
            <content type='html'>Keeping a household budget showed how heavy the debts were.</content>
            <link rel='alternate' type='text/html' href='http://kakei.example.com/2020/05/budget.html' title='A Budget in English'/>
            <author><name>Hana</name></author>
          </entry>
          <entry>
            <id>tag:blogger.com,1999:blog-77.post-9</id>
            <published>2020-03-02T10:00:00.000+09:00</published>
            <category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/>
            <title type='text'>参考</title>
            <content type='html'>とても参考になりました。ありがとうございます。</content>
            <author><name>田中</name></author>
            <thr:in-reply-to href='http://kakei.example.com/2020/03/kakei.html' ref='tag:blogger.com,1999:blog-77.post-1' type='text/html'/>
          </entry>
        </feed>
        """

    static func importedStore(_ dir: TempDir) throws -> String {
        let store = dir.path("store.sqlite")
        let file = try dir.write("blog-03-01-2021.xml", export)
        let r = try quire(store, "import", file)
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }

    @Test func wordsInsideJapaneseAndThaiTextAreFoundAndMarkedWhole() throws {
        let dir = try TempDir()
        let store = try Self.importedStore(dir)
        let kakei = try quire(store, "search", "家計")
        #expect(kakei.stdout.contains("家計の見直し"))
        #expect(kakei.stdout.contains("*家計*簿をつけ始めました"), "\(kakei.stdout)")
        #expect(try quire(store, "search", "自己破産").stdout.contains("*自己破産*という道"))
        #expect(try quire(store, "search", "ผลไม้").stdout.contains("*ผลไม้*และผักสด"))
        #expect(try quire(store, "search", "budget").stdout.lowercased().contains("*budget*"))
        #expect(try quire(store, "search", "破産家計").stdout == "no posts match\n")
    }

    @Test func aHitInACommentSaysWhoseComment() throws {
        let dir = try TempDir()
        let store = try Self.importedStore(dir)
        let r = try quire(store, "search", "参考")
        #expect(r.stdout.contains("家計の見直し"))
        #expect(r.stdout.contains("   in a comment by 田中: とても*参考*になりました。"), "\(r.stdout)")
        let json = try quire(store, "search", "参考", "--json")
        let hits = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [[String: Any]])
        let comment = try #require(hits.first?["comment"] as? [String: Any])
        #expect(comment["author"] as? String == "田中")
        #expect(comment["index"] as? Int == 0)
        #expect(hits.first?["hits"] as? [String] == ["参考"])
    }

    @Test func helpSaysWhichScriptsAreFound() throws {
        let r = try run(quireBinary, ["search", "--help"])
        #expect(r.stdout.contains("Japanese, Chinese, Korean, Thai"))
        #expect(r.stdout.contains("comment"))
    }

    /// The store as the previous version left it: no comments column, the index made by SQLite's
    /// own tokenizer (the sqlite3 shell's), its last migration not yet run.
    @Test func aStoreFromBeforeIsReindexedOnceSayingSo() throws {
        let dir = try TempDir()
        let store = try Self.importedStore(dir)
        let downgrade = try run("/usr/bin/sqlite3", [store, """
            DELETE FROM grdb_migrations WHERE identifier = 'v5-search-every-script-and-comments';
            DROP TABLE post_fts;
            DROP VIEW post_text;
            ALTER TABLE post DROP COLUMN comments_z;
            CREATE VIEW post_text AS SELECT id, title, quire_text(content_z) AS plain, notes FROM post;
            CREATE VIRTUAL TABLE post_fts USING fts5(title, plain, notes, content='post_text', content_rowid='id',
                tokenize='porter unicode61 remove_diacritics 2', prefix='3');
            INSERT INTO post_fts(post_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)');
            INSERT INTO post_fts(rowid, title, plain, notes) SELECT id, title, '', notes FROM post;
            """])
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        let first = try quire(store, "search", "家計")
        #expect(first.status == 0)
        #expect(first.stderr.contains("rebuilding the search index of \(store) once (3 posts)"), "\(first.stderr)")
        #expect(first.stderr.contains("search index rebuilt: 3 posts"))
        #expect(first.stdout.contains("*家計*簿"))
        #expect(try quire(store, "search", "参考").stdout.contains("in a comment by 田中"))
        let second = try quire(store, "search", "ตลาด")
        #expect(second.stderr.isEmpty, "once only: \(second.stderr)")
        #expect(second.stdout.contains("ตลาดเช้า"))
    }
}
