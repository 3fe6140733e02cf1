/* source.h - what a recipe or a sysroot definition says about a source file
 *
 * Data only: the parsers fill it, fetch.c gets the file it names. */
#ifndef GS_SOURCE_H
#define GS_SOURCE_H

#include <stdbool.h>

#include "util.h"

struct source {
	const char *file;         /* name in the store, e.g. musl-1.2.3.tar.gz */
	const char *sha256;       /* lowercase hex, mandatory */
	struct strvec urls;       /* upstream URLs, in order */
	const char *debian_pkg;   /* "musl=1.2.3-1", or NULL */
	const char *debian_file;  /* "musl_1.2.3.orig.tar.gz", or NULL */
	bool debian_binary;       /* debian_pkg is a binary package (apt-get download) */
};

#endif
