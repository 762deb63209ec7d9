#include "quire_cjk.h"
#include "quire_search.h"

#include <sqlite3.h>

/* Scripts written without spaces between words, cut into overlapping pairs of characters.
 *
 * A word-splitting tokenizer such as unicode61 sees a Japanese, Chinese or Thai sentence as one
 * token, so a word inside it is never found. Here each character of a run of such characters
 * has a place of its own, holding the pair it starts and the character alone ("自己破産" gives
 * 自己 and 自, 己破 and 己, 破産 and 破, then 産). A query keeps only the pairs, so any run of two
 * or more characters is a phrase of pairs that matches wherever the text holds it, and a
 * single character matches every place it occurs. The last character of a query's run stays
 * (alone, after the last pair) when more of the query follows, so "入門python" matches with
 * "python" one place after 門, as in the text. Each character is a base followed by the marks
 * that join it (Thai vowels above and below, kana voicing marks, variation selectors), as a
 * grapheme cluster is, so no token ever ends inside one.
 *
 * Every other stretch of text goes to the parent tokenizer as it is, and text that holds no
 * such character is handed over whole, so Latin text costs one scan of its bytes more. */

typedef struct { unsigned int low, high; unsigned char kind; } Range;

/* Sorted, not overlapping. Kept in step with ScriptRuns.swift (a test compares every code point). */
static const Range ranges[] = {
    { 0x0300, 0x036F, QUIRE_SCRIPT_EXTEND },
    { 0x0E01, 0x0E30, QUIRE_SCRIPT_UNSPACED },
    { 0x0E31, 0x0E31, QUIRE_SCRIPT_EXTEND },
    { 0x0E32, 0x0E32, QUIRE_SCRIPT_UNSPACED },
    { 0x0E33, 0x0E3A, QUIRE_SCRIPT_EXTEND },
    { 0x0E40, 0x0E46, QUIRE_SCRIPT_UNSPACED },
    { 0x0E47, 0x0E4E, QUIRE_SCRIPT_EXTEND },
    { 0x0E50, 0x0E59, QUIRE_SCRIPT_UNSPACED },
    { 0x0E81, 0x0EB0, QUIRE_SCRIPT_UNSPACED },
    { 0x0EB1, 0x0EB1, QUIRE_SCRIPT_EXTEND },
    { 0x0EB2, 0x0EB2, QUIRE_SCRIPT_UNSPACED },
    { 0x0EB3, 0x0EBC, QUIRE_SCRIPT_EXTEND },
    { 0x0EBD, 0x0EBD, QUIRE_SCRIPT_UNSPACED },
    { 0x0EC0, 0x0EC6, QUIRE_SCRIPT_UNSPACED },
    { 0x0EC8, 0x0ECE, QUIRE_SCRIPT_EXTEND },
    { 0x0ED0, 0x0ED9, QUIRE_SCRIPT_UNSPACED },
    { 0x0EDC, 0x0EDF, QUIRE_SCRIPT_UNSPACED },
    { 0x1000, 0x102A, QUIRE_SCRIPT_UNSPACED },
    { 0x102B, 0x103E, QUIRE_SCRIPT_EXTEND },
    { 0x103F, 0x1049, QUIRE_SCRIPT_UNSPACED },
    { 0x1050, 0x1055, QUIRE_SCRIPT_UNSPACED },
    { 0x1056, 0x1059, QUIRE_SCRIPT_EXTEND },
    { 0x105A, 0x105D, QUIRE_SCRIPT_UNSPACED },
    { 0x105E, 0x1060, QUIRE_SCRIPT_EXTEND },
    { 0x1061, 0x1061, QUIRE_SCRIPT_UNSPACED },
    { 0x1062, 0x1064, QUIRE_SCRIPT_EXTEND },
    { 0x1065, 0x1066, QUIRE_SCRIPT_UNSPACED },
    { 0x1067, 0x106D, QUIRE_SCRIPT_EXTEND },
    { 0x106E, 0x1070, QUIRE_SCRIPT_UNSPACED },
    { 0x1071, 0x1074, QUIRE_SCRIPT_EXTEND },
    { 0x1075, 0x1081, QUIRE_SCRIPT_UNSPACED },
    { 0x1082, 0x108D, QUIRE_SCRIPT_EXTEND },
    { 0x108E, 0x108E, QUIRE_SCRIPT_UNSPACED },
    { 0x108F, 0x108F, QUIRE_SCRIPT_EXTEND },
    { 0x1090, 0x1099, QUIRE_SCRIPT_UNSPACED },
    { 0x109A, 0x109D, QUIRE_SCRIPT_EXTEND },
    { 0x1100, 0x115F, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x1160, 0x11FF, QUIRE_SCRIPT_EXTEND },
    { 0x1780, 0x17B3, QUIRE_SCRIPT_UNSPACED },
    { 0x17B4, 0x17D3, QUIRE_SCRIPT_EXTEND },
    { 0x17D7, 0x17D7, QUIRE_SCRIPT_UNSPACED },
    { 0x17DC, 0x17DC, QUIRE_SCRIPT_UNSPACED },
    { 0x17DD, 0x17DD, QUIRE_SCRIPT_EXTEND },
    { 0x17E0, 0x17E9, QUIRE_SCRIPT_UNSPACED },
    { 0x1980, 0x19DA, QUIRE_SCRIPT_UNSPACED },
    { 0x1A20, 0x1A54, QUIRE_SCRIPT_UNSPACED },
    { 0x1A55, 0x1A7F, QUIRE_SCRIPT_EXTEND },
    { 0x1A80, 0x1A99, QUIRE_SCRIPT_UNSPACED },
    { 0x1AB0, 0x1AFF, QUIRE_SCRIPT_EXTEND },
    { 0x1DC0, 0x1DFF, QUIRE_SCRIPT_EXTEND },
    { 0x200C, 0x200D, QUIRE_SCRIPT_EXTEND },
    { 0x20D0, 0x20FF, QUIRE_SCRIPT_EXTEND },
    { 0x3005, 0x3007, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3021, 0x3029, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x302A, 0x302F, QUIRE_SCRIPT_EXTEND },
    { 0x3031, 0x3035, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3038, 0x303C, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3041, 0x3096, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3099, 0x309A, QUIRE_SCRIPT_EXTEND },
    { 0x309D, 0x309F, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x30A1, 0x30FA, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x30FC, 0x30FF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3105, 0x312F, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3131, 0x318E, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x31A0, 0x31BF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x31F0, 0x31FF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x3400, 0x4DBF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x4E00, 0x9FFF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0xA960, 0xA97C, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0xA9E0, 0xA9E4, QUIRE_SCRIPT_UNSPACED },
    { 0xA9E5, 0xA9E5, QUIRE_SCRIPT_EXTEND },
    { 0xA9E6, 0xA9FE, QUIRE_SCRIPT_UNSPACED },
    { 0xAA60, 0xAA76, QUIRE_SCRIPT_UNSPACED },
    { 0xAA7A, 0xAA7A, QUIRE_SCRIPT_UNSPACED },
    { 0xAA7B, 0xAA7D, QUIRE_SCRIPT_EXTEND },
    { 0xAA7E, 0xAA7F, QUIRE_SCRIPT_UNSPACED },
    { 0xAC00, 0xD7A3, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0xD7B0, 0xD7FB, QUIRE_SCRIPT_EXTEND },
    { 0xF900, 0xFAFF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0xFE00, 0xFE0F, QUIRE_SCRIPT_EXTEND },
    { 0xFE20, 0xFE2F, QUIRE_SCRIPT_EXTEND },
    { 0xFF66, 0xFF9D, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0xFF9E, 0xFF9F, QUIRE_SCRIPT_EXTEND },
    { 0xFFA0, 0xFFDC, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x1AFF0, 0x1B16F, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x20000, 0x2FFFD, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0x30000, 0x323AF, QUIRE_SCRIPT_IDEOGRAPHIC },
    { 0xE0100, 0xE01EF, QUIRE_SCRIPT_EXTEND },
};

int quire_script_class(unsigned int code_point) {
    if (code_point < ranges[0].low) return QUIRE_SCRIPT_SPACED;
    int low = 0, high = (int)(sizeof ranges / sizeof ranges[0]) - 1;
    while (low <= high) {
        int middle = (low + high) / 2;
        if (code_point < ranges[middle].low) high = middle - 1;
        else if (code_point > ranges[middle].high) low = middle + 1;
        else return ranges[middle].kind;
    }
    return QUIRE_SCRIPT_SPACED;
}

/* The code point at `text` (UTF-8, at most `available` bytes) and its length; a byte that does
 * not start a well-formed sequence is read alone as code point 0xFFFD. */
static unsigned int decode(const unsigned char *text, int available, int *length) {
    unsigned int c = text[0];
    int need;
    if (c < 0x80) { *length = 1; return c; }
    if (c >= 0xC2 && c <= 0xDF) { need = 1; c &= 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; c &= 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; c &= 0x07; }
    else { *length = 1; return 0xFFFD; }
    if (need >= available) { *length = 1; return 0xFFFD; }
    for (int i = 1; i <= need; i++) {
        if ((text[i] & 0xC0) != 0x80) { *length = 1; return 0xFFFD; }
        c = (c << 6) | (text[i] & 0x3F);
    }
    /* Overlong forms and surrogates are not characters. */
    if ((need == 2 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (need == 3 && (c < 0x10000 || c > 0x10FFFF))) {
        *length = 1;
        return 0xFFFD;
    }
    *length = need + 1;
    return c;
}

/* A character longer than this (a base carrying dozens of marks) ends its run: the marks after
 * it go to the parent tokenizer, so no token of the index grows without bound. */
enum { longest_character = 32 };

/* Hands a stretch of spaced text to the parent, its offsets moved to the whole text's. */
typedef struct {
    void *context;
    QuireTokenSink sink;
    int base;
} Shifted;

static int shifted_token(void *p, int flags, const char *token, int length, int start, int end) {
    Shifted *shifted = p;
    return shifted->sink(shifted->context, flags, token, length, start + shifted->base, end + shifted->base);
}

static int spaced_part(void *tokenizer, QuireSpacedTokenizer spaced, void *context, int flags, const char *text,
                       int start, int end, QuireTokenSink sink) {
    if (end <= start) return SQLITE_OK;
    Shifted shifted = { context, sink, start };
    return spaced(tokenizer, &shifted, flags, text + start, end - start, shifted_token);
}

/* The tokens of one run of characters of one class, from `start`; returns where the run ends.
 * Character i of the run has position i: in a text, the pair it starts and itself alone; in a
 * query, the pair it starts, or itself when it is the last (see the top of this file). */
static int unspaced_run(void *context, int flags, const char *text, int length, int start, int kind,
                        QuireTokenSink sink, int *rc) {
    const unsigned char *bytes = (const unsigned char *)text;
    int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    int previous = -1;          /* start of the character before the current one */
    int current = start;        /* start of the current character */
    int at = start, size;
    decode(bytes + at, length - at, &size);
    at += size;
    for (;;) {
        int next_kind = QUIRE_SCRIPT_SPACED;
        if (at < length) next_kind = quire_script_class(decode(bytes + at, length - at, &size));
        if (next_kind == QUIRE_SCRIPT_EXTEND && at + size - current <= longest_character) {
            at += size;
            continue;
        }
        /* The current character ends at `at`: the pair it closes, at the place of the one
         * before it, and (in a text) that one alone. */
        if (previous >= 0) {
            *rc = sink(context, 0, text + previous, at - previous, previous, at);
            if (*rc == SQLITE_OK && !query) *rc = sink(context, FTS5_TOKEN_COLOCATED, text + previous, current - previous, previous, current);
            if (*rc != SQLITE_OK) return at;
        }
        if (next_kind != kind) break;
        previous = current;
        current = at;
        at += size;
    }
    /* The last character alone. A query that ends with the run needs it only when it is the
     * whole run; when text follows, it keeps that text at its place after the run. */
    if (!query || previous < 0 || at < length) {
        *rc = sink(context, 0, text + current, at - current, current, at);
    }
    return at;
}

int quire_split_tokenize(void *tokenizer, QuireSpacedTokenizer spaced, void *context, int flags,
                         const char *text, int length, QuireTokenSink sink) {
    const unsigned char *bytes = (const unsigned char *)text;
    int spaced_from = 0, at = 0, rc = SQLITE_OK;
    while (at < length) {
        /* Every character of these scripts is U+0E00 or above: three bytes or more in UTF-8. */
        if (bytes[at] < 0xE0) { at++; continue; }
        int size;
        unsigned int c = decode(bytes + at, length - at, &size);
        int kind = quire_script_class(c);
        if (kind != QUIRE_SCRIPT_IDEOGRAPHIC && kind != QUIRE_SCRIPT_UNSPACED) { at += size; continue; }
        rc = spaced_part(tokenizer, spaced, context, flags, text, spaced_from, at, sink);
        if (rc != SQLITE_OK) return rc;
        at = unspaced_run(context, flags, text, length, at, kind, sink, &rc);
        if (rc != SQLITE_OK) return rc;
        spaced_from = at;
    }
    if (spaced_from == 0) return spaced(tokenizer, context, flags, text, length, sink);
    return spaced_part(tokenizer, spaced, context, flags, text, spaced_from, length, sink);
}
