/* follow.h: the source of a FILE read on as it grows, through rotation
 * and truncation (--follow; see follow.c). */
#ifndef SLUICE_FOLLOW_H
#define SLUICE_FOLLOW_H

#include "base/diag.h"
#include "input/source.h"

/* fd: the FILE at path, open, a regular file, at its start; from_end:
 * begin at its current end instead. Takes fd. NULL when out of memory
 * (reported with diag_error). */
struct source *follow_source_new(int fd, const char *path, int from_end,
    struct diag *);

#endif
