/* progress.c: the --progress line (see progress.h). The reader calls it
 * once per read(2), so the clock is looked at once per buffer fill, never
 * per line. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "run/progress.h"
#include "base/size_text.h"

#define PROGRESS_INTERVAL 0.1	/* seconds between two drawings */

struct progress {
	FILE *out;
	uint64_t total;		/* the FILEs' sizes added up */
	int total_known;	/* every FILE is a regular file */
	struct timespec start;
	double drawn_at;	/* seconds after start; the last drawing */
	size_t width;		/* of the line on screen, to clear it */
};

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Adds the sizes of the FILEs; a FILE that is not a regular file (a pipe,
 * a terminal) or cannot be looked at has no size we can know. */
static void
progress_sizes(struct progress *progress, char *const *paths, size_t count)
{
	size_t i;

	progress->total_known = 1;
	if (count == 0) {
		static char standard_input[] = "-";
		static char *const only[] = { standard_input };

		paths = only;
		count = 1;
	}
	for (i = 0; i < count; i++) {
		struct stat status;
		int got = strcmp(paths[i], "-") == 0
		    ? fstat(STDIN_FILENO, &status) : stat(paths[i], &status);

		if (got != 0 || !S_ISREG(status.st_mode)) {
			progress->total_known = 0;
			return;
		}
		progress->total += (uint64_t)status.st_size;
	}
}

struct progress *
progress_new(char *const *paths, size_t count, FILE *out)
{
	struct progress *progress = calloc(1, sizeof *progress);

	if (progress == NULL)
		return NULL;
	progress->out = out;
	progress_sizes(progress, paths, count);
	clock_gettime(CLOCK_MONOTONIC, &progress->start);
	return progress;
}

void
progress_text(char *text, size_t size, uint64_t done, uint64_t total,
    int total_known, double seconds)
{
	char done_text[32], total_text[32], rate_text[32];
	double rate = seconds > 0 ? (double)done / seconds : 0;

	size_human_text(done_text, sizeof done_text, (double)done);
	size_human_text(rate_text, sizeof rate_text, rate);
	if (!total_known || total == 0 || done > total) {
		snprintf(text, size, "%s, %s/s", done_text, rate_text);
		return;
	}
	size_human_text(total_text, sizeof total_text, (double)total);
	if (rate > 0) {
		unsigned long left = (unsigned long)((double)(total - done) /
		    rate + 0.5);

		snprintf(text, size, "%s of %s (%d%%), %s/s, ETA %lu:%02lu",
		    done_text, total_text, (int)(100.0 * (double)done /
		    (double)total), rate_text, left / 60, left % 60);
	} else {
		snprintf(text, size, "%s of %s (%d%%)", done_text, total_text,
		    (int)(100.0 * (double)done / (double)total));
	}
}

void
progress_update(void *context, uint64_t bytes_read)
{
	struct progress *progress = context;
	double now = seconds_since(&progress->start);
	char text[160];
	size_t width;

	if (now - progress->drawn_at < PROGRESS_INTERVAL)
		return;
	progress->drawn_at = now;
	progress_text(text, sizeof text, bytes_read, progress->total,
	    progress->total_known, now);
	width = strlen(text) + 8;	/* "sluice: " */
	/* Spaces over what a longer line before left. */
	fprintf(progress->out, "\rsluice: %s%*s", text,
	    (int)(progress->width > width ? progress->width - width : 0), "");
	fflush(progress->out);
	if (width > progress->width)
		progress->width = width;
}

void
progress_clear(void *context)
{
	struct progress *progress = context;

	if (progress->width > 0) {
		fprintf(progress->out, "\r%*s\r", (int)progress->width, "");
		fflush(progress->out);
		progress->width = 0;
	}
}

void
progress_end(struct progress *progress)
{
	if (progress == NULL)
		return;
	progress_clear(progress);
	free(progress);
}
