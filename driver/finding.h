/* finding.h - what verify found, with stable codes for JSON and tests */
#ifndef GS_FINDING_H
#define GS_FINDING_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

/* X(code, group, verbose): the code's name is its stable identifier in
 * JSON output; verbose codes are shown in human output only with -v.
 * Add new codes at the end of their group; never rename one. */
#define FINDING_CODES(X)                                   \
	X(MALFORMED, structure, 0)                         \
	X(NOT_ELF, structure, 0)                           \
	X(NOT_EXECUTABLE, structure, 0)                    \
	X(SECTION_HEADERS_IGNORED, structure, 1)           \
	X(MACHINE_MISMATCH, structure, 0)                  \
	X(PT_INTERP, linkage, 0)                           \
	X(DT_NEEDED, linkage, 0)                           \
	X(INTERP_WITHOUT_NEEDED, linkage, 0)               \
	X(NEEDED_WITHOUT_INTERP, linkage, 0)               \
	X(INTERP_WITHOUT_DYNAMIC, linkage, 0)              \
	X(ETDYN_WITHOUT_DYNAMIC, linkage, 0)               \
	X(BAD_PT_INTERP, linkage, 0)                       \
	X(DUPLICATE_PT_INTERP, linkage, 0)                 \
	X(DUPLICATE_PT_DYNAMIC, linkage, 0)                \
	X(DYNAMIC_VIEW_MISMATCH, linkage, 0)               \
	X(DYNAMIC_OUTSIDE_LOAD, linkage, 0)                \
	X(DYNAMIC_UNTERMINATED, linkage, 1)                \
	X(STATIC_PIE, linkage, 1)                          \
	X(STATIC_PIE_WITHOUT_DF_1_PIE, linkage, 0)         \
	X(SHARED_LIBRARY, linkage, 0)                      \
	X(UPX_PACKHEADER, packer, 0)                       \
	X(UPX_LINFO, packer, 0)                            \
	X(UPX_STRING, packer, 0)                           \
	X(PACKED_STRUCTURE, packer, 0)                     \
	X(PACKED_TOOLS_MISLEAD, packer, 0)                 \
	X(UPX_INNER_DYNAMIC, packer, 0)                    \
	X(UPX_INNER_STATIC, packer, 0)                     \
	X(UPX_INNER_UNKNOWN, packer, 0)                    \
	X(UPX_UNPACK_FAILED, packer, 0)                    \
	X(GLIBC_FLOOR, versions, 0)                        \
	X(GLIBC_PRIVATE, versions, 0)                      \
	X(VERNEED_HASH_MISMATCH, versions, 0)              \
	X(VERNEED_CORRUPT, versions, 0)                    \
	X(LIBSTDCXX_FLOOR, versions, 0)                    \
	X(NSS_STATIC_GLIBC, leaks, 0)                      \
	X(DLOPEN_STATIC_GLIBC, leaks, 1)                   \
	X(GCONV_POSSIBLE, leaks, 1)                        \
	X(RPATH, dynamic, 0)                               \
	X(RUNPATH, dynamic, 0)                             \
	X(TEXTREL, dynamic, 0)                             \
	X(EXECSTACK, dynamic, 0)                           \
	X(NO_GNU_STACK, dynamic, 1)                        \
	X(NO_RELRO, dynamic, 1)                            \
	X(PARTIAL_RELRO, dynamic, 1)                       \
	X(STRIPPED, info, 1)                               \
	X(LIBC_GLIBC, info, 0)                             \
	X(LIBC_MUSL, info, 0)                              \
	X(LIBC_NONE, info, 0)                              \
	X(ALLOCATOR, info, 0)                              \
	X(KERNEL_FLOOR, info, 1)                           \
	X(GO_BUILDINFO, info, 0)                           \
	X(GO_CGO_LINKED, info, 1)                          \
	X(GO_TAGS_MISSING_NETGO_OSUSERGO, info, 0)         \
	X(GO_BUILDINFO_UNREADABLE, info, 0)                \
	X(RUNTIME_OK, runtime, 0)                          \
	X(RUNTIME_INTERP_MISSING, runtime, 0)              \
	X(RUNTIME_LIB_MISSING, runtime, 0)                 \
	X(RUNTIME_PACKED_LOADER_EXIT127, runtime, 0)       \
	X(RUNTIME_CRASH, runtime, 0)                       \
	X(RUNTIME_EXEC_FAILED, runtime, 0)                 \
	X(RUNTIME_TIMEOUT, runtime, 0)                     \
	X(RUNTIME_SKIPPED, runtime, 0)

enum finding_code {
#define X(c, g, v) F_##c,
	FINDING_CODES(X)
#undef X
	F__COUNT
};

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };

/* One piece of structured evidence: a name and a string or number. */
struct evidence {
	const char *key;   /* static string */
	char *str;         /* owned; NULL when the value is num */
	uint64_t num;
};

#define FINDING_MAX_EVIDENCE 4

struct finding {
	enum finding_code code;
	enum severity sev;
	char *message;     /* owned, one line, no final period */
	struct evidence ev[FINDING_MAX_EVIDENCE];
	int nev;
};

struct findings {
	struct finding *v;
	size_t nr;
	size_t alloc;
};
#define FINDINGS_INIT { .v = NULL, .nr = 0, .alloc = 0 }

/* Appends a finding with a printf-formatted message; returns it so the
 * caller can attach evidence. The pointer is valid until the next add. */
GS_PRINTF(4, 5) struct finding *finding_add(struct findings *fs, enum finding_code code,
					    enum severity sev, const char *fmt, ...);
/* Attaches evidence to f; silently ignored beyond FINDING_MAX_EVIDENCE. */
void finding_ev_str(struct finding *f, const char *key, const char *value);
void finding_ev_num(struct finding *f, const char *key, uint64_t value);

/* The first finding with this code, or NULL. */
const struct finding *findings_get(const struct findings *fs, enum finding_code code);
/* Removes every finding with this code. */
void findings_drop(struct findings *fs, enum finding_code code);
/* Frees every finding and resets fs. */
void findings_release(struct findings *fs);

/* The stable name of a code ("PT_INTERP"), its group ("linkage"), and
 * whether human output shows it only with -v. */
const char *finding_code_name(enum finding_code code);
const char *finding_code_group(enum finding_code code);
bool finding_code_verbose(enum finding_code code);
/* "error", "warning" or "info". */
const char *severity_name(enum severity sev);

#endif
