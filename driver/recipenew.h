/* recipenew.h - a first recipe from what a source tree shows (pure)
 *
 * `gostatic recipe new` fetches a source, unpacks it and hands the facts
 * here: the tree's file names, the licence file's text and the pkg-config
 * templates it ships. This part decides the build system, the licence and
 * what the library provides, and writes the recipe's text; the user
 * finishes it (the [check], options). Nothing here does I/O. */
#ifndef GS_RECIPENEW_H
#define GS_RECIPENEW_H

#include <stdbool.h>

#include "util.h"

struct recipe_facts {
	const char *name;         /* the recipe's name */
	const char *version;
	const char *file;         /* the source file's name and sha256 */
	const char *sha256;
	const char *url;          /* where it came from (--from URL), or NULL */
	const char *debian_pkg;   /* "SRCPKG=VERSION" (--from-debian), or NULL */
	struct strvec tree;       /* paths below the top folder, sorted */
	const char *license_text; /* of license_file(), or NULL */
	struct strvec pc_names;   /* pkg-config modules the tree installs */
	struct strvec lib_names;  /* -l names their Libs: lines give */
	struct strvec files;      /* headers a trial build installed (include/...) */
	bool tried;               /* names and files come from a trial build */
};
#define RECIPE_FACTS_INIT { .tree = STRVEC_INIT, .pc_names = STRVEC_INIT, .lib_names = STRVEC_INIT, \
			    .files = STRVEC_INIT }

/* The build system the tree uses: "cmake" (CMakeLists.txt at the top),
 * "meson", "autotools" (a configure script, or configure.ac only: then
 * *needs_autoreconf is set), "make", or NULL when none is recognised. */
const char *recipe_new_system(const struct strvec *tree, bool *needs_autoreconf);

/* The licence file at the top of the tree (COPYING, LICENSE, ...), or NULL. */
const char *recipe_new_license_file(const struct strvec *tree);

/* The SPDX identifier a licence text reads as (MIT, BSD-2-Clause,
 * BSD-3-Clause, ISC, Zlib, Apache-2.0, LGPL-2.1-or-later, ...), or NULL. */
const char *recipe_new_spdx(const char *text);

/* The pkg-config templates of the tree: "*.pc.in" files (and "*.pc.cmake.in",
 * "*.pc.meson"), outside tests and examples; appended to out as paths. */
void recipe_new_pc_files(const struct strvec *tree, struct strvec *out);

/* The module a pkg-config template installs: its file name without the
 * template suffix ("src/yaml-0.1.pc.in" -> "yaml-0.1"). The caller frees
 * it. */
char *recipe_new_pc_module(const char *path);
/* Appends the -l names of a template's Libs: line to libs (once each). */
void recipe_new_pc_libs(const char *text, struct strvec *libs);

/* The recipe's text. The caller frees it. */
char *recipe_new_text(const struct recipe_facts *f);

#endif
