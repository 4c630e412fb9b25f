/* record_group.h: which lines make one record, under --record-start,
 * --record-cont or --record-end (SPEC 7): the rule the reader asks of each
 * line it finds. The test itself (a PCRE2 pattern) is given by whoever
 * builds the reader, so the input part needs no matcher of its own. */
#ifndef SLUICE_RECORD_GROUP_H
#define SLUICE_RECORD_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/settings.h"
#include "base/stage.h"

struct record_rule {
	enum record_mode mode;
	const char *pattern;	/* as given, for messages and --explain */
	/* 1 when the line (without its terminator) matches, 0 when not, a
	 * negative code on a match error (the match limit). */
	int (*matches)(void *context, const char *line, size_t len);
	/* The words for a negative code of matches. */
	void (*error_text)(int code, char *text, size_t size);
	void (*free_context)(void *context);
	void *context;
};

/* What a line does to the record being gathered. */
enum record_verdict {
	RECORD_JOINS,		/* it is the record's next line */
	RECORD_STARTS,		/* it starts the next record: the one being
				 * gathered is complete without it */
	RECORD_ENDS		/* it is the record's last line */
};

/* The verdict on line (len bytes, no terminator). first: it would be the
 * record's first line, which joins whatever it looks like (the end rule
 * still asks whether it ends its record alone). -1 on a match error,
 * described in diag naming the FILE and line. */
int record_rule_verdict(const struct record_rule *, const char *line,
    size_t len, int first, const struct line_source *,
    uint64_t line_in_file, struct diag *);

/* --explain: how records are found, in words. */
void record_rule_describe(const struct record_rule *, struct describe_out *);

void record_rule_free(struct record_rule *);

#endif
