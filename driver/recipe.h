/* recipe.h - recipes: how to build one C library as static archives
 *
 * A recipe is a data file, recipes/<name>.recipe, in the INI dialect of
 * inifile.h. Sections and keys (L: a list, the key may repeat; R: required):
 *
 *   [package]  name R, version R, summary, homepage, license R (SPDX),
 *              license-file R L (paths in the source tree), targets L
 *              (goarch values; none: every target)
 *   [source]   file R, sha256 R, url L, debian, strip, note L, patch L
 *              (files next to the recipe, applied with patch -p1 in
 *              order after extraction)
 *   [source debian]  an alternative (a Debian repack) with its own file,
 *              sha256 and debian keys, tried when [source] cannot be had
 *   [depends]  lib L (other recipes), tool L (host programs, as
 *              "program" or "program:debian-package")
 *   [build]    system R (a row of buildsys.h: autotools cmake meson
 *              configure make custom), script (the configure script,
 *              default ./configure), configure L, env L ("NAME=VALUE" words), build L and
 *              install L (one command per line), remove L (globs under the
 *              install prefix)
 *   [build debian]  keys that replace those of [build] when the source
 *              is [source debian] (a repack that builds differently)
 *   [target GOARCH]  configure L, env L: added when building for GOARCH
 *   [provides] pkgconfig L, lib L (the -l names), file L (must exist
 *              after install)
 *   [feature NAME]  default R (on/off), summary, lib L, configure-on L,
 *              configure-off L, env-on L, env-off L, check-on L
 *   [allocator]  object R: the recipe is a malloc implementation; this
 *              file (an object or archive under the prefix) is linked
 *              whole into programs that choose it (gostatic build --malloc)
 *   [check]    code R L (the lines of a C program), pkgconfig L, lib L,
 *              expect L (words its output must contain)
 *
 * Values may use ${name} variables, listed in recipe.c; "$$" is a '$'.
 * Parsing is a pure function over a buffer; errors say "origin:line: what". */
#ifndef GS_RECIPE_H
#define GS_RECIPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buildsys.h"
#include "source.h"
#include "inifile.h"
#include "util.h"

struct recipe_source {
	struct source src;        /* file and URLs expanded */
	const char *kind;         /* "upstream" for [source], else its argument */
	unsigned strip;
	unsigned line;            /* of the section header */
	struct strvec patches;    /* patch file names */
	char *file, *deb_pkg, *deb_file;   /* owned storage behind src */
};

struct recipe_feature {
	const char *name;
	const char *summary;      /* or NULL */
	bool on;                  /* the default */
	struct strvec libs;       /* recipes it needs when on */
	unsigned line;
};

struct recipe {
	char *origin;             /* "built-in zlib.recipe" or a file's path */
	char *text;               /* owned copy of the recipe */
	struct ini ini;
	const char *name, *version, *summary, *homepage, *license;
	struct strvec license_files;
	struct strvec targets;    /* goarch values; empty: any */
	struct recipe_source sources[2];
	size_t nsources;
	struct strvec libs;       /* [depends] lib */
	struct strvec tools;      /* program names */
	struct strvec tool_packages;  /* the Debian package of each tool, or "" */
	const struct buildsys *system;   /* a row of buildsys_table */
	struct strvec pc_names;   /* [provides] pkgconfig */
	struct strvec lib_names;  /* [provides] lib */
	struct strvec files;      /* [provides] file */
	struct recipe_feature *features;
	size_t nfeatures;
	bool has_check;
	const char *allocator_object;  /* [allocator] object, or NULL: not an allocator */
	/* the text of every patch, source by source, filled by recipes.h's
	 * recipe_load() and recipe_each() (recipe_parse() does no I/O) */
	struct strvec patch_texts;
};

/* Parses and checks a recipe. expect_name, when not NULL, is the name the
 * file's name promises (zlib for zlib.recipe). Returns 0, or -1 with
 * "origin:line: message" in *why (owned). Free with recipe_release() in
 * both cases. */
int recipe_parse(struct recipe *r, const char *text, size_t len, const char *origin,
		 const char *expect_name, char **why);
void recipe_release(struct recipe *r);

/* The line of section [section arg]'s key in r's file, or 0. */
unsigned recipe_line(const struct recipe *r, const char *section, const char *arg, const char *key);

/* The text of patch k of source `source`, as loaded, or NULL. Borrowed. */
const char *recipe_patch_text(const struct recipe *r, size_t source, size_t k);

/* True when the words of a check's output (split at anything but letters,
 * digits and "._+-") contain word: what an expect or check-on word asks. */
bool recipe_output_has(const char *output, const char *word);

/* The feature called name, or NULL. */
const struct recipe_feature *recipe_feature(const struct recipe *r, const char *name);
/* True when r builds for goarch. */
bool recipe_supports(const struct recipe *r, const char *goarch);

/* The variables a recipe's build values may use, in the order recipe.c
 * documents them; values for a build come from recipe_vars_fill(). */
enum recipe_var {
	RV_NAME, RV_VERSION, RV_PREFIX, RV_DESTDIR, RV_DEPS, RV_SRCDIR, RV_SYSROOT, RV_JOBS,
	RV_CC, RV_AR, RV_RANLIB, RV_STRIP, RV_TARGET, RV_ARCH, RV_GOARCH, RV_NVARS
};
struct recipe_vars {
	struct ini_var v[RV_NVARS];
};
/* Sets every variable's name and the package's name and version; the
 * others start as "". */
void recipe_vars_init(struct recipe_vars *vars, const struct recipe *r);

/* The next entry of section/key after `after` (NULL: the first), in file
 * order; arg is the section's argument ("" none, NULL any). */
const struct ini_entry *recipe_next(const struct recipe *r, const struct ini_entry *after,
				    const char *section, const char *arg, const char *key);

#endif
