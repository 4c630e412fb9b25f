/* options.h: the command line, read into the global settings and the
 * ordered list of stages to build. */
#ifndef SLUICE_OPTIONS_H
#define SLUICE_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/settings.h"
#include "stages/stages.h"

struct stage_spec {
	stage_builder *build;
	int variant;
	const char *arg;
	char option[40];	/* as the user spelled it: "-m" or "--match" */
	const char *name;	/* its long name, for --stats and --explain */
	int highlights;		/* --color marks its pattern's matches */
	int new_records;	/* its records are its own (-c, -l): no
				 * match before it is in them */
	int takes_context;	/* -A, -B, -C may follow it (-m, -v) */
	struct context_spec context;
	int before_given;	/* -B (or -A) was given: a -C in any order */
	int after_given;	/* leaves it as it is, as grep does */
};

enum action { ACTION_RUN, ACTION_HELP, ACTION_VERSION, ACTION_EXPLAIN };

struct options {
	struct settings settings;
	struct stage_spec *stages;	/* in command-line order */
	size_t stage_count;
	size_t stage_capacity;
	char **files;			/* points into argv */
	size_t file_count;
	enum action action;
	const char *output;		/* -O FILE, or NULL */
	int in_place;			/* --in-place: rewrite each FILE */
	const char *backup_suffix;	/* --in-place=SUFFIX, or NULL */
	int usage_error;	/* options_parse failed on an unknown option
				 * or a missing argument */
};

/* 0 on success; -1 with the reason in diag (exit status 2), and
 * usage_error set when the words themselves were wrong. */
int options_parse(struct options *, int argc, char **argv, struct diag *);
void options_free(struct options *);

/* --help's text. */
void options_usage(FILE *);

#endif
