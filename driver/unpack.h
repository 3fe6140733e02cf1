/* unpack.h - unpack a UPX-packed file with the upx program */
#ifndef GS_UNPACK_H
#define GS_UNPACK_H

#include "util.h"

/* A private temporary directory holding the unpacked copy. */
struct unpacked {
	char *dir;              /* owned, or NULL */
	char *file;             /* owned path of the unpacked file, or NULL */
};
#define UNPACKED_INIT { .dir = NULL, .file = NULL }

/* Runs `upx -d` on path into a fresh temporary directory. Returns 0 with
 * u->file set; -ENOENT when upx is not installed; another negative value
 * with a reason in *why (owned) when unpacking failed. upx parses the
 * untrusted file, so callers only do this when asked to. */
int unpack_upx(const char *path, struct unpacked *u, char **why);
/* Removes the unpacked file and its directory and frees u. */
void unpacked_remove(struct unpacked *u);

#endif
