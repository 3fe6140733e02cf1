/* gobuild.h - the `go build` command line and environment gostatic runs
 *
 * Pure functions, so that tests can inspect every decision: which of the
 * user's words are gostatic's, which go to `go build`, how -tags and
 * -ldflags (from the command line and from GOFLAGS) are merged with
 * gostatic's, and which flags defeat a static link. */
#ifndef GS_GOBUILD_H
#define GS_GOBUILD_H

#include <stdbool.h>

#include "util.h"

#define GOSTATIC_TAGS "musl,netgo,osusergo"

/* What `gostatic build` was asked to do. */
struct gobuild_args {
	const char *target;          /* --target, or NULL */
	bool run_check;              /* --run-check */
	struct strvec run_args;      /* after -- */
	const char *output;          /* -o, or NULL */
	const char *manifest;        /* --manifest, or NULL */
	const char *sbom;            /* --sbom, or NULL */
	const char *malloc;          /* --malloc, or NULL */
	const char *cache;           /* --cache, or NULL */
	struct strvec go_flags;      /* passed to go build as given (not -o/-tags/-ldflags) */
	struct strvec list_flags;    /* the subset that also changes what go list loads */
	struct strvec tags;          /* the user's tags, in order */
	char *ldflags;               /* the user's -ldflags (last one wins, as in go), or NULL */
	const char *buildmode;       /* -buildmode value, or NULL */
	bool linkshared;
	const char *chdir;           /* -C value, or NULL */
	bool trimpath_given;         /* -trimpath or -trimpath=BOOL, here or in GOFLAGS */
	bool trimpath;               /* whether go build trims paths (gostatic's default: yes) */
	struct strvec packages;
	int verbose;
};

/* Sorts the words after "build" into gostatic's options, go build flags
 * and packages. Returns 0, or -1 with a message in *why (owned) for a usage
 * error. Free with gobuild_args_release(). */
int gobuild_parse_args(int argc, const char **argv, struct gobuild_args *a, char **why);
void gobuild_args_release(struct gobuild_args *a);

/* Takes -tags and -ldflags out of GOFLAGS (they are merged instead of
 * being overridden by the command line) and keeps the other words in kept.
 * Appends tags to a->tags and sets a->ldflags unless the command line gave
 * one. Returns 0, or -1 with *why for a malformed GOFLAGS. */
int gobuild_take_goflags(const char *goflags, struct gobuild_args *a, struct strvec *kept,
			 char **why);

/* The words gostatic adds to go build's: -trimpath, unless a->trimpath_given
 * (outputs must not depend on the folder they are built in). Appended to out.
 * (gobuild_parse_args() sets a->trimpath to what go build will do.) */
void gobuild_default_flags(const struct gobuild_args *a, struct strvec *out);

/* Splits like Go's cmd/internal/quoted.Split: blanks separate, a field
 * may be wrapped in '...' or "..." (no escapes inside). Returns 0, or -1
 * for an unterminated quote. */
int go_quoted_split(const char *s, struct strvec *out);
/* Joins words so that go_quoted_split() gives them back: a word with a
 * blank is wrapped in "..." (or '...' when it contains a double quote).
 * Returns NULL when a word holds both kinds of quote. The caller frees. */
char *go_quoted_join(const struct strvec *words);

/* The -tags value: the user's tags, then gostatic's that are missing. The
 * caller frees it. */
char *gobuild_tags(const struct strvec *user);

/* The -ldflags value. With cgo: the user's flags with "-linkmode external"
 * and "-extldflags" carrying -static (or -static-pie for pie) and then the
 * objects (may be NULL: the allocator's, linked once and whole) merged in;
 * without cgo: the user's flags only (Go's own linker makes a static
 * binary). Returns 0 with *out (owned), or -1 with *problem (owned)
 * naming a user flag that defeats static linking and what to do. */
int gobuild_ldflags(const char *user, bool cgo, bool pie, const struct strvec *objects, char **out,
		    char **problem);

/* Checks the build mode and flags that cannot give a static executable.
 * Returns NULL, or a message (owned) saying what to do instead. */
char *gobuild_check_mode(const struct gobuild_args *a);

/* The file go build would name the output of a main package: the last
 * element of its import path (skipping a major-version suffix like "v2"),
 * or for files named on the command line the first file without ".go".
 * The caller frees it. */
char *gobuild_exe_name(const char *import_path, const char *first_gofile);

#endif
