/* pkgs.h - recipes built into the store: pkgs/<name>-<version>-<hash>/
 *
 * An entry holds one recipe's static install: include/, lib/lib*.a,
 * lib/pkgconfig/ (relocatable: prefix=${pcfiledir}/../..),
 * share/licenses/<name>/ and gostatic-pkg.json. Shared libraries and
 * libtool files never reach it. The hash covers the store format, the
 * recipe's text, the features on, the sysroot entry (which covers the
 * compiler) and the entries of the dependencies, so a hit means no
 * compiler runs. Entries are built in a temporary folder, installed with
 * DESTDIR under their final path and published with one rename() while
 * the entry's lock is held. */
#ifndef GS_PKGS_H
#define GS_PKGS_H

#include <stdbool.h>
#include <stddef.h>

#include "recipes.h"
#include "store.h"
#include "sysroot.h"
#include "util.h"

/* The record of an entry, in its folder. */
#define PKG_META_FILE "gostatic-pkg.json"

/* What a project or the command line says about one recipe. */
struct pkg_pref {
	char *name;
	char *version;            /* pinned version, or NULL */
	struct strvec features;   /* "+name" turns a feature on, "-name" off */
	char *where;              /* "gostatic.ini:7" or "the command line" */
};

/* Everything that steers which recipes are used and how. */
struct pkg_prefs {
	struct recipe_dirs dirs;
	struct pkg_pref *v;
	size_t nr, alloc;
	struct strvec require;    /* recipes used even when nothing asks for them */
	char *origin;             /* the gostatic.ini read, or NULL */
	char *malloc;             /* [gostatic] malloc: an allocator recipe or "musl", or NULL */
	char *malloc_where;       /* "gostatic.ini:3" */
};
#define PKG_PREFS_INIT { .dirs = RECIPE_DIRS_INIT, .require = STRVEC_INIT }

/* The allocator gostatic links into cgo programs unless told otherwise. */
#define PKG_DEFAULT_MALLOC "mimalloc"

/* Frees everything and resets p to PKG_PREFS_INIT. */
void pkg_prefs_release(struct pkg_prefs *p);
/* The preference for name, or NULL. */
const struct pkg_pref *pkg_prefs_get(const struct pkg_prefs *p, const char *name);
/* Adds (or extends) the preference for name. */
struct pkg_pref *pkg_prefs_add(struct pkg_prefs *p, const char *name, const char *where);

/* Parses "name", "name@version" or "name[+feat,-feat]" (both may be
 * combined: "librdkafka@2.0.2[+sasl-cyrus]") into a preference. Returns
 * 0, or -1 with a message in *why (owned). */
int pkg_prefs_parse_spec(struct pkg_prefs *p, const char *spec, const char *where, char **name,
			 char **why);

struct pkg {
	struct recipe r;
	struct strvec features;   /* those on, sorted */
	size_t *deps;             /* direct dependencies, as indices */
	size_t ndeps;
	bool wanted;              /* asked for, not only needed by another */
	bool allocator;           /* the program's malloc: its [allocator] object is linked whole */
	char *entry;              /* <name>-<version>-<hash> */
	char *dir;                /* the entry's absolute path */
	bool present;             /* the store has it */
	bool built;               /* built by this run */
	bool pulled;              /* pulled from the cache by this run */
	double seconds;           /* how long building took */
	/* from the entry's gostatic-pkg.json once present */
	char *source_file, *source_sha256, *source_kind;
};

struct pkgset {
	struct pkg *v;
	size_t nr, alloc;
	const char *goarch;       /* the target's */
};
#define PKGSET_INIT { .v = NULL, .nr = 0, .alloc = 0, .goarch = NULL }

/* Frees everything and resets s to PKGSET_INIT. */
void pkgset_release(struct pkgset *s);

/* Adds the recipe called name (with the preferences' version pin and
 * features) and, first, everything it depends on. why names who asks for
 * it ("github.com/x/y needs -lsqlite3") for messages. Sets *idx. Returns 0,
 * or -1 after printing why (no such recipe, a version pin that no recipe
 * has, an unknown feature, a dependency cycle, a recipe for other
 * targets). */
int pkgset_add(struct pkgset *s, const struct pkg_prefs *prefs, const char *name, const char *why,
	       size_t *idx);

/* Adds the allocator recipe called name to s (with what it needs) and
 * marks it as the program's malloc; "musl" adds nothing. where says who
 * chose it, for messages. Returns 0, or -1 after printing why (no such
 * recipe, or one without an [allocator] section). */
int pkgset_add_allocator(struct pkgset *s, const struct pkg_prefs *prefs, const char *name, const char *where);

/* The allocator entry of s, or NULL (musl's own malloc). */
const struct pkg *pkgset_allocator(const struct pkgset *s);

/* The objects a program built with s links whole, once (the allocator's),
 * named under SYSROOT_STORE_NAME, appended to out: for -extldflags, since
 * go repeats CGO_LDFLAGS for every cgo package. */
void pkgset_link_objects(const struct pkgset *s, struct strvec *out);

/* Finds the recipe that provides a pkg-config module (kind 'p') or a -l
 * library (kind 'l'): recipes the preferences name come first, then the
 * search order. Returns 0 with *recipe set (owned), 1 when none does, or
 * -1 after printing why. */
int pkg_provider(const struct pkg_prefs *prefs, char kind, const char *what, char **recipe);

/* Names every entry (their hashes depend on the sysroot entry's name) and
 * looks each up in the store. */
void pkgset_name(struct pkgset *s, const struct store *st, const char *sysroot_name);

/* The environment a cgo build with these entries needs, appended to env:
 * GOSTATIC_PKG_CONFIG_LIBDIR (every entry's lib/pkgconfig), CGO_CFLAGS
 * with -I and CGO_LDFLAGS with -L for each entry (the store named as
 * SYSROOT_STORE_NAME, see sysroot.h), after the values from our
 * environment (or go's default "-g -O2"). */
void pkgset_go_env(const struct pkgset *s, struct strvec *env);

/* Reads the entry's gostatic-pkg.json into p's source fields, and how long
 * its build took (store_build_seconds()). Returns 0 or -1 (printed). */
int pkg_read_meta(const struct store *st, struct pkg *p);

#endif
