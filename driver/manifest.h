/* manifest.h - what is inside an output: the --manifest and --sbom documents
 *
 * Both name the C code linked into a cgo program: musl, the recipes'
 * libraries (the allocator among them) and the compiler's libgcc, each with
 * its version, licence and the sha256 of the source it was built from. The
 * manifest (schema gostatic.manifest/2, docs/build.md) lists every output
 * by file name and licence files by their path under GOSTATIC_HOME; the
 * SBOM is an SPDX 2.3 document of one output (sbom.h). Neither names a
 * path of the machine that wrote it. */
#ifndef GS_MANIFEST_H
#define GS_MANIFEST_H

#include <stdbool.h>

#include "pkgs.h"
#include "sysroot.h"
#include "util.h"

/* What a build linked. */
struct manifest_input {
	const struct sysroot_def *def;  /* the target's sysroot definition */
	const struct sysroot *sr;       /* its store entry (the compiler's version) */
	const struct pkgset *set;       /* the recipes' libraries linked */
	bool cgo;                       /* false: pure Go, no C code inside */
};

/* Writes the manifest of outputs to path (atomically). Returns 0, or -1
 * after printing why. */
int manifest_write(const char *path, const struct strvec *outputs, const struct manifest_input *in);

/* Writes the SPDX 2.3 document of the executable exe to path (atomically):
 * its Go build information and the C code in it. SOURCE_DATE_EPOCH sets
 * its creation time. Returns 0, or -1 after printing why. */
int manifest_write_sbom(const char *path, const char *exe, const struct manifest_input *in);

#endif
