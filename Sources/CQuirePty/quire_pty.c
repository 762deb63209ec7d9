// Pseudo-terminals for `quire serve`: opening a pair, resizing it, and starting a reader on one.
//
// The start is fork + exec written by hand, not posix_spawn: the child must become a session
// leader, take the slave as its controlling terminal (TIOCSCTTY) and get resource limits before
// the program runs, and posix_spawn can do only the first. Between fork and exec the child
// calls only async-signal-safe functions, since the server has other threads.
#define _GNU_SOURCE
#include "quire_pty.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

int quire_pty_open(int *master, int *slave, unsigned short rows, unsigned short cols) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return errno;
    if (grantpt(m) != 0 || unlockpt(m) != 0) {
        int e = errno;
        close(m);
        return e;
    }
    char name[128];
    if (ptsname_r(m, name, sizeof name) != 0) {
        int e = errno;
        close(m);
        return e;
    }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        int e = errno;
        close(m);
        return e;
    }
    struct winsize size = {.ws_row = rows, .ws_col = cols};
    ioctl(m, TIOCSWINSZ, &size);
    *master = m;
    *slave = s;
    return 0;
}

int quire_pty_resize(int master, unsigned short rows, unsigned short cols) {
    struct winsize size = {.ws_row = rows, .ws_col = cols};
    return ioctl(master, TIOCSWINSZ, &size) == 0 ? 0 : errno;
}

/// Closes every descriptor from `first` up, in the child.
static void close_from(unsigned first) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, first, ~0U, 0U) == 0) return;
#endif
    struct rlimit open_files;
    long top = getrlimit(RLIMIT_NOFILE, &open_files) == 0 && open_files.rlim_cur != RLIM_INFINITY
        ? (long)open_files.rlim_cur : 65536;
    if (top > 1 << 20) top = 1 << 20;
    for (long fd = first; fd < top; fd++) close((int)fd);
}

/// The child's side: never returns. Failures are reported through `report` (close-on-exec, so
/// a successful exec closes it with nothing written).
static void run_child(const char *path, char *const argv[], char *const envp[], int slave,
                      struct quire_pty_limits limits, int report) {
    int step_error = 0;
    // Handlers the server set (SIGTERM, SIGHUP, SIGPIPE ignored) must not carry over: ignored
    // signals stay ignored across exec.
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    // Out of the way of 0, 1 and 2 first (a server started with them closed has its pipe there).
    report = fcntl(report, F_DUPFD_CLOEXEC, 10);
    if (report < 0) _exit(127);
    if (setsid() < 0) goto fail;
    if (ioctl(slave, TIOCSCTTY, 0) != 0) goto fail;
    if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) goto fail;
    // `report` must survive the closing: move it to 3.
    if (dup3(report, 3, O_CLOEXEC) < 0) goto fail;
    report = 3;
    // Nothing of the server (its socket, other sessions' terminals) may reach the reader.
    close_from(4);
    struct rlimit no_core = {0, 0};
    if (setrlimit(RLIMIT_CORE, &no_core) != 0) goto fail;
    if (limits.address_space > 0) {
        struct rlimit as = {limits.address_space, limits.address_space};
        if (setrlimit(RLIMIT_AS, &as) != 0) goto fail;
    }
    // Raised only: a server already running nicer keeps its children at least as nice (and
    // an unprivileged one could not lower it anyway).
    errno = 0;
    int current = getpriority(PRIO_PROCESS, 0);
    if (errno == 0 && limits.niceness > current && setpriority(PRIO_PROCESS, 0, limits.niceness) != 0) goto fail;
    execve(path, argv, envp);
fail:
    step_error = errno;
    (void)!write(report, &step_error, sizeof step_error);
    _exit(127);
}

pid_t quire_pty_spawn(const char *path, char *const argv[], char *const envp[], int slave,
                      struct quire_pty_limits limits, int *error) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        *error = errno;
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        *error = errno;
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(pipe_fds[0]);
        run_child(path, argv, envp, slave, limits, pipe_fds[1]);
    }
    close(pipe_fds[1]);
    int child_error = 0;
    ssize_t got;
    do {
        got = read(pipe_fds[0], &child_error, sizeof child_error);
    } while (got < 0 && errno == EINTR);
    close(pipe_fds[0]);
    if (got == (ssize_t)sizeof child_error) {
        // The child has exited with 127; the server's reaper collects it like any other.
        *error = child_error;
        return -1;
    }
    return pid;
}
