/* sbom.h - an SPDX 2.3 document (JSON) of a static executable
 *
 * The document describes the executable and, as packages it CONTAINS,
 * every Go module its build info names (the main module first), the Go
 * toolchain, and the C code linked in (musl, each recipe's library,
 * libgcc): name, version, SPDX licence, download location and checksums
 * where they are known. The same inputs always give the same bytes: no
 * clock is read (the creation time is an input), the namespace is derived
 * from the executable's sha256, and packages come in a fixed order. Pure:
 * the caller gathers the facts; nothing here reads a file. */
#ifndef GS_SBOM_H
#define GS_SBOM_H

#include <jansson.h>
#include <stddef.h>

#include "goinfo.h"

/* A piece of C code inside the executable. */
struct sbom_component {
	const char *name;
	const char *version;      /* or NULL */
	const char *license;      /* SPDX expression, or NULL (NOASSERTION) */
	const char *download;     /* a URL, or NULL (NOASSERTION) */
	const char *sha256;       /* of the source (or of the archive linked), or NULL */
	const char *comment;      /* what the checksum is of, where it came from; or NULL */
	const char *purpose;      /* SPDX primaryPackagePurpose: LIBRARY, ... */
};

struct sbom_input {
	const char *exe_name;     /* the executable's file name */
	const char *exe_sha256;
	const struct go_info *go; /* its build info (goinfo_read()) */
	const char *created;      /* "2026-12-01T10:00:00Z" */
	const char *tool;         /* "gostatic-0.1.0" */
	const struct sbom_component *c;
	size_t nc;
};

/* The SPDX 2.3 document of in, as a new JSON object (the caller owns it). */
json_t *sbom_document(const struct sbom_input *in);

/* The creation time gostatic writes: SOURCE_DATE_EPOCH (the value of the
 * variable, epoch seconds) when it is a number, else the epoch itself,
 * so that the document is reproducible. Writes "YYYY-MM-DDTHH:MM:SSZ"
 * into buf (at least 21 bytes); returns -1 when epoch is set but is not a
 * number (buf then holds the epoch). */
int sbom_created(const char *epoch, char *buf, size_t n);

#endif
