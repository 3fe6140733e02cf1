/* store.h - gostatic's content-addressed store (GOSTATIC_HOME)
 *
 *   sources/<sha256>/<file>       downloaded files, verified
 *   sysroots/<target>-<hash>/     musl + Linux UAPI headers + wrappers
 *   pkgs/<name>-<version>-<hash>/ one recipe's static install
 *   logs/                         full build logs
 *   locks/                        flock files, one per entry
 *   cache/                        small facts worth not recomputing
 *
 * An entry is built in a temporary folder next to its final place
 * (".tmp-<name>-<pid>-XXXXXX") and published with one rename(), while its
 * lock is held, so another process either waits or sees the whole entry.
 * Temporaries of a killed run are never trusted and are removed by the next
 * run that takes the same lock. */
#ifndef GS_STORE_H
#define GS_STORE_H

#include "util.h"

/* Changes whenever the layout or the meaning of an entry changes; part of
 * every entry's hash. */
#define STORE_FORMAT "gostatic-store/2"

struct store {
	char *home;               /* owned, absolute and real (no links), no whitespace */
};
#define STORE_INIT { .home = NULL }

/* Resolves GOSTATIC_HOME (default ${XDG_CACHE_HOME:-$HOME/.cache}/gostatic)
 * and creates its folders. Returns 0, or -1 after printing why. */
int store_open(struct store *st);
void store_close(struct store *st);

/* home/<printf result>; the caller frees it. */
GS_PRINTF(2, 3) char *store_path(const struct store *st, const char *fmt, ...);

struct store_lock {
	int fd;
	char *name;
};
#define STORE_LOCK_INIT { .fd = -1, .name = NULL }

/* Takes the exclusive lock called name (locks/<name>.lock). When another
 * process holds it, says so on stderr (with that process's pid) and waits.
 * Returns 0, or -errno after printing why. */
int store_lock(const struct store *st, const char *name, struct store_lock *lk);
/* Releases the lock; safe on STORE_LOCK_INIT. */
void store_unlock(struct store_lock *lk);

/* Removes dir/.tmp-<name>-* left by runs that were killed. Call only while
 * holding the entry's lock. Returns how many were removed. */
int store_clean_stale(const char *dir, const char *name);

/* Creates a fresh temporary folder dir/.tmp-<name>-<pid>-XXXXXX and returns
 * its path (the caller frees it), or NULL with errno set. */
char *store_mktemp(const char *dir, const char *name);

/* Creates the build folder of an entry, dir/.tmp-<name>-build: always the
 * same path, so that paths a build records are the same in every build of
 * it (and the same for `recipe build --check`). Call only while holding the
 * entry's lock; a leftover folder there is removed first. Returns its path
 * (the caller frees it), or NULL with errno set. */
char *store_mkbuild(const char *dir, const char *name);

/* Publishes tmp as final with one rename() and syncs the parent folder.
 * Returns 0, or -errno (-EEXIST/-ENOTEMPTY when final exists). */
int store_publish(const char *tmp, const char *final);

/* The SOURCE_DATE_EPOCH of every build of an entry: a fixed value, not the
 * user's, since an entry's bytes may depend only on what its hash covers. */
#define STORE_SOURCE_DATE_EPOCH "1"

/* Keeps when an entry's build started (wall clock) and how long it took in
 * logs/<kind>-<name>.json, beside its log: a fact of this machine, kept out
 * of the entry so that the entry is the same wherever it is built. A
 * failure to write it is only warned about. */
void store_note_build(const struct store *st, const char *kind, const char *name, double started,
		      double seconds);
/* The build_seconds that store_note_build() kept, or 0. */
double store_build_seconds(const struct store *st, const char *kind, const char *name);

/* A short hex id (16 digits) of the SHA-256 of text: entry hashes. The
 * caller frees it. */
char *store_hash16(const char *text);

#endif
