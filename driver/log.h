/* log.h - every message gostatic prints goes through a struct out
 *
 * Results go to out->out (stdout); everything else to out->err: errors
 * and warnings, what the work is doing (out_info, out_step), the output of
 * a failed tool (out_text), and on a terminal a status line that the next
 * message replaces (out_progress). Only log.c and main.c touch stderr
 * (the source lint checks it), so -q and the tests see every message. */
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
	FILE *err;      /* diagnostics: the standard error stream */
	int verbosity;  /* -1 quiet, 0 normal, >0 more detail (-v) */
	bool color;     /* escape sequences allowed on out */
	bool err_tty;   /* err is a terminal: a status line may be shown */
	bool progress;  /* a status line is on err now (out_progress) */
};

/* The process-wide output, set up by out_init() in main(). */
extern struct out gs_out;

/* Points o at out/err. Colour is enabled when out is a terminal and the
 * NO_COLOR environment variable is unset or empty; status lines when err
 * is a terminal. */
void out_init(struct out *o, FILE *out, FILE *err);

/* The escape sequence for c when o->color is set, else "". */
const char *out_color(const struct out *o, enum out_color c);

/* Prints "gostatic: error: MSG" to o->err; returns -1 so callers can
 * write `return error(...)`. */
GS_PRINTF(2, 3) int out_error(struct out *o, const char *fmt, ...);
/* Like out_error() with ": strerror(errnum)" appended; returns -errnum. */
GS_PRINTF(3, 4) int out_error_errno(struct out *o, int errnum, const char *fmt, ...);
/* Prints "gostatic: warning: MSG" to o->err unless quiet. */
GS_PRINTF(2, 3) void out_warn(struct out *o, const char *fmt, ...);
/* Prints "gostatic: MSG" to o->err when o->verbosity >= level. */
GS_PRINTF(3, 4) void out_verbose(struct out *o, int level, const char *fmt, ...);
/* Prints "gostatic: MSG" to o->err unless quiet: what the work is doing. */
#define out_info(o, ...) out_verbose(o, 0, __VA_ARGS__)
/* Prints "[I/N] MSG" to o->err unless quiet: one step of a longer task. */
GS_PRINTF(4, 5) void out_step(struct out *o, unsigned i, unsigned n, const char *fmt, ...);
/* Writes text as it is to o->err (a tool's own output, say after it
 * failed), even when quiet; a missing final newline is added. */
void out_text(struct out *o, const char *text);
/* On a terminal (o->err_tty, not quiet) shows MSG as the status line,
 * replacing the last one; any other message clears it first. Elsewhere
 * does nothing. */
GS_PRINTF(2, 3) void out_progress(struct out *o, const char *fmt, ...);
/* Removes the status line, if one is shown. */
void out_progress_clear(struct out *o);
/* Prints "gostatic CMD: MSG" and "(see 'gostatic CMD --help')" to o->err;
 * returns 2, the exit status of a usage error. */
GS_PRINTF(3, 4) int out_usage(struct out *o, const char *cmd, const char *fmt, ...);

/* Shorthands on gs_out. */
#define gs_error(...) out_error(&gs_out, __VA_ARGS__)
#define gs_error_errno(e, ...) out_error_errno(&gs_out, (e), __VA_ARGS__)
#define gs_warn(...) out_warn(&gs_out, __VA_ARGS__)
#define gs_info(...) out_info(&gs_out, __VA_ARGS__)

/* Prints "gostatic: fatal: MSG" and exits with status 2: for what cannot
 * go on (out of memory, libcrypto without SHA-256). */
GS_NORETURN GS_PRINTF(1, 2) void die(const char *fmt, ...);

/* An invariant does not hold: a bug in gostatic, not a user's error.
 * Prints where and exits with status 2. */
#define BUG(...) out_bug(__FILE__, __LINE__, __VA_ARGS__)
GS_NORETURN GS_PRINTF(3, 4) void out_bug(const char *file, int line, const char *fmt, ...);

#endif
