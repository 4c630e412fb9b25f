/* source_gzip_isal.c: gzip members decoded by ISA-L's streaming inflate,
 * several times faster than zlib's (see decoder.h). */
#include <config.h>

#ifdef HAVE_ISAL
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <isa-l.h>

#include "input/decoder.h"

/* ISA-L's entry points, loaded when the first gzip FILE is met. */
struct isal_api {
	void (*inflate_init)(struct inflate_state *);
	void (*inflate_reset)(struct inflate_state *);
	int (*inflate)(struct inflate_state *);
};
static struct isal_api isal;

#define ENTRY(name) { "isal_" #name, offsetof(struct isal_api, name) }
static const struct library_entry isal_entries[] = {
	ENTRY(inflate_init), ENTRY(inflate_reset), ENTRY(inflate)
};
#undef ENTRY

static struct library_once isal_library =
    LIBRARY_ONCE(ISAL_LIBRARY, isal_entries, &isal);

struct gzip_isal {
	struct inflate_state state;	/* ~40 KiB of tables and window */
	int ended;		/* a member ended: reset before the next */
};

/* ISA-L has no function that says its version: the headers' it was
 * built with. */
static void
gzip_isal_version(char *text, size_t size)
{
	snprintf(text, size, "ISA-L %d.%d.%d", ISAL_MAJOR_VERSION,
	    ISAL_MINOR_VERSION, ISAL_PATCH_VERSION);
}

static void *
gzip_isal_new(const struct settings *settings)
{
	struct gzip_isal *gzip = malloc(sizeof *gzip);

	(void)settings;	/* a gzip window is always 32 KiB */
	if (gzip == NULL)
		return NULL;
	isal.inflate_init(&gzip->state);
	/* Parse the gzip header and check the trailer's CRC and size. */
	gzip->state.crc_flag = ISAL_GZIP;
	gzip->ended = 0;
	return gzip;
}

static const char *
gzip_isal_error(int result)
{
	switch (result) {
	case ISAL_INVALID_BLOCK:
		return "invalid deflate block";
	case ISAL_INVALID_SYMBOL:
		return "invalid deflate symbol";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance too far back";
	case ISAL_INVALID_WRAPPER:
		return "invalid gzip header or trailer";
	case ISAL_UNSUPPORTED_METHOD:
		return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM:
		return "incorrect data check";
	case ISAL_NEED_DICT:
		return "it needs a preset dictionary";
	default:
		return "invalid data";
	}
}

static int
gzip_isal_decode(void *opaque, struct decode_buffers *io, char *why,
    size_t why_size)
{
	struct gzip_isal *gzip = opaque;
	struct inflate_state *state = &gzip->state;
	size_t in_len = io->in_len, out_len = io->out_len;
	int result;

	if (gzip->ended) {
		if (io->in_len == 0)
			return DECODE_END;
		isal.inflate_reset(state);
		state->crc_flag = ISAL_GZIP;
		gzip->ended = 0;
	}
	/* ISA-L counts in 32 bits; the source's buffers are far smaller. */
	state->next_in = (uint8_t *)(uintptr_t)io->in;
	state->avail_in = (uint32_t)in_len;
	state->next_out = io->out;
	state->avail_out = (uint32_t)out_len;
	result = isal.inflate(state);
	/* At a member's end, ISA-L gives back what its bit buffer read
	 * ahead (8 bytes at most), which may be more than this call used;
	 * on damaged input it has been seen to give back billions. */
	if (state->avail_in > in_len + 8) {
		snprintf(why, why_size, "%s", gzip_isal_error(INT_MIN));
		return DECODE_CORRUPT;
	}
	io->in = state->next_in;
	io->in_len = state->avail_in;
	io->out += out_len - state->avail_out;
	io->out_len = state->avail_out;
	if (result < 0 || result == ISAL_NEED_DICT) {
		snprintf(why, why_size, "%s", gzip_isal_error(result));
		return DECODE_CORRUPT;
	}
	if (state->block_state == ISAL_BLOCK_FINISH) {
		gzip->ended = 1;
		return DECODE_END;
	}
	return DECODE_OK;
}

static void
gzip_isal_free(void *state)
{
	free(state);
}

const struct decoder_ops gzip_isal_decoder = {
	"gzip", "ISA-L", &isal_library, gzip_isal_version, gzip_isal_new,
	gzip_isal_decode, gzip_isal_free
};
#endif
