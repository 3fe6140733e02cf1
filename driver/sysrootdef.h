/* sysrootdef.h - sysroot definitions: parsing and checking them (no I/O)
 *
 * A definition (sysroots/<target>.sysroot, compiled in; more in the
 * folders of GOSTATIC_SYSROOTS, found by sysroot.h) names the musl source,
 * the host compiler, the Linux UAPI header folders and the configure
 * flags. Its dialect and keys are those of sysroots/README.md. */
#ifndef GS_SYSROOTDEF_H
#define GS_SYSROOTDEF_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"
#include "inifile.h"
#include "util.h"

struct sysroot_def {
	char *origin;             /* "built-in x86_64-linux-musl.sysroot" or a file path */
	char *text;               /* owned copy of the definition */
	struct ini ini;
	const char *target;       /* x86_64-linux-musl */
	const char *goos, *goarch;
	const char *compiler;     /* a program name or path, e.g. gcc */
	const char *compiler_package; /* the Debian package with it ("gcc") */
	const char *tools;        /* binutils name prefix ("" or "aarch64-linux-gnu-") */
	const char *tools_package;    /* the Debian package with them ("binutils") */
	const char *dynamic_linker;
	const char *name, *version;   /* of the libc source */
	const char *license;      /* its SPDX licence, or NULL */
	unsigned strip;
	struct source src;        /* file, sha256, URLs (expanded), debian */
	char *src_file;           /* owned storage behind src */
	char *deb_pkg, *deb_file;
	const char *header_package;
	bool headers_pinned;      /* [headers] file/sha256: the folders are read from that package */
	struct source headers_src;    /* the pinned .deb (debian_binary) */
	char *headers_deb_pkg;
	struct strvec header_into;    /* e.g. "asm" */
	struct strvec header_from;    /* e.g. "/usr/include/x86_64-linux-gnu/asm" */
	const char *configure;    /* raw value, expanded at build time */
};

/* Parses and checks a definition. Returns 0, or -1 with a message naming
 * origin:line in *why (owned). Free with sysroot_def_release(). */
int sysroot_def_parse(struct sysroot_def *d, const char *text, size_t len, const char *origin,
		      char **why);
void sysroot_def_release(struct sysroot_def *d);

/* The program name of binutils tool (ar, ranlib, strip, ...) for d's
 * target: the tools prefix and the name. The caller frees it. */
char *sysroot_tool(const struct sysroot_def *d, const char *tool);

/* True when d's target is this host's own architecture (its programs run
 * natively). */
bool sysroot_is_native(const struct sysroot_def *d);

/* True when spec ("linux/amd64", "amd64" or "x86_64-linux-musl") names
 * d's target. */
bool sysroot_def_matches(const struct sysroot_def *d, const char *spec);

#endif
