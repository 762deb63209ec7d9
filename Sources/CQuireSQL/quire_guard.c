#include "quire_sql.h"

#include <stdint.h>
#include <sqlite3.h>

/* Virtual-machine operations between two calls of the progress handler: often enough that a
 * runaway statement is stopped within microseconds of crossing its budget, rarely enough that
 * the calls cost nothing measurable. */
enum { ops_per_call = 1000 };

/* Calls of the progress handler since the statement running on this thread started. A
 * statement runs on one thread from its first step to its last, and those of every
 * connection a thread uses run one inside the other, never side by side: a counter per
 * thread needs no per-connection memory and nothing to free when a connection closes. */
static _Thread_local unsigned long long calls_this_statement;

/* The most calls any one statement of this process took (for measuring budgets). */
static unsigned long long most_calls;

/* The budget travels in the handler's own pointer: nothing is allocated for it. */
static int on_progress(void *budget) {
    unsigned long long calls = ++calls_this_statement;
    unsigned long long seen = __atomic_load_n(&most_calls, __ATOMIC_RELAXED);
    while (calls > seen && !__atomic_compare_exchange_n(&most_calls, &seen, calls, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {}
    return calls > (unsigned long long)(uintptr_t)budget;
}

/* A statement starts: its count starts again. A trigger's program (its text begins with
 * "--") runs inside the statement that fired it and is counted with it, so a trigger cannot
 * restart the count of the statement that set it off. */
static int on_trace(unsigned type, void *context, void *statement, void *text) {
    (void)type; (void)context; (void)statement;
    const char *sql = text;
    if (!sql || sql[0] != '-' || sql[1] != '-') calls_this_statement = 0;
    return 0;
}

int quire_guard_connection(void *handle, int defensive, unsigned long long statement_budget) {
    sqlite3 *db = handle;
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
    if (rc == SQLITE_OK) rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, defensive ? 1 : 0, (int *)0);
    if (rc != SQLITE_OK) return rc;
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, QUIRE_LONGEST_VALUE);
    unsigned long long calls = statement_budget / ops_per_call;
    if (calls == 0) calls = 1;
    if (calls > UINTPTR_MAX) calls = UINTPTR_MAX;
    sqlite3_progress_handler(db, ops_per_call, on_progress, (void *)(uintptr_t)calls);
    return sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_trace, 0);
}

int quire_set_defensive(void *handle, int on) {
    return sqlite3_db_config((sqlite3 *)handle, SQLITE_DBCONFIG_DEFENSIVE, on ? 1 : 0, (int *)0);
}

unsigned long long quire_guard_most_operations(void) {
    return __atomic_load_n(&most_calls, __ATOMIC_RELAXED) * ops_per_call;
}
