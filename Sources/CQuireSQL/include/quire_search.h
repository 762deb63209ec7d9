#ifndef QUIRE_SEARCH_H
#define QUIRE_SEARCH_H

/* How the search index cuts text written without spaces between words (quire_cjk.c). */

/* Classes of code points, as quire_script_class reports them. */
enum {
    /* Left to the parent tokenizer (unicode61): Latin, Cyrillic, Greek, punctuation, spaces... */
    QUIRE_SCRIPT_SPACED = 0,
    /* Han, kana, Hangul, Bopomofo: cut into pairs of characters. */
    QUIRE_SCRIPT_IDEOGRAPHIC = 1,
    /* Thai, Lao, Khmer, Myanmar and their neighbours: cut into pairs of characters too. */
    QUIRE_SCRIPT_UNSPACED = 2,
    /* A mark that belongs to the character before it (inside a run of the two classes above). */
    QUIRE_SCRIPT_EXTEND = 3,
};

/* The class of a Unicode code point. */
int quire_script_class(unsigned int code_point);

/* Registers quire_hit_columns(fts_table): for the current row of a full-text query, a bit for
 * each column that holds a hit (bit 0 for the first column). Returns an SQLite result code. */
int quire_hits_register(void *db);

#endif
