/* pkgbuild.h - building recipes into store entries (see pkgs.h) */
#ifndef GS_PKGBUILD_H
#define GS_PKGBUILD_H

#include <stdbool.h>

#include "pkgs.h"

#define PKG_META_FILE "gostatic-pkg.json"

/* The build defaults that every recipe has (compiler flags, the static-only
 * options of each build system): part of every entry's hash, so changing them here makes
 * new entries. */
const char *pkgbuild_identity(void);

/* Rewrites the text of a .pc file so that it finds its files from its
 * own place: "prefix=${pcfiledir}/../.." and every mention of the
 * absolute prefix written as ${prefix}; words naming the temporary build
 * folder tmp (-L, -I, -Wl,-rpath) and -Wl,-rpath words are dropped.
 * Appends the result to out. Pure. */
size_t pkgbuild_pc_field(const char *line);
void pkgbuild_relocate_pc(const char *text, const char *prefix, const char *tmp, struct strbuf *out);

/* True when the words of the check's output (split at anything but
 * letters, digits and "._+-") contain word. Pure. */
bool pkgbuild_output_has(const char *output, const char *word);

#endif
