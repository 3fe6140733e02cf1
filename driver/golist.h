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

/* Runs `GO list -deps -json=... FLAGS -tags TAGS PKGS` in the environment
 * `env` (changes on top of ours) and dir. Returns 0, or -1 after printing
 * go's own error output. */
int golist_run(const char *go, const char *dir, const struct strvec *env,
	       const struct strvec *flags, const char *tags, const struct strvec *pkgs,
	       struct golist *l);

#endif
