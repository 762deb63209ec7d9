#include "quire_blob.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

/* Both formats' dictionary: the JSON's recurring keys (each post is compressed on its own,
 * so without it every post would pay for spelling out the same keys). Never change it:
 * stored posts need it to be read back. The most frequent pieces come last, where
 * back-references are shortest. */
static const char dictionary[] =
    "{\"removed\":false,\"sourceID\":\"\",\"parentID\":\"\",\"author\":\"\",\"updated\":{"
    "{\"ol\":[[{\"ul\":[[{\"q\":[{\"code\":\"{\"hr\":1}{\"e\":1}{\"h\":[{\"t\":\"\"],\"level\":2},"
    "{\"explicit\":true,\"kind\":\"url\",\"target\":\"http://\"},{\"explicit\":false,\"kind\":\"title\",\"target\":\""
    "],\"permalink\":\"https://\",\"aliases\":[],"
    "{\"f\":\"1\"},{\"r\":0,\"x\":\"\"},{\"t\":\"\",\"s\":1},{\"br\":1},"
    "{\"aliases\":[],\"commentCount\":0,\"comments\":[],\"date\":{\"day\":1,\"hour\":0,\"minute\":0,\"month\":1,\"second\":0,\"year\":20"
    "},\"document\":{\"blocks\":[{\"p\":[{\"t\":\"\"},\"footnotes\":[{\"blocks\":[{\"p\":[{\"t\":\"\"}]}],\"label\":\"1\"}],"
    "\"kind\":\"post\",\"labels\":[\"\",\"references\":[{\"explicit\":false,\"kind\":\"title\",\"target\":\"\",\"text\":\"\"}],"
    "\"slug\":\"\",\"sourceKey\":\"text:\",\"title\":\"\"}]},{\"p\":[{\"t\":\"";
enum { dictionary_size = sizeof dictionary - 1 };

/* zlib's level 3 (format 1): the JSON repeats the text, which every level finds as long
 * matches, so the default (6) made blobs only 3 % smaller for a third more time. Zstandard's
 * level 1 (format 2) is about three times quicker than zlib both ways and no larger. */
enum { zlib_level = 3, zstd_level = 1 };

/* The most one byte of stream unpacks to. Deflate: 258 bytes from a 1-bit length code and a
 * 1-bit distance code. Zstandard: a block of at most 128 KiB from 4 bytes (a 3-byte block
 * header and the one byte of a run). */
enum { zlib_most_per_byte = 1032, zstd_most_per_byte = 128 * 1024 / 4 };

static const size_t largest_post = QUIRE_BLOB_LARGEST_POST;

struct QuireBlobCodec {
    ZSTD_DCtx *dctx;
    ZSTD_CCtx *cctx;
};

/* The digested dictionary, read-only and shared by every thread. */
static ZSTD_DDict *shared_ddict;
static ZSTD_CDict *shared_cdict;
static pthread_once_t dictionaries_once = PTHREAD_ONCE_INIT;

static void make_dictionaries(void) {
    shared_ddict = ZSTD_createDDict(dictionary, dictionary_size);
    shared_cdict = ZSTD_createCDict(dictionary, dictionary_size, zstd_level);
}

QuireBlobCodec *quire_blob_codec_new(void) {
    pthread_once(&dictionaries_once, make_dictionaries);
    return calloc(1, sizeof(QuireBlobCodec));
}

void quire_blob_codec_free(QuireBlobCodec *codec) {
    if (!codec) return;
    ZSTD_freeDCtx(codec->dctx);
    ZSTD_freeCCtx(codec->cctx);
    free(codec);
}

long long quire_blob_unpacked_size(const unsigned char *blob, size_t size) {
    if (!blob || size < QUIRE_BLOB_HEADER_SIZE) return -1;
    size_t length = (size_t)blob[1] | (size_t)blob[2] << 8 | (size_t)blob[3] << 16 | (size_t)blob[4] << 24;
    size_t stream = size - QUIRE_BLOB_HEADER_SIZE;
    size_t per_byte;
    switch (blob[0]) {
    case QUIRE_BLOB_ZLIB: per_byte = zlib_most_per_byte; break;
    case QUIRE_BLOB_ZSTD: per_byte = zstd_most_per_byte; break;
    default: return -1;
    }
    if (length > largest_post) return -1;
    /* stream * per_byte cannot overflow: the limit is far below SIZE_MAX / per_byte. */
    if (stream < largest_post && length > stream * per_byte) return -1;
    return (long long)length;
}

/* Format 2: the whole frame at once; the frame's checksum and length are checked. */
static int unpack_zstd(QuireBlobCodec *codec, const unsigned char *stream, size_t size, unsigned char *out, size_t length) {
    if (!codec->dctx) codec->dctx = ZSTD_createDCtx();
    if (!codec->dctx || !shared_ddict) return -1;
    size_t n = ZSTD_decompress_usingDDict(codec->dctx, out, length, stream, size, shared_ddict);
    return !ZSTD_isError(n) && n == length ? 0 : -1;
}

/* Format 1: inflated whole, so that zlib checks its checksum; a stream that wants more room
 * than the declared size, ends short of it, or has bytes after its end is damaged. */
static int unpack_zlib(const unsigned char *stream, size_t size, unsigned char *out, size_t length) {
    if (size > UINT_MAX) return -1;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) return -1;
    z.next_in = (Bytef *)stream;
    z.avail_in = (uInt)size;
    z.next_out = out;
    z.avail_out = (uInt)length;
    int rc = inflate(&z, Z_FINISH);
    if (rc == Z_NEED_DICT && inflateSetDictionary(&z, (const Bytef *)dictionary, dictionary_size) == Z_OK) {
        rc = inflate(&z, Z_FINISH);
    }
    int result = rc == Z_STREAM_END && z.total_out == length && z.avail_in == 0 ? 0 : -1;
    inflateEnd(&z);
    return result;
}

int quire_blob_unpack(QuireBlobCodec *codec, const unsigned char *blob, size_t size, unsigned char *out, size_t length) {
    long long declared = quire_blob_unpacked_size(blob, size);
    if (!codec || declared < 0 || (size_t)declared != length) return -1;
    /* A place to write nothing to: zlib and Zstandard want a buffer even for 0 bytes. */
    unsigned char none;
    if (!out || length == 0) { out = &none; length = 0; }
    const unsigned char *stream = blob + QUIRE_BLOB_HEADER_SIZE;
    size_t stream_size = size - QUIRE_BLOB_HEADER_SIZE;
    return blob[0] == QUIRE_BLOB_ZSTD ? unpack_zstd(codec, stream, stream_size, out, length)
                                      : unpack_zlib(stream, stream_size, out, length);
}

size_t quire_blob_pack_bound(int format, size_t size) {
    if (size > largest_post) return 0;
    switch (format) {
    case QUIRE_BLOB_ZLIB: return QUIRE_BLOB_HEADER_SIZE + compressBound((uLong)size) + 4; /* + the dictionary's id */
    case QUIRE_BLOB_ZSTD: return QUIRE_BLOB_HEADER_SIZE + ZSTD_compressBound(size);
    default: return 0;
    }
}

static long long pack_zstd(QuireBlobCodec *codec, const unsigned char *bytes, size_t size, unsigned char *out, size_t capacity) {
    if (!codec->cctx) codec->cctx = ZSTD_createCCtx();
    if (!codec->cctx || !shared_cdict) return -1;
    /* The frame carries its length and a checksum, so a damaged blob is refused rather than
     * read as other text. */
    ZSTD_CCtx_reset(codec->cctx, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_refCDict(codec->cctx, shared_cdict);
    ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_checksumFlag, 1);
    size_t n = ZSTD_compress2(codec->cctx, out, capacity, bytes, size);
    return ZSTD_isError(n) ? -1 : (long long)n;
}

static long long pack_zlib(const unsigned char *bytes, size_t size, unsigned char *out, size_t capacity) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, zlib_level) != Z_OK) return -1;
    long long result = -1;
    if (deflateSetDictionary(&z, (const Bytef *)dictionary, dictionary_size) == Z_OK) {
        z.next_in = (Bytef *)bytes;
        z.avail_in = (uInt)size;
        z.next_out = out;
        z.avail_out = (uInt)capacity;
        if (deflate(&z, Z_FINISH) == Z_STREAM_END) result = (long long)z.total_out;
    }
    deflateEnd(&z);
    return result;
}

long long quire_blob_pack(QuireBlobCodec *codec, int format, const unsigned char *bytes, size_t size,
                          unsigned char *out, size_t capacity) {
    size_t bound = quire_blob_pack_bound(format, size);
    if (!codec || bound == 0 || capacity < bound || (!bytes && size > 0)) return -1;
    static const unsigned char nothing = 0;
    if (!bytes) bytes = &nothing;
    unsigned char *stream = out + QUIRE_BLOB_HEADER_SIZE;
    size_t room = capacity - QUIRE_BLOB_HEADER_SIZE;
    long long n = format == QUIRE_BLOB_ZSTD ? pack_zstd(codec, bytes, size, stream, room) : pack_zlib(bytes, size, stream, room);
    if (n < 0) return -1;
    out[0] = (unsigned char)format;
    out[1] = (unsigned char)size;
    out[2] = (unsigned char)(size >> 8);
    out[3] = (unsigned char)(size >> 16);
    out[4] = (unsigned char)(size >> 24);
    return QUIRE_BLOB_HEADER_SIZE + n;
}
