#include "quire_sql.h"
#include "quire_blob.h"

#include <string.h>
#include <sqlite3.h>

static void codec_free(void *codec) { quire_blob_codec_free(codec); }

/* The blob is unpacked into memory SQLite then owns as the result: no copy, and nothing is
 * kept between calls. What is allocated is at most what the blob can unpack to (see
 * quire_blob_unpacked_size), never what a damaged header claims. */
static void quire_text(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    QuireBlobCodec *codec = sqlite3_user_data(ctx);
    if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) { sqlite3_result_null(ctx); return; }
    const unsigned char *blob = sqlite3_value_blob(argv[0]);
    size_t size = (size_t)sqlite3_value_bytes(argv[0]);
    long long length = quire_blob_unpacked_size(blob, size);
    if (length < 0) { sqlite3_result_null(ctx); return; }
    unsigned char *text = sqlite3_malloc64((sqlite3_uint64)length + 1);
    if (!text) { sqlite3_result_error_nomem(ctx); return; }
    if (quire_blob_unpack(codec, blob, size, text, (size_t)length) != 0) {
        sqlite3_free(text);
        sqlite3_result_null(ctx);
        return;
    }
    const unsigned char *nul = memchr(text, 0, (size_t)length);
    size_t text_size = nul ? (size_t)(nul - text) : (size_t)length;
    sqlite3_result_text64(ctx, (const char *)text, text_size, sqlite3_free, SQLITE_UTF8);
}

int quire_text_register(void *handle) {
    QuireBlobCodec *codec = quire_blob_codec_new();
    if (!codec) return SQLITE_NOMEM;
    /* Innocuous: it reads only its argument, and allocates at most a bound derived from it. */
    return sqlite3_create_function_v2(handle, "quire_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      codec, quire_text, NULL, NULL, codec_free);
}
