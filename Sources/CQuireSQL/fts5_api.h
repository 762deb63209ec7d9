#ifndef QUIRE_FTS5_API_H
#define QUIRE_FTS5_API_H

#include <sqlite3.h>

/* The connection's FTS5 API (the documented `SELECT fts5(?1)` handshake): the pointer, or NULL
 * with *rc set to the SQLite result code. */
fts5_api *quire_fts5_api(sqlite3 *db, int *rc);

#endif
