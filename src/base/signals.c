/* signals.c: remembers which of SIGINT, SIGTERM and SIGHUP arrived. The
 * flag below is the program's one piece of mutable global state beyond
 * the options: a signal handler can reach nothing else, and may only
 * store to a volatile sig_atomic_t. Everything else (stopping, removing a
 * temporary file, the message, the exit status) happens outside the
 * handler, where the code that polls signals_caught() decides. */
#include <config.h>
#include <signal.h>
#include <string.h>

#include "base/signals.h"

static volatile sig_atomic_t caught_signal;
/* Set once at the start (--follow): a second signal ends the run there. */
static volatile sig_atomic_t second_ends_run;

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };

static void
remember(int signo)
{
	if (caught_signal == 0) {
		caught_signal = signo;
	} else if (second_ends_run) {
		/* Delivered when this handler returns, by the default
		 * action. */
		(void)signal(signo, SIG_DFL);
		(void)raise(signo);
	}
}

void
signals_install(void)
{
	struct sigaction action, previous;
	size_t i;

	memset(&action, 0, sizeof action);
	action.sa_handler = remember;
	sigemptyset(&action.sa_mask);
	action.sa_flags = 0;	/* no SA_RESTART: blocked calls see EINTR */
	for (i = 0; i < sizeof handled / sizeof handled[0]; i++) {
		if (sigaction(handled[i], NULL, &previous) == 0 &&
		    previous.sa_handler == SIG_IGN)
			continue;
		(void)sigaction(handled[i], &action, NULL);
	}
}

void
signals_second_ends_run(void)
{
	second_ends_run = 1;
}

int
signals_caught(void)
{
	return caught_signal;
}

int
signals_check(struct diag *diag)
{
	int signo = caught_signal;

	if (signo == 0)
		return 0;
	return diag_fail(diag, "interrupted by %s", signals_name(signo));
}

const char *
signals_name(int signo)
{
	switch (signo) {
	case SIGINT:
		return "SIGINT";
	case SIGTERM:
		return "SIGTERM";
	case SIGHUP:
		return "SIGHUP";
	default:
		return "a signal";
	}
}

void
signals_reraise(void)
{
	int signo = caught_signal;
	sigset_t unblock;

	if (signo == 0)
		return;
	(void)signal(signo, SIG_DFL);
	sigemptyset(&unblock);
	sigaddset(&unblock, signo);
	(void)sigprocmask(SIG_UNBLOCK, &unblock, NULL);
	(void)raise(signo);
}
