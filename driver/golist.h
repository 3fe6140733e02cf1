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
	struct strvec files;     /* every source file go builds, as "KIND name"
				    ("GoFiles x.go", "CgoFiles c.go", "CFiles a.c", ...),
				    in go list's order */
	char *module_path;       /* the module holding the package, or NULL */
	char *module_version;    /* its version ("" for the main module), or NULL */
	char *module_dir;        /* its folder, or NULL */
	struct strvec pkg_config;   /* #cgo pkg-config names */
	struct strvec ldflags;      /* #cgo LDFLAGS */
	char *error;             /* the package's load error, or NULL */
};

struct golist {
	struct golist_pkg *v;
	size_t nr, alloc;
	/* The same question asked with CGO_ENABLED=0 (owned), or NULL: asked
	 * only when no package of this answer has cgo files, to learn whether
	 * turning cgo off would change which files are built. */
	struct golist *nocgo;
};
#define GOLIST_INIT { .v = NULL, .nr = 0, .alloc = 0, .nocgo = NULL }

/* Parses the JSON stream of `go list -json`. Returns 0, or -1 when it is
 * not such a stream. Free with golist_release(). */
int golist_parse(const char *text, size_t len, struct golist *l);
/* Frees everything (the CGO_ENABLED=0 view too) and resets l. */
void golist_release(struct golist *l);

/* True when some package of l (the standard library's too) has cgo files. */
bool golist_any_cgo(const struct golist *l);

/* Compares what go builds with cgo (l) and without (nocgo) for every
 * package outside the standard library: the packages and each one's source
 * files. Appends one line per package that differs to why, e.g.
 * "example.com/x: x_cgo.go (without cgo: x_nocgo.go)" or
 * "example.com/y: built only with cgo". Returns how many differ. Pure. */
size_t golist_cgo_diff(const struct golist *l, const struct golist *nocgo, struct strvec *why);

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
 * watched). With STALE or FRESH, *l holds the answer kept, with its
 * CGO_ENABLED=0 view when golist_refresh() asked for one. */
enum golist_state golist_lookup(const struct store *st, const struct golist_query *q,
				struct golist *l);
/* Runs go list and keeps its answer in the store; when no package of the
 * answer has cgo files, asks again with CGO_ENABLED=0 and keeps both views
 * (l->nocgo). Returns 0, or -1 after printing go's errors. */
int golist_refresh(const struct store *st, const struct golist_query *q, struct golist *l);

/* Runs `GO list -deps -json=... FLAGS -tags TAGS PKGS` in the environment
 * `env` (changes on top of ours) and dir. Returns 0, or -1 after printing
 * go's own error output. */
int golist_run(const char *go, const char *dir, const struct strvec *env,
	       const struct strvec *flags, const char *tags, const struct strvec *pkgs,
	       struct golist *l);

#endif
