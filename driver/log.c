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

GS_PRINTF(3, 0) static void vreport(const struct out *o, const char *prefix, const char *fmt,
		    va_list ap, int errnum)
{
	fflush(o->out);
	fprintf(o->err, "gostatic: %s", prefix);
	vfprintf(o->err, fmt, ap);
	if (errnum)
		fprintf(o->err, ": %s", strerror(errnum));
	fputc('\n', o->err);
}

int out_error(const struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(o, "error: ", fmt, ap, 0);
	va_end(ap);
	return -1;
}

int out_error_errno(const struct out *o, int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(o, "error: ", fmt, ap, errnum);
	va_end(ap);
	return -errnum;
}

void out_warn(const struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->verbosity < 0)
		return;
	va_start(ap, fmt);
	vreport(o, "warning: ", fmt, ap, 0);
	va_end(ap);
}

void out_verbose(const struct out *o, int level, const char *fmt, ...)
{
	va_list ap;

	if (o->verbosity < level)
		return;
	va_start(ap, fmt);
	vreport(o, "", fmt, ap, 0);
	va_end(ap);
}
