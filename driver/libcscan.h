/* libcscan.h - which C library a file carries, and what it may load later
 *
 * A dynamic file names its C library in PT_INTERP and DT_NEEDED. A static
 * one carries it inside; glibc's and musl's bytes tell them apart (ABI tag
 * note, tunables and message strings). A static glibc file that uses NSS
 * (getpwnam, getaddrinfo, ... directly or through cgo) loads the system's
 * libnss_*.so and libc.so.6 at run time, and can crash doing so. */
#ifndef GS_LIBCSCAN_H
#define GS_LIBCSCAN_H

#include <stdbool.h>

#include "elffile.h"
#include "util.h"

enum libc_kind {
	LIBC_UNKNOWN,
	LIBC_NONE,      /* no C library: pure Go */
	LIBC_GLIBC,
	LIBC_MUSL,
};

struct libc_info {
	enum libc_kind kind;
	bool is_static;
	struct strvec evidence;      /* what decided kind */
	char *kernel_floor;          /* owned "3.2.0" from the GNU ABI tag, or NULL */
	bool nss;                    /* static glibc with NSS linked in */
	struct strvec nss_evidence;  /* byte evidence; the caller may add more */
	bool dlopen_linked;          /* static glibc: dlopen machinery present */
	bool gconv;                  /* static glibc: gconv modules may be loaded */
	/* the malloc of a static file's C code: "mimalloc", "jemalloc",
	 * "mallocng" (musl's), "glibc" (ptmalloc), or NULL when there is no
	 * C library or it is shared */
	const char *allocator;
	struct strvec allocator_evidence;
};
#define LIBC_INFO_INIT { .kind = LIBC_UNKNOWN, .evidence = STRVEC_INIT, .nss_evidence = STRVEC_INIT, \
			 .allocator_evidence = STRVEC_INIT }

/* Identifies the C library of e. interp and needed are the file's
 * PT_INTERP (or NULL) and DT_NEEDED names; when neither is present the file
 * is static and its bytes are examined. go_without_cgo says the file is a
 * Go program with no cgo code, which needs no C library. Free with
 * libc_info_release(). */
void libcscan_identify(const struct elf_file *e, const char *interp,
		       const struct strvec *needed, bool go_without_cgo,
		       struct libc_info *li);
void libc_info_release(struct libc_info *li);

/* "glibc", "musl", "none" or "unknown". */
const char *libc_kind_name(enum libc_kind kind);

/* True when the NUL-delimited string s occurs in buf: preceded by a NUL
 * (or the start) and followed by a NUL. */
bool buf_has_cstring(const uint8_t *buf, size_t len, const char *s);
/* True when s occurs anywhere in buf. */
bool buf_has(const uint8_t *buf, size_t len, const char *s);

#endif
