#include "quire_sql.h"
#include "fts5_api.h"
#include "quire_cjk.h"

#include <string.h>
#include <sqlite3.h>

/* The built-in tokenizers this wrapper hands work to, found before it takes their name. */
typedef struct {
    fts5_api *api;
    fts5_tokenizer stemming;
    void *stemming_context;
} Originals;

typedef struct {
    Fts5Tokenizer *stemming;        /* the built-in porter over its parent */
    Fts5Tokenizer *plain;           /* the parent alone (unicode61 and its options) */
    fts5_tokenizer plain_module;
    const Originals *originals;
} PrefixAware;

static void prefix_aware_delete(Fts5Tokenizer *tokenizer) {
    PrefixAware *self = (PrefixAware *)tokenizer;
    if (!self) return;
    if (self->stemming) self->originals->stemming.xDelete(self->stemming);
    if (self->plain) self->plain_module.xDelete(self->plain);
    sqlite3_free(self);
}

/* Arguments as for porter: the parent tokenizer's name and its options (unicode61 when none). */
static int prefix_aware_create(void *context, const char **arguments, int count, Fts5Tokenizer **out) {
    const Originals *originals = context;
    PrefixAware *self = sqlite3_malloc(sizeof *self);
    if (!self) return SQLITE_NOMEM;
    memset(self, 0, sizeof *self);
    self->originals = originals;
    int rc = originals->stemming.xCreate(originals->stemming_context, arguments, count, &self->stemming);
    const char *parent = count > 0 ? arguments[0] : "unicode61";
    void *parent_context = NULL;
    if (rc == SQLITE_OK) rc = originals->api->xFindTokenizer(originals->api, parent, &parent_context, &self->plain_module);
    if (rc == SQLITE_OK) {
        rc = self->plain_module.xCreate(parent_context, count > 0 ? arguments + 1 : NULL, count > 0 ? count - 1 : 0, &self->plain);
    }
    if (rc != SQLITE_OK) { prefix_aware_delete((Fts5Tokenizer *)self); return rc; }
    *out = (Fts5Tokenizer *)self;
    return SQLITE_OK;
}

/* A prefix in a query ("mis*") is not stemmed: porter would make it "mi" and match "middle". */
static int spaced_tokenize(void *tokenizer, void *context, int flags, const char *text, int length,
                           int (*token)(void *, int, const char *, int, int, int)) {
    PrefixAware *self = (PrefixAware *)tokenizer;
    if (flags & FTS5_TOKENIZE_PREFIX) return self->plain_module.xTokenize(self->plain, context, flags, text, length, token);
    return self->originals->stemming.xTokenize(self->stemming, context, flags, text, length, token);
}

/* Scripts written without spaces are cut into pairs of characters first (quire_cjk.c). */
static int prefix_aware_tokenize(Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
                                 int (*token)(void *, int, const char *, int, int, int)) {
    return quire_split_tokenize(tokenizer, spaced_tokenize, context, flags, text, length, token);
}

int quire_prefix_register(void *handle) {
    int rc;
    fts5_api *api = quire_fts5_api(handle, &rc);
    if (!api) return rc;
    Originals *originals = sqlite3_malloc(sizeof *originals);
    if (!originals) return SQLITE_NOMEM;
    memset(originals, 0, sizeof *originals);
    originals->api = api;
    rc = api->xFindTokenizer(api, "porter", &originals->stemming_context, &originals->stemming);
    if (rc != SQLITE_OK) { sqlite3_free(originals); return rc; }
    fts5_tokenizer module = { prefix_aware_create, prefix_aware_delete, prefix_aware_tokenize };
    rc = api->xCreateTokenizer(api, "porter", originals, &module, sqlite3_free);
    if (rc != SQLITE_OK) sqlite3_free(originals);
    return rc;
}
