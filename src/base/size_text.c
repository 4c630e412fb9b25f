/* size_text.c: see size_text.h. */
#include <config.h>
#include <stdio.h>

#include "base/size_text.h"

void
size_option_text(char *text, size_t room, uint64_t bytes)
{
	static const char units[] = "KMG";
	int unit = -1;

	while (unit < 2 && bytes >= 1024 && bytes % 1024 == 0) {
		bytes /= 1024;
		unit++;
	}
	if (unit < 0)
		snprintf(text, room, "%llu", (unsigned long long)bytes);
	else
		snprintf(text, room, "%llu%c", (unsigned long long)bytes,
		    units[unit]);
}

void
size_human_text(char *text, size_t room, double bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	int unit = -1;

	while (unit < 3 && bytes >= 1024) {
		bytes /= 1024;
		unit++;
	}
	if (unit < 0)
		snprintf(text, room, "%.0f B", bytes);
	else
		snprintf(text, room, "%.1f %s", bytes, units[unit]);
}
