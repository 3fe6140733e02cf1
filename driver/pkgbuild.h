/* pkgbuild.h - building recipes into store entries (see pkgs.h)
 *
 * The scheduler builds the sysroot and every missing entry of a set,
 * independent ones in parallel within the machine's CPUs, each in its own
 * child process: fetch, extract, patch, configure, build, install under
 * DESTDIR, tidy and normalize, check, publish with one rename while the
 * entry's lock is held. */
#ifndef GS_PKGBUILD_H
#define GS_PKGBUILD_H

#include <stdbool.h>

#include "pkgs.h"

/* How pkgset_ensure() went, for summaries and benchmarks. */
struct pkg_report {
	bool sysroot_built;
	bool sysroot_pulled;      /* from the cache */
	double sysroot_seconds;
	double seconds;           /* wall time of the whole run */
	size_t built;             /* entries built */
	size_t pulled;            /* entries pulled from the cache (the sysroot too) */
};

struct cache;

/* Makes sure the sysroot and every entry of s are in the store: fetches
 * the sources of everything missing first (nothing is built when one
 * cannot be had), then builds the sysroot and the entries, independent
 * ones in parallel within the machine's CPUs. rebuild lists the recipe
 * names to build again even when present. Progress goes to stderr; a
 * failure shows the end of its log and the log's path. Fills *sr and
 * report. With a cache (not NULL, on), every missing entry is looked up
 * there first and pulled when it is there and trusted; with
 * GOSTATIC_CACHE_PUSH, what was built is pushed after. Returns 0, 1 when
 * a build failed, or 2 for an environment error
 * (a host tool is missing). */
int pkgset_ensure(struct pkgset *s, const struct store *st, const struct sysroot_def *def,
		  const struct strvec *rebuild, struct cache *cache, struct sysroot *sr,
		  struct pkg_report *report);

/* Pushes the entry of p (built for def's target) to the cache. Returns 0,
 * or -1 after printing why. */
int pkg_push(const struct pkg *p, const struct sysroot_def *def, struct cache *cache);

/* Builds the named entries of s (all when names is NULL) again, each in the
 * same temporary folder and with the same paths as a first build, and
 * compares every file with the store's entry (like Nix's --check): prints
 * one line per entry ("identical", or "DIFFERS" and the files that do) and
 * sets *differ to how many differ. The store is not changed. Every entry
 * must be present (pkgset_ensure() first). Returns 0 when all are
 * identical, else 1. */
int pkgset_check(struct pkgset *s, const struct store *st, const struct sysroot_def *def,
		 const struct strvec *names, size_t *differ);

/* Only fetches the sources of the entries of s (all of them). Returns 0
 * or 1. */
int pkgset_fetch(struct pkgset *s, const struct store *st);

#endif
