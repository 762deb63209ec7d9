#include "quire_search.h"
#include "fts5_api.h"

#include <stddef.h>
#include <sqlite3.h>

/* Which columns of the current row hold a hit: a search tells a hit in a post's comments from
 * one in its text. The row's hits are those FTS5 has already listed for the ranking. */
static void quire_hit_columns(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                              int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    sqlite3_int64 columns = 0;
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase, column, offset;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && column >= 0 && column < 63) columns |= (sqlite3_int64)1 << column;
    }
    if (rc == SQLITE_OK) sqlite3_result_int64(ctx, columns);
    else sqlite3_result_error_code(ctx, rc);
}

int quire_hits_register(void *db) {
    int rc;
    fts5_api *fts5 = quire_fts5_api(db, &rc);
    if (!fts5) return rc;
    return fts5->xCreateFunction(fts5, "quire_hit_columns", NULL, quire_hit_columns, NULL);
}
