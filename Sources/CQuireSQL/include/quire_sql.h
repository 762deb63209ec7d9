#ifndef QUIRE_SQL_H
#define QUIRE_SQL_H

#include <stddef.h>

/* quire_rank: the FTS5 ranking function of Quire's search.
 *
 * It scores a row exactly as FTS5's own bm25() does (same k1, b, idf floor, column weights
 * as arguments), but takes each row's length in tokens from an in-memory copy of the
 * index's docsize table instead of looking that row up: with a word that half the
 * archive contains, those lookups were nine tenths of a ranked query's time.
 *
 * The copy belongs to one connection. It is filled on the first ranked query and again
 * whenever the database has changed since (SQLITE_FCNTL_DATA_VERSION, which counts
 * commits by this connection and by any other), from inside the query's own read
 * transaction, so it always matches the snapshot being ranked. A row it does not hold
 * is looked up the usual way.
 *
 * `db` is the connection's sqlite3 pointer; `docsize_table` names the FTS5 table's
 * docsize shadow table (for example "post_fts_docsize"). Returns an SQLite result code. */
int quire_rank_register(void *db, const char *docsize_table);

/* quire_text(content_z): the plain text of a stored post (everything before the NUL of the
 * unpacked blob; see quire_blob.h), for the search index's content view and snippets. A
 * blob that is NULL, of another format, damaged, or declares more than it can hold gives
 * NULL. Returns an SQLite result code. */
int quire_text_register(void *db);

/* Replaces, on this connection, the FTS5 tokenizer named "porter" by one that stems as the
 * built-in one does, except a prefix in a query ("mis*"), which it only folds (case and
 * diacritics) the way the parent tokenizer does: stemmed, "mis" became "mi" and matched
 * "middle" and "minister". The index is unchanged, so other programs read it as before (with
 * the built-in porter's prefix behaviour). Must run before the connection first uses the
 * table. Returns an SQLite result code. */
int quire_prefix_register(void *db);

#endif
