/* stages.h: the constructor of every stage kind, one kind per file in this
 * folder, all of one signature so that one table in options.c can name
 * them all. */
#ifndef SLUICE_STAGES_H
#define SLUICE_STAGES_H

#include "../diag.h"
#include "../settings.h"
#include "../stage.h"

struct stage_args {
	struct stage *up;
	const char *arg;	/* the option's argument, or NULL */
	const char *option;	/* the option as the user spelled it */
	int variant;		/* which flavour of the kind (below) */
	const struct settings *settings;
	struct diag *diag;
};

/* NULL on a bad argument or no memory, with the reason in args->diag. */
typedef struct stage *stage_builder(const struct stage_args *);

enum { STRIP_BOTH, STRIP_LEFT, STRIP_RIGHT };
enum { FILTER_KEEP, FILTER_DROP };

stage_builder strip_new;
stage_builder filter_new;
stage_builder replace_new;
stage_builder head_new;
stage_builder count_new;

#endif
