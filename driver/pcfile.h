/* pcfile.h - pkg-config files made relocatable
 *
 * A store entry's .pc files must find their files from where they are, so
 * that the entry can move (and be shared): the prefix becomes
 * "${pcfiledir}/../.." and every mention of the install prefix
 * "${prefix}". Pure: text in, text out. */
#ifndef GS_PCFILE_H
#define GS_PCFILE_H

#include <stddef.h>

#include "util.h"

/* The length of the keyword of a .pc field line ("Libs.private: ..."), or
 * 0 when the line is a variable ("libdir=...") or anything else:
 * pkg-config's own rule, an identifier followed by ':' before any '='. */
size_t pcfile_field(const char *line);

/* Rewrites the text of a .pc file so that it finds its files from its
 * own place: "prefix=${pcfiledir}/../.." and every mention of the absolute
 * prefix written as ${prefix}; words naming the temporary build folder tmp
 * (-L, -I, -Wl,-rpath) and -Wl,-rpath words are dropped. Appends the
 * result to out. */
void pcfile_relocate(const char *text, const char *prefix, const char *tmp, struct strbuf *out);

#endif
