/* source_decode.c: a compressed FILE as a source. A thread of its own
 * reads the compressed bytes and runs the format's decoder (decoder.h)
 * into a ring of fixed slots; the reader's thread copies bytes out of
 * them, so decoding overlaps with the stages. It also owns the damage
 * rules: what was decoded before damage is handed out, then one message
 * naming the FILE and the offset in the compressed bytes. */
#include <config.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/decoder.h"
#include "base/size_text.h"
#include "base/signals.h"

/* Four slots of 128 KiB: enough for the decoder to run ahead of the
 * stages by a few hundred microseconds of work, small enough to stay in
 * the caches and under the memory promise. */
#define RING_SLOTS 4
#define SLOT_SIZE ((size_t)128 << 10)
#define INPUT_SIZE ((size_t)128 << 10)
/* Before each fill of the input buffer, the last bytes of the fill before
 * stay where they were: a decoder may give back a few bytes it had read
 * ahead (ISA-L's bit buffer holds 8 at the end of a gzip member), and
 * they may come from the fill before (decoder.h). */
#define INPUT_KEPT 16

struct slot {
	unsigned char *bytes;
	size_t len;
	uint64_t file_bytes;	/* compressed bytes decoded up to its end */
};

enum outcome {
	OUTCOME_NONE,		/* still decoding */
	OUTCOME_END,		/* every stream ended whole */
	OUTCOME_FAILED,		/* damage or a read error: see why */
	OUTCOME_CANCELLED	/* the reader closed the source */
};

struct decode_source {
	struct source source;
	const struct decoder_ops *decoder;
	void *state;
	int fd;
	size_t max_window;

	/* The decoding thread's alone while it runs. */
	unsigned char *input;	/* INPUT_KEPT bytes, then the fill */
	size_t input_len;	/* the fill's, after INPUT_KEPT */
	size_t head_len;	/* the first fill: the sniffed bytes */
	int poll_input;		/* fd may block (not a regular file): wait
				 * for it together with wake[0] */
	int wake[2];		/* closing writes to wake[1] */

	pthread_t thread;
	int started;
	pthread_mutex_t lock;
	pthread_cond_t room;	/* a slot was freed, or cancelled */
	pthread_cond_t ready;	/* a slot was filled, or the end came */
	/* Under lock: */
	struct slot slots[RING_SLOTS];
	size_t filled;		/* slots ready, from next_take on */
	size_t next_take;
	enum outcome outcome;	/* set with the last slot */
	int cancelled;
	char why[512];		/* the message after "FILE: " */

	/* The reader's thread alone: */
	size_t taken;		/* of slots[next_take], handed out */
	int reported;
};

/* 1 when the reader has closed the source. */
static int
cancelled(struct decode_source *source)
{
	int result;

	pthread_mutex_lock(&source->lock);
	result = source->cancelled;
	pthread_mutex_unlock(&source->lock);
	return result;
}

/* The next free slot, or NULL when cancelled. */
static struct slot *
wait_for_room(struct decode_source *source, size_t index)
{
	struct slot *slot = NULL;

	pthread_mutex_lock(&source->lock);
	while (source->filled == RING_SLOTS && !source->cancelled)
		pthread_cond_wait(&source->room, &source->lock);
	if (!source->cancelled)
		slot = &source->slots[index];
	pthread_mutex_unlock(&source->lock);
	return slot;
}

static void
publish(struct decode_source *source, struct slot *slot, size_t len,
    uint64_t file_bytes, enum outcome outcome, const char *why)
{
	pthread_mutex_lock(&source->lock);
	slot->len = len;
	slot->file_bytes = file_bytes;
	source->filled++;
	if (outcome != OUTCOME_NONE) {
		source->outcome = outcome;
		if (why != NULL)
			snprintf(source->why, sizeof source->why, "%s", why);
	}
	pthread_cond_signal(&source->ready);
	pthread_mutex_unlock(&source->lock);
}

/* Reads compressed bytes into the input buffer: their count, 0 at the end
 * of the FILE, -1 on an error (errno), -2 when cancelled. */
static ssize_t
read_input(struct decode_source *source)
{
	ssize_t got;

	for (;;) {
		if (source->poll_input) {
			struct pollfd wait[2] = {
				{ source->fd, POLLIN, 0 },
				{ source->wake[0], POLLIN, 0 }
			};

			if (poll(wait, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			if (wait[1].revents != 0)
				return -2;
		} else if (cancelled(source)) {
			return -2;
		}
		memmove(source->input, source->input + source->input_len,
		    INPUT_KEPT);
		source->input_len = 0;
		got = read(source->fd, source->input + INPUT_KEPT, INPUT_SIZE);
		if (got > 0)
			source->input_len = (size_t)got;
		if (got >= 0 || (errno != EINTR && errno != EAGAIN))
			return got;
	}
}

/* Beyond decoder.h's statuses: no progress with room to write. */
enum {
	DECODE_TRUNCATED = -1,	/* and no input left */
	DECODE_STUCK = -2	/* with input left */
};

/* OUTCOME_FAILED with the message in why when status is damage found at
 * offset in the compressed bytes, else OUTCOME_NONE. */
static enum outcome
damage(const struct decode_source *source, int status, uint64_t offset,
    const char *detail, char *why, size_t why_size)
{
	const char *format = source->decoder->format;
	unsigned long long at = (unsigned long long)offset;
	char limit[32];

	switch (status) {
	case DECODE_CORRUPT:
		snprintf(why, why_size, "%s data corrupt at compressed byte "
		    "%llu (%s)", format, at, detail);
		return OUTCOME_FAILED;
	case DECODE_TOO_BIG:
		size_option_text(limit, sizeof limit, source->max_window);
		snprintf(why, why_size, "%s data at compressed byte %llu "
		    "needs %s over --max-window=%s; raise --max-window to "
		    "read it", format, at, detail, limit);
		return OUTCOME_FAILED;
	case DECODE_TRUNCATED:
		snprintf(why, why_size, "%s data truncated at compressed byte "
		    "%llu", format, at);
		return OUTCOME_FAILED;
	case DECODE_STUCK:
		snprintf(why, why_size, "%s data corrupt at compressed byte "
		    "%llu", format, at);
		return OUTCOME_FAILED;
	default:
		return OUTCOME_NONE;
	}
}

/* The decoding thread: fills slot after slot until the streams end, the
 * data is damaged, or the reader closes the source. */
static void *
decode_thread(void *arg)
{
	struct decode_source *source = arg;
	const struct decoder_ops *decoder = source->decoder;
	struct decode_buffers io;
	uint64_t read_total = source->head_len;	/* compressed bytes read */
	size_t index = 0;
	int at_end_of_stream = 0, eof = 0;
	char why[512], detail[256];

	why[0] = '\0';
	memset(&io, 0, sizeof io);
	io.in = source->input + INPUT_KEPT;
	io.in_len = source->head_len;
	for (;;) {
		struct slot *slot = wait_for_room(source, index);
		enum outcome outcome = OUTCOME_NONE;

		if (slot == NULL)
			return NULL;
		io.out = slot->bytes;
		io.out_len = SLOT_SIZE;
		while (io.out_len > 0 && outcome == OUTCOME_NONE) {
			size_t in_before = io.in_len, out_before = io.out_len;
			uint64_t offset;
			int status;

			if (io.in_len == 0 && !eof) {
				ssize_t got;

				/* Hand out what there is before waiting on
				 * a pipe. */
				if (io.out != slot->bytes && source->poll_input)
					break;
				got = read_input(source);
				if (got == -2)
					return NULL;
				if (got < 0) {
					snprintf(why, sizeof why, "%s",
					    strerror(errno));
					outcome = OUTCOME_FAILED;
					break;
				}
				eof = got == 0;
				io.in = source->input + INPUT_KEPT;
				io.in_len = (size_t)got;
				read_total += (uint64_t)got;
				continue;
			}
			if (at_end_of_stream && io.in_len == 0) {
				outcome = OUTCOME_END;
				break;
			}
			io.in_ended = eof;
			detail[0] = '\0';
			status = decoder->decode(source->state, &io, detail,
			    sizeof detail);
			offset = read_total - io.in_len;
			if (status == DECODE_END)
				at_end_of_stream = 1;
			else if (io.in_len != in_before)
				at_end_of_stream = 0;
			else if (status == DECODE_OK &&
			    io.out_len == out_before)
				status = io.in_len == 0 ? DECODE_TRUNCATED :
				    DECODE_STUCK;
			outcome = damage(source, status, offset, detail, why,
			    sizeof why);
		}
		publish(source, slot, SLOT_SIZE - io.out_len,
		    read_total - io.in_len, outcome, why);
		if (outcome != OUTCOME_NONE)
			return NULL;
		index = (index + 1) % RING_SLOTS;
	}
}

/* Waits on ready for at most a tenth of a second. */
static void
wait_a_while(pthread_cond_t *ready, pthread_mutex_t *lock)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 100 * 1000 * 1000;
	if (until.tv_nsec >= 1000 * 1000 * 1000) {
		until.tv_sec++;
		until.tv_nsec -= 1000 * 1000 * 1000;
	}
	(void)pthread_cond_timedwait(ready, lock, &until);
}

static ssize_t
decode_read(struct source *base, char *buf, size_t cap, struct diag *diag)
{
	struct decode_source *source = (struct decode_source *)base;

	for (;;) {
		struct slot *slot;
		size_t n;

		pthread_mutex_lock(&source->lock);
		while (source->filled == 0 && source->outcome == OUTCOME_NONE) {
			/* A signal does not wake a condition wait: look for
			 * one every tenth of a second (the reader reports it). */
			if (signals_caught()) {
				pthread_mutex_unlock(&source->lock);
				return -1;
			}
			wait_a_while(&source->ready, &source->lock);
		}
		if (source->filled == 0) {
			int failed = source->outcome == OUTCOME_FAILED;

			pthread_mutex_unlock(&source->lock);
			if (!failed)
				return 0;
			if (!source->reported)
				diag_error(diag, "%s: %s", base->name,
				    source->why);
			source->reported = 1;
			return -1;
		}
		slot = &source->slots[source->next_take];
		pthread_mutex_unlock(&source->lock);

		n = slot->len - source->taken;
		if (n > cap)
			n = cap;
		memcpy(buf, slot->bytes + source->taken, n);
		source->taken += n;
		base->file_bytes = slot->file_bytes;
		if (source->taken == slot->len) {
			pthread_mutex_lock(&source->lock);
			source->filled--;
			source->next_take = (source->next_take + 1) %
			    RING_SLOTS;
			source->taken = 0;
			pthread_cond_signal(&source->room);
			pthread_mutex_unlock(&source->lock);
		}
		if (n > 0)
			return (ssize_t)n;
	}
}

static void
decode_free(struct decode_source *source)
{
	size_t i;

	if (source->state != NULL)
		source->decoder->free(source->state);
	for (i = 0; i < RING_SLOTS; i++)
		free(source->slots[i].bytes);
	free(source->input);
	if (source->wake[0] >= 0) {
		close(source->wake[0]);
		close(source->wake[1]);
	}
	if (source->fd != STDIN_FILENO)
		close(source->fd);
	pthread_cond_destroy(&source->ready);
	pthread_cond_destroy(&source->room);
	pthread_mutex_destroy(&source->lock);
	free(source);
}

static void
decode_close(struct source *base)
{
	struct decode_source *source = (struct decode_source *)base;

	if (source->started) {
		pthread_mutex_lock(&source->lock);
		source->cancelled = 1;
		pthread_cond_signal(&source->room);
		pthread_mutex_unlock(&source->lock);
		if (source->wake[1] >= 0) {
			ssize_t ignored = write(source->wake[1], "", 1);

			(void)ignored;	/* the pipe is empty: it fits */
		}
		pthread_join(source->thread, NULL);
	}
	decode_free(source);
}

static const struct source_ops decode_ops = {
	decode_read, decode_close, NULL, NULL
};

/* Starts the thread with every signal blocked, so signals go to the
 * reader's thread. */
static int
start_thread(struct decode_source *source)
{
	sigset_t all, old;
	int result;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	result = pthread_create(&source->thread, NULL, decode_thread, source);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return result;
}

struct source *
source_decode_new(int fd, const char *name, const unsigned char *head,
    size_t head_len, const struct decoder_ops *decoder,
    const struct settings *settings, struct diag *diag)
{
	struct decode_source *source;
	struct stat st;
	size_t i;
	int failed = 0, error;

	if (library_load(decoder->loader) != 0) {
		if (fd != STDIN_FILENO)
			close(fd);
		diag_error(diag, "%s: %s input, but %s cannot be loaded", name,
		    decoder->format, decoder->loader->soname);
		return NULL;
	}
	source = calloc(1, sizeof *source);
	if (source == NULL) {
		if (fd != STDIN_FILENO)
			close(fd);
		diag_error(diag, "%s: out of memory", name);
		return NULL;
	}
	source->source.ops = &decode_ops;
	source->source.name = name;
	source->decoder = decoder;
	source->fd = fd;
	source->max_window = settings->max_window;
	source->wake[0] = source->wake[1] = -1;
	pthread_mutex_init(&source->lock, NULL);
	pthread_cond_init(&source->room, NULL);
	pthread_cond_init(&source->ready, NULL);
	source->input = calloc(1, INPUT_KEPT + INPUT_SIZE);
	failed |= source->input == NULL;
	for (i = 0; i < RING_SLOTS; i++) {
		source->slots[i].bytes = malloc(SLOT_SIZE);
		failed |= source->slots[i].bytes == NULL;
	}
	if (!failed) {
		source->state = decoder->new(settings);
		failed = source->state == NULL;
	}
	if (failed) {
		decode_free(source);
		diag_error(diag, "%s: out of memory for the %s decoder", name,
		    decoder->format);
		return NULL;
	}
	if (head_len > 0)
		memcpy(source->input + INPUT_KEPT, head, head_len);
	source->head_len = source->input_len = head_len;
	source->poll_input = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
	if (source->poll_input && pipe(source->wake) != 0) {
		error = errno;
		source->wake[0] = source->wake[1] = -1;
		decode_free(source);
		diag_error(diag, "%s: %s", name, strerror(error));
		return NULL;
	}
	error = start_thread(source);
	if (error != 0) {
		decode_free(source);
		diag_error(diag, "%s: cannot start the decoding thread: %s",
		    name, strerror(error));
		return NULL;
	}
	source->started = 1;
	return &source->source;
}
