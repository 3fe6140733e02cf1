/* buildsys.h - the build systems a recipe can name, one row each
 *
 * A recipe's [build] system picks a row of buildsys_table: whether it runs
 * a configure script (the recipe's script, default ./configure), the
 * words of its configure step, and its default build and install
 * commands, all with the ${var} variables of recipe.h. A recipe adds its
 * own configure words and may replace the build and install commands; a
 * system without a default for one of them needs the recipe's lines.
 * Adding a build system is adding a row (and its test). The table is part
 * of every entry's identity (buildsys_identity()): changing a row makes
 * new entries. */
#ifndef GS_BUILDSYS_H
#define GS_BUILDSYS_H

#include <stdbool.h>

/* What every recipe build gets in CFLAGS (part of the identity too). */
#define BUILDSYS_CFLAGS "-O2 -fPIC"

struct buildsys {
	const char *name;                 /* what [build] system says: "autotools" */
	bool script;                      /* the configure step runs the recipe's script
					     (default ./configure), then the configure words */
	bool configure_step;              /* there is a configure step (recipes may add to it) */
	const char *const *configure;     /* its words (after the script), NULL-terminated; NULL: none */
	bool cross_file;                  /* a meson cross file for a foreign target */
	const char *const *build;         /* the default build command, or NULL: the recipe gives one */
	const char *const *install;       /* the default install command (honours ${destdir}), or NULL */
};

/* Every build system, ending with a NULL name. */
extern const struct buildsys buildsys_table[];

/* The row called name, or NULL. */
const struct buildsys *buildsys_find(const char *name);

/* The names of the rows that match (script: those that run a script;
 * any: all), joined by sep, and the last pair by last ("autotools and
 * configure"). The caller frees the result. */
char *buildsys_names(bool only_script, const char *sep, const char *last);

/* The build defaults every recipe has (CFLAGS, what a build removes, the
 * binutils and cross settings, every row of the table) as text: part of
 * every entry's hash. The result is static. */
const char *buildsys_identity(void);

#endif
