/* goinfo.h - the Go build information embedded in a Go executable
 *
 * Reads the 32-byte "\xff Go buildinf:" header and what follows it: two
 * length-prefixed strings (Go >= 1.18) or two pointers to Go string headers
 * (Go <= 1.17), i.e. the Go version and the module information that
 * `go version -m` prints. Also notes other Go evidence (the Go build ID
 * note, .gopclntab) and whether cgo code was linked. Informational only:
 * build info can explain a dynamic binary but never proves a static one. */
#ifndef GS_GOINFO_H
#define GS_GOINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elffile.h"
#include "util.h"

struct go_module {
	char *path;             /* owned; all three NULL when absent */
	char *version;
	char *sum;
	struct go_module *replace; /* owned, or NULL */
};

struct go_setting {
	char *key;              /* owned, unquoted */
	char *value;            /* owned, unquoted */
};

enum go_format {
	GO_FORMAT_NONE,         /* no build info blob found */
	GO_FORMAT_INLINE,       /* Go >= 1.18: strings follow the header */
	GO_FORMAT_POINTER,      /* Go <= 1.17: pointers to string headers */
};

struct go_info {
	bool is_go;             /* any Go evidence at all */
	bool buildid_note;      /* a "Go" note of type 4 */
	char *buildid;          /* owned Go build ID, or NULL */
	uint32_t pclntab_magic; /* first word of .gopclntab, 0 if not seen */
	enum go_format format;
	uint64_t blob_offset;   /* file offset of the header */
	char *unreadable;       /* owned reason when a blob could not be read */
	char *version;          /* owned "go1.19.8", or NULL */
	char *path;             /* owned main package path, or NULL */
	struct go_module main;
	struct go_module *deps;
	size_t ndeps, deps_alloc;
	struct go_setting *settings;
	size_t nsettings, settings_alloc;
	size_t modinfo_errors;  /* lines that could not be parsed */
	bool cgo_linked;        /* runtime/cgo's crosscall2 is present */
	bool cgo_resolver;      /* net uses the C library resolver */
	bool cgo_user;          /* os/user uses the C library */
};

/* Reads every piece of Go evidence in e into *g (zeroed first). Never
 * fails; free with goinfo_release(). */
void goinfo_read(const struct elf_file *e, struct go_info *g);
void goinfo_release(struct go_info *g);

/* Parses a build info blob that starts with the magic: p has n bytes.
 * e is used to follow the pointers of the old format and may be NULL.
 * Returns 0 when the version was read, -1 otherwise (g->unreadable says
 * why). */
int goinfo_parse_blob(const uint8_t *p, size_t n, const struct elf_file *e,
		      struct go_info *g);

/* Parses modinfo text (the part between the sentinels) as
 * runtime/debug.ParseBuildInfo does, but line by line: a bad line is
 * counted in g->modinfo_errors and skipped. */
void goinfo_parse_modinfo(const char *s, size_t n, struct go_info *g);

/* Unquotes a Go string literal ("..." with escapes, or `...`) spanning all
 * of s[0..n) into out (appended). Returns 0, or -1 when it is not one
 * well-formed literal. */
int go_unquote(const char *s, size_t n, struct strbuf *out);

/* The value of a build setting ("CGO_ENABLED"), or NULL. Borrowed. */
const char *goinfo_setting(const struct go_info *g, const char *key);
/* True when the -tags setting lists tag. */
bool goinfo_has_tag(const struct go_info *g, const char *tag);

#endif
