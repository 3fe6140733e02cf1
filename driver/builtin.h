/* builtin.h - data files compiled into the executable (tools/embed.py) */
#ifndef GS_BUILTIN_H
#define GS_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;        /* base name, e.g. "x86_64-linux-musl.sysroot" */
	const char *text;
	size_t len;
};

/* The sysroot definitions in sysroots/, ending with a NULL name. */
extern const struct builtin_file builtin_sysroots[];
/* The recipes in recipes/, ending with a NULL name. */
extern const struct builtin_file builtin_recipes[];
/* The patches in recipes/ that built-in recipes name, ending with a NULL name. */
extern const struct builtin_file builtin_patches[];

#endif
