/* sysroot.h - musl sysroots: their definitions and their store entries
 *
 * A definition (sysroots/<target>.sysroot, compiled in; more in the
 * folders of GOSTATIC_SYSROOTS) names the musl source, the host compiler,
 * the Linux UAPI header folders and the configure flags. An entry,
 * sysroots/<target>-<hash>/ in the store, holds musl's headers and static
 * libraries, the UAPI headers, bin/<target>-gcc (a wrapper that runs the
 * host compiler on this sysroot; relocatable) and bin/<target>-pkg-config
 * (answers --static from GOSTATIC_PKG_CONFIG_LIBDIR only). The hash covers
 * the definition's text, the compiler's identity, the UAPI headers' kernel
 * version and the store format.
 *
 * Nothing gostatic makes may depend on where the store is. So go is given
 * the store as SYSROOT_STORE_NAME ("-I/gostatic-store/pkgs/zlib-.../include",
 * and the pkg-config wrapper answers so when GOSTATIC_STORE_NAMES is set),
 * the compiler wrapper gives such arguments the store's real path, and it
 * tells the compiler (-ffile-prefix-map) to write SYSROOT_STORE_NAME for
 * the store's path into objects and debug information. Both wrappers are
 * run by name, with the sysroot's bin/ first in PATH, so that no path of
 * the store reaches a tool that records its compiler (go's build IDs,
 * OpenSSL's "compiler:" string). */
#ifndef GS_SYSROOT_H
#define GS_SYSROOT_H

#include <stdbool.h>

#include "store.h"
#include "sysrootdef.h"
#include "util.h"

/* For a foreign target, the qemu user-mode emulator that runs d's
 * programs here (runcheck_emulator()): an owned path, or NULL with an
 * owned reason in *why that names the Debian package. */
char *sysroot_emulator(const struct sysroot_def *d, char **why);

/* Finds the definition for a target spec: "linux/amd64", "amd64" or a
 * triple like "x86_64-linux-musl"; NULL means the host's architecture (or
 * GOARCH when set). GOSTATIC_SYSROOTS folders come before the built-in
 * definitions. Returns 0, or -1 after printing why (unknown target: the
 * known ones are listed; a bad definition: origin:line). */
int sysroot_find(const char *spec, struct sysroot_def *d);

/* Like sysroot_find() for a target name or triple, but silent when there
 * is no such definition: returns 0 (found), 1 (none) or -1 (a user
 * definition does not parse; printed). */
int sysroot_find_def(const char *spec, struct sysroot_def *d);

#define SYSROOT_STORE_NAME "/gostatic-store"

/* The record of a sysroot entry, in its folder. */
#define SYSROOT_META_FILE "gostatic-sysroot.json"

/* A sysroot in the store. */
struct sysroot {
	char *name;               /* <target>-<hash> */
	char *dir;                /* absolute path of the entry */
	char *bin;                /* its bin/, which goes first in PATH */
	char *cc;                 /* the compiler wrapper (path) */
	char *pkg_config;         /* the pkg-config wrapper (path) */
	char *cc_name;            /* their names, for CC and PKG_CONFIG */
	char *pkg_config_name;
	bool built;               /* built by this call */
	double seconds;           /* how long building took */
};
#define SYSROOT_INIT { .name = NULL, .dir = NULL }

/* Computes the entry name of d (<target>-<hash>). Runs the compiler once
 * to learn its identity unless the store remembers it for this very
 * compiler file. Returns 0, or -1 after printing why (no compiler). */
int sysroot_name(const struct store *st, const struct sysroot_def *d, char **name);

/* Finds d's entry in the store, building it when missing (or when rebuild
 * is set): fetch, extract, configure, make, install, publish with one
 * rename while holding the entry's lock. Prints progress on stderr.
 * Returns 0, or -1 after printing why (with the log path). */
int sysroot_ensure(const struct store *st, const struct sysroot_def *d, bool rebuild,
		   struct sysroot *out);
/* Like sysroot_ensure() but never builds: returns 1 when the entry is
 * missing (*out then says where it would be). */
int sysroot_lookup(const struct store *st, const struct sysroot_def *d, struct sysroot *out);
void sysroot_release(struct sysroot *s);

struct cache;
/* Pulls d's entry from the cache when it is missing (under its lock).
 * Returns 0 when it was pulled, 2 when the store has it (another process
 * made it meanwhile), 1 when the store still lacks it (said), -1 on an
 * error (printed). */
int sysroot_pull(const struct store *st, const struct sysroot_def *d, struct cache *c);
/* Pushes d's entry (which the store must have) to the cache. Returns 0, or
 * -1 after printing why. */
int sysroot_push(const struct store *st, const struct sysroot_def *d, struct cache *c);

/* The environment a Go build needs with this sysroot, as "NAME=VALUE"
 * words appended to env: GOOS, GOARCH, CGO_ENABLED=1, CC and PKG_CONFIG
 * (the wrappers' names), PATH with the sysroot's bin/ first, an empty
 * GOSTATIC_PKG_CONFIG_LIBDIR and GOSTATIC_STORE_NAMES=1. */
void sysroot_go_env(const struct sysroot *s, const struct sysroot_def *d, struct strvec *env);

/* PATH with dir first (the rest from the environment), as "PATH=...";
 * the caller frees it. */
char *sysroot_path_env(const char *dir);

/* Calls fn for every definition, those of GOSTATIC_SYSROOTS first (so a
 * target may come twice; the first one counts); stops when fn returns
 * nonzero and returns that. fn takes ownership of d when it returns a
 * positive value; otherwise d is released after it. A definition that
 * does not parse is reported and stops the walk with -1. */
int sysroot_each_def(int (*fn)(struct sysroot_def *d, void *ctx), void *ctx);

/* Lists the names of the definitions known (built-in and user), one per
 * target, as "goos/goarch (target)". */
void sysroot_known_targets(struct strvec *out);

#endif
