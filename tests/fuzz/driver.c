/* driver.c: runs a fuzz harness over files, without libFuzzer, so that
 * `make check` replays every seed (and every input that once broke
 * something) with the normal compiler. With no argument it reads the
 * harness's corpus, $TESTS_DIR/fuzz/corpus/NAME; arguments name files or
 * folders of inputs (a crash file libFuzzer wrote, say). */
#include <config.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FUZZ_HARNESS
#error FUZZ_HARNESS must name the folder of the harness corpus
#endif

/* Feeds one file to the harness; 0, or -1 when it cannot be read. */
static int
run_file(const char *path)
{
	FILE *file = fopen(path, "rb");
	uint8_t *bytes = NULL;
	size_t len = 0, capacity = 0, got;

	if (file == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (len == capacity) {
			uint8_t *grown;

			capacity = capacity * 2 + 4096;
			grown = realloc(bytes, capacity);
			if (grown == NULL) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(bytes);
				fclose(file);
				return -1;
			}
			bytes = grown;
		}
		got = fread(bytes + len, 1, capacity - len, file);
		len += got;
	} while (got > 0);
	if (ferror(file)) {
		perror(path);
		free(bytes);
		fclose(file);
		return -1;
	}
	fclose(file);
	/* Named first: a broken invariant aborts, and the log must say
	 * which input broke it. */
	printf("%s\n", path);
	fflush(stdout);
	/* A copy of exactly len bytes, so that a harness reading past its
	 * input is caught by the sanitizers as under libFuzzer. */
	{
		uint8_t *exact = malloc(len > 0 ? len : 1);

		if (exact == NULL) {
			free(bytes);
			return -1;
		}
		if (len > 0)
			memcpy(exact, bytes, len);
		free(bytes);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir, in name order. Returns how many, or -1. */
static long
run_folder(const char *dir)
{
	DIR *folder = opendir(dir);
	struct dirent *entry;
	char **names = NULL;
	size_t count = 0, capacity = 0, i;
	long done = 0;

	if (folder == NULL) {
		perror(dir);
		return -1;
	}
	while ((entry = readdir(folder)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		if (count == capacity) {
			char **grown;

			capacity = capacity * 2 + 64;
			grown = realloc(names, capacity * sizeof *names);
			if (grown == NULL)
				break;
			names = grown;
		}
		names[count] = malloc(strlen(dir) + strlen(entry->d_name) + 2);
		if (names[count] == NULL)
			break;
		sprintf(names[count], "%s/%s", dir, entry->d_name);
		count++;
	}
	closedir(folder);
	qsort(names, count, sizeof *names, compare_names);
	for (i = 0; i < count; i++) {
		if (done >= 0 && run_file(names[i]) == 0)
			done++;
		else
			done = -1;
		free(names[i]);
	}
	free(names);
	return done;
}

static long
run_path(const char *path)
{
	struct stat info;

	if (stat(path, &info) != 0) {
		perror(path);
		return -1;
	}
	if (S_ISDIR(info.st_mode))
		return run_folder(path);
	return run_file(path) == 0 ? 1 : -1;
}

int
main(int argc, char **argv)
{
	long total = 0;
	int i;

	if (argc < 2) {
		const char *tests = getenv("TESTS_DIR");
		char dir[4096];
		long done;

		snprintf(dir, sizeof dir, "%s/fuzz/corpus/%s",
		    tests != NULL ? tests : "tests", FUZZ_HARNESS);
		done = run_path(dir);
		if (done <= 0) {
			fprintf(stderr, "%s: no corpus read\n", dir);
			return EXIT_FAILURE;
		}
		printf("%s: %ld inputs, every invariant held\n", dir, done);
		return EXIT_SUCCESS;
	}
	for (i = 1; i < argc; i++) {
		long done = run_path(argv[i]);

		if (done < 0)
			return EXIT_FAILURE;
		total += done;
	}
	printf("%ld inputs, every invariant held\n", total);
	return EXIT_SUCCESS;
}
