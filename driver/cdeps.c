/* cdeps.c - which recipes a Go build needs, from go list's cgo facts */
#include "cdeps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "log.h"

void cdeps_release(struct cdeps *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		free(d->v[i].recipe);
		free(d->v[i].why);
	}
	free(d->v);
	*d = (struct cdeps)CDEPS_INIT;
}

void cdeps_ldflags(const struct strvec *words, struct strvec *libs, struct strvec *dirs)
{
	for (size_t i = 0; i < words->nr; i++) {
		const char *w = words->v[i], *val = NULL;
		bool lib = false;

		if (!strcmp(w, "-l") || !strcmp(w, "-L")) {
			if (i + 1 >= words->nr)
				break;
			lib = w[1] == 'l';
			val = words->v[++i];
		} else if (starts_with(w, "-l") || starts_with(w, "-L")) {
			lib = w[1] == 'l';
			val = w + 2;
		} else {
			continue;
		}
		if (!lib) {
			strvec_push(dirs, val);
		} else if (val[0] == ':') {
			/* -l:libfoo.a names a file; its library is foo */
			size_t n = strlen(val + 1);

			if (starts_with(val + 1, "lib") && n > 5 && !strcmp(val + 1 + n - 2, ".a"))
				strvec_pushn(libs, val + 4, n - 5);
			else if (starts_with(val + 1, "lib") && strstr(val + 1, ".so"))
				strvec_pushn(libs, val + 4, (size_t)(strstr(val + 1, ".so") - (val + 4)));
			else
				strvec_push(libs, val + 1);
		} else if (*val) {
			strvec_push(libs, val);
		}
	}
}

bool cdeps_libc(const char *name)
{
	static const char *const names[] = {
		"c", "m", "pthread", "dl", "rt", "resolv", "util", "crypt", "xnet", "gcc", "gcc_eh",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

static bool shipped(const char *name, const struct strvec *dirs)
{
	for (size_t i = 0; i < dirs->nr; i++) {
		char *a = xasprintf("%s/lib%s.a", dirs->v[i], name);
		bool ok = path_exists(a);

		free(a);
		if (ok)
			return true;
	}
	return false;
}

static int add(struct cdeps *d, const char *recipe, const char *why, bool by_lib)
{
	size_t at = 0;

	for (; at < d->nr; at++) {
		int c = strcmp(d->v[at].recipe, recipe);

		if (!c) {
			d->v[at].by_lib |= by_lib;
			return 0;
		}
		if (c > 0)
			break;
	}
	ALLOC_GROW(d->v, d->nr + 1, d->alloc);
	memmove(&d->v[at + 1], &d->v[at], (d->nr - at) * sizeof(*d->v));
	d->v[at].recipe = xstrdup(recipe);
	d->v[at].why = xstrdup(why);
	d->v[at].by_lib = by_lib;
	d->nr++;
	return 0;
}

static int need(struct cdeps *d, const struct pkg_prefs *prefs, const char *pkg, char kind, const char *what)
{
	char *recipe = NULL, *why;
	int rc = pkg_provider(prefs, kind, what, &recipe);

	if (rc < 0)
		return -1;
	if (rc > 0) {
		if (kind == 'p')
			gs_error("%s asks for the pkg-config module '%s' (#cgo pkg-config), and no recipe provides it; "
				 "add a recipe that does to a folder in GOSTATIC_RECIPES (see 'gostatic recipe list')",
				 pkg, what);
		else
			gs_error("%s links -l%s (#cgo LDFLAGS), and no recipe provides it; add a recipe that does to "
				 "a folder in GOSTATIC_RECIPES (see 'gostatic recipe list')", pkg, what);
		return -1;
	}
	why = kind == 'p' ? xasprintf("%s asks for pkg-config %s", pkg, what) : xasprintf("%s links -l%s", pkg, what);
	add(d, recipe, why, kind == 'l');
	free(why);
	free(recipe);
	return 0;
}

int cdeps_find(const struct golist *l, const struct pkg_prefs *prefs, struct cdeps *out)
{
	int rc = 0;

	*out = (struct cdeps)CDEPS_INIT;
	for (size_t i = 0; i < l->nr && !rc; i++) {
		const struct golist_pkg *pk = &l->v[i];
		struct strvec libs = STRVEC_INIT, dirs = STRVEC_INIT;

		for (size_t k = 0; k < pk->pkg_config.nr && !rc; k++)
			if (pk->pkg_config.v[k][0] != '-')
				rc = need(out, prefs, pk->import_path, 'p', pk->pkg_config.v[k]);
		cdeps_ldflags(&pk->ldflags, &libs, &dirs);
		for (size_t k = 0; k < libs.nr && !rc; k++)
			if (!cdeps_libc(libs.v[k]) && !shipped(libs.v[k], &dirs))
				rc = need(out, prefs, pk->import_path, 'l', libs.v[k]);
		strvec_clear(&libs);
		strvec_clear(&dirs);
	}
	for (size_t i = 0; i < prefs->require.nr && !rc; i++) {
		char *why = xasprintf("required by %s", prefs->origin ? prefs->origin : "gostatic.ini");

		add(out, prefs->require.v[i], why, true);
		free(why);
	}
	if (rc)
		cdeps_release(out);
	return rc;
}

bool cdeps_equal(const struct cdeps *a, const struct cdeps *b)
{
	if (a->nr != b->nr)
		return false;
	for (size_t i = 0; i < a->nr; i++)
		if (strcmp(a->v[i].recipe, b->v[i].recipe) || a->v[i].by_lib != b->v[i].by_lib)
			return false;
	return true;
}
