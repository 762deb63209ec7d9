/* Thai, Lao, Khmer and Burmese in the search index: ICU's dictionary word segmentation or pairs
 * of characters? A one-off measurement, kept so that it can be run again.
 *
 * It indexes the Thai posts of the generated benchmark corpus twice with SQLite's FTS5: once
 * with Quire's tokenizer (pairs of characters, Sources/CQuireSQL/quire_cjk.c) and once with
 * a tokenizer that cuts Thai into words with ICU's break iterator (Thai dictionary), then
 * reports for each: time to index, index size (dbstat), query time, and recall against a plain
 * substring scan, for whole words and for text inside words.
 *
 *   .build/release/quire-bench generate --unspaced --posts 100000 /tmp/unspaced
 *   apt-get install libicu-dev   # ICU is not a dependency of Quire itself
 *   cc -O2 -I Sources/CQuireSQL -I Sources/CQuireSQL/include doc/experiments/thai-segmentation.c \
 *      Sources/CQuireSQL/quire_cjk.c -lsqlite3 -licuuc -o /tmp/thai-segmentation
 *   /tmp/thai-segmentation /tmp/unspaced
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include "quire_cjk.h"
#include "quire_search.h"

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* ---- the two tokenizers ---- */

static fts5_api *fts5(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *s;
    sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL);
    sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(s);
    sqlite3_finalize(s);
    return api;
}

typedef struct { fts5_tokenizer parent; Fts5Tokenizer *instance; } Wrapper;
static fts5_tokenizer unicode61;
static void *unicode61_context;

static int wrapper_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out) {
    (void)ctx; (void)argv; (void)argc;
    Wrapper *w = calloc(1, sizeof *w);
    w->parent = unicode61;
    int rc = unicode61.xCreate(unicode61_context, NULL, 0, &w->instance);
    *out = (Fts5Tokenizer *)w;
    return rc;
}
static void wrapper_delete(Fts5Tokenizer *t) { Wrapper *w = (Wrapper *)t; w->parent.xDelete(w->instance); free(w); }

static int spaced(void *tokenizer, void *ctx, int flags, const char *text, int n, QuireTokenSink sink) {
    Wrapper *w = tokenizer;
    return w->parent.xTokenize(w->instance, ctx, flags, text, n, sink);
}

/* Pairs of characters: Quire's tokenizer over unicode61 (no stemming: Thai has none). */
static int pairs_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                          int (*sink)(void *, int, const char *, int, int, int)) {
    return quire_split_tokenize(t, spaced, ctx, flags, text, n, sink);
}

/* ICU words: a run of Thai is cut by the break iterator; everything else goes to unicode61. */
static int icu_run(void *ctx, const char *text, int start, int end,
                   int (*sink)(void *, int, const char *, int, int, int)) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    static UChar buffer[1 << 16];
    static int32_t offsets[1 << 16]; /* UTF-16 index -> UTF-8 offset */
    u_strFromUTF8(buffer, 1 << 16, &length, text + start, end - start, &status);
    if (U_FAILURE(status)) return SQLITE_ERROR;
    int32_t u = 0;
    for (int i = start; i < end;) {
        unsigned char c = (unsigned char)text[i];
        int size = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        offsets[u++] = i;
        if (size == 4) offsets[u++] = i;
        i += size;
    }
    offsets[u] = end;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "th", buffer, length, &status);
    if (U_FAILURE(status)) return SQLITE_ERROR;
    int32_t from = ubrk_first(bi), to;
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && (to = ubrk_next(bi)) != UBRK_DONE) {
        if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE) {
            rc = sink(ctx, 0, text + offsets[from], offsets[to] - offsets[from], offsets[from], offsets[to]);
        }
        from = to;
    }
    ubrk_close(bi);
    return rc;
}

typedef struct { void *ctx; int (*sink)(void *, int, const char *, int, int, int); int base; } Shift;
static int shifted(void *p, int f, const char *t, int n, int s, int e) {
    Shift *x = p;
    return x->sink(x->ctx, f, t, n, s + x->base, e + x->base);
}

static int words_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                          int (*sink)(void *, int, const char *, int, int, int)) {
    Wrapper *w = (Wrapper *)t;
    int i = 0, from = 0, rc = SQLITE_OK;
    while (i < n && rc == SQLITE_OK) {
        unsigned char c = (unsigned char)text[i];
        int size = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned int cp = 0;
        if (size == 3 && i + 2 < n) cp = ((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
        int thai = cp >= 0x0E00 && cp <= 0x0E7F;
        if (!thai) { i += size; continue; }
        int end = i;
        while (end + 2 < n + 0 && (unsigned char)text[end] == 0xE0 && ((unsigned char)text[end + 1] == 0xB8 || (unsigned char)text[end + 1] == 0xB9)) end += 3;
        if (i > from) { Shift x = { ctx, sink, from }; rc = w->parent.xTokenize(w->instance, &x, flags, text + from, i - from, shifted); }
        if (rc == SQLITE_OK) rc = icu_run(ctx, text, i, end, sink);
        i = from = end;
    }
    if (rc == SQLITE_OK && from < n) { Shift x = { ctx, sink, from }; rc = w->parent.xTokenize(w->instance, &x, flags, text + from, n - from, shifted); }
    return rc;
}

/* ---- the corpus ---- */

typedef struct { char **texts; int count, capacity; long bytes; } Posts;

static void read_posts(const char *dir, Posts *posts) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_type == DT_DIR) { read_posts(path, posts); continue; }
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        char *text = malloc(size + 1);
        text[fread(text, 1, size, f)] = 0;
        fclose(f);
        /* The Thai posts only; the date line and the footers are not the post's text. */
        if (!strstr(text, "Labels: ภาษาไทย")) { free(text); continue; }
        char *body = strchr(text, '\n'), *labels = strstr(text, "\nLabels:");
        if (labels) *labels = 0;
        memmove(text, body ? body + 1 : text, strlen(body ? body + 1 : text) + 1);
        if (posts->count == posts->capacity) {
            posts->capacity = posts->capacity ? posts->capacity * 2 : 1024;
            posts->texts = realloc(posts->texts, posts->capacity * sizeof *posts->texts);
        }
        posts->texts[posts->count++] = text;
        posts->bytes += (long)strlen(text);
    }
    closedir(d);
}

/* Whether `text` holds `needle` ending where a character ends (no Thai mark follows). */
static int holds(const char *text, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = text; (p = strstr(p, needle)); p++) {
        const unsigned char *after = (const unsigned char *)p + n;
        unsigned int cp = 0;
        if (after[0] == 0xE0 && after[1] && after[2]) cp = ((after[0] & 0x0F) << 12) | ((after[1] & 0x3F) << 6) | (after[2] & 0x3F);
        if (quire_script_class(cp) != QUIRE_SCRIPT_EXTEND) return 1;
    }
    return 0;
}

static int compare_doubles(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s CORPUS-FOLDER\n", argv[0]); return 2; }
    Posts posts = {0};
    read_posts(argv[1], &posts);
    printf("%d Thai posts, %.1f MB of text\n", posts.count, posts.bytes / 1048576.0);
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    fts5_api *api = fts5(db);
    api->xFindTokenizer(api, "unicode61", &unicode61_context, &unicode61);
    fts5_tokenizer pairs = { wrapper_create, wrapper_delete, pairs_tokenize };
    fts5_tokenizer words = { wrapper_create, wrapper_delete, words_tokenize };
    api->xCreateTokenizer(api, "pairs", NULL, &pairs, NULL);
    api->xCreateTokenizer(api, "words", NULL, &words, NULL);
    /* Words of the vocabulary, and text inside words (a part of a compound, a syllable). */
    const char *queries[] = { "ตลาด", "ผลไม้", "ก๋วยเตี๋ยว", "ความสุข", "วัด", "น้ำท่วม", "โรงพยาบาล", "ภาษาไทย",
                              "ผัก", "สุข", "เที่ยว", "ไม้", "รถ", "น้ำ", "พยาบาล", "ไทย" };
    int nq = sizeof queries / sizeof queries[0];
    const char *names[] = { "pairs", "words" };
    for (int m = 0; m < 2; m++) {
        char sql[256];
        snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE %s_t USING fts5(body, tokenize='%s')", names[m], names[m]);
        sqlite3_exec(db, sql, NULL, NULL, NULL);
        snprintf(sql, sizeof sql, "INSERT INTO %s_t(rowid, body) VALUES (?, ?)", names[m]);
        sqlite3_stmt *ins;
        sqlite3_prepare_v2(db, sql, -1, &ins, NULL);
        double t0 = now_ms();
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
        for (int i = 0; i < posts.count; i++) {
            sqlite3_bind_int(ins, 1, i + 1);
            sqlite3_bind_text(ins, 2, posts.texts[i], -1, SQLITE_STATIC);
            sqlite3_step(ins);
            sqlite3_reset(ins);
        }
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        double indexing = now_ms() - t0;
        sqlite3_finalize(ins);
        snprintf(sql, sizeof sql, "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE '%s_t_%%'", names[m]);
        sqlite3_stmt *size;
        sqlite3_prepare_v2(db, sql, -1, &size, NULL);
        sqlite3_step(size);
        double bytes = sqlite3_column_double(size, 0);
        sqlite3_finalize(size);
        printf("\n%s: indexed in %.0f ms, index %.1f MB = %.2f x the text\n", names[m], indexing, bytes / 1048576.0, bytes / posts.bytes);
        snprintf(sql, sizeof sql, "SELECT rowid FROM %s_t WHERE %s_t MATCH ?", names[m], names[m]);
        sqlite3_stmt *q;
        sqlite3_prepare_v2(db, sql, -1, &q, NULL);
        long holding = 0, found = 0;
        double times[64 * 5];
        int nt = 0;
        for (int k = 0; k < nq; k++) {
            char match[256];
            snprintf(match, sizeof match, "\"%s\"", queries[k]);
            char *hit = calloc(posts.count + 1, 1);
            for (int r = 0; r < 5; r++) {
                double s = now_ms();
                sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
                while (sqlite3_step(q) == SQLITE_ROW) hit[sqlite3_column_int(q, 0)] = 1;
                sqlite3_reset(q);
                times[nt++] = now_ms() - s;
            }
            long h = 0, f = 0;
            for (int i = 0; i < posts.count; i++) if (holds(posts.texts[i], queries[k])) { h++; f += hit[i + 1]; }
            printf("  %-14s recall %6.2f %% (%ld of %ld)\n", queries[k], h ? 100.0 * f / h : 100.0, f, h);
            holding += h; found += f;
            free(hit);
        }
        qsort(times, nt, sizeof times[0], compare_doubles);
        printf("  all: recall %.2f %% (%ld of %ld); query p50 %.2f ms, p99 %.2f ms (every match, unranked)\n",
               100.0 * found / holding, found, holding, times[nt / 2], times[nt * 99 / 100]);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return 0;
}
