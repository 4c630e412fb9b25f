/* records.h: the rule of --record-start, --record-cont or --record-end
 * (record_group.h), built from the settings with its pattern compiled. */
#ifndef SLUICE_RECORDS_H
#define SLUICE_RECORDS_H

#include "base/diag.h"
#include "base/settings.h"
#include "input/record_group.h"

/* The rule the settings name, in *rule (NULL: records are lines). 0, or
 * -1 on a bad pattern or out of memory, described in diag. */
int records_rule_new(const struct settings *, struct record_rule **rule,
    struct diag *);

/* Groups the reader's lines by the settings' rule, if they name one. 0,
 * or -1 (diag says why; the reader is left as it was). */
int records_group_reader(struct stage *reader, const struct settings *,
    struct diag *);

#endif
