/* stages.h: the constructor of every stage kind, one kind per file in this
 * folder, all of one signature so that one table in options.c can name
 * them all. */
#ifndef SLUICE_STAGES_H
#define SLUICE_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/settings.h"
#include "base/stage.h"

/* -A, -B, -C after a -m or -v: the records around each record the filter
 * keeps that it passes too. */
struct context_spec {
	int given;		/* any of them, even as 0: groups are formed
				 * and separated */
	uint64_t before;
	uint64_t after;
};
/* The context_spec of a stage without: a positional stage_args ends with
 * it, then several_lines. */
#define NO_CONTEXT { 0, 0, 0 }

struct stage_args {
	struct stage *up;
	const char *arg;	/* the option's argument, or NULL */
	const char *option;	/* the option as the user spelled it */
	int variant;		/* which flavour of the kind (below) */
	const struct settings *settings;
	struct diag *diag;
	struct context_spec context;	/* a filter's; zero for others */
	int several_lines;	/* records of several lines reach this stage
				 * (--record-start and the like, or a
				 * context filter before it): its patterns
				 * match in multi-line mode */
};

/* NULL on a bad argument or no memory, with the reason in args->diag. */
typedef struct stage *stage_builder(const struct stage_args *);

/* What every stage file may use (args.c). */

/* A zeroed stage of size bytes with ops and up set; NULL (and diag set)
 * when memory is out. */
void *stage_alloc(const struct stage_args *, size_t size,
    const struct stage_ops *);
/* The free() of a stage that owns nothing beyond its struct. */
void stage_free_alone(struct stage *);
/* The argument as a count; -1 with the message in diag when it is not. */
int stage_parse_count(const struct stage_args *, uint64_t *count);
/* No stage builds a line longer than this: twice --max-line. */
size_t stage_line_limit(const struct settings *);
/* Records that line's rebuilt form would pass limit, or, when the
 * failed buffer call set errno to ENOMEM, that memory ran out; returns
 * -1. */
int stage_line_too_long(struct diag *, const struct line *,
    const char *option, const char *argument, size_t limit);

/* A line a counting stage makes (-c, --sum, --count-by): text of len
 * bytes, numbered and sourced as last, the last record it counted;
 * written with a plain terminator, as grep -c's, and a record of its
 * own, so no group separator goes before it. */
void stage_made_line(struct line *out, const char *text, size_t len,
    const struct line *last);

/* --sum and --sum-by: warns, the first time only (*warned), that line
 * is not what option adds up and is skipped (--stats counts them). */
void stage_warn_not_number(struct diag *, const struct line *,
    const char *option, const char *wanted, int *warned);

enum { STRIP_BOTH, STRIP_LEFT, STRIP_RIGHT };
enum { FILTER_KEEP, FILTER_DROP };
enum { CASE_UPPER, CASE_LOWER };
enum { ANSWER_COUNT_BY, ANSWER_TOP, ANSWER_SUM_BY };
enum { WINDOW_SINCE, WINDOW_UNTIL, WINDOW_LAST };

stage_builder strip_new;
stage_builder filter_new;
stage_builder replace_new;
stage_builder head_new;
stage_builder count_new;
stage_builder extract_new;
stage_builder fields_new;
stage_builder case_new;
stage_builder number_new;
stage_builder uniq_new;
stage_builder skip_new;
stage_builder tail_new;
stage_builder with_filename_new;
stage_builder files_with_matches_new;
stage_builder count_by_new;
stage_builder sum_new;
stage_builder time_window_new;
/* Not an option's: main adds it last for --color, with arg the pattern
 * and option the -m or -o whose matches it marks. */
stage_builder color_new;

/* GREP_COLORS (may be NULL) read as grep reads it: the SGR of a match
 * (ms=, or mt=; default COLOR_DEFAULT_MATCH) into match_sgr, and whether
 * sequences end with \33[K (not after ne). */
#define COLOR_DEFAULT_MATCH "01;31"
#define COLOR_SGR_MAX 64
void color_parse(const char *grep_colors, char *match_sgr, size_t size,
    int *erase_line);

#endif
