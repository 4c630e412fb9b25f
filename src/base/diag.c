/* diag.c: keeps and prints error text (see diag.h for the rules). */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>

#include "base/diag.h"

void
diag_init(struct diag *diag, FILE *stream)
{
	diag->stream = stream;
	diag->errors = 0;
	diag->message[0] = '\0';
	diag->before_print = NULL;
	diag->before_print_context = NULL;
	diag->warnings_muted = 0;
}

int
diag_fail(struct diag *diag, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(diag->message, sizeof diag->message, format, args);
	va_end(args);
	return -1;
}

static void
diag_print(struct diag *diag, const char *format, va_list args)
{
	if (diag->stream == NULL)
		return;
	if (diag->before_print != NULL)
		diag->before_print(diag->before_print_context);
	fputs("sluice: ", diag->stream);
	vfprintf(diag->stream, format, args);
	fputc('\n', diag->stream);
	fflush(diag->stream);
}

void
diag_error(struct diag *diag, const char *format, ...)
{
	va_list args;

	diag->errors++;
	va_start(args, format);
	diag_print(diag, format, args);
	va_end(args);
}

void
diag_warn(struct diag *diag, const char *format, ...)
{
	va_list args;

	if (diag->warnings_muted > 0)
		return;
	va_start(args, format);
	diag_print(diag, format, args);
	va_end(args);
}

void
diag_report(struct diag *diag)
{
	if (diag->message[0] == '\0')
		return;
	diag_error(diag, "%s", diag->message);
	diag->message[0] = '\0';
}
