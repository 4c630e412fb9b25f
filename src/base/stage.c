/* stage.c: what all stages share beyond the interface: freeing a chain,
 * passing the end of a FILE up the chain, the text --explain gathers
 * from each stage, and the names of the fields at a point of the chain. */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/stage.h"

void
stage_free_chain(struct stage *last)
{
	while (last != NULL) {
		struct stage *up = last->up;

		last->ops->free(last);
		last = up;
	}
}

int
stage_skip_file_above(struct stage *stage)
{
	return stage_skip_file(stage->up);
}

void
describe_add(struct describe_out *out, const char *format, ...)
{
	size_t room = sizeof out->text - out->len;
	va_list args;
	int n;

	if (room <= 1)
		return;
	if (out->len > 0) {
		n = snprintf(out->text + out->len, room, "; ");
		out->len += (size_t)n < room ? (size_t)n : room - 1;
		room = sizeof out->text - out->len;
	}
	va_start(args, format);
	n = vsnprintf(out->text + out->len, room, format, args);
	va_end(args);
	if (n < 0)
		return;
	if ((size_t)n >= room) {
		out->len = sizeof out->text - 1;
		memcpy(out->text + out->len - 3, "...", 3);
	} else {
		out->len += (size_t)n;
	}
}

static const char *const line_name[] = { "line" };
const struct field_names field_names_line = { 1, line_name };

const struct field_names *
stage_field_names(const struct stage *stage)
{
	for (; stage != NULL; stage = stage->up) {
		const struct field_names *names = stage->ops->names != NULL ?
		    stage->ops->names(stage) : NULL;

		if (names != NULL)
			return names;
	}
	return &field_names_line;
}
