/* check_parallel.c: the parallel stage (-j) and the reader's part in it:
 * memory readers, reader_refill, and a chain run on worker threads that
 * hands out every line (bytes, number, FILE, terminator) and every error
 * as the same chain on one thread does. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output/sink.h"
#include "run/chain.h"
#include "run/parallel.h"
#include "input/reader.h"

/* The stages a test runs, for the builder. */
struct recipe {
	const struct harness_stage *stages;
	size_t count;
	const struct settings *settings;
};

static struct stage *
build_recipe(const void *context, size_t count, struct stage *up,
    struct diag *diag)
{
	const struct recipe *recipe = context;
	struct stage *last = up;
	size_t i;

	ck_assert_uint_eq(count, recipe->count);
	for (i = 0; i < count; i++) {
		struct stage_args args = {
			last, recipe->stages[i].arg, "-x",
			recipe->stages[i].variant, recipe->settings, diag,
			NO_CONTEXT, 0
		};
		struct stage *stage = recipe->stages[i].build(&args);

		if (stage == NULL) {
			stage_free_chain(last);
			return NULL;
		}
		last = stage;
	}
	return last;
}

/* The chain over paths: on one thread (workers 0), or through the
 * parallel stage with workers threads. */
static struct stage *
chain_new(char *const *paths, size_t count, const struct recipe *recipe,
    unsigned workers, struct diag *diag)
{
	struct stage *reader = reader_new(paths, count, recipe->settings, diag);
	struct stage *memory, *prefix, *parallel;

	ck_assert_ptr_nonnull(reader);
	if (workers == 0) {
		prefix = build_recipe(recipe, recipe->count, reader, diag);
		ck_assert_ptr_nonnull(prefix);
		return prefix;
	}
	memory = reader_new_memory(recipe->settings, diag);
	ck_assert_ptr_nonnull(memory);
	prefix = build_recipe(recipe, recipe->count, memory, diag);
	ck_assert_ptr_nonnull(prefix);
	parallel = parallel_new(reader, memory, prefix, workers, build_recipe,
	    recipe, recipe->settings, diag);
	ck_assert_ptr_nonnull(parallel);
	return parallel;
}

/* Pulls both chains side by side: every line the same, then the same end
 * (or error, with the same message). Returns the number of lines. */
static uint64_t
expect_same_chains(char *const *paths, size_t count,
    const struct recipe *recipe, unsigned workers)
{
	struct diag one_diag, many_diag;
	struct stage *one, *many;
	struct line a, b;
	uint64_t lines = 0;
	int ra, rb;

	diag_init(&one_diag, NULL);
	diag_init(&many_diag, NULL);
	one = chain_new(paths, count, recipe, 0, &one_diag);
	many = chain_new(paths, count, recipe, workers, &many_diag);
	for (;;) {
		ra = stage_next(one, &a);
		rb = stage_next(many, &b);
		ck_assert_msg(ra == rb, "line %llu: %d on one thread, %d on %u",
		    (unsigned long long)lines, ra, rb, workers);
		if (ra != 1)
			break;
		lines++;
		ck_assert_uint_eq(a.len, b.len);
		ck_assert_msg(memcmp(a.ptr, b.ptr, a.len) == 0,
		    "line %llu differs", (unsigned long long)lines);
		ck_assert_uint_eq(a.lineno, b.lineno);
		ck_assert_int_eq(a.eol, b.eol);
		ck_assert_str_eq(a.source->name, b.source->name);
		ck_assert_uint_eq(a.source->lines_before, b.source->lines_before);
	}
	ck_assert_str_eq(one_diag.message, many_diag.message);
	ck_assert_uint_eq(one_diag.errors, many_diag.errors);
	stage_free_chain(one);
	stage_free_chain(many);
	return lines;
}

/* What a sink would write of a chain's output, and how many lines. */
struct written {
	char *bytes;
	size_t len;
	size_t capacity;
	uint64_t lines;
};

static void
written_add(struct written *written, const char *bytes, size_t len)
{
	if (len > written->capacity - written->len) {
		written->capacity = written->capacity * 2 + len;
		written->bytes = realloc(written->bytes, written->capacity);
		ck_assert_ptr_nonnull(written->bytes);
	}
	memcpy(written->bytes + written->len, bytes, len);
	written->len += len;
}

static void
written_add_line(struct written *written, const struct line *line,
    char terminator)
{
	written_add(written, line->ptr, line->len);
	if (line->eol == LINE_END_CRLF)
		written_add(written, "\r", 1);
	if (line->eol != LINE_END_NONE)
		written_add(written, &terminator, 1);
	written->lines++;
}

/* Runs chain to its end, line by line or (blocks) in whole blocks with
 * its next_block; the result of the last call. */
static int
write_out(struct stage *chain, int blocks, char terminator,
    struct written *written)
{
	struct stage_block block;
	struct line line;
	int result;

	if (blocks)
		ck_assert_ptr_nonnull(chain->ops->next_block);
	for (;;) {
		result = blocks ? chain->ops->next_block(chain, &line, &block)
		    : stage_next(chain, &line);
		if (result == STAGE_BLOCK) {
			ck_assert_uint_gt(block.len, 0);
			ck_assert_uint_gt(block.lines, 0);
			written_add(written, block.bytes, block.len);
			written->lines += block.lines;
		} else if (result == 1) {
			written_add_line(written, &line, terminator);
		} else {
			return result;
		}
	}
}

/* The bytes the parallel stage hands on in blocks are those one thread
 * writes line by line, with the same end or error; the stage's counts
 * are what was handed on. Returns how many lines. */
static uint64_t
expect_same_written(char *const *paths, size_t count,
    const struct recipe *recipe, unsigned workers)
{
	struct written one = { NULL, 0, 0, 0 }, many = { NULL, 0, 0, 0 };
	struct diag one_diag, many_diag;
	struct stage *one_chain, *many_chain;
	char terminator = recipe->settings->terminator;
	int one_result, many_result;

	diag_init(&one_diag, NULL);
	diag_init(&many_diag, NULL);
	one_chain = chain_new(paths, count, recipe, 0, &one_diag);
	many_chain = chain_new(paths, count, recipe, workers, &many_diag);
	one_result = write_out(one_chain, 0, terminator, &one);
	many_result = write_out(many_chain, 1, terminator, &many);
	ck_assert_int_eq(one_result, many_result);
	ck_assert_uint_eq(one.lines, many.lines);
	ck_assert_uint_eq(one.len, many.len);
	ck_assert(one.len == 0 || memcmp(one.bytes, many.bytes, one.len) == 0);
	ck_assert_str_eq(one_diag.message, many_diag.message);
	ck_assert_uint_eq(many_chain->stats.lines_out, many.lines);
	ck_assert_uint_eq(many_chain->stats.bytes_out, many.len);
	stage_free_chain(one_chain);
	stage_free_chain(many_chain);
	free(one.bytes);
	free(many.bytes);
	return one.lines;
}

/* About capacity bytes of varied records. */
static char *
make_input(size_t capacity, size_t *len)
{
	size_t used = 0;
	char *text = malloc(capacity);
	unsigned i;

	ck_assert_ptr_nonnull(text);
	for (i = 0; used + 200 < capacity - 100; i++)
		used += (size_t)snprintf(text + used, capacity - used,
		    "%s%u ERROR=%u key=value %s%.*s\n",
		    i % 7 == 0 ? "  " : "", i, i * 7919 % 1000,
		    i % 5 == 0 ? "fail" : "ok", (int)(i % 97),
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	*len = used;
	return text;
}

START_TEST(memory_reader_numbers_from_its_block)
{
	static const struct line_source source = { "f", 10 };
	struct settings settings;
	struct diag diag;
	struct stage *memory;
	struct line line, held = {
		"held", 4, 99, &source, LINE_END_NONE, 0
	};
	const char *block;

	settings_init(&settings);
	settings.crlf = 1;
	diag_init(&diag, NULL);
	memory = reader_new_memory(&settings, &diag);
	ck_assert_ptr_nonnull(memory);
	ck_assert(reader_is(memory));
	reader_load_block(memory, "a\r\nbb\n", 6, 41, &source);
	ck_assert_uint_eq(reader_block(memory, &block), 6);
	ck_assert_int_eq(stage_next(memory, &line), 1);
	ck_assert_uint_eq(line.len, 1);
	ck_assert_uint_eq(line.lineno, 42);
	ck_assert_int_eq(line.eol, LINE_END_CRLF);
	ck_assert_ptr_eq(line.source, &source);
	ck_assert_uint_eq(reader_skip(memory, 3), 1);
	ck_assert_int_eq(stage_next(memory, &line), 0);
	ck_assert_int_eq(stage_next(memory, &line), 0);
	reader_load_line(memory, &held);
	ck_assert_uint_eq(reader_block(memory, &block), 0);
	ck_assert_int_eq(stage_next(memory, &line), 1);
	ck_assert_ptr_eq(line.ptr, held.ptr);
	ck_assert_uint_eq(line.lineno, 99);
	ck_assert_int_eq(line.eol, LINE_END_NONE);
	ck_assert_int_eq(stage_next(memory, &line), 0);
	stage_free_chain(memory);
}
END_TEST

START_TEST(refill_reads_until_the_end_of_a_file)
{
	struct settings settings;
	struct diag diag;
	char *path = harness_file("abc\ndefgh\nij", 12);
	struct stage *reader;
	const struct line_source *source;
	struct line line;
	const char *block;
	uint64_t before;
	char text[64] = "";
	size_t used = 0;

	settings_init(&settings);
	settings.buffer_size = 4;
	diag_init(&diag, NULL);
	reader = reader_new(&path, 1, &settings, &diag);
	/* No FILE is open yet: that is reader_next's work. */
	ck_assert_int_eq(reader_refill(reader), 0);
	ck_assert_int_eq(stage_next(reader, &line), 1);
	ck_assert_uint_eq(line.lineno, 1);
	source = reader_position(reader, &before);
	ck_assert_str_eq(source->name, path);
	ck_assert_uint_eq(before, 1);
	/* From here as parallel.c goes: blocks while there are, a refill
	 * when there are none, reader_next when refill cannot help (a
	 * record as long as the buffer, the end of the FILE). */
	for (;;) {
		size_t len = reader_block(reader, &block);
		int result;

		if (len > 0) {
			used += (size_t)snprintf(text + used, sizeof text - used,
			    "B:%.*s|", (int)len, block);
			reader_skip(reader, len);
			continue;
		}
		result = reader_refill(reader);
		ck_assert_int_ge(result, 0);
		if (result == 1)
			continue;
		if (stage_next(reader, &line) == 0)
			break;
		used += (size_t)snprintf(text + used, sizeof text - used,
		    "L:%.*s:%d|", (int)line.len, line.ptr, line.eol);
	}
	ck_assert_str_eq(text, "L:defgh:1|L:ij:0|");
	stage_free_chain(reader);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(trade_hands_over_whole_records)
{
	/* Records of 0 to 11 bytes, the last without a terminator. */
	static const char input[] = "a\nbb\n\nccc\ndddd\neeeee\nffffff\n"
	    "ggggggg\nhhhhhhhhhhh\ni\njj\nkkk\n\n\nllll\nmmmmm";
	char *path = harness_file(input, sizeof input - 1);
	size_t buffer_size;

	for (buffer_size = 1; buffer_size <= 64; buffer_size++) {
		struct settings settings;
		struct diag diag;
		struct stage *reader;
		struct line line;
		char text[256];
		size_t used = 0, size = 2 * buffer_size;
		uint64_t records = 0;
		char *spare = malloc(size);

		settings_init(&settings);
		settings.buffer_size = buffer_size;
		diag_init(&diag, NULL);
		reader = reader_new(&path, 1, &settings, &diag);
		ck_assert_ptr_nonnull(reader);
		/* Never smaller than --buffer-size. */
		ck_assert_int_eq(reader_buffer_size(reader, buffer_size), 0);
		ck_assert_int_eq(reader_buffer_size(reader, size), 1);
		/* As parallel.c goes: fill, trade; reader_next when there is
		 * nothing to trade. */
		for (;;) {
			size_t offset, len;
			uint64_t before, count;
			char *traded;

			while (reader_refill(reader) > 0)
				continue;
			reader_position(reader, &before);
			traded = reader_trade(reader, spare, &offset, &len,
			    &count);
			if (traded != NULL) {
				ck_assert_uint_eq(before, records);
				ck_assert_uint_le(offset + len, size);
				ck_assert_int_eq(traded[offset + len - 1], '\n');
				ck_assert_uint_lt(used + len, sizeof text);
				memcpy(text + used, traded + offset, len);
				used += len;
				records += count;
				spare = traded;
				continue;
			}
			if (stage_next(reader, &line) != 1)
				break;
			ck_assert_uint_eq(line.lineno, records + 1);
			ck_assert_uint_lt(used + line.len + 1, sizeof text);
			memcpy(text + used, line.ptr, line.len);
			used += line.len;
			if (line.eol == LINE_END_PLAIN)
				text[used++] = '\n';
			records++;
		}
		ck_assert_uint_eq(used, sizeof input - 1);
		ck_assert(memcmp(text, input, used) == 0);
		ck_assert_uint_eq(records, 16);
		ck_assert_uint_eq(reader->stats.lines_out, 16);
		stage_free_chain(reader);
		free(spare);
	}
	unlink(path);
	free(path);
}
END_TEST

START_TEST(trade_size_stays_within_max_line)
{
	struct settings settings;
	struct diag diag;
	struct stage *reader;
	char *path = harness_file("a\n", 2);

	settings_init(&settings);
	settings.buffer_size = 16;
	settings.max_line = 31;
	diag_init(&diag, NULL);
	reader = reader_new(&path, 1, &settings, &diag);
	ck_assert_ptr_nonnull(reader);
	/* A block of 33 bytes could hold a record longer than --max-line. */
	ck_assert_int_eq(reader_buffer_size(reader, 33), 0);
	ck_assert_int_eq(reader_buffer_size(reader, 31), 1);
	stage_free_chain(reader);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(threads_start_mid_file)
{
	static const struct harness_stage strip_number[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ number_new, NULL, 0 }
	};
	static const struct harness_stage replace[] = {
		{ replace_new, "s/[0-9]+/#/g", 0 }
	};
	size_t len;
	/* More than the 4 MiB after which the default starts threads: the
	 * reader's buffer then becomes a job's size, and is traded. */
	char *input = make_input((size_t)9 << 20, &len);
	char *path = harness_file(input, len);
	struct settings settings;
	struct recipe numbered = { strip_number, 2, &settings };
	struct recipe blocks = { replace, 1, &settings };

	settings_init(&settings);
	settings.threads = 0;
	ck_assert_uint_gt(expect_same_chains(&path, 1, &numbered, 2), 0);
	ck_assert_uint_gt(expect_same_written(&path, 1, &blocks, 2), 0);
	settings.threads = 2;
	ck_assert_uint_gt(expect_same_written(&path, 1, &blocks, 2), 0);
	unlink(path);
	free(path);
	free(input);
}
END_TEST

/* The program's own builder (chain_build) puts the per-line stages on
 * threads where they help and not elsewhere, and a chain it built on
 * threads writes what the same chain writes on one (chain_drain, the
 * program's own drain); a chain with -l keeps to one thread, unless
 * asked, or unless a stage before it cannot end a FILE. */
static void
drain_to(const struct options *options, char *path, char **out,
    size_t *out_len, int *threaded)
{
	FILE *output = tmpfile();
	struct stage *chain, *stage;
	struct diag diag;
	struct sink sink;
	long size;

	ck_assert_ptr_nonnull(output);
	diag_init(&diag, NULL);
	chain = chain_build(options, &path, 1, &diag);
	ck_assert_ptr_nonnull(chain);
	*threaded = 0;
	for (stage = chain; stage != NULL; stage = stage->up)
		*threaded |= stage->ops->inner != NULL;
	ck_assert_int_eq(sink_init(&sink, fileno(output), "(test output)",
	    &options->settings), 0);
	ck_assert_int_eq(chain_drain(chain, &sink, &diag), 0);
	stage_free_chain(chain);
	sink_free(&sink);
	size = ftell(output);
	ck_assert_int_ge(size, 0);
	*out = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(*out);
	rewind(output);
	ck_assert_uint_eq(fread(*out, 1, (size_t)size, output), (size_t)size);
	*out_len = (size_t)size;
	fclose(output);
}

START_TEST(the_builder_runs_threads_where_they_help)
{
	static const struct harness_stage replace[] = {
		{ replace_new, "s/[0-9]+/#/g", 0 }
	};
	static const struct harness_stage strip_filter[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "fail", FILTER_KEEP }
	};
	static const struct harness_stage reject_head[] = {
		{ filter_new, "fail", FILTER_DROP },
		{ head_new, "100000", 0 }
	};
	static const struct harness_stage uniq[] = {
		{ uniq_new, NULL, 0 }
	};
	static const struct harness_stage replace_names[] = {
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ files_with_matches_new, NULL, 0 }
	};
	static const struct harness_stage replace_uniq_names[] = {
		{ replace_new, "s/[0-9]+/#/g", 0 }, { uniq_new, NULL, 0 },
		{ files_with_matches_new, NULL, 0 }
	};
	static const struct harness_stage prefix_names[] = {
		{ with_filename_new, NULL, 0 }
	};
	static const struct {
		const char *name;
		const struct harness_stage *stages;
		size_t count;
		unsigned threads;
		enum stats_format stats;
		int threaded;
	} cases[] = {
		{ "-j 2 -r", replace, 1, 2, STATS_OFF, 1 },
		{ "-r, by default, over 9 MiB", replace, 1, 0, STATS_OFF, 1 },
		{ "-j 1 -r", replace, 1, 1, STATS_OFF, 0 },
		{ "-s -m: bound by reading", strip_filter, 2, 0, STATS_OFF, 0 },
		{ "-j 2 -s -m: asked for", strip_filter, 2, 2, STATS_OFF, 1 },
		{ "-j 2 -v -n", reject_head, 2, 2, STATS_OFF, 1 },
		{ "-j 2 --stats -v -n", reject_head, 2, 2, STATS_TEXT, 0 },
		{ "-j 2 -u: no per-line stage", uniq, 1, 2, STATS_OFF, 0 },
		{ "-r -l: -l ends FILEs", replace_names, 2, 0, STATS_OFF, 0 },
		{ "-j 2 -r -l: asked for", replace_names, 2, 2, STATS_OFF, 1 },
		{ "-r -u -l: -u reads on", replace_uniq_names, 3, 0, STATS_OFF,
		    1 },
		{ "-j 2 -H", prefix_names, 1, 2, STATS_OFF, 1 },
	};
	size_t len, i;
	char *input = make_input((size_t)9 << 20, &len);
	char *path = harness_file(input, len);

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings settings;
		struct options one, many;
		char *want, *got;
		size_t want_len, got_len;
		int threaded;

		settings_init(&settings);
		settings.stats = cases[i].stats;
		settings.threads = 1;
		harness_options(&one, &settings, cases[i].stages,
		    cases[i].count);
		settings.threads = cases[i].threads;
		harness_options(&many, &settings, cases[i].stages,
		    cases[i].count);
		drain_to(&one, path, &want, &want_len, &threaded);
		ck_assert_msg(!threaded, "%s: -j 1 ran threads", cases[i].name);
		drain_to(&many, path, &got, &got_len, &threaded);
		ck_assert_msg(threaded == cases[i].threaded, "%s: threads %d",
		    cases[i].name, threaded);
		ck_assert_msg(want_len == got_len && memcmp(want, got,
		    want_len) == 0, "%s: output differs", cases[i].name);
		free(want);
		free(got);
		options_free(&one);
		options_free(&many);
	}
	unlink(path);
	free(path);
	free(input);
}
END_TEST

/* Every recipe, buffer size and thread count, line by line and in
 * blocks, with the threads started at once and by default (the main
 * thread alone until enough input has come). */
START_TEST(threads_hand_out_what_one_thread_does)
{
	static const struct harness_stage strip[] = {
		{ strip_new, NULL, STRIP_BOTH }
	};
	static const struct harness_stage filter_number[] = {
		{ filter_new, "fail", FILTER_KEEP },
		{ number_new, NULL, 0 }
	};
	static const struct harness_stage extract[] = {
		{ extract_new, "[0-9]+", 0 }
	};
	static const struct harness_stage replace_fields[] = {
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ fields_new, "3,1", 0 },
		{ case_new, NULL, CASE_UPPER }
	};
	static const struct harness_stage replace_extract[] = {
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ extract_new, "[a-z#=]+", 0 }
	};
	static const struct {
		const struct harness_stage *stages;
		size_t count;
		int crlf;
		char terminator;
	} runs[] = {
		{ strip, 1, 0, '\n' }, { filter_number, 2, 1, '\n' },
		{ extract, 1, 0, '\n' }, { replace_fields, 3, 0, '\n' },
		{ replace_extract, 2, 0, '\n' },
		/* One record per FILE: nothing for a worker, still right. */
		{ strip, 1, 0, '\0' }
	};
	static const size_t buffer_sizes[] = { 61, DEFAULT_BUFFER_SIZE };
	size_t len, i, j, k;
	char *input = make_input(600000, &len);	/* three jobs */
	char *paths[3];
	unsigned workers;

	/* Some records end in \r\n, for --crlf. */
	for (k = 1000; k < len; k += 977) {
		char *end = memchr(input + k, '\n', len - k);

		if (end != NULL && end > input && end[-1] != '\n')
			end[-1] = '\r';
	}
	paths[0] = harness_file(input, len);
	paths[1] = harness_file("", 0);
	paths[2] = harness_file(input, len - 1);	/* no final newline */
	for (i = 0; i < sizeof runs / sizeof runs[0]; i++)
		for (j = 0; j < sizeof buffer_sizes / sizeof buffer_sizes[0];
		    j++)
			for (workers = 1; workers <= 3; workers += 2) {
				struct settings settings;
				struct recipe recipe = {
					runs[i].stages, runs[i].count,
					&settings
				};

				settings_init(&settings);
				settings.crlf = runs[i].crlf;
				settings.terminator = runs[i].terminator;
				settings.threads = workers;
				settings.buffer_size = buffer_sizes[j];
				ck_assert_uint_gt(expect_same_chains(paths, 3,
				    &recipe, workers), 0);
				ck_assert_uint_gt(expect_same_written(paths, 3,
				    &recipe, workers), 0);
				settings.threads = 0;
				expect_same_chains(paths, 3, &recipe, workers);
				expect_same_written(paths, 3, &recipe, workers);
			}
	for (i = 0; i < 3; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	free(input);
}
END_TEST

START_TEST(long_records_go_in_order)
{
	static const struct harness_stage stages[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ number_new, NULL, 0 }
	};
	static const enum long_line_policy policies[] = {
		LONG_LINES_FAIL, LONG_LINES_SPLIT, LONG_LINES_TRUNCATE,
		LONG_LINES_SKIP
	};
	/* Records longer than the buffer, a job and --max-line. */
	static const size_t runs[][2] = {
		{ 100000, 100000 }, { 300000, 300000 }, { 700000, 500000 }
	};
	size_t len, i;
	char *input = make_input(2000000, &len), *path;

	for (i = 0; i < sizeof runs / sizeof runs[0]; i++)
		memset(input + runs[i][0], 'z', runs[i][1]);
	path = harness_file(input, len);
	for (i = 0; i < sizeof policies / sizeof policies[0]; i++) {
		struct settings settings;
		struct recipe recipe = { stages, 2, &settings };

		settings_init(&settings);
		settings.threads = 2;
		settings.max_line = 400000;
		settings.long_lines = policies[i];
		expect_same_chains(&path, 1, &recipe, 2);
	}
	unlink(path);
	free(path);
	free(input);
}
END_TEST

START_TEST(the_first_error_wins_after_the_lines_before_it)
{
	static const struct harness_stage stages[] = {
		{ filter_new, "(a+)+b", FILTER_DROP }
	};
	size_t len, at;
	char *input = make_input(800000, &len), *path;
	struct settings settings;
	struct recipe recipe = { stages, 1, &settings };
	uint64_t lines;

	/* Two lines that reach the match limit, the second in a later
	 * job: the first one's message, and every line before it. */
	for (at = 300000; at < len; at += 200000) {
		char *start = (char *)memchr(input + at, '\n', len - at) + 1;

		memcpy(start, "aaaaaaaaaaaaaaaaaaaaaaaaaaaac ab", 32);
	}
	path = harness_file(input, len);
	settings_init(&settings);
	settings.threads = 2;
	settings.match_limit = 1000;
	lines = expect_same_chains(&path, 1, &recipe, 2);
	ck_assert_uint_gt(lines, 1000);
	ck_assert_uint_eq(expect_same_written(&path, 1, &recipe, 2), lines);
	unlink(path);
	free(path);
	free(input);
}
END_TEST

static Suite *
parallel_suite(void)
{
	Suite *suite = suite_create("parallel");
	TCase *reader = tcase_create("reader");
	TCase *threads = tcase_create("threads");

	tcase_add_test(reader, memory_reader_numbers_from_its_block);
	tcase_add_test(reader, refill_reads_until_the_end_of_a_file);
	tcase_add_test(reader, trade_hands_over_whole_records);
	tcase_add_test(reader, trade_size_stays_within_max_line);
	tcase_add_test(threads, threads_hand_out_what_one_thread_does);
	tcase_add_test(threads, threads_start_mid_file);
	tcase_add_test(threads, the_builder_runs_threads_where_they_help);
	tcase_add_test(threads, long_records_go_in_order);
	tcase_add_test(threads, the_first_error_wins_after_the_lines_before_it);
	suite_add_tcase(suite, reader);
	suite_add_tcase(suite, threads);
	return suite;
}

int
main(void)
{
	return harness_run_suite(parallel_suite());
}
