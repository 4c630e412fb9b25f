/* signals.h: SIGINT, SIGTERM and SIGHUP, caught and remembered, so that
 * whoever waits or loops (the reader, the sink, the output's commit, a
 * --in-place loop) can ask "was a signal caught, and which one" and stop
 * cleanly: an unfinished -O or --in-place file is removed, never left. */
#ifndef SLUICE_SIGNALS_H
#define SLUICE_SIGNALS_H

#include "base/diag.h"

/* Catches SIGINT, SIGTERM and SIGHUP without SA_RESTART, so that a read
 * or write blocked in the kernel returns EINTR. A signal that was ignored
 * when sluice started (nohup, a background job) stays ignored. */
void signals_install(void);

/* From now on a second signal ends the run at once, by its default
 * action, where the first only asked it to end (--follow). */
void signals_second_ends_run(void);

/* The number of the first signal caught since signals_install, or 0. */
int signals_caught(void);

/* 0 when no signal was caught; else -1 with "interrupted by SIGINT" in
 * diag: the poll for loops and for EINTR. */
int signals_check(struct diag *);

/* "SIGINT", "SIGTERM" or "SIGHUP" ("a signal" for any other). */
const char *signals_name(int signo);

/* Ends the process by the caught signal's default action, so the shell
 * sees it as killed by that signal (status 128 + N) and a script's loop
 * stops as it would for any other program. Returns only when no signal
 * was caught or the default action did not end the process. */
void signals_reraise(void);

#endif
