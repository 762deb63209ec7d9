#include "quire_sql.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <zlib.h>
#include <zstd.h>

/* What one connection keeps between calls (SQLite calls a connection's functions one at a
 * time). */
typedef struct {
    unsigned char *dictionary;
    size_t dictionary_size;
    ZSTD_DCtx *zstd;
    ZSTD_DDict *zstd_dictionary;
    unsigned char *buffer;
    size_t capacity;
} TextReader;

enum { header_size = 5, largest_post = 512 * 1024 * 1024 };

static void text_reader_free(void *p) {
    TextReader *reader = p;
    if (!reader) return;
    ZSTD_freeDCtx(reader->zstd);
    ZSTD_freeDDict(reader->zstd_dictionary);
    free(reader->dictionary);
    free(reader->buffer);
    free(reader);
}

static int reserve(TextReader *reader, size_t size) {
    if (size <= reader->capacity) return 1;
    unsigned char *bigger = realloc(reader->buffer, size);
    if (!bigger) return 0;
    reader->buffer = bigger;
    reader->capacity = size;
    return 1;
}

/* Format 2: the whole frame (a post's text and JSON are a few kilobytes). Returns the
 * unpacked size, or -1. */
static long unpack_zstd(TextReader *reader, const unsigned char *frame, size_t size, size_t length) {
    if (!reader->zstd) reader->zstd = ZSTD_createDCtx();
    if (!reader->zstd_dictionary) reader->zstd_dictionary = ZSTD_createDDict(reader->dictionary, reader->dictionary_size);
    if (!reader->zstd || !reader->zstd_dictionary || !reserve(reader, length + 1)) return -1;
    size_t n = ZSTD_decompress_usingDDict(reader->zstd, reader->buffer, length, frame, size, reader->zstd_dictionary);
    if (ZSTD_isError(n) || n != length) return -1;
    return (long)n;
}

/* Format 1: inflated whole, so that zlib checks its checksum. Returns the unpacked size, or -1. */
static long unpack_zlib(TextReader *reader, const unsigned char *stream_bytes, size_t size, size_t length) {
    if (!reserve(reader, length + 1)) return -1;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit(&stream) != Z_OK) return -1;
    stream.next_in = (Bytef *)stream_bytes;
    stream.avail_in = (uInt)size;
    stream.next_out = reader->buffer;
    stream.avail_out = (uInt)length;
    int rc = inflate(&stream, Z_FINISH);
    if (rc == Z_NEED_DICT && inflateSetDictionary(&stream, reader->dictionary, (uInt)reader->dictionary_size) == Z_OK) {
        rc = inflate(&stream, Z_FINISH);
    }
    long result = rc == Z_STREAM_END && stream.total_out == length ? (long)length : -1;
    inflateEnd(&stream);
    return result;
}

static void quire_text(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    TextReader *reader = sqlite3_user_data(ctx);
    if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) { sqlite3_result_null(ctx); return; }
    const unsigned char *blob = sqlite3_value_blob(argv[0]);
    size_t size = (size_t)sqlite3_value_bytes(argv[0]);
    if (!blob || size < header_size) { sqlite3_result_null(ctx); return; }
    size_t length = (size_t)blob[1] | (size_t)blob[2] << 8 | (size_t)blob[3] << 16 | (size_t)blob[4] << 24;
    if (length > largest_post) { sqlite3_result_null(ctx); return; }
    if (length == 0) { sqlite3_result_text(ctx, "", 0, SQLITE_STATIC); return; }
    long unpacked;
    switch (blob[0]) {
    case 1: unpacked = unpack_zlib(reader, blob + header_size, size - header_size, length); break;
    case 2: unpacked = unpack_zstd(reader, blob + header_size, size - header_size, length); break;
    default: unpacked = -1;
    }
    if (unpacked < 0) { sqlite3_result_null(ctx); return; }
    const unsigned char *nul = memchr(reader->buffer, 0, (size_t)unpacked);
    size_t text = nul ? (size_t)(nul - reader->buffer) : (size_t)unpacked;
    sqlite3_result_text(ctx, (const char *)reader->buffer, (int)text, SQLITE_TRANSIENT);
}

int quire_text_register(void *handle, const unsigned char *dictionary, size_t dictionary_size) {
    TextReader *reader = calloc(1, sizeof *reader);
    if (!reader) return SQLITE_NOMEM;
    reader->dictionary = malloc(dictionary_size ? dictionary_size : 1);
    if (!reader->dictionary) { free(reader); return SQLITE_NOMEM; }
    memcpy(reader->dictionary, dictionary, dictionary_size);
    reader->dictionary_size = dictionary_size;
    return sqlite3_create_function_v2(handle, "quire_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      reader, quire_text, NULL, NULL, text_reader_free);
}
