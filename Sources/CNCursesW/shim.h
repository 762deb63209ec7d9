#ifndef QUIRE_NCURSESW_SHIM_H
#define QUIRE_NCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* ncurses globals are not concurrency-safe in Swift 6: reach them through functions. */
static inline WINDOW *quire_stdscr(void) { return stdscr; }
static inline int quire_lines(void) { return LINES; }
static inline int quire_cols(void) { return COLS; }
static inline int quire_colors(void) { return COLORS; }
static inline int quire_key_resize(void) { return KEY_RESIZE; }
#endif
