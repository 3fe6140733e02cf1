/* cdeps.h - which recipes a Go build needs, from go list's cgo facts
 *
 * Every package's "#cgo pkg-config:" modules and the -l libraries of its
 * "#cgo LDFLAGS:" are mapped to the recipe that provides them. Names musl
 * itself provides (libc, libm, libpthread, ...) need none, nor does a -l
 * library the package ships next to itself (found in one of its own -L
 * folders). */
#ifndef GS_CDEPS_H
#define GS_CDEPS_H

#include <stdbool.h>

#include "golist.h"
#include "pkgs.h"
#include "util.h"

struct cdep {
	char *recipe;
	char *why;                /* "github.com/x/y asks for -lsqlite3" */
	bool by_lib;              /* some package asked with -l: link its private libraries too */
};

struct cdeps {
	struct cdep *v;           /* sorted by recipe name */
	size_t nr, alloc;
};
#define CDEPS_INIT { .v = NULL, .nr = 0, .alloc = 0 }

/* Frees everything and resets d to CDEPS_INIT. */
void cdeps_release(struct cdeps *d);

/* The -l names and -L folders of cgo LDFLAGS words ("-lz", "-l" "z",
 * "-l:libz.a", "-L/dir", "-L" "/dir"), appended to libs and dirs. Pure. */
void cdeps_ldflags(const struct strvec *words, struct strvec *libs, struct strvec *dirs);

/* True for the -l names musl's libc.a answers (c, m, pthread, dl, rt,
 * resolv, util, crypt, xnet) and the compiler's own (gcc, gcc_eh). */
bool cdeps_libc(const char *name);

/* Decides the recipes of a go list answer, plus prefs->require. Returns 0,
 * or -1 after printing which package asks for what no recipe provides. */
int cdeps_find(const struct golist *l, const struct pkg_prefs *prefs, struct cdeps *out);

/* True when both name the same recipes. */
bool cdeps_equal(const struct cdeps *a, const struct cdeps *b);

#endif
