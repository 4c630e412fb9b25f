/* source.c: opening a FILE as a source. Its first bytes say whether it is
 * compressed (by their magic, never by the name); a compressed FILE goes
 * to its format's decoder (source_decode.c), whose library is loaded when
 * the first FILE of the format is met; anything else is the plain source
 * here, which reads straight into the reader's buffer. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/decoder.h"
#include "input/follow.h"
#include "base/signals.h"
#include "input/source_open.h"

#define MAGIC_MAX 10

/* One byte of a magic: any value from low to high. */
struct magic_byte {
	unsigned char low, high;
};

struct format {
	const char *name;
	const char *library;	/* what a build needs to decode it */
	size_t magic_len;
	struct magic_byte magic[MAGIC_MAX];
	/* The decoders for it that were built in, best first. */
	const struct decoder_ops *decoders[3];
};

#define B(c) { (c), (c) }

static const struct format formats[] = {
	{ "gzip", "zlib", 2, { B(0x1f), B(0x8b) }, {
#ifdef HAVE_ISAL
		&gzip_isal_decoder,
#endif
#ifdef HAVE_ZLIB
		&gzip_zlib_decoder,
#endif
		NULL } },
	{ "zstd", "libzstd", 4, { B(0x28), B(0xb5), B(0x2f), B(0xfd) }, {
#ifdef HAVE_ZSTD
		&zstd_decoder,
#endif
		NULL } },
	/* A zstd skippable frame (metadata) may come before the first. */
	{ "zstd", "libzstd", 4, { { 0x50, 0x5f }, B(0x2a), B(0x4d), B(0x18) }, {
#ifdef HAVE_ZSTD
		&zstd_decoder,
#endif
		NULL } },
	{ "xz", "liblzma", 6,
	    { B(0xfd), B('7'), B('z'), B('X'), B('Z'), B(0x00) }, {
#ifdef HAVE_LZMA
		&xz_decoder,
#endif
		NULL } },
	/* "BZh" and a level alone would take text for bzip2: the magic of
	 * its first block (the digits of pi), or of an empty stream's end
	 * (of sqrt(pi)), must follow. */
	{ "bzip2", "libbz2", 10, { B('B'), B('Z'), B('h'), { '1', '9' },
	    B(0x31), B(0x41), B(0x59), B(0x26), B(0x53), B(0x59) }, {
#ifdef HAVE_BZIP2
		&bzip2_decoder,
#endif
		NULL } },
	{ "bzip2", "libbz2", 10, { B('B'), B('Z'), B('h'), { '1', '9' },
	    B(0x17), B(0x72), B(0x45), B(0x38), B(0x50), B(0x90) }, {
#ifdef HAVE_BZIP2
		&bzip2_decoder,
#endif
		NULL } },
};

#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

enum { MAGIC_NO, MAGIC_PREFIX, MAGIC_YES };

/* Whether head[0, len) is format's magic, or could still become it. */
static int
magic_match(const struct format *format, const unsigned char *head,
    size_t len)
{
	size_t i;

	for (i = 0; i < len && i < format->magic_len; i++)
		if (head[i] < format->magic[i].low ||
		    head[i] > format->magic[i].high)
			return MAGIC_NO;
	return len >= format->magic_len ? MAGIC_YES : MAGIC_PREFIX;
}

struct plain_source {
	struct source source;
	int fd;
	/* Bytes read to look at the magic, handed out first. */
	unsigned char head[MAGIC_MAX];
	size_t head_len;
	size_t head_pos;
	int regular;		/* a regular file, not standard input */
};

static ssize_t
plain_read(struct source *source, char *buf, size_t cap, struct diag *diag)
{
	struct plain_source *plain = (struct plain_source *)source;
	ssize_t got;

	if (plain->head_pos < plain->head_len) {
		size_t n = plain->head_len - plain->head_pos;

		if (n > cap)
			n = cap;
		memcpy(buf, plain->head + plain->head_pos, n);
		plain->head_pos += n;
		source->file_bytes += n;
		return (ssize_t)n;
	}
	do {
		got = read(plain->fd, buf, cap);
	} while (got < 0 && errno == EINTR && !signals_caught());
	/* A signal's EINTR is not the FILE's fault: the reader reports it. */
	if (got < 0 && !(errno == EINTR && signals_caught()))
		diag_error(diag, "%s: %s", source->name, strerror(errno));
	if (got > 0)
		source->file_bytes += (uint64_t)got;
	return got;
}

static void
plain_close(struct source *source)
{
	struct plain_source *plain = (struct plain_source *)source;

	if (plain->fd != STDIN_FILENO)
		close(plain->fd);
	free(plain);
}

static int
plain_regular_fd(struct source *source)
{
	struct plain_source *plain = (struct plain_source *)source;

	return plain->regular ? plain->fd : -1;
}

/* The bytes read to look at the magic are the FILE's first: starting
 * further on, they are passed over with the rest. */
static int
plain_start_at(struct source *source, uint64_t offset, struct diag *diag)
{
	struct plain_source *plain = (struct plain_source *)source;

	if (lseek(plain->fd, (off_t)offset, SEEK_SET) < 0) {
		diag_error(diag, "%s: %s", source->name, strerror(errno));
		return -1;
	}
	plain->head_pos = plain->head_len;
	source->file_bytes = offset;
	return 0;
}

static const struct source_ops plain_ops = {
	plain_read, plain_close, plain_regular_fd, plain_start_at
};

static struct source *
plain_new(int fd, const char *name, const unsigned char *head,
    size_t head_len, struct diag *diag)
{
	struct plain_source *plain = calloc(1, sizeof *plain);
	struct stat status;

	if (plain == NULL) {
		diag_error(diag, "%s: out of memory", name);
		if (fd != STDIN_FILENO)
			close(fd);
		return NULL;
	}
	plain->source.ops = &plain_ops;
	plain->source.name = name;
	plain->fd = fd;
	plain->regular = fd != STDIN_FILENO && fstat(fd, &status) == 0 &&
	    S_ISREG(status.st_mode);
	if (head_len > 0)
		memcpy(plain->head, head, head_len);
	plain->head_len = head_len;
	return &plain->source;
}

/* Reads the first bytes until they are some format's magic or can no
 * longer become one; a short read that already rules every format out
 * is enough, so a line typed on a terminal is not held back. Returns the
 * format, or NULL for plain bytes; *len -1 on a read error. */
static const struct format *
sniff(int fd, unsigned char *head, ssize_t *len)
{
	size_t have = 0, i;

	for (;;) {
		int possible = 0;
		ssize_t got;

		for (i = 0; i < FORMAT_COUNT; i++) {
			int match = magic_match(&formats[i], head, have);

			if (match == MAGIC_YES) {
				*len = (ssize_t)have;
				return &formats[i];
			}
			possible |= match == MAGIC_PREFIX;
		}
		if (!possible)
			break;
		do {
			got = read(fd, head + have, MAGIC_MAX - have);
		} while (got < 0 && errno == EINTR);
		if (got < 0) {
			*len = -1;
			return NULL;
		}
		if (got == 0)
			break;
		have += (size_t)got;
	}
	*len = (ssize_t)have;
	return NULL;
}

/* The best of format's decoders whose library can be loaded (loading it
 * if it is the first FILE of its format): ISA-L's gzip, or zlib's where
 * libisal is missing. NULL when none can. */
static const struct decoder_ops *
format_decoder(const struct format *format)
{
	size_t i;

	for (i = 0; format->decoders[i] != NULL; i++)
		if (library_load(format->decoders[i]->loader) == 0)
			return format->decoders[i];
	return NULL;
}

/* Says that none of format's decoders' libraries can be loaded. */
static void
unloadable(const struct format *format, char *text, size_t size)
{
	const struct decoder_ops *const *decoders = format->decoders;

	/* Every format has one decoder at least (the table below). */
	if (decoders[0] == NULL)
		snprintf(text, size, "no decoder is built in");
	else if (decoders[1] == NULL)
		snprintf(text, size, "%s cannot be loaded",
		    decoders[0]->loader->soname);
	else
		snprintf(text, size, "neither %s nor %s can be loaded",
		    decoders[0]->loader->soname, decoders[1]->loader->soname);
}

struct source *
source_open(const char *path, const struct settings *settings,
    struct diag *diag)
{
	int standard = strcmp(path, "-") == 0;
	const char *name = standard ? "(standard input)" : path;
	unsigned char head[MAGIC_MAX];
	const struct decoder_ops *decoder;
	const struct format *format;
	char why[128];
	ssize_t len;
	int fd;

	fd = standard ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		/* A FIFO with no writer blocks open until a signal, which the
		 * reader reports. */
		if (!(errno == EINTR && signals_caught()))
			diag_error(diag, "%s: %s", path, strerror(errno));
		return NULL;
	}
#ifdef POSIX_FADV_SEQUENTIAL
	if (!standard)
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	if (settings->decompress == DECOMPRESS_NONE)
		return plain_new(fd, name, NULL, 0, diag);
	format = sniff(fd, head, &len);
	if (len < 0) {
		diag_error(diag, "%s: %s", name, strerror(errno));
		if (!standard)
			close(fd);
		return NULL;
	}
	if (format == NULL)
		return plain_new(fd, name, head, (size_t)len, diag);
	decoder = format_decoder(format);
	if (decoder == NULL) {
		if (format->decoders[0] == NULL) {
			diag_error(diag, "%s: %s input, but sluice was built "
			    "without %s", name, format->name, format->library);
		} else {
			unloadable(format, why, sizeof why);
			diag_error(diag, "%s: %s input, but %s", name,
			    format->name, why);
		}
		if (!standard)
			close(fd);
		return NULL;
	}
	return source_decode_new(fd, name, head, (size_t)len, decoder,
	    settings, diag);
}

struct source *
source_open_followed(const char *path, const struct settings *settings,
    struct diag *diag)
{
	unsigned char head[MAGIC_MAX];
	struct stat status;
	ssize_t len;
	int fd;

	if (strcmp(path, "-") == 0)
		return source_open(path, settings, diag);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (!(errno == EINTR && signals_caught()))
			diag_error(diag, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* A FIFO or a terminal already waits for more. */
	if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
		close(fd);
		return source_open(path, settings, diag);
	}
	if (settings->decompress != DECOMPRESS_NONE &&
	    sniff(fd, head, &len) != NULL) {
		diag_error(diag, "%s: --follow cannot follow a compressed file "
		    "(it would be read to its end only)", path);
		close(fd);
		return NULL;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		diag_error(diag, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	return follow_source_new(fd, path, settings->follow == FOLLOW_END,
	    diag);
}

void
source_decoders(char *text, size_t size)
{
	size_t i, used = 0;

	text[0] = '\0';
	for (i = 0; i < FORMAT_COUNT; i++) {
		const struct decoder_ops *decoder;
		char version[128];
		int n;

		/* The skippable zstd frame's row repeats zstd's. */
		if (formats[i].decoders[0] == NULL || (i > 0 &&
		    formats[i].decoders[0] == formats[i - 1].decoders[0]))
			continue;
		/* --version loads them all, to ask each its version. */
		decoder = format_decoder(&formats[i]);
		if (decoder != NULL)
			decoder->version(version, sizeof version);
		else
			unloadable(&formats[i], version, sizeof version);
		n = snprintf(text + used, size - used, "%s%s (%s)",
		    used > 0 ? ", " : "", formats[i].name, version);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	if (used == 0)
		snprintf(text, size, "none");
}
