/* log.h - every message gostatic prints goes through a struct out */
#ifndef GS_LOG_H
#define GS_LOG_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

enum out_color {
	COLOR_RESET,
	COLOR_BOLD,
	COLOR_RED,
	COLOR_GREEN,
	COLOR_YELLOW,
	COLOR_CYAN,
	COLOR_DIM,
};

/* Where output goes and how it looks. Tests point out/err at fmemopen()
 * buffers to capture what a command prints. */
struct out {
	FILE *out;      /* results (stdout) */
	FILE *err;      /* diagnostics (stderr) */
	int verbosity;  /* -1 quiet, 0 normal, >0 more detail (-v) */
	bool color;     /* escape sequences allowed on out */
};

/* The process-wide output, set up by out_init() in main(). */
extern struct out gs_out;

/* Points o at out/err. Colour is enabled when out is a terminal and the
 * NO_COLOR environment variable is unset or empty. */
void out_init(struct out *o, FILE *out, FILE *err);

/* The escape sequence for c when o->color is set, else "". */
const char *out_color(const struct out *o, enum out_color c);

/* Prints "gostatic: error: MSG" to o->err; returns -1 so callers can
 * write `return error(...)`. */
GS_PRINTF(2, 3) int out_error(const struct out *o, const char *fmt, ...);
/* Like out_error() with ": strerror(errnum)" appended; returns -errnum. */
GS_PRINTF(3, 4) int out_error_errno(const struct out *o, int errnum, const char *fmt, ...);
/* Prints "gostatic: warning: MSG" to o->err unless quiet. */
GS_PRINTF(2, 3) void out_warn(const struct out *o, const char *fmt, ...);
/* Prints "gostatic: MSG" to o->err when o->verbosity >= level. */
GS_PRINTF(3, 4) void out_verbose(const struct out *o, int level, const char *fmt, ...);

/* Shorthands on gs_out. */
#define gs_error(...) out_error(&gs_out, __VA_ARGS__)
#define gs_error_errno(e, ...) out_error_errno(&gs_out, (e), __VA_ARGS__)
#define gs_warn(...) out_warn(&gs_out, __VA_ARGS__)

#endif
