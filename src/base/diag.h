/* diag.h: how errors travel. A fatal error's text is kept here on its way
 * up to main, which prints it once; a problem that does not stop the run
 * (an unreadable FILE, a long-line warning) is reported on the stream main
 * chose, as it happens, and counted so that the exit status becomes 2. */
#ifndef SLUICE_DIAG_H
#define SLUICE_DIAG_H

#include <stdio.h>

struct diag {
	FILE *stream;		/* stderr in the program, a memstream in tests */
	unsigned errors;	/* non-fatal errors reported so far */
	char message[1024];	/* the fatal error, without the "sluice: " */
	/* Called before a message is printed (--progress clears its line
	 * there); NULL: nothing to do. */
	void (*before_print)(void *);
	void *before_print_context;
	/* Above 0, warnings are not printed: the chain is being built a
	 * second time (chain.c), and said what it found the first time. */
	unsigned warnings_muted;
};

void diag_init(struct diag *, FILE *stream);

/* Keeps the text of a fatal error; returns -1 so callers can
 * `return diag_fail(...)`. */
int diag_fail(struct diag *, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints "sluice: text" now and counts it as an error. */
void diag_error(struct diag *, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints the kept fatal error now, counts it as an error and clears it:
 * for a run that goes on after one part failed (--in-place). */
void diag_report(struct diag *);

/* Prints "sluice: text" now; the exit status is unchanged. */
void diag_warn(struct diag *, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

#endif
