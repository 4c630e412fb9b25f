/* output.h: where the chain's bytes go. Standard output; or, for -O FILE
 * and --in-place, a temporary file in FILE's directory that replaces FILE
 * (fsync, rename, fsync of the directory) only when the run succeeded, so
 * FILE is never half-written. The sink writes to output.fd; the caller
 * ends every output_open that succeeded with output_commit or
 * output_abort. */
#ifndef SLUICE_OUTPUT_H
#define SLUICE_OUTPUT_H

#include "base/diag.h"

enum output_kind {
	OUTPUT_STANDARD,	/* standard output, as it is */
	OUTPUT_FILE,		/* -O FILE */
	OUTPUT_IN_PLACE		/* --in-place: FILE must exist, regular */
};

struct output {
	int fd;			/* where the sink writes */
	const char *name;	/* for messages: FILE as given */
	char *target;		/* what the temporary is renamed over */
	char *temporary;	/* its path while it exists, else NULL */
	char *backup;		/* --in-place=SUFFIX: target + SUFFIX */
	int directory_fd;	/* the target's directory, for its fsync */
	int direct;		/* FILE is no regular file (-O /dev/null):
				 * written as it is, like a redirect */
};

/* Opens the output. For FILE: resolves symbolic links (the link stays a
 * link; its target is replaced), creates the temporary file with FILE's
 * mode (and owner, as root), or 0666 & ~umask for a new FILE. suffix:
 * NULL, or --in-place's backup suffix. 0, or -1 with the reason in
 * diag. */
int output_open(struct output *, enum output_kind, const char *path,
    const char *suffix, struct diag *);

/* The run succeeded: fsync and close the temporary, keep the backup, and
 * rename it over FILE, then fsync the directory. A caught signal, or any
 * error before the rename, leaves FILE as it was and removes the
 * temporary. 0, or -1 with the reason in diag. */
int output_commit(struct output *, struct diag *);

/* The run failed: FILE stays as it was; the temporary is removed. */
void output_abort(struct output *);

#endif
