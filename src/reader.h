/* reader.h: the first stage of every chain: records from a list of FILEs
 * read as one stream through one fixed buffer. */
#ifndef SLUICE_READER_H
#define SLUICE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "settings.h"
#include "stage.h"

struct reader_stats {
	uint64_t bytes_read;
	uint64_t long_lines;	/* records split, truncated or skipped */
};

/* paths: the FILEs in order ("-" is standard input); none means standard
 * input. The array must outlive the reader. NULL when out of memory. */
struct stage *reader_new(char *const *paths, size_t count,
    const struct settings *, struct diag *);

const struct reader_stats *reader_stats(const struct stage *reader);

#endif
