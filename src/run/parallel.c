/* parallel.c: the parallel stage (-j). The main thread hands blocks of
 * whole records from the reader to a fixed ring of jobs (the reader's
 * buffer itself where it can, else a copy); worker threads,
 * each with its own copy of the chain's per-line stages over a memory
 * reader, turn a job's records into its output; the main thread hands the
 * jobs' output on in ring order. One lock and one wake-up per job (or per
 * chunk of a job's output), never per line.
 *
 * Records that cannot go in a block (the end of a FILE, a record longer
 * than a job or the reader's buffer, --long-lines pieces) come from
 * reader_next in the main thread, once every job before them is handed
 * on, and go through the main thread's own copy of the stages: so line
 * numbers, FILE names and the order of output and errors are those of
 * -j 1. A worker's error is kept in its job and raised when the merge
 * reaches it, after the lines before it.
 *
 * Where nothing follows the per-line stages but the sink, a worker writes
 * its lines as the sink would (each with its ending) and the main thread
 * hands each chunk to the sink whole: no work per line on the main
 * thread, which also reads and writes for everyone.
 *
 * --stats: each chunk of a job's output carries what making it added to
 * each stage's counts, and the merge adds that to the main thread's copy
 * of the stages as it takes the chunk. So the counts are those of the
 * work that reached the merge, not of jobs a run ended before it needed
 * them. */
#include <config.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run/parallel.h"
#include "run/records.h"
#include "input/reader.h"

/* A job's input: large enough that a hand-off is rare against the work,
 * small enough that the ring stays a few MiB. */
#define JOB_SIZE ((size_t)256 << 10)
/* A worker hands on a job's output in chunks of about this size, and
 * waits for the merge to take each one, so a stage that makes more than
 * it is given (-r 's/x/longer/g', -o .) still runs in bounded memory.
 * Twice a job: a job's lines and their headers (struct piece) are most
 * often one chunk, one hand-off. */
#define OUTPUT_CHUNK (2 * JOB_SIZE)
#define AUTO_WORKERS_MAX 8

enum job_state {
	JOB_FREE,	/* the main thread's, to fill */
	JOB_QUEUED,	/* filled, waiting for a worker */
	JOB_RUNNING,	/* a worker's */
	JOB_CHUNK,	/* a worker's, waiting for the merge to take output */
	JOB_DONE	/* the main thread's, to hand on */
};

enum job_failure {
	JOB_OK,
	JOB_FAILED,	/* message says why */
	JOB_NOT_RUN	/* its worker failed an earlier job, which wins */
};

/* Each line of a job's output, unless it is handed on in blocks: this
 * header, then len bytes, padded so the next header is aligned. */
struct piece {
	size_t len;
	uint64_t lineno;
	int eol;
};

struct job {
	enum job_state state;		/* under the lock */
	pthread_cond_t changed;
	/* Set by the main thread while the job is free. */
	char *input_buffer;		/* JOB_SIZE bytes, the job's own */
	const char *input;		/* in input_buffer */
	size_t input_len;
	uint64_t records_before;
	const struct line_source *source;
	/* The worker's while it runs, the merge's in a chunk or when done. */
	char *output;
	size_t output_len;
	size_t output_capacity;
	uint64_t output_lines;		/* in blocks: lines in output */
	enum job_failure failure;
	struct stage_stats *counted;	/* per stage, prefix down to memory:
					 * what the output so far added */
	char message[sizeof ((struct diag *)NULL)->message];
	/* The merge's: how much of the output it has handed on. */
	size_t merged;
};

struct parallel;

struct worker {
	struct parallel *parallel;
	pthread_t thread;
	struct stage *memory;
	struct stage *prefix;
	struct diag diag;
	int broken;		/* a job failed: its stages may be mid-line */
	struct stage_stats *before;	/* the counts when the job's output
					 * so far began */
};

struct parallel {
	struct stage stage;		/* up: the reader */
	struct stage *memory;		/* the main thread's own copy */
	struct stage *prefix;
	int local_active;		/* prefix has not ended its load */
	size_t depth;			/* stages from prefix down to memory */

	unsigned worker_count;		/* wanted */
	unsigned started;		/* running */
	struct worker *workers;
	struct job *jobs;
	size_t job_count;
	/* Counts of jobs ever filled, taken by a worker, handed on. */
	uint64_t filled;
	uint64_t taken;			/* under the lock */
	uint64_t merged;
	int merging;			/* the oldest job's output is ours */
	enum job_state seen;		/* its state when it became ours */
	pthread_mutex_t lock;
	pthread_cond_t work;		/* a job was queued, or stopping */
	int stopping;			/* under the lock */

	int wait_for_input;		/* start threads after PARALLEL_AUTO_START */
	uint64_t bytes_seen;
	int eager;			/* line-buffered: never read ahead of
					 * output that is ready */
	int odd;			/* reader_next must give the next record */
	int reader_failed;		/* and then the run fails */
	int trading;			/* jobs take the reader's buffer;
					 * -1: not yet asked for */
	int blocks;			/* output as the sink writes it */
	char terminator;
	int crlf;		/* --crlf: a \n inside a line goes out as
				 * \r\n (sink.c) */
	parallel_builder *build;
	const void *context;
	const struct settings *settings;
	struct diag *diag;
};

/* Regular FILEs (or a regular standard input) whose sizes add up to less
 * than PARALLEL_AUTO_START. */
static int
small_regular_files(char *const *paths, size_t count)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < (count > 0 ? count : 1); i++) {
		struct stat st;
		int got = count == 0 || strcmp(paths[i], "-") == 0
		    ? fstat(STDIN_FILENO, &st) : stat(paths[i], &st);

		if (got != 0 || !S_ISREG(st.st_mode))
			return 0;
		total += (uint64_t)st.st_size;
		if (total >= PARALLEL_AUTO_START)
			return 0;
	}
	return 1;
}

/* Output a reader waits for should not wait behind a job being filled:
 * line-buffered output, and --follow's growing FILE. */
static int
line_buffered(const struct settings *settings)
{
	return settings->line_buffering == LINE_BUFFERED_ALWAYS ||
	    settings->follow != FOLLOW_NONE || settings->output_is_terminal;
}

unsigned
parallel_workers(const struct settings *settings, char *const *paths,
    size_t count, const char **why_not)
{
	long cpus;

	*why_not = settings->max_line < settings->buffer_size
	    ? "--max-line below --buffer-size: no blocks of records to hand out"
	    : settings->threads == 1 ? "-j 1" : NULL;
	if (*why_not != NULL)
		return 0;
	if (settings->threads != 0)
		return settings->threads;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	*why_not = line_buffered(settings) ? "line-buffered output (or --follow)"
	    : cpus < 2 ? "one CPU" : small_regular_files(paths, count)
	    ? "the FILEs are under " PARALLEL_AUTO_START_TEXT " in all" : NULL;
	if (*why_not != NULL)
		return 0;
	return cpus > AUTO_WORKERS_MAX ? AUTO_WORKERS_MAX : (unsigned)cpus;
}

/* Worker side. */

/* Room for need more bytes of output; NULL when out of memory. */
static char *
job_reserve(struct job *job, size_t need)
{
	if (need > job->output_capacity - job->output_len) {
		size_t capacity = job->output_capacity * 2 + need;
		char *grown;

		if (capacity < need)
			return NULL;
		grown = realloc(job->output, capacity);
		if (grown == NULL)
			return NULL;
		job->output = grown;
		job->output_capacity = capacity;
	}
	return job->output + job->output_len;
}

/* A line in a piece of its own, for the merge to hand on as a line. */
static int
job_append_piece(struct job *job, const struct line *line)
{
	struct piece piece = { line->len, line->lineno, line->eol };
	size_t padded = (line->len + sizeof(size_t) - 1) &
	    ~(sizeof(size_t) - 1);
	size_t need = sizeof piece + padded;
	char *to;

	if (padded < line->len || (to = job_reserve(job, need)) == NULL)
		return -1;
	memcpy(to, &piece, sizeof piece);
	memcpy(to + sizeof piece, line->ptr, line->len);
	job->output_len += need;
	return 0;
}

/* A line as the sink writes it: its bytes, then its ending; under --crlf
 * (crlf) each \n inside it as \r\n, as sink_write puts it. */
static int
job_append_written(struct job *job, const struct line *line,
    char terminator, int crlf)
{
	size_t inner = 0, need;
	const char *from = line->ptr, *end = line->ptr + line->len, *eol;
	char *to;

	while (crlf && from < end &&
	    (eol = memchr(from, '\n', (size_t)(end - from))) != NULL) {
		inner++;
		from = eol + 1;
	}
	need = line->len + inner + (unsigned)line->eol;
	if (need < line->len || (to = job_reserve(job, need)) == NULL)
		return -1;
	for (from = line->ptr; inner > 0; inner--) {
		eol = memchr(from, '\n', (size_t)(end - from));
		memcpy(to, from, (size_t)(eol - from));
		to += eol - from;
		*to++ = '\r';
		*to++ = '\n';
		from = eol + 1;
	}
	memcpy(to, from, (size_t)(end - from));
	to += end - from;
	if (line->eol == LINE_END_CRLF)
		*to++ = '\r';
	if (line->eol != LINE_END_NONE)
		*to = terminator;
	job->output_len += need;
	job->output_lines++;
	return 0;
}

/* Gives the output so far to the merge and waits until it is taken. 0
 * when the worker may go on, -1 when the run is stopping. */
static int
job_hand_chunk(struct parallel *parallel, struct job *job)
{
	int stopping;

	pthread_mutex_lock(&parallel->lock);
	job->state = JOB_CHUNK;
	pthread_cond_signal(&job->changed);
	while (job->state == JOB_CHUNK && !parallel->stopping)
		pthread_cond_wait(&job->changed, &parallel->lock);
	stopping = parallel->stopping;
	pthread_mutex_unlock(&parallel->lock);
	job->output_len = 0;
	job->output_lines = 0;
	return stopping ? -1 : 0;
}

/* What the job's output so far added to the counts (the worker's
 * stages start at zero, as before does); the next chunk counts from
 * here. */
static void
job_count(struct job *job, struct worker *worker, size_t depth)
{
	const struct stage *stage = worker->prefix;
	size_t i;

	for (i = 0; i < depth; i++, stage = stage->up) {
		job->counted[i].lines_out = stage->stats.lines_out -
		    worker->before[i].lines_out;
		job->counted[i].bytes_out = stage->stats.bytes_out -
		    worker->before[i].bytes_out;
		worker->before[i] = stage->stats;
	}
}

static void
job_run(struct worker *worker, struct job *job)
{
	struct parallel *parallel = worker->parallel;
	struct line line;
	int result;

	job->output_len = 0;
	job->output_lines = 0;
	job->failure = JOB_OK;
	/* Zeros: the counts have not moved since the worker's last job. */
	job_count(job, worker, parallel->depth);
	if (worker->broken) {
		job->failure = JOB_NOT_RUN;
		return;
	}
	reader_load_block(worker->memory, job->input, job->input_len,
	    job->records_before, job->source);
	while ((result = stage_next(worker->prefix, &line)) == 1) {
		if ((parallel->blocks
		    ? job_append_written(job, &line, parallel->terminator,
		    parallel->crlf)
		    : job_append_piece(job, &line)) != 0) {
			diag_fail(&worker->diag, "%s:%llu: out of memory",
			    job->source->name,
			    (unsigned long long)line_in_file(&line));
			result = -1;
			break;
		}
		if (job->output_len >= OUTPUT_CHUNK) {
			job_count(job, worker, parallel->depth);
			if (job_hand_chunk(parallel, job) != 0)
				return;
		}
	}
	job_count(job, worker, parallel->depth);
	if (result < 0) {
		job->failure = JOB_FAILED;
		memcpy(job->message, worker->diag.message, sizeof job->message);
		worker->broken = 1;
	}
}

static void *
worker_main(void *argument)
{
	struct worker *worker = argument;
	struct parallel *parallel = worker->parallel;

	pthread_mutex_lock(&parallel->lock);
	for (;;) {
		struct job *job = &parallel->jobs[parallel->taken %
		    parallel->job_count];

		if (parallel->stopping)
			break;
		if (job->state != JOB_QUEUED) {
			pthread_cond_wait(&parallel->work, &parallel->lock);
			continue;
		}
		job->state = JOB_RUNNING;
		parallel->taken++;
		pthread_mutex_unlock(&parallel->lock);
		job_run(worker, job);
		pthread_mutex_lock(&parallel->lock);
		if (job->state == JOB_RUNNING)
			job->state = JOB_DONE;
		pthread_cond_signal(&job->changed);
	}
	pthread_mutex_unlock(&parallel->lock);
	return NULL;
}

/* Main thread side. */

static void
worker_free(struct worker *worker)
{
	if (worker->prefix != NULL)
		stage_free_chain(worker->prefix);
	else if (worker->memory != NULL)
		stage_free_chain(worker->memory);
	worker->prefix = worker->memory = NULL;
	free(worker->before);
	worker->before = NULL;
}

/* A worker's copy of the stages takes what the main thread's copy builds
 * once for the run (stage_ops.share): the two chains have one shape. */
static void
worker_share(struct worker *worker, const struct stage *original)
{
	struct stage *copy;

	for (copy = worker->prefix; copy != NULL && original != NULL;
	    copy = copy->up, original = original->up)
		if (copy->ops->share != NULL)
			copy->ops->share(copy, original);
}

/* Builds the ring and each worker's stages, and starts the threads with
 * every signal blocked, so signals reach the main thread. With no thread
 * started, the main thread goes on alone: the output is the same. */
static int
parallel_start(struct parallel *parallel)
{
	sigset_t all, old;
	size_t i;

	parallel->wait_for_input = 0;
	parallel->jobs = calloc(parallel->worker_count + 2,
	    sizeof *parallel->jobs);
	parallel->workers = calloc(parallel->worker_count,
	    sizeof *parallel->workers);
	if (parallel->jobs == NULL || parallel->workers == NULL)
		return diag_fail(parallel->diag, "out of memory");
	/* Two more jobs than workers: one being filled and one being
	 * handed on while every worker has one. */
	parallel->job_count = parallel->worker_count + 2;
	for (i = 0; i < parallel->job_count; i++)
		pthread_cond_init(&parallel->jobs[i].changed, NULL);
	for (i = 0; i < parallel->job_count; i++) {
		parallel->jobs[i].input_buffer = malloc(JOB_SIZE);
		parallel->jobs[i].counted = calloc(parallel->depth,
		    sizeof *parallel->jobs[i].counted);
		if (parallel->jobs[i].input_buffer == NULL ||
		    parallel->jobs[i].counted == NULL)
			return diag_fail(parallel->diag, "out of memory");
	}
	for (i = 0; i < parallel->worker_count; i++) {
		struct worker *worker = &parallel->workers[i];

		worker->parallel = parallel;
		worker->before = calloc(parallel->depth,
		    sizeof *worker->before);
		if (worker->before == NULL)
			return diag_fail(parallel->diag, "out of memory");
		/* A worker's copy prints nothing: the main thread's copy
		 * already warned of what building the stages found, and a
		 * worker's error travels in its job to the merge. */
		diag_init(&worker->diag, NULL);
		worker->memory = reader_new_memory(parallel->settings,
		    &worker->diag);
		if (worker->memory == NULL)
			return diag_fail(parallel->diag, "out of memory");
		/* Each thread tests lines with a rule of its own. */
		if (records_group_reader(worker->memory, parallel->settings,
		    parallel->diag) != 0) {
			stage_free_chain(worker->memory);
			worker->memory = NULL;
			return -1;
		}
		worker->prefix = parallel->build(parallel->context,
		    parallel->depth - 1, worker->memory, &worker->diag);
		if (worker->prefix == NULL) {
			worker->memory = NULL;	/* build freed it */
			return diag_fail(parallel->diag, "%s",
			    worker->diag.message);
		}
		worker_share(worker, parallel->prefix);
	}
	parallel->trading = -1;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 0; i < parallel->worker_count; i++) {
		struct worker *worker = &parallel->workers[i];

		if (pthread_create(&worker->thread, NULL, worker_main,
		    worker) != 0)
			break;
		parallel->started++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

/* Gives the job the reader's buffer itself, read as full as it goes, in
 * place of a copy: 1 when it did; 0 when it did not (no whole record in
 * it, or a buffer grown for a long one), and then job_fill's copy takes
 * over, unless odd says reader_next must go next. */
static int
job_trade(struct parallel *parallel, struct job *job)
{
	struct stage *reader = parallel->stage.up;
	size_t offset, len;
	uint64_t records;
	char *traded;
	int refilled;

	do
		refilled = reader_refill(reader);
	while (refilled > 0);
	if (refilled < 0) {
		parallel->odd = 1;
		parallel->reader_failed = 1;
	}
	job->source = reader_position(reader, &job->records_before);
	traded = reader_trade(reader, job->input_buffer, &offset, &len,
	    &records);
	if (traded == NULL)
		return 0;
	job->input_buffer = traded;
	job->input = traded + offset;
	job->input_len = len;
	return 1;
}

/* Fills a free job with blocks of whole records from the reader. 1 when
 * it holds records, 0 when it holds none (odd says whether reader_next
 * must go next), -1 never: a reader error is kept for its turn. */
static int
job_fill(struct parallel *parallel, struct job *job)
{
	struct stage *reader = parallel->stage.up;

	job->input = job->input_buffer;
	job->input_len = 0;
	/* The main thread reads for every worker: a job takes the reader's
	 * buffer, a job's size, instead of a copy of it, where records fit.
	 * Not when line-buffered, where a job never waits for a full one.
	 * Asked here, not when the threads start: the buffer may be resized
	 * only once the main thread's own stages are done with its bytes. */
	if (parallel->trading < 0)
		parallel->trading = !parallel->eager &&
		    reader_buffer_size(reader, JOB_SIZE);
	if (parallel->trading && (job_trade(parallel, job) || parallel->odd))
		return job->input_len > 0;
	for (;;) {
		const char *block;
		size_t len = reader_block(reader, &block), room, take;

		if (len == 0) {
			int refilled;

			if (parallel->eager && (job->input_len > 0 ||
			    parallel->filled > parallel->merged))
				break;
			refilled = reader_refill(reader);
			if (refilled > 0)
				continue;
			parallel->odd = 1;
			parallel->reader_failed = refilled < 0;
			break;
		}
		if (job->input_len == 0)
			job->source = reader_position(reader,
			    &job->records_before);
		room = JOB_SIZE - job->input_len;
		take = len;
		if (take > room) {
			take = reader_block_cut(reader, room);
			if (take == 0) {
				/* A record longer than a job goes alone. */
				parallel->odd = job->input_len == 0;
				break;
			}
		}
		memcpy(job->input_buffer + job->input_len, block, take);
		reader_skip(reader, take);
		job->input_len += take;
		if (take < len || job->input_len == JOB_SIZE)
			break;
	}
	return job->input_len > 0;
}

/* Keeps every free job of the ring filled and queued, until the reader
 * has a record for reader_next. */
static void
parallel_dispatch(struct parallel *parallel)
{
	while (!parallel->odd &&
	    parallel->filled - parallel->merged < parallel->job_count) {
		struct job *job = &parallel->jobs[parallel->filled %
		    parallel->job_count];

		if (!job_fill(parallel, job))
			return;
		pthread_mutex_lock(&parallel->lock);
		job->state = JOB_QUEUED;
		pthread_cond_signal(&parallel->work);
		pthread_mutex_unlock(&parallel->lock);
		parallel->filled++;
	}
}

/* Adds what a job's chunk added to the counts of the workers' stages to
 * those of the main thread's copy, which --stats reads. */
static void
parallel_fold_counts(struct parallel *parallel, const struct job *job)
{
	struct stage *stage = parallel->prefix;
	size_t i;

	for (i = 0; i < parallel->depth; i++, stage = stage->up) {
		stage->stats.lines_out += job->counted[i].lines_out;
		stage->stats.bytes_out += job->counted[i].bytes_out;
	}
}

/* The next line of the oldest job: 1, or in blocks the rest of its
 * output so far: STAGE_BLOCK; 0 when the job is handed on whole (its
 * slot is free again), or -1 with its error. */
static int
parallel_merge(struct parallel *parallel, struct line *out,
    struct stage_block *block)
{
	struct job *job = &parallel->jobs[parallel->merged %
	    parallel->job_count];

	for (;;) {
		if (parallel->merging) {
			if (parallel->blocks && job->merged < job->output_len) {
				block->bytes = job->output + job->merged;
				block->len = job->output_len - job->merged;
				block->lines = job->output_lines;
				job->merged = job->output_len;
				return STAGE_BLOCK;
			}
			if (job->merged < job->output_len) {
				struct piece piece;

				memcpy(&piece, job->output + job->merged,
				    sizeof piece);
				out->ptr = job->output + job->merged +
				    sizeof piece;
				out->len = piece.len;
				out->lineno = piece.lineno;
				out->eol = piece.eol;
				out->source = job->source;
				out->after_gap = 0;
				out->fields = NULL;
				job->merged += sizeof piece + ((piece.len +
				    sizeof(size_t) - 1) &
				    ~(sizeof(size_t) - 1));
				return 1;
			}
			if (parallel->seen == JOB_DONE)
				break;
			/* The chunk is handed on: its worker may go on. */
			pthread_mutex_lock(&parallel->lock);
			job->state = JOB_RUNNING;
			pthread_cond_signal(&job->changed);
			pthread_mutex_unlock(&parallel->lock);
			parallel->merging = 0;
		}
		pthread_mutex_lock(&parallel->lock);
		while (job->state == JOB_QUEUED || job->state == JOB_RUNNING)
			pthread_cond_wait(&job->changed, &parallel->lock);
		parallel->seen = job->state;
		pthread_mutex_unlock(&parallel->lock);
		parallel->merging = 1;
		job->merged = 0;
		parallel_fold_counts(parallel, job);
	}
	parallel->merging = 0;
	if (job->failure != JOB_OK)
		return diag_fail(parallel->diag, "%s", job->message);
	/* A huge line's room is given back, so the ring stays small. */
	if (job->output_capacity > 2 * OUTPUT_CHUNK) {
		free(job->output);
		job->output = NULL;
		job->output_capacity = 0;
	}
	pthread_mutex_lock(&parallel->lock);
	job->state = JOB_FREE;
	pthread_mutex_unlock(&parallel->lock);
	parallel->merged++;
	return 0;
}

/* Loads the main thread's own stages with what comes next from the
 * reader: before the threads start, a block of records straight from the
 * reader's buffer (no copy); else the one record reader_next gives. 1
 * when loaded, 0 at the end of the input, -1 on an error. */
static int
parallel_load_local(struct parallel *parallel)
{
	struct stage *reader = parallel->stage.up;
	struct line line;
	int result;

	if (parallel->reader_failed)
		return -1;
	while (!parallel->odd && parallel->started == 0) {
		const char *block;
		uint64_t before;
		size_t len = reader_block(reader, &block);

		if (len > 0) {
			const struct line_source *source =
			    reader_position(reader, &before);

			/* The bytes stay put until the reader reads again,
			 * which waits until the stages have ended. */
			reader_skip(reader, len);
			reader_load_block(parallel->memory, block, len, before,
			    source);
			parallel->bytes_seen += len;
			if (parallel->wait_for_input &&
			    parallel->bytes_seen >= PARALLEL_AUTO_START &&
			    parallel_start(parallel) != 0)
				return -1;
			return 1;
		}
		result = reader_refill(reader);
		if (result < 0)
			return -1;
		if (result == 0)
			break;
	}
	parallel->odd = 0;
	result = stage_next(reader, &line);
	if (result != 1)
		return result;
	reader_load_line(parallel->memory, &line);
	return 1;
}

/* The next line, or in blocks a block (STAGE_BLOCK); 0 at the end,
 * -1 on an error. */
static int
parallel_produce(struct parallel *parallel, struct line *out,
    struct stage_block *block)
{
	int result;

	if (!parallel->wait_for_input && parallel->jobs == NULL &&
	    parallel_start(parallel) != 0)
		return -1;
	for (;;) {
		if (parallel->local_active) {
			result = stage_next(parallel->prefix, out);
			if (result != 0)
				return result;
			parallel->local_active = 0;
		}
		if (parallel->started > 0) {
			parallel_dispatch(parallel);
			if (parallel->merged < parallel->filled) {
				result = parallel_merge(parallel, out, block);
				if (result != 0)
					return result;
				continue;
			}
		}
		result = parallel_load_local(parallel);
		if (result != 1)
			return result;
		parallel->local_active = 1;
	}
}

static int
parallel_next(struct stage *stage, struct line *out)
{
	struct stage_block unused;	/* not in blocks */

	return parallel_produce((struct parallel *)stage, out, &unused);
}

/* Where the sink takes this stage's output straight (no stage after it,
 * not line-buffered): the workers write lines as the sink would, and the
 * main thread hands each chunk on whole. The first call decides it,
 * before any job is filled. */
static int
parallel_next_block(struct stage *stage, struct line *out,
    struct stage_block *block)
{
	struct parallel *parallel = (struct parallel *)stage;
	int result;

	if (parallel->filled == 0 && parallel->started == 0)
		parallel->blocks = 1;
	result = parallel_produce(parallel, out, block);
	if (result == 1) {
		stage->stats.lines_out++;
		stage->stats.bytes_out += out->len + (unsigned)out->eol;
	} else if (result == STAGE_BLOCK) {
		stage->stats.lines_out += block->lines;
		stage->stats.bytes_out += block->len;
	}
	return result;
}

static const struct stage *
parallel_inner(const struct stage *stage)
{
	return ((const struct parallel *)stage)->prefix;
}

static void parallel_free(struct stage *);

static const struct stage_ops parallel_ops = {
	.name = "parallel",
	.next = parallel_next,
	.free = parallel_free,
	.next_block = parallel_next_block,
	.inner = parallel_inner,
};

static void
parallel_free(struct stage *stage)
{
	struct parallel *parallel = (struct parallel *)stage;
	size_t i;

	pthread_mutex_lock(&parallel->lock);
	parallel->stopping = 1;
	pthread_cond_broadcast(&parallel->work);
	for (i = 0; i < parallel->job_count; i++)
		pthread_cond_broadcast(&parallel->jobs[i].changed);
	pthread_mutex_unlock(&parallel->lock);
	for (i = 0; i < parallel->started; i++)
		pthread_join(parallel->workers[i].thread, NULL);
	for (i = 0; parallel->workers != NULL &&
	    i < parallel->worker_count; i++)
		worker_free(&parallel->workers[i]);
	for (i = 0; parallel->jobs != NULL && i < parallel->job_count; i++) {
		pthread_cond_destroy(&parallel->jobs[i].changed);
		free(parallel->jobs[i].input_buffer);
		free(parallel->jobs[i].counted);
		free(parallel->jobs[i].output);
	}
	free(parallel->jobs);
	free(parallel->workers);
	pthread_cond_destroy(&parallel->work);
	pthread_mutex_destroy(&parallel->lock);
	stage_free_chain(parallel->prefix);
	free(parallel);
}


struct stage *
parallel_new(struct stage *reader, struct stage *memory, struct stage *prefix,
    unsigned workers, parallel_builder *build, const void *context,
    const struct settings *settings, struct diag *diag)
{
	struct parallel *parallel = calloc(1, sizeof *parallel);
	const struct stage *stage;

	if (parallel == NULL) {
		diag_fail(diag, "out of memory");
		return NULL;
	}
	parallel->stage.ops = &parallel_ops;
	parallel->stage.up = reader;
	parallel->memory = memory;
	parallel->prefix = prefix;
	for (stage = prefix; stage != NULL; stage = stage->up)
		parallel->depth++;
	parallel->worker_count = workers;
	parallel->wait_for_input = settings->threads == 0;
	parallel->eager = line_buffered(settings);
	parallel->terminator = settings->terminator;
	parallel->crlf = settings->crlf && settings->terminator == '\n';
	parallel->build = build;
	parallel->context = context;
	parallel->settings = settings;
	parallel->diag = diag;
	pthread_mutex_init(&parallel->lock, NULL);
	pthread_cond_init(&parallel->work, NULL);
	return &parallel->stage;
}
