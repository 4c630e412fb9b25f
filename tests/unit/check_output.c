/* check_output.c: the atomic output (output.c) and the signals that stop
 * a run (signals.c): a temporary file that replaces FILE only on commit,
 * modes, backups, files that cannot be rewritten, and a caught signal:
 * remembered, polled, breaking a blocked read, ending the process. */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#include "output/output_file.h"
#include "base/signals.h"

static char dir[64];
static char path[128];

static void
make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/check_output.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/file", dir);
}

static void
remove_dir(void)
{
	char command[128];

	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(command), 0);
}

static void
put(const char *file, const char *text)
{
	FILE *out = fopen(file, "w");

	ck_assert_ptr_nonnull(out);
	fputs(text, out);
	ck_assert_int_eq(fclose(out), 0);
}

/* The file's contents ("(none)" when it does not exist). */
static const char *
contents(const char *file)
{
	static char text[256];
	FILE *in = fopen(file, "r");
	size_t len;

	if (in == NULL)
		return "(none)";
	len = fread(text, 1, sizeof text - 1, in);
	text[len] = '\0';
	fclose(in);
	return text;
}

/* How many entries the test directory holds. */
static int
entries(void)
{
	char command[128];
	FILE *ls;
	int count = 0, c;

	snprintf(command, sizeof command, "ls -A '%s'", dir);
	ls = popen(command, "r");
	ck_assert_ptr_nonnull(ls);
	while ((c = fgetc(ls)) != EOF)
		count += c == '\n';
	pclose(ls);
	return count;
}

static void
write_text(struct output *output, const char *text)
{
	ck_assert_int_eq(write(output->fd, text, strlen(text)),
	    (ssize_t)strlen(text));
}

START_TEST(commit_replaces_the_file)
{
	struct output output;
	struct diag diag;
	struct stat status;

	make_dir();
	diag_init(&diag, NULL);
	put(path, "old\n");
	chmod(path, 0604);
	ck_assert_int_eq(output_open(&output, OUTPUT_FILE, path, NULL, &diag),
	    0);
	ck_assert_int_eq(entries(), 2);	/* FILE and the temporary */
	write_text(&output, "new\n");
	ck_assert_str_eq(contents(path), "old\n");
	ck_assert_int_eq(output_commit(&output, &diag), 0);
	ck_assert_str_eq(contents(path), "new\n");
	ck_assert_int_eq(entries(), 1);
	ck_assert_int_eq(stat(path, &status), 0);
	ck_assert_int_eq(status.st_mode & 07777, 0604);
	remove_dir();
}
END_TEST

START_TEST(abort_keeps_the_file)
{
	struct output output;
	struct diag diag;

	make_dir();
	diag_init(&diag, NULL);
	put(path, "old\n");
	ck_assert_int_eq(output_open(&output, OUTPUT_IN_PLACE, path, ".bak",
	    &diag), 0);
	write_text(&output, "new\n");
	output_abort(&output);
	ck_assert_str_eq(contents(path), "old\n");
	ck_assert_int_eq(entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(new_file_gets_a_redirects_mode)
{
	struct output output;
	struct diag diag;
	struct stat status;
	mode_t old_mask = umask(027);

	make_dir();
	diag_init(&diag, NULL);
	ck_assert_int_eq(output_open(&output, OUTPUT_FILE, path, NULL, &diag),
	    0);
	ck_assert_int_eq(output_commit(&output, &diag), 0);
	ck_assert_int_eq(stat(path, &status), 0);
	ck_assert_int_eq(status.st_mode & 07777, 0640);
	ck_assert_str_eq(contents(path), "");
	umask(old_mask);
	remove_dir();
}
END_TEST

START_TEST(backup_holds_the_old_bytes)
{
	struct output output;
	struct diag diag;
	char backup[160];

	make_dir();
	diag_init(&diag, NULL);
	snprintf(backup, sizeof backup, "%s.orig", path);
	put(path, "old\n");
	put(backup, "older\n");
	ck_assert_int_eq(output_open(&output, OUTPUT_IN_PLACE, path, ".orig",
	    &diag), 0);
	write_text(&output, "new\n");
	ck_assert_int_eq(output_commit(&output, &diag), 0);
	ck_assert_str_eq(contents(path), "new\n");
	ck_assert_str_eq(contents(backup), "old\n");
	ck_assert_int_eq(entries(), 2);
	remove_dir();
}
END_TEST

START_TEST(files_that_cannot_be_rewritten)
{
	struct output output;
	struct diag diag;
	char expected[256];

	make_dir();
	diag_init(&diag, NULL);
	ck_assert_int_eq(output_open(&output, OUTPUT_IN_PLACE, path, NULL,
	    &diag), -1);
	snprintf(expected, sizeof expected, "%s: No such file or directory",
	    path);
	ck_assert_str_eq(diag.message, expected);
	ck_assert_int_eq(output_open(&output, OUTPUT_IN_PLACE, dir, NULL,
	    &diag), -1);
	snprintf(expected, sizeof expected, "%s: Is a directory", dir);
	ck_assert_str_eq(diag.message, expected);
	ck_assert_int_eq(output_open(&output, OUTPUT_IN_PLACE, "/dev/null",
	    NULL, &diag), -1);
	ck_assert_str_eq(diag.message, "/dev/null: not a regular file");
	ck_assert_int_eq(entries(), 0);
	remove_dir();
}
END_TEST

START_TEST(devices_and_standard_output_are_written_as_they_are)
{
	struct output output;
	struct diag diag;

	diag_init(&diag, NULL);
	ck_assert_int_eq(output_open(&output, OUTPUT_FILE, "/dev/null", NULL,
	    &diag), 0);
	ck_assert_int_ge(output.fd, 0);
	ck_assert_ptr_null(output.temporary);
	write_text(&output, "gone\n");
	ck_assert_int_eq(output_commit(&output, &diag), 0);
	ck_assert_int_eq(output_open(&output, OUTPUT_STANDARD, NULL, NULL,
	    &diag), 0);
	ck_assert_int_eq(output.fd, STDOUT_FILENO);
	output_abort(&output);
	ck_assert_int_ge(fcntl(STDOUT_FILENO, F_GETFD), 0);	/* not closed */
}
END_TEST

START_TEST(a_caught_signal_stops_the_commit)
{
	struct output output;
	struct diag diag;

	make_dir();
	diag_init(&diag, NULL);
	put(path, "old\n");
	signals_install();
	ck_assert_int_eq(output_open(&output, OUTPUT_FILE, path, NULL, &diag),
	    0);
	write_text(&output, "new\n");
	raise(SIGTERM);
	ck_assert_int_eq(output_commit(&output, &diag), -1);
	ck_assert_str_eq(diag.message, "interrupted by SIGTERM");
	ck_assert_str_eq(contents(path), "old\n");
	ck_assert_int_eq(entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(signals_are_remembered)
{
	struct diag diag;

	diag_init(&diag, NULL);
	signals_install();
	ck_assert_int_eq(signals_caught(), 0);
	ck_assert_int_eq(signals_check(&diag), 0);
	raise(SIGHUP);
	raise(SIGINT);		/* the first one caught is the one kept */
	ck_assert_int_eq(signals_caught(), SIGHUP);
	ck_assert_int_eq(signals_check(&diag), -1);
	ck_assert_str_eq(diag.message, "interrupted by SIGHUP");
	ck_assert_str_eq(signals_name(SIGINT), "SIGINT");
	ck_assert_str_eq(signals_name(SIGTERM), "SIGTERM");
}
END_TEST

START_TEST(a_caught_signal_stops_the_reader)
{
	struct harness_result result;
	struct settings settings;

	settings_init(&settings);
	signals_install();
	harness_run("a\nb\n", 4, &settings, NULL, 0, &result);
	ck_assert_int_eq(result.status, 0);
	ck_assert_str_eq(result.out, "a\nb\n");
	harness_result_free(&result);
	raise(SIGINT);
	harness_run("a\nb\n", 4, &settings, NULL, 0, &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_str_eq(result.error, "interrupted by SIGINT");
	ck_assert_str_eq(result.out, "");
	harness_result_free(&result);
}
END_TEST

START_TEST(an_ignored_signal_stays_ignored)
{
	signal(SIGTERM, SIG_IGN);
	signals_install();
	raise(SIGTERM);
	ck_assert_int_eq(signals_caught(), 0);
}
END_TEST

START_TEST(a_blocked_read_returns_eintr)
{
	int fds[2];
	char byte;
	pid_t child;

	ck_assert_int_eq(pipe(fds), 0);
	signals_install();
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		usleep(100000);
		kill(getppid(), SIGINT);
		_exit(0);
	}
	/* Nobody writes: only the signal can end this read. */
	ck_assert_int_eq(read(fds[0], &byte, 1), -1);
	ck_assert_int_eq(errno, EINTR);
	ck_assert_int_eq(signals_caught(), SIGINT);
	waitpid(child, NULL, 0);
}
END_TEST

START_TEST(reraise_ends_by_the_signal)
{
	pid_t child = fork();
	int status;

	ck_assert_int_ge(child, 0);
	if (child == 0) {
		signals_install();
		signals_reraise();	/* nothing caught: returns */
		raise(SIGTERM);
		signals_reraise();
		_exit(0);
	}
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGTERM);
}
END_TEST

static Suite *
output_suite(void)
{
	Suite *suite = suite_create("output");
	TCase *output = tcase_create("output");
	TCase *signals = tcase_create("signals");

	tcase_add_test(output, commit_replaces_the_file);
	tcase_add_test(output, abort_keeps_the_file);
	tcase_add_test(output, new_file_gets_a_redirects_mode);
	tcase_add_test(output, backup_holds_the_old_bytes);
	tcase_add_test(output, files_that_cannot_be_rewritten);
	tcase_add_test(output, devices_and_standard_output_are_written_as_they_are);
	tcase_add_test(output, a_caught_signal_stops_the_commit);
	tcase_add_test(signals, signals_are_remembered);
	tcase_add_test(signals, a_caught_signal_stops_the_reader);
	tcase_add_test(signals, an_ignored_signal_stays_ignored);
	tcase_add_test(signals, a_blocked_read_returns_eintr);
	tcase_add_test(signals, reraise_ends_by_the_signal);
	suite_add_tcase(suite, output);
	suite_add_tcase(suite, signals);
	return suite;
}

int
main(void)
{
	/* The signal tests catch real signals, and signals.c remembers the
	 * first for the life of the process: each test needs its own. */
	setenv("CK_FORK", "yes", 1);
	return harness_run_suite(output_suite());
}
