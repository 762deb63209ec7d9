#ifndef QUIRE_BLOB_H
#define QUIRE_BLOB_H

#include <stddef.h>

/* A stored post (post.content_z): its plain text, a NUL, then its JSON, compressed as one
 * stream (the JSON repeats the text, and one stream stores the second copy as
 * back-references). This file and quire_blob.c are the only description of the format;
 * Swift (PostBlob.swift) and the SQL function quire_text() both go through them.
 *
 *   byte 0     the format: 1 zlib (written by Quire before format 2, still read),
 *              2 Zstandard at level 1 with a checksum (everything written now)
 *   bytes 1-4  the unpacked size, UInt32 little-endian
 *   bytes 5-   the stream, primed with the same dictionary in both formats
 *
 * A blob is read only once its declared size is checked: it must be at most
 * QUIRE_BLOB_LARGEST_POST and no more than its stream could unpack to, so that a damaged or
 * crafted blob is refused before anything is allocated for it. */

enum { QUIRE_BLOB_ZLIB = 1, QUIRE_BLOB_ZSTD = 2, QUIRE_BLOB_HEADER_SIZE = 5 };

/* The largest unpacked post (text, NUL, JSON) Quire stores and reads: 64 MiB. */
enum { QUIRE_BLOB_LARGEST_POST = 64 * 1024 * 1024 };

/* Decompression and compression contexts, made when first needed. One thread at a time. */
typedef struct QuireBlobCodec QuireBlobCodec;

QuireBlobCodec *quire_blob_codec_new(void);
void quire_blob_codec_free(QuireBlobCodec *codec);

/* The unpacked size the blob declares, or -1 if the blob is too short, of another format,
 * declares more than QUIRE_BLOB_LARGEST_POST, or declares more than its stream could hold
 * (zlib packs at most 1,032 bytes into one, Zstandard at most 32,768). Allocates nothing. */
long long quire_blob_unpacked_size(const unsigned char *blob, size_t size);

/* Unpacks a blob into `out`, which holds exactly quire_blob_unpacked_size(blob, size)
 * bytes. Returns 0, or -1 for a blob that is damaged (its checksum, its length, or a stream
 * that ends early or runs on). */
int quire_blob_unpack(QuireBlobCodec *codec, const unsigned char *blob, size_t size, unsigned char *out, size_t length);

/* How many bytes quire_blob_pack may write for `size` unpacked bytes, or 0 if the format
 * is unknown or `size` is over QUIRE_BLOB_LARGEST_POST. */
size_t quire_blob_pack_bound(int format, size_t size);

/* Packs `size` bytes in `format` into `out` (at least quire_blob_pack_bound bytes).
 * Returns the blob's size, or -1. */
long long quire_blob_pack(QuireBlobCodec *codec, int format, const unsigned char *bytes, size_t size,
                          unsigned char *out, size_t capacity);

#endif
