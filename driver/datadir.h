/* datadir.h - the data files gostatic reads: folders of the user's, then
 * the built-in ones
 *
 * Recipes (NAME.recipe) and sysroot definitions (TARGET.sysroot) are found
 * the same way: each folder in order, its files by name (sorted, dotfiles
 * skipped), then the files compiled into gostatic. So which of two files
 * of the same name wins is the same on every machine: the first folder's,
 * then the first by name. */
#ifndef GS_DATADIR_H
#define GS_DATADIR_H

#include <stddef.h>

#include "builtin.h"
#include "util.h"

/* One data file, as datadir_each() hands it on. */
struct datafile {
	const char *origin;       /* its path, or "built-in NAME" */
	const char *dir;          /* its folder, or NULL for a built-in file */
	const char *name;         /* its file name, "zlib.recipe" */
	const char *text;         /* its bytes (not NUL-terminated within len) */
	size_t len;
};

/* Calls fn for every file ending in suffix: in each of dirs (in order,
 * names sorted), then in builtins. With only set, for the file called
 * only+suffix alone (a folder without it is passed over). A file larger
 * than max bytes or that cannot be read is an error naming it. fn returns
 * 0 to go on, > 0 to stop (returned), < 0 for an error it printed.
 * Returns 0, fn's stop value, or -1 after printing why. */
int datadir_each(const struct strvec *dirs, const char *suffix, const struct builtin_file *builtins,
		 const char *only, size_t max, int (*fn)(const struct datafile *f, void *ctx), void *ctx);

/* Checks that dir, a folder the user named, is one; what says which and
 * where from ("recipe folder (from GOSTATIC_RECIPES)"). Returns 0, or -1
 * after printing why. */
int datadir_check(const char *dir, const char *what);

#endif
