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

/* Every connection to a store: no SQL of the store's own runs with more than a view's or a
 * trigger's usual rights (trusted_schema off), ordinary SQL cannot corrupt the file
 * (SQLITE_DBCONFIG_DEFENSIVE, when `defensive` is set), no value read or made is longer than
 * QUIRE_LONGEST_VALUE bytes, and a statement that runs more than `statement_budget` virtual
 * machine operations is stopped (SQLITE_INTERRUPT). The count starts again with each
 * statement; a trigger's program counts with the statement that fired it. Installs the
 * connection's progress handler and SQLITE_TRACE_STMT callback: neither may be replaced
 * (GRDB's Database.trace would, and then no statement would ever start counting again).
 * Returns an SQLite result code. */
int quire_guard_connection(void *db, int defensive, unsigned long long statement_budget);

/* Turns SQLITE_DBCONFIG_DEFENSIVE on or off on a connection (off only while Quire writes the
 * search index's shadow tables itself). Returns an SQLite result code. */
int quire_set_defensive(void *db, int on);

/* The most virtual machine operations one statement of this process has run so far (to the
 * progress handler's grain, 1,000): what statement budgets are measured against. */
unsigned long long quire_guard_most_operations(void);

/* 256 MiB: four times the largest post a blob may unpack to (QUIRE_BLOB_LARGEST_POST). */
enum { QUIRE_LONGEST_VALUE = 256 * 1024 * 1024 };

#endif
