/* settings.c: the words the settings are spelled with, where more than
 * one part of the program reads or writes them. */
#include <config.h>

#include "base/settings.h"

const char *const long_line_policy_names[LONG_LINE_POLICIES] = {
	"fail", "split", "truncate", "skip"
};

const char *const record_mode_options[] = {
	NULL, "--record-start", "--record-cont", "--record-end"
};
