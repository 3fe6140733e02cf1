/* golist.h - what `go list -deps` says about the packages of a build */
#ifndef GS_GOLIST_H
#define GS_GOLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct golist_pkg {
	char *import_path;
	char *name;              /* package name ("main" for a command) */
	char *dir;               /* or NULL */
	char *first_gofile;      /* or NULL */
	bool standard;
	bool dep_only;           /* not named on the command line */
	bool cgo;                /* has cgo files */
	struct strvec pkg_config;   /* #cgo pkg-config names */
	struct strvec ldflags;      /* #cgo LDFLAGS */
	char *error;             /* the package's load error, or NULL */
};

struct golist {
	struct golist_pkg *v;
	size_t nr, alloc;
};
#define GOLIST_INIT { NULL, 0, 0 }

/* Parses the JSON stream of `go list -json`. Returns 0, or -1 when it is
 * not such a stream. Free with golist_release(). */
int golist_parse(const char *text, size_t len, struct golist *l);
void golist_release(struct golist *l);

struct store;

/* One go list question: the go binary, the folder it runs in (NULL: the
 * current one), the environment changes, the flags that steer loading,
 * the tags and the package patterns. */
struct golist_query {
	const char *go;
	const char *dir;
	const struct strvec *env;
	const struct strvec *flags;
	const char *tags;
	const struct strvec *pkgs;
};

enum golist_state {
	GOLIST_NONE,     /* the store has no answer to this question */
	GOLIST_STALE,    /* it has one, but something it depended on changed */
	GOLIST_FRESH,    /* it has one, and nothing it depended on changed */
};

/* Looks the answer up in the store's cache. An answer is kept with the
 * state of everything that could change it: the go binary, the environment
 * that steers package loading, the flags, tags and patterns (these make the
 * key), and the Go files of the packages outside GOROOT and the module
 * cache, with the go.mod/go.sum/go.work files around them (these are
 * watched). With STALE or FRESH, *l holds the answer kept. */
enum golist_state golist_lookup(const struct store *st, const struct golist_query *q,
				struct golist *l);
/* Runs go list and keeps its answer in the store. Returns 0, or -1 after
 * printing go's errors. */
int golist_refresh(const struct store *st, const struct golist_query *q, struct golist *l);

/* Runs `GO list -deps -json=... FLAGS -tags TAGS PKGS` in the environment
 * `env` (changes on top of ours) and dir. Returns 0, or -1 after printing
 * go's own error output. */
int golist_run(const char *go, const char *dir, const struct strvec *env,
	       const struct strvec *flags, const char *tags, const struct strvec *pkgs,
	       struct golist *l);

#endif
