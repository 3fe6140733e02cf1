/* pkgs.c - recipes built into the store: choosing, naming, using them */
#include "pkgs.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buildsys.h"
#include "fsutil.h"
#include "log.h"

void pkg_prefs_release(struct pkg_prefs *p)
{
	recipe_dirs_release(&p->dirs);
	for (size_t i = 0; i < p->nr; i++) {
		free(p->v[i].name);
		free(p->v[i].version);
		strvec_clear(&p->v[i].features);
		free(p->v[i].where);
	}
	free(p->v);
	strvec_clear(&p->require);
	free(p->origin);
	free(p->malloc);
	free(p->malloc_where);
	*p = (struct pkg_prefs)PKG_PREFS_INIT;
}

const struct pkg_pref *pkg_prefs_get(const struct pkg_prefs *p, const char *name)
{
	for (size_t i = 0; i < p->nr; i++)
		if (!strcmp(p->v[i].name, name))
			return &p->v[i];
	return NULL;
}

struct pkg_pref *pkg_prefs_add(struct pkg_prefs *p, const char *name, const char *where)
{
	struct pkg_pref *f;

	for (size_t i = 0; i < p->nr; i++)
		if (!strcmp(p->v[i].name, name))
			return &p->v[i];
	ALLOC_GROW(p->v, p->nr + 1, p->alloc);
	f = &p->v[p->nr++];
	f->name = xstrdup(name);
	f->version = NULL;
	f->features = (struct strvec)STRVEC_INIT;
	f->where = xstrdup(where);
	return f;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' ||
	       c == '.';
}

int pkg_prefs_parse_spec(struct pkg_prefs *p, const char *spec, const char *where, char **name,
			 char **why)
{
	size_t n = strcspn(spec, "@[");
	const char *at = spec[n] == '@' ? spec + n + 1 : NULL, *br = strchr(spec, '[');
	struct pkg_pref *f;
	char *version = NULL;

	*name = NULL;
	*why = NULL;
	for (size_t i = 0; i < n; i++)
		if (!name_char(spec[i]) || !(spec[0] >= 'a' && spec[0] <= 'z')) {
			*why = xasprintf("'%s' is not a recipe name (NAME, NAME@VERSION, NAME[+feature,-feature])", spec);
			return -1;
		}
	if (!n) {
		*why = xasprintf("'%s' names no recipe", spec);
		return -1;
	}
	if (at) {
		size_t vl = br ? (size_t)(br - at) : strlen(at);

		if (!vl) {
			*why = xasprintf("'%s': the version after '@' is missing", spec);
			return -1;
		}
		version = xstrndup(at, vl);
	}
	if (br && (br[strlen(br) - 1] != ']' || strlen(br) < 3)) {
		free(version);
		*why = xasprintf("'%s': features go in brackets, like %.*s[+curl,-zstd]", spec, (int)n, spec);
		return -1;
	}
	*name = xstrndup(spec, n);
	f = pkg_prefs_add(p, *name, where);
	if (version) {
		free(f->version);
		f->version = version;
	}
	if (br) {
		char *list = xstrndup(br + 1, strlen(br) - 2);

		for (char *tok = list; *tok;) {
			size_t l = strcspn(tok, ",");
			char *w = xstrndup(tok, l);

			if (*w) {
				if (*w == '+' || *w == '-')
					strvec_push(&f->features, w);
				else
					strvec_pushf(&f->features, "+%s", w);
			}
			free(w);
			tok += l + (tok[l] == ',');
		}
		free(list);
	}
	return 0;
}

void pkgset_release(struct pkgset *s)
{
	for (size_t i = 0; i < s->nr; i++) {
		struct pkg *p = &s->v[i];

		recipe_release(&p->r);
		strvec_clear(&p->features);
		free(p->deps);
		free(p->entry);
		free(p->dir);
		free(p->source_file);
		free(p->source_sha256);
		free(p->source_kind);
	}
	free(s->v);
	*s = (struct pkgset)PKGSET_INIT;
}

/* The features on: the recipe's defaults changed by the preference. */
static int choose_features(const struct recipe *r, const struct pkg_pref *pref, struct strvec *on)
{
	for (size_t i = 0; i < r->nfeatures; i++)
		if (r->features[i].on)
			strvec_push(on, r->features[i].name);
	for (size_t i = 0; pref && i < pref->features.nr; i++) {
		const char *w = pref->features.v[i], *fname = w + 1;
		struct strvec keep = STRVEC_INIT;

		if (!recipe_feature(r, fname)) {
			struct strbuf known = STRBUF_INIT;

			for (size_t k = 0; k < r->nfeatures; k++)
				strbuf_addf(&known, "%s%s", k ? ", " : "", r->features[k].name);
			gs_error("%s: %s has no feature '%s' (%s: %s)", pref->where, r->name, fname,
				 r->nfeatures ? "its features" : "it has none", r->nfeatures ? known.buf : r->origin);
			strbuf_release(&known);
			return -1;
		}
		for (size_t k = 0; k < on->nr; k++)
			if (strcmp(on->v[k], fname))
				strvec_push(&keep, on->v[k]);
		if (*w == '+')
			strvec_push(&keep, fname);
		strvec_clear(on);
		*on = keep;
	}
	strvec_sort(on);
	return 0;
}

static int add(struct pkgset *s, const struct pkg_prefs *prefs, const char *name, const char *why,
	       struct strvec *stack, size_t *idx)
{
	const struct pkg_pref *pref = pkg_prefs_get(prefs, name);
	struct strvec versions = STRVEC_INIT, deps = STRVEC_INIT;
	struct recipe r;
	struct pkg *p;
	size_t me;
	int rc;

	if (strvec_contains(stack, name)) {
		struct strbuf chain = STRBUF_INIT;

		for (size_t i = 0; i < stack->nr; i++)
			strbuf_addf(&chain, "%s -> ", stack->v[i]);
		gs_error("the recipes depend on each other in a circle: %s%s", chain.buf, name);
		strbuf_release(&chain);
		return -1;
	}
	for (size_t i = 0; i < s->nr; i++)
		if (!strcmp(s->v[i].r.name, name)) {
			*idx = i;
			return 0;
		}
	rc = recipe_load(&prefs->dirs, name, pref ? pref->version : NULL, &r, &versions);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		if (pref && pref->version && versions.nr) {
			struct strbuf list = STRBUF_INIT;

			for (size_t i = 0; i < versions.nr; i++)
				strbuf_addf(&list, "%s%s", i ? ", " : "", versions.v[i]);
			gs_error("%s pins %s to version %s, but the recipes have %s; add a recipe for %s %s to a "
				 "folder in GOSTATIC_RECIPES", pref->where, name, pref->version, list.buf, name,
				 pref->version);
			strbuf_release(&list);
		} else {
			gs_error("no recipe called '%s' (%s); see 'gostatic recipe list', or add %s.recipe to a "
				 "folder in GOSTATIC_RECIPES", name, why, name);
		}
		strvec_clear(&versions);
		return -1;
	}
	strvec_clear(&versions);
	if (s->goarch && !recipe_supports(&r, s->goarch)) {
		gs_error("%s: %s does not build for %s (its targets: see [package] targets) (%s)", r.origin, name,
			 s->goarch, why);
		recipe_release(&r);
		return -1;
	}
	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	me = s->nr++;
	p = &s->v[me];
	memset(p, 0, sizeof(*p));
	p->r = r;
	p->features = (struct strvec)STRVEC_INIT;
	if (choose_features(&p->r, pref, &p->features))
		return -1;
	for (size_t i = 0; i < p->r.libs.nr; i++)
		strvec_push(&deps, p->r.libs.v[i]);
	for (size_t i = 0; i < p->features.nr; i++) {
		const struct recipe_feature *f = recipe_feature(&p->r, p->features.v[i]);

		for (size_t k = 0; k < f->libs.nr; k++)
			if (!strvec_contains(&deps, f->libs.v[k]))
				strvec_push(&deps, f->libs.v[k]);
	}
	strvec_push(stack, name);
	for (size_t i = 0; i < deps.nr; i++) {
		char *because = xasprintf("needed by %s", name);
		size_t d;

		rc = add(s, prefs, deps.v[i], because, stack, &d);
		free(because);
		if (rc) {
			strvec_clear(&deps);
			return -1;
		}
		p = &s->v[me];      /* the array may have moved */
		p->deps = xrealloc(p->deps, (p->ndeps + 1) * sizeof(*p->deps));
		p->deps[p->ndeps++] = d;
	}
	free((char *)stack->v[--stack->nr]);
	stack->v[stack->nr] = NULL;
	strvec_clear(&deps);
	/* keep dependencies before their users: move this entry to the end */
	if (me != s->nr - 1) {
		struct pkg tmp = s->v[me];

		memmove(&s->v[me], &s->v[me + 1], (s->nr - me - 1) * sizeof(*s->v));
		s->v[s->nr - 1] = tmp;
		for (size_t i = 0; i < s->nr; i++)
			for (size_t k = 0; k < s->v[i].ndeps; k++) {
				size_t *d = &s->v[i].deps[k];

				if (*d == me)
					*d = s->nr - 1;
				else if (*d > me)
					(*d)--;
			}
		me = s->nr - 1;
	}
	*idx = me;
	return 0;
}

int pkgset_add(struct pkgset *s, const struct pkg_prefs *prefs, const char *name, const char *why,
	       size_t *idx)
{
	struct strvec stack = STRVEC_INIT;
	int rc = add(s, prefs, name, why, &stack, idx);

	strvec_clear(&stack);
	if (!rc)
		s->v[*idx].wanted = true;
	return rc;
}

int pkgset_add_allocator(struct pkgset *s, const struct pkg_prefs *prefs, const char *name, const char *where)
{
	char *why;
	size_t idx;
	int rc;

	if (!strcmp(name, "musl"))
		return 0;
	why = xasprintf("the allocator chosen by %s", where);
	rc = pkgset_add(s, prefs, name, why, &idx);
	free(why);
	if (rc)
		return -1;
	if (!s->v[idx].r.allocator_object)
		return gs_error("%s chooses '%s' as the allocator, but %s is not one (it has no [allocator] "
				"section): give mimalloc, another allocator recipe, or musl", where, name,
				s->v[idx].r.origin);
	s->v[idx].allocator = true;
	return 0;
}

void pkgset_link_objects(const struct pkgset *s, struct strvec *out)
{
	const struct pkg *p = pkgset_allocator(s);

	size_t n;

	if (!p)
		return;
	n = strlen(p->r.allocator_object);
	/* an archive is linked whole, as an object is */
	if (n > 2 && !strcmp(p->r.allocator_object + n - 2, ".a"))
		strvec_push(out, "-Wl,--whole-archive");
	strvec_pushf(out, SYSROOT_STORE_NAME "/pkgs/%s/%s", p->entry, p->r.allocator_object);
	if (n > 2 && !strcmp(p->r.allocator_object + n - 2, ".a"))
		strvec_push(out, "-Wl,--no-whole-archive");
}

const struct pkg *pkgset_allocator(const struct pkgset *s)
{
	for (size_t i = 0; i < s->nr; i++)
		if (s->v[i].allocator)
			return &s->v[i];
	return NULL;
}

struct provider_ctx {
	const struct pkg_prefs *prefs;
	char kind;
	const char *what;
	char *first;            /* the first recipe that provides it */
	char *preferred;        /* the first one the preferences name */
};

static int provider_cb(struct recipe *r, void *ctx)
{
	struct provider_ctx *c = ctx;
	const struct strvec *names = c->kind == 'p' ? &r->pc_names : &r->lib_names;

	if (!strvec_contains(names, c->what))
		return 0;
	if (!c->first)
		c->first = xstrdup(r->name);
	if (!c->preferred && pkg_prefs_get(c->prefs, r->name))
		c->preferred = xstrdup(r->name);
	return 0;
}

int pkg_provider(const struct pkg_prefs *prefs, char kind, const char *what, char **recipe)
{
	struct provider_ctx c = { prefs, kind, what, NULL, NULL };

	*recipe = NULL;
	if (recipe_each(&prefs->dirs, provider_cb, &c)) {
		free(c.first);
		free(c.preferred);
		return -1;
	}
	if (c.preferred) {
		*recipe = c.preferred;
		free(c.first);
	} else {
		*recipe = c.first;
	}
	return *recipe ? 0 : 1;
}

void pkgset_name(struct pkgset *s, const struct store *st, const char *sysroot_name)
{
	for (size_t i = 0; i < s->nr; i++) {
		struct pkg *p = &s->v[i];
		struct strbuf ident = STRBUF_INIT;
		struct strvec deps = STRVEC_INIT;
		char *meta, *h, *text_hash = store_hash16(p->r.text);

		strbuf_addf(&ident, "%s\n%s\nrecipe %s %s %s\nfeatures", STORE_FORMAT, buildsys_identity(),
			    p->r.name, p->r.version, text_hash);
		for (size_t k = 0; k < p->features.nr; k++)
			strbuf_addf(&ident, " %s", p->features.v[k]);
		for (size_t k = 0; k < p->r.patch_texts.nr; k++) {
			char *ph = store_hash16(p->r.patch_texts.v[k]);

			strbuf_addf(&ident, "\npatch %s", ph);
			free(ph);
		}
		strbuf_addf(&ident, "\nsysroot %s\n", sysroot_name);
		for (size_t k = 0; k < p->ndeps; k++)
			strvec_push(&deps, s->v[p->deps[k]].entry);
		strvec_sort(&deps);
		for (size_t k = 0; k < deps.nr; k++)
			strbuf_addf(&ident, "dep %s\n", deps.v[k]);
		h = store_hash16(ident.buf);
		free(p->entry);
		free(p->dir);
		p->entry = xasprintf("%s-%s-%s", p->r.name, p->r.version, h);
		p->dir = store_path(st, "pkgs/%s", p->entry);
		meta = xasprintf("%s/%s", p->dir, PKG_META_FILE);
		p->present = path_exists(meta);
		free(meta);
		free(h);
		free(text_hash);
		strvec_clear(&deps);
		strbuf_release(&ident);
	}
}

int pkg_read_meta(const struct store *st, struct pkg *p)
{
	char *path = xasprintf("%s/%s", p->dir, PKG_META_FILE);
	json_error_t jerr;
	json_t *o = json_load_file(path, 0, &jerr), *src;
	int rc = -1;

	if (!o) {
		gs_error("%s:%d: %s", path, jerr.line, jerr.text);
		goto out;
	}
	src = json_object_get(o, "source");
	if (!json_is_object(src) || !json_is_string(json_object_get(src, "sha256")) ||
	    !json_is_string(json_object_get(src, "file")) || !json_is_string(json_object_get(src, "kind"))) {
		gs_error("%s: no source file and sha256 in it; remove the entry to build it again", path);
		goto out;
	}
	free(p->source_file);
	free(p->source_sha256);
	free(p->source_kind);
	p->source_file = xstrdup(json_string_value(json_object_get(src, "file")));
	p->source_sha256 = xstrdup(json_string_value(json_object_get(src, "sha256")));
	p->source_kind = xstrdup(json_string_value(json_object_get(src, "kind")));
	p->seconds = store_build_seconds(st, "pkg", p->entry);
	rc = 0;
out:
	json_decref(o);
	free(path);
	return rc;
}

void pkgset_go_env(const struct pkgset *s, struct strvec *env)
{
	struct strbuf libdir = STRBUF_INIT, cflags = STRBUF_INIT, ldflags = STRBUF_INIT;
	const char *uc = getenv("CGO_CFLAGS"), *ul = getenv("CGO_LDFLAGS");

	strbuf_addstr(&cflags, uc ? uc : "-g -O2");
	strbuf_addstr(&ldflags, ul ? ul : "-g -O2");
	/* users before what they use, as a linker wants them */
	for (size_t n = s->nr; n-- > 0;) {
		const struct pkg *p = &s->v[n];

		strbuf_addf(&libdir, "%s%s/lib/pkgconfig", libdir.len ? ":" : "", p->dir);
		strbuf_addf(&cflags, " -I" SYSROOT_STORE_NAME "/pkgs/%s/include", p->entry);
		strbuf_addf(&ldflags, " -L" SYSROOT_STORE_NAME "/pkgs/%s/lib", p->entry);
	}

	strvec_pushf(env, "GOSTATIC_PKG_CONFIG_LIBDIR=%s", libdir.buf);
	if (s->nr) {
		strvec_pushf(env, "CGO_CFLAGS=%s", cflags.buf);
		strvec_pushf(env, "CGO_LDFLAGS=%s", ldflags.buf);
	}
	strbuf_release(&libdir);
	strbuf_release(&cflags);
	strbuf_release(&ldflags);
}
