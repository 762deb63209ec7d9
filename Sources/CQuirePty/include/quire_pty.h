#ifndef QUIRE_PTY_H
#define QUIRE_PTY_H

#include <sys/types.h>

/// Opens a new pseudo-terminal pair, both ends close-on-exec, the window set to rows × cols.
/// Returns 0, or an errno value.
int quire_pty_open(int *master, int *slave, unsigned short rows, unsigned short cols);

/// Sets the window size of a pseudo-terminal from its master side; the kernel then sends
/// SIGWINCH to the foreground process group on the slave side.
int quire_pty_resize(int master, unsigned short rows, unsigned short cols);

/// Limits applied in the child before it runs the program.
struct quire_pty_limits {
    /// RLIMIT_AS in bytes; 0 leaves it as it is.
    unsigned long long address_space;
    /// The nice value (0 to 19); a server already nicer than that passes its own on.
    int niceness;
};

/// Starts `path` with `argv` and `envp` in a session of its own whose controlling terminal is
/// `slave` (also its standard input, output and error). Every other descriptor is closed, signal
/// handlers and the signal mask are reset, core dumps are off and `limits` apply.
///
/// Returns the child's pid, or -1 with `*error` set to the errno of the step that failed
/// (in the parent, or in the child before exec).
pid_t quire_pty_spawn(const char *path, char *const argv[], char *const envp[], int slave,
                      struct quire_pty_limits limits, int *error);

#endif
