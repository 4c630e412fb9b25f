/* fuzz.c: see fuzz.h. */
#include <config.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "reader.h"

#define SLOT_COUNT 4

void
fuzz_fail(const char *file, int line, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "%s:%d: fuzz invariant broken: ", file, line);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
	abort();
}

char *
fuzz_input(unsigned slot, const void *bytes, size_t len)
{
	static int fds[SLOT_COUNT] = { -1, -1, -1, -1 };
	static char names[SLOT_COUNT][64];

	FUZZ_CHECK(slot < SLOT_COUNT, "input slot %u", slot);
	if (fds[slot] < 0) {
		fds[slot] = memfd_create("sluice-fuzz", MFD_CLOEXEC);
		FUZZ_CHECK(fds[slot] >= 0, "memfd_create failed");
		/* Opening the link opens the file afresh, at offset 0, as
		 * the reader opens any FILE. */
		snprintf(names[slot], sizeof names[slot], "/proc/self/fd/%d",
		    fds[slot]);
	}
	FUZZ_CHECK(ftruncate(fds[slot], 0) == 0, "ftruncate failed");
	FUZZ_CHECK(len == 0 || pwrite(fds[slot], bytes, len, 0) ==
	    (ssize_t)len, "pwrite failed");
	return names[slot];
}

struct tap {
	struct stage stage;
	struct line last;
};

static int
tap_next(struct stage *stage, struct line *out)
{
	struct tap *tap = (struct tap *)stage;
	int result = stage_next(stage->up, out);

	if (result == 1)
		tap->last = *out;
	return result;
}

static void
tap_free(struct stage *stage)
{
	free(stage);
}

static const struct stage_ops tap_ops = {
	"tap", 0, tap_next, tap_free, NULL, NULL
};

struct stage *
fuzz_tap_new(struct stage *up)
{
	struct tap *tap = calloc(1, sizeof *tap);

	FUZZ_CHECK(tap != NULL, "out of memory");
	tap->stage.ops = &tap_ops;
	tap->stage.up = up;
	return &tap->stage;
}

struct stage *
fuzz_tapped_stage(char *const *path, stage_builder *build, const char *arg,
    const char *option, const struct settings *settings, struct diag *diag,
    struct stage **tap)
{
	struct stage *reader = reader_new(path, 1, settings, diag);
	struct stage_args args = { NULL, arg, option, 0, settings, diag };

	FUZZ_CHECK(reader != NULL, "reader_new failed");
	*tap = fuzz_tap_new(reader);
	args.up = *tap;
	return build(&args);
}

const struct line *
fuzz_tap_last(const struct stage *stage)
{
	return &((const struct tap *)stage)->last;
}

int
fuzz_output(void)
{
	static int fd = -1;

	if (fd < 0)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	FUZZ_CHECK(fd >= 0, "cannot open /dev/null");
	return fd;
}

void
fuzz_settings(struct settings *settings)
{
	settings_init(settings);
	settings->prefilter = 0;
}
