import GRDB

/// The store's schema, as named migrations applied in order.
enum Schema {
    /// How `post_fts` tokenizes and which prefixes it indexes. The index builder of imports into
    /// an empty store makes a table with the same options (SearchIndexBuilder), so this must
    /// only ever change with a migration that rebuilds the index.
    ///
    /// The name is that of SQLite's own tokenizer, which Quire's connections replace by one that
    /// keeps query prefixes unstemmed and cuts Japanese, Chinese, Korean, Thai... into pairs of
    /// characters (quire_prefix.c, quire_cjk.c): other programs, such as the sqlite3 shell, can
    /// still open the table and search its Latin text as before.
    static let ftsOptions = "tokenize='porter unicode61 remove_diacritics 2', prefix='3'"

    /// The columns of `post_fts`: title, text, footnotes and comments.
    static let ftsColumns = "title, plain, notes, comments"

    /// The weight of each column of `post_fts` in the ranking (bm25's column weights): titles ten
    /// times the text, comments half.
    static let columnWeights = "10.0, 1.0, 1.0, 0.5"

    static var migrator: DatabaseMigrator { migrator(reindexing: nil) }

    /// The migrations; `reindexing` hears how a migration that rebuilds the search index gets on.
    static func migrator(reindexing: (@Sendable (SearchIndexProgress) -> Void)?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-posts-labels-references-fts") { db in
            try db.execute(sql: """
                CREATE TABLE post (
                    id INTEGER PRIMARY KEY,
                    source_key TEXT NOT NULL UNIQUE,
                    format TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    slug TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    title_key TEXT NOT NULL,
                    sort_key TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    month INTEGER NOT NULL,
                    utc_offset INTEGER,
                    author TEXT,
                    permalink TEXT,
                    comment_count INTEGER NOT NULL,
                    footnote_count INTEGER NOT NULL,
                    word_count INTEGER NOT NULL,
                    notes TEXT NOT NULL,
                    -- The plain text (for search and snippets) and the whole post as JSON,
                    -- compressed together: see PostBlob. quire_text() reads the text in SQL.
                    content_z BLOB NOT NULL
                );
                CREATE INDEX post_by_date ON post(sort_key, id);
                CREATE INDEX post_by_month ON post(year, month, sort_key, id);
                CREATE INDEX post_by_title_key ON post(title_key);

                CREATE TABLE label (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE
                );
                -- The post's date is repeated here so that a label's posts page by date
                -- straight from this table's key.
                CREATE TABLE post_label (
                    label_id INTEGER NOT NULL REFERENCES label(id) ON DELETE CASCADE,
                    sort_key TEXT NOT NULL,
                    post_id INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                    PRIMARY KEY (label_id, sort_key, post_id)
                ) WITHOUT ROWID;
                CREATE INDEX post_label_by_post ON post_label(post_id);

                -- Keys under which other posts may point at a post: its permalink, its path,
                -- its slug and its aliases, all normalised (see MatchKey).
                CREATE TABLE alias (
                    key TEXT NOT NULL,
                    post_id INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                    PRIMARY KEY (key, post_id)
                ) WITHOUT ROWID;
                CREATE INDEX alias_by_post ON alias(post_id);

                CREATE TABLE footnote (
                    post_id INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (post_id, ordinal)
                ) WITHOUT ROWID;

                -- Every span of a post that may point at another post, in reading order.
                -- status: post (resolved to to_post), dangling, external, none (plain text).
                CREATE TABLE post_ref (
                    post_id INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    target TEXT NOT NULL,
                    target_key TEXT NOT NULL,
                    text TEXT NOT NULL,
                    explicit INTEGER NOT NULL,
                    to_post INTEGER REFERENCES post(id) ON DELETE SET NULL,
                    status TEXT NOT NULL DEFAULT 'none',
                    PRIMARY KEY (post_id, ordinal)
                ) WITHOUT ROWID;
                CREATE INDEX post_ref_by_target ON post_ref(to_post);

                -- One row per imported file or folder, for the summary and `quire stats`.
                CREATE TABLE source (
                    path TEXT PRIMARY KEY,
                    format TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    posts INTEGER NOT NULL,
                    drafts_skipped INTEGER NOT NULL,
                    skipped TEXT NOT NULL
                );

                -- What the search index reads for snippets: the post's text, inflated.
                CREATE VIEW post_text AS
                    SELECT id, title, quire_text(content_z) AS plain, notes FROM post;
                -- Kept in step with post by the importer (no triggers: the text is compressed).
                CREATE VIRTUAL TABLE post_fts USING fts5(
                    title, plain, notes,
                    content='post_text', content_rowid='id',
                    \(ftsOptions)
                );
                """)
        }
        migrator.registerMigration("v2-rank-titles-ten-times") { db in
            // With the weights stored as the table's rank, `ORDER BY rank` lets FTS5 sort the
            // hits itself, so a query reads each doclist once and builds snippets for the
            // returned rows only.
            try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)')")
        }
        migrator.registerMigration("v3-store-identity") { db in
            // A random id that names the store for the reader's state file (read posts,
            // positions, bookmarks). It follows the file when moved or copied, and a store
            // deleted and rebuilt at the same path gets a new one, so marks kept for the old
            // store's post ids never land on other posts.
            try db.execute(sql: """
                CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO store_info (key, value) VALUES ('identity', lower(hex(randomblob(16))));
                """)
        }
        migrator.registerMigration("v4-month-and-label-counts") { db in
            // Posts per month and per label, counted again by every import: the reader's first
            // screen reads these few hundred rows instead of counting the whole archive, so it
            // opens as quickly on 100,000 posts as on 10,000.
            try db.execute(sql: """
                CREATE TABLE month_count (
                    year INTEGER NOT NULL,
                    month INTEGER NOT NULL,
                    posts INTEGER NOT NULL,
                    PRIMARY KEY (year, month)
                ) WITHOUT ROWID;
                CREATE TABLE label_count (
                    label_id INTEGER PRIMARY KEY,
                    posts INTEGER NOT NULL
                );
                """)
            try ArchiveStore.countPosts(db)
        }
        migrator.registerMigration("v5-search-every-script-and-comments") { db in
            // The index is built anew: Japanese, Chinese, Korean and Thai text is now cut into
            // pairs of characters (the table's definition is the same, its tokens are not), and
            // comments get a column of their own, read from `comments_z` (see CommentText).
            try db.execute(sql: """
                ALTER TABLE post ADD COLUMN comments_z BLOB;
                DROP TABLE post_fts;
                DROP VIEW post_text;
                CREATE VIEW post_text AS
                    SELECT id, title, quire_text(content_z) AS plain, notes, quire_text(comments_z) AS comments FROM post;
                CREATE VIRTUAL TABLE post_fts USING fts5(
                    \(ftsColumns),
                    content='post_text', content_rowid='id',
                    \(ftsOptions)
                );
                INSERT INTO post_fts(post_fts, rank) VALUES ('rank', 'bm25(\(columnWeights))');
                """)
            try SearchIndexRebuild.run(db, progress: reindexing)
        }
        migrator.registerMigration("v6-pingbacks-and-comment-references") { db in
            // Pingbacks are counted per post for `quire stats`; a reference written in a comment
            // is marked, so that a post it leads to can say where the link to it came from and
            // the counts of references in posts stay what the posts' authors wrote. Stores made
            // before had neither: every existing row gets 0, which is what they held.
            try db.execute(sql: """
                ALTER TABLE post ADD COLUMN pingback_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE post_ref ADD COLUMN in_comment INTEGER NOT NULL DEFAULT 0;
                """)
        }
        return migrator
    }
}
