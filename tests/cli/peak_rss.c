/* peak_rss.c: runs a command and writes its peak resident set size, in
 * KiB as getrusage reports it, to a file: the memory test's meter, with no
 * dependency on /usr/bin/time. Usage: peak_rss OUTFILE COMMAND [ARG]... */
#include <config.h>

#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage usage;
	FILE *out;
	pid_t child;
	int status;

	if (argc < 3) {
		fputs("usage: peak_rss OUTFILE COMMAND [ARG]...\n", stderr);
		return 2;
	}
	child = fork();
	if (child < 0) {
		perror("peak_rss: fork");
		return 2;
	}
	if (child == 0) {
		execvp(argv[2], argv + 2);
		perror("peak_rss: exec");
		_exit(127);
	}
	if (wait4(child, &status, 0, &usage) < 0) {
		perror("peak_rss: wait4");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (out == NULL || fprintf(out, "%ld\n", usage.ru_maxrss) < 0 ||
	    fclose(out) != 0) {
		perror("peak_rss: writing the result");
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
