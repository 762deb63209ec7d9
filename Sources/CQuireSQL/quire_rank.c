#include "quire_sql.h"
#include "fts5_api.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

/* Row lengths of one connection's index, by rowid. */
typedef struct {
    sqlite3 *db;
    char *select_sql;          /* reads (id, sz) from the docsize table */
    int loaded;
    int version;               /* SQLITE_FCNTL_DATA_VERSION when loaded */
    sqlite3_int64 count;       /* slots in `tokens` (largest rowid + 1) */
    unsigned int *tokens;      /* tokens in the row, all columns; UINT_MAX: unknown */
} RowLengths;

/* Per query: the parts of the score that do not depend on the row. */
typedef struct {
    int phrases;
    double average_length;
    double *idf;
    double *frequency;         /* scratch, one per phrase */
} QueryTerms;

static const unsigned int unknown_length = 0xFFFFFFFFu;

static void row_lengths_free(void *p) {
    RowLengths *lengths = p;
    if (!lengths) return;
    sqlite3_free(lengths->select_sql);
    free(lengths->tokens);
    free(lengths);
}

/* One SQLite varint (big-endian groups of 7 bits, at most 9 bytes). Returns bytes read,
 * 0 if the blob ends first. */
static int read_varint(const unsigned char *p, int available, sqlite3_uint64 *out) {
    sqlite3_uint64 v = 0;
    for (int i = 0; i < 9; i++) {
        if (i >= available) return 0;
        if (i == 8) { *out = (v << 8) | p[i]; return 9; }
        v = (v << 7) | (p[i] & 0x7F);
        if (!(p[i] & 0x80)) { *out = v; return i + 1; }
    }
    return 0;
}

static int current_version(sqlite3 *db, int *version) {
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, version);
}

/* Fills `lengths` from the docsize table, or leaves it empty (every row looked up) when
 * the rowids are too sparse for an array. */
static int load_lengths(RowLengths *lengths) {
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(lengths->db, lengths->select_sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK) return rc;
    free(lengths->tokens);
    lengths->tokens = NULL;
    lengths->count = 0;
    sqlite3_int64 capacity = 0, rows = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(stmt, 0);
        rows++;
        if (id < 0 || id > 4 * rows + (1 << 20)) { rc = SQLITE_DONE; lengths->count = 0; free(lengths->tokens); lengths->tokens = NULL; break; }
        if (id >= capacity) {
            sqlite3_int64 grown = capacity ? capacity : 1024;
            while (grown <= id) grown *= 2;
            unsigned int *bigger = realloc(lengths->tokens, (size_t)grown * sizeof *bigger);
            if (!bigger) { rc = SQLITE_NOMEM; break; }
            for (sqlite3_int64 i = capacity; i < grown; i++) bigger[i] = unknown_length;
            lengths->tokens = bigger;
            capacity = grown;
        }
        const unsigned char *blob = sqlite3_column_blob(stmt, 1);
        int size = sqlite3_column_bytes(stmt, 1), offset = 0;
        sqlite3_uint64 total = 0, column;
        int used;
        while (offset < size && (used = read_varint(blob + offset, size - offset, &column)) > 0) {
            total += column;
            offset += used;
        }
        lengths->tokens[id] = total < unknown_length ? (unsigned int)total : unknown_length;
        if (id + 1 > lengths->count) lengths->count = id + 1;
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        free(lengths->tokens);
        lengths->tokens = NULL;
        lengths->count = 0;
        return rc == SQLITE_ROW ? SQLITE_ERROR : rc;
    }
    return SQLITE_OK;
}

/* Brings the lengths up to the snapshot of the running query. */
static int refresh_lengths(RowLengths *lengths) {
    int version = 0;
    int rc = current_version(lengths->db, &version);
    if (rc != SQLITE_OK) return rc;
    if (lengths->loaded && version == lengths->version) return SQLITE_OK;
    rc = load_lengths(lengths);
    if (rc != SQLITE_OK) return rc;
    lengths->loaded = 1;
    lengths->version = version;
    return SQLITE_OK;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user) {
    (void)api; (void)fts;
    (*(sqlite3_int64 *)user)++;
    return SQLITE_OK;
}

/* The row-independent part of the score, computed once per query. */
static int query_terms(const Fts5ExtensionApi *api, Fts5Context *fts, RowLengths *lengths, QueryTerms **out) {
    QueryTerms *terms = api->xGetAuxdata(fts, 0);
    if (terms) { *out = terms; return SQLITE_OK; }
    int rc = refresh_lengths(lengths);
    if (rc != SQLITE_OK) return rc;
    int phrases = api->xPhraseCount(fts);
    terms = sqlite3_malloc64(sizeof *terms + (sqlite3_uint64)phrases * 2 * sizeof(double));
    if (!terms) return SQLITE_NOMEM;
    memset(terms, 0, sizeof *terms + (size_t)phrases * 2 * sizeof(double));
    terms->phrases = phrases;
    terms->idf = (double *)(terms + 1);
    terms->frequency = terms->idf + phrases;
    sqlite3_int64 rows = 0, tokens = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK) terms->average_length = rows > 0 ? (double)tokens / (double)rows : 1.0;
    for (int i = 0; rc == SQLITE_OK && i < phrases; i++) {
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(fts, i, &hits, count_row);
        if (rc == SQLITE_OK) {
            /* Okapi BM25's idf, floored just above zero as FTS5's bm25() floors it: a
             * phrase in more than half of the rows still counts a little. */
            double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
            terms->idf[i] = idf > 0.0 ? idf : 1e-6;
        }
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, terms, sqlite3_free);
    else sqlite3_free(terms);
    if (rc == SQLITE_OK) *out = terms;
    return rc;
}

static void quire_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int argc, sqlite3_value **argv) {
    const double k1 = 1.2, b = 0.75;
    RowLengths *lengths = api->xUserData(fts);
    QueryTerms *terms = NULL;
    int rc = query_terms(api, fts, lengths, &terms);
    int instances = 0;
    if (rc == SQLITE_OK) {
        memset(terms->frequency, 0, sizeof(double) * (size_t)terms->phrases);
        rc = api->xInstCount(fts, &instances);
    }
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase, column, offset;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) terms->frequency[phrase] += column < argc ? sqlite3_value_double(argv[column]) : 1.0;
    }
    double length = 0;
    if (rc == SQLITE_OK) {
        sqlite3_int64 row = api->xRowid(fts);
        if (row >= 0 && row < lengths->count && lengths->tokens[row] != unknown_length) {
            length = lengths->tokens[row];
        } else {
            int tokens = 0;
            rc = api->xColumnSize(fts, -1, &tokens);
            length = tokens;
        }
    }
    double score = 0;
    for (int i = 0; rc == SQLITE_OK && i < terms->phrases; i++) {
        double f = terms->frequency[i];
        score += terms->idf[i] * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * length / terms->average_length));
    }
    if (rc == SQLITE_OK) sqlite3_result_double(ctx, -score);
    else sqlite3_result_error_code(ctx, rc);
}

int quire_rank_register(void *handle, const char *docsize_table) {
    sqlite3 *db = handle;
    int rc;
    fts5_api *fts5 = quire_fts5_api(db, &rc);
    if (!fts5) return rc;
    RowLengths *lengths = calloc(1, sizeof *lengths);
    if (!lengths) return SQLITE_NOMEM;
    lengths->db = db;
    lengths->select_sql = sqlite3_mprintf("SELECT id, sz FROM \"%w\"", docsize_table);
    if (!lengths->select_sql) { free(lengths); return SQLITE_NOMEM; }
    rc = fts5->xCreateFunction(fts5, "quire_rank", lengths, quire_rank, row_lengths_free);
    if (rc != SQLITE_OK) row_lengths_free(lengths);
    return rc;
}
