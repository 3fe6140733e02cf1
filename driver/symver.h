/* symver.h - symbol version requirements and the glibc version floor
 *
 * Reads .gnu.version_r (DT_VERNEED) through the dynamic segment, so it works
 * without section headers, and names the undefined dynamic symbols that
 * demand each version (DT_VERSYM + DT_SYMTAB). */
#ifndef GS_SYMVER_H
#define GS_SYMVER_H

#include <stdbool.h>
#include <stdint.h>

#include "elffile.h"
#include "finding.h"
#include "util.h"

struct version_req {
	char *library;          /* owned: soname that must provide it */
	char *version;          /* owned: e.g. "GLIBC_2.34" */
	uint16_t index;         /* vna_other, the index used by .gnu.version */
	bool weak;              /* VER_FLG_WEAK: a missing version only warns */
	bool hash_mismatch;     /* vna_hash != elf_hash(version) */
	struct strvec symbols;  /* undefined dynamic symbols bound to it */
};

struct version_reqs {
	struct version_req *v;
	size_t nr;
	size_t alloc;
	size_t nsyms;           /* dynamic symbols examined (0: unknown) */
};
#define VERSION_REQS_INIT { .v = NULL, .nr = 0, .alloc = 0, .nsyms = 0 }

/* Reads every version requirement of a file whose dynamic segment is d,
 * adding VERNEED_CORRUPT or VERNEED_HASH_MISMATCH findings as needed.
 * Free the result with version_reqs_release(). */
void symver_read(const struct elf_file *e, const struct elf_dynamic *d,
		 struct version_reqs *out, struct findings *fs);
void version_reqs_release(struct version_reqs *r);

/* Compares dotted numeric versions component by component, so that
 * "2.2.5" < "2.3.2" < "2.17" < "2.34". Non-digits compare as text.
 * Returns <0, 0 or >0. */
int version_cmp(const char *a, const char *b);

/* If name is "<prefix><digits...>" (e.g. GLIBC_2.34 with prefix "GLIBC_"),
 * returns the numeric part ("2.34"), else NULL. Borrows from name. */
const char *version_number(const char *name, const char *prefix);

/* The glibc version a file needs: the highest GLIBC_x.y requirement (or
 * 2.36 for GLIBC_ABI_DT_RELR), as "x.y"; NULL when none. Borrowed from r,
 * or a static string. *private_ is set when GLIBC_PRIVATE is required. */
const char *symver_glibc_floor(const struct version_reqs *r, bool *private_);

#endif
