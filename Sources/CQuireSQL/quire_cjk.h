#ifndef QUIRE_CJK_H
#define QUIRE_CJK_H

/* An FTS5 token callback. */
typedef int (*QuireTokenSink)(void *context, int flags, const char *token, int length, int start, int end);

/* A tokenizer for the spaced parts of a text (the parent tokenizer). */
typedef int (*QuireSpacedTokenizer)(void *tokenizer, void *context, int flags, const char *text, int length,
                                    QuireTokenSink sink);

/* Tokenizes `text` as an FTS5 tokenizer does (`flags` are FTS5's): runs of characters of scripts
 * written without spaces become pairs of characters (see quire_cjk.c), everything else goes to
 * `spaced` with `tokenizer`, offsets counted from the start of `text`. Returns an SQLite result
 * code. */
int quire_split_tokenize(void *tokenizer, QuireSpacedTokenizer spaced, void *context, int flags,
                         const char *text, int length, QuireTokenSink sink);

#endif
