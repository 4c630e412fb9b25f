/* strip.c: the strip stage (-s, --lstrip, --rstrip): ASCII white space off
 * either end, by moving the view; the bytes are never copied. */
#include <config.h>

#include "stages/stages.h"

struct strip {
	struct stage stage;
	int left;
	int right;
};

/* Python's bytes.strip() set: space \t \n \r \v \f. */
static int
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static void
strip_map(const struct stage *stage, struct line *out)
{
	const struct strip *strip = (const struct strip *)stage;

	if (strip->left)
		while (out->len > 0 && is_space((unsigned char)out->ptr[0])) {
			out->ptr++;
			out->len--;
		}
	if (strip->right)
		while (out->len > 0 &&
		    is_space((unsigned char)out->ptr[out->len - 1]))
			out->len--;
}

static int
strip_next(struct stage *stage, struct line *out)
{
	int result = stage_next(stage->up, out);

	if (result == 1)
		strip_map(stage, out);
	return result;
}

static void
strip_describe(const struct stage *stage, struct describe_out *out)
{
	const struct strip *strip = (const struct strip *)stage;

	describe_add(out, "ASCII white space off %s",
	    strip->left && strip->right ? "both ends"
	    : strip->left ? "the start" : "the end");
}

static const struct stage_ops strip_ops = {
	.name = "strip",
	.flags = STAGE_SUBSTRING_MAP | STAGE_PER_LINE | STAGE_READ_BOUND,
	.next = strip_next,
	.free = stage_free_alone,
	.describe = strip_describe,
	.map = strip_map,
	.skip_file = stage_skip_file_above,
};

struct stage *
strip_new(const struct stage_args *args)
{
	struct strip *strip = stage_alloc(args, sizeof *strip, &strip_ops);

	if (strip == NULL)
		return NULL;
	strip->left = args->variant != STRIP_RIGHT;
	strip->right = args->variant != STRIP_LEFT;
	return &strip->stage;
}
