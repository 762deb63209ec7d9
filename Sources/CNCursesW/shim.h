#ifndef QUIRE_NCURSESW_SHIM_H
#define QUIRE_NCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <string.h>
#include <ncursesw/curses.h>

/* ncurses globals are not concurrency-safe in Swift 6: reach them through functions. */
static inline WINDOW *quire_stdscr(void) { return stdscr; }
static inline int quire_lines(void) { return LINES; }
static inline int quire_cols(void) { return COLS; }
static inline int quire_colors(void) { return COLORS; }
static inline int quire_key_resize(void) { return KEY_RESIZE; }

/* Attribute and colour macros are function-like or composed: Swift cannot import them. */
static inline attr_t quire_a_normal(void) { return A_NORMAL; }
static inline attr_t quire_a_bold(void) { return A_BOLD; }
static inline attr_t quire_a_dim(void) { return A_DIM; }
static inline attr_t quire_a_reverse(void) { return A_REVERSE; }
static inline attr_t quire_a_underline(void) { return A_UNDERLINE; }
static inline attr_t quire_a_italic(void) { return A_ITALIC; }
static inline int quire_key_f(int n) { return KEY_F(n); }
static inline WINDOW *quire_curscr(void) { return curscr; }

/* Mouse masks are composed macros. Button 1 pressed is a click (mouseinterval 0: no waiting
   to tell clicks from presses); buttons 4 and 5 are the wheel. */
static inline mmask_t quire_mouse_wanted(void) {
#if NCURSES_MOUSE_VERSION > 1
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
#else
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;
#endif
}
/* 1 wheel up, 2 wheel down, 3 click, 0 anything else. */
static inline int quire_mouse_kind(mmask_t b) {
    if (b & BUTTON4_PRESSED) return 1;
#if NCURSES_MOUSE_VERSION > 1
    if (b & BUTTON5_PRESSED) return 2;
#endif
    if (b & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 3;
    return 0;
}

/* The locale ncursesw encodes the screen in (and decodes keys from). The user's own, with one
   exception: the C or POSIX locale, whose codeset is plain ASCII ("ANSI_X3.4-1968" in glibc),
   nearly always means "no locale configured" on a terminal that is UTF-8 anyway (ssh,
   containers), so there LC_CTYPE alone becomes C.UTF-8. Any other codeset (ISO-8859-1,
   KOI8-R, EUC-JP...) is what the terminal speaks and is kept: ncursesw writes é as the one
   byte 0xE9 in Latin-1, and the backend draws what the codeset lacks as '?'
   (quire_can_encode). Switching those to UTF-8 would show "Ã©" for "é". */
#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
static inline int quire_codeset_is(const char *name) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, name) == 0;
}
static inline int quire_locale_is_utf8(void) { return quire_codeset_is("UTF-8"); }
static inline int quire_locale_is_ascii(void) {
    return quire_codeset_is("ANSI_X3.4-1968") || quire_codeset_is("ASCII") || quire_codeset_is("US-ASCII");
}
static inline void quire_setup_locale(void) {
    setlocale(LC_ALL, "");
    if (quire_locale_is_ascii()) setlocale(LC_CTYPE, "C.UTF-8");
}
/* The bytes of one character in the locale's codeset (at most 32), or -1 when the codeset lacks
   it. In a codeset of one byte per character (Latin-1, KOI8-R, CP1251...) a character that
   encodes to a byte from 0x80 to 0x9F counts as lacking: a terminal in such a locale may take
   that byte for a C1 control (0x9B is CSI), whatever glyph the charset gives it. */
static inline int quire_encode(wchar_t c, char out[32]) {
    char bytes[MB_LEN_MAX > 32 ? MB_LEN_MAX : 32];
    mbstate_t state;
    memset(&state, 0, sizeof state);
    size_t n = wcrtomb(bytes, c, &state);
    if (n == (size_t)-1 || n > 32) return -1;
    if (MB_CUR_MAX == 1 && n == 1 && (unsigned char)bytes[0] >= 0x80 && (unsigned char)bytes[0] <= 0x9F) return -1;
    memcpy(out, bytes, n);
    return (int)n;
}
/* Whether the locale's codeset has the character (see quire_encode): ncursesw converts each one
   with wcrtomb and writes nothing at all for one that fails, which would shift the rest of the
   line, and the bytes of one it can convert go out as they are. */
static inline int quire_can_encode(wchar_t c) {
    char bytes[32];
    return quire_encode(c, bytes) >= 0;
}

/* wcwidth is only declared under _XOPEN_SOURCE, which a module header cannot switch on for
   the C library; the backend uses it to check the grid's widths against ncurses' own. */
extern int wcwidth(wchar_t c);
static inline int quire_wcwidth(wchar_t c) { return wcwidth(c); }

/* stdin and stdout are C globals that Swift 6 will not touch; NULL when TERM is unusable. */
static inline SCREEN *quire_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Signals: the handler only records the signal; the event loop restores the terminal and then
   dies by the same signal, so the shell sees the usual status. No SA_RESTART: a blocked read
   wakes up. These live here, not in Swift, because a handler may only touch sig_atomic_t. */
#include <signal.h>
static volatile sig_atomic_t quire_signal_received = 0;
static void quire_on_signal(int sig) { quire_signal_received = sig; }
static inline void quire_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = quire_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
/* A parent may have started us with signals blocked (test runners do); the reader needs
   resize, stop/continue and the ending signals delivered. */
static inline void quire_unblock_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTSTP);
    sigaddset(&set, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}
static inline int quire_take_signal(void) {
    int sig = quire_signal_received;
    quire_signal_received = 0;
    return sig;
}
static inline void quire_postpone_signal(int sig) { quire_signal_received = sig; }
static inline void quire_die_by_signal(int sig) {
    signal(sig, SIG_DFL);
    raise(sig);
}
/* A crash (a Swift trap is SIGILL or SIGTRAP) must not leave the shell in raw mode. endwin is
   not async-signal-safe, but the process is going down either way and a usable terminal is
   worth the risk; SA_RESETHAND makes the re-raised signal take its default action. */
static void quire_on_crash(int sig) {
    endwin();
    raise(sig);
}
static inline void quire_install_crash_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = quire_on_crash;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &sa, NULL);
}

/* Stops the process as Ctrl-Z would, whatever handler ncurses installed; returns on SIGCONT. */
static inline void quire_stop_self(void) {
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &old);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &old, NULL);
}
#endif
