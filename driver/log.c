/* log.c - every message gostatic prints goes through a struct out */
#include "log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct out gs_out;

void out_init(struct out *o, FILE *out, FILE *err)
{
	const char *nc = getenv("NO_COLOR");

	o->out = out;
	o->err = err;
	o->verbosity = 0;
	o->color = isatty(fileno(out)) && !(nc && *nc);
	o->err_tty = isatty(fileno(err));
	o->progress = false;
}

const char *out_color(const struct out *o, enum out_color c)
{
	static const char *const seq[] = {
		[COLOR_RESET] = "\033[0m",
		[COLOR_BOLD] = "\033[1m",
		[COLOR_RED] = "\033[1;31m",
		[COLOR_GREEN] = "\033[1;32m",
		[COLOR_YELLOW] = "\033[1;33m",
		[COLOR_CYAN] = "\033[36m",
		[COLOR_DIM] = "\033[2m",
	};

	return o->color ? seq[c] : "";
}

void out_progress_clear(struct out *o)
{
	if (o->progress) {
		fputs("\r\033[K", o->err);
		fflush(o->err);
		o->progress = false;
	}
}

GS_PRINTF(3, 0) static void vreport(struct out *o, const char *prefix, const char *fmt, va_list ap, int errnum)
{
	fflush(o->out);
	out_progress_clear(o);
	fprintf(o->err, "gostatic: %s", prefix);
	vfprintf(o->err, fmt, ap);
	if (errnum)
		fprintf(o->err, ": %s", strerror(errnum));
	fputc('\n', o->err);
}

int out_error(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(o, "error: ", fmt, ap, 0);
	va_end(ap);
	return -1;
}

int out_error_errno(struct out *o, int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(o, "error: ", fmt, ap, errnum);
	va_end(ap);
	return -errnum;
}

void out_warn(struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->verbosity < 0)
		return;
	va_start(ap, fmt);
	vreport(o, "warning: ", fmt, ap, 0);
	va_end(ap);
}

void out_verbose(struct out *o, int level, const char *fmt, ...)
{
	va_list ap;

	if (o->verbosity < level)
		return;
	va_start(ap, fmt);
	vreport(o, "", fmt, ap, 0);
	va_end(ap);
}

void out_step(struct out *o, unsigned i, unsigned n, const char *fmt, ...)
{
	va_list ap;

	if (o->verbosity < 0)
		return;
	out_progress_clear(o);
	fprintf(o->err, "[%u/%u] ", i, n);
	va_start(ap, fmt);
	vfprintf(o->err, fmt, ap);
	va_end(ap);
	fputc('\n', o->err);
}

void out_text(struct out *o, const char *text)
{
	size_t n = strlen(text);

	if (!n)
		return;
	out_progress_clear(o);
	fputs(text, o->err);
	if (text[n - 1] != '\n')
		fputc('\n', o->err);
	fflush(o->err);
}

void out_progress(struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (!o->err_tty || o->verbosity < 0)
		return;
	fputs("\r\033[K", o->err);
	va_start(ap, fmt);
	vfprintf(o->err, fmt, ap);
	va_end(ap);
	fflush(o->err);
	o->progress = true;
}

int out_usage(struct out *o, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	out_progress_clear(o);
	fprintf(o->err, "gostatic %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(o->err, fmt, ap);
	va_end(ap);
	fprintf(o->err, "\n(see 'gostatic %s --help')\n", cmd);
	return 2;
}

void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	out_progress_clear(&gs_out);
	fputs("gostatic: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void out_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	out_progress_clear(&gs_out);
	fprintf(stderr, "gostatic: BUG at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(this is a bug in gostatic, not in what you asked for)\n", stderr);
	exit(2);
}
