#include "fts5_api.h"

#include <stddef.h>

fts5_api *quire_fts5_api(sqlite3 *db, int *rc) {
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    *rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
    if (*rc != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    *rc = sqlite3_finalize(stmt);
    if (*rc == SQLITE_OK && !api) *rc = SQLITE_ERROR;
    return *rc == SQLITE_OK ? api : NULL;
}
