/* recipes.c - finding recipes: the folders they are in, loading them */
#include "recipes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builtin.h"
#include "datadir.h"
#include "fsutil.h"
#include "log.h"

int recipe_dirs_add(struct recipe_dirs *d, const char *dir, const char *from)
{
	char *abs = absolute_path(dir), *what = xasprintf("recipe folder (from %s)", from);
	int rc = datadir_check(abs, what);

	if (!rc && !strvec_contains(&d->dirs, abs))
		strvec_push(&d->dirs, abs);
	free(what);
	free(abs);
	return rc;
}

int recipe_dirs_from_env(struct recipe_dirs *d)
{
	const char *env = getenv("GOSTATIC_RECIPES");
	struct strvec dirs = STRVEC_INIT;
	int rc = 0;

	strvec_split(&dirs, env ? env : "", ':');
	for (size_t i = 0; i < dirs.nr && !rc; i++)
		rc = recipe_dirs_add(d, dirs.v[i], "GOSTATIC_RECIPES");
	strvec_clear(&dirs);
	return rc ? -1 : 0;
}

void recipe_dirs_release(struct recipe_dirs *d)
{
	strvec_clear(&d->dirs);
}

/* Reads the patches the recipe names into r->patch_texts (in the order of
 * recipe_patch_text()): from dir, or from the built-in ones when dir is
 * NULL. Returns 0, or -1 after printing "origin:line: ...". */
static int load_patches(struct recipe *r, const char *dir)
{
	for (size_t i = 0; i < r->nsources; i++)
		for (size_t k = 0; k < r->sources[i].patches.nr; k++) {
			const char *name = r->sources[i].patches.v[k];
			unsigned line = recipe_line(r, "source", i ? r->sources[i].kind : "", "patch");

			if (dir) {
				char *path = xasprintf("%s/%s", dir, name);
				struct strbuf text = STRBUF_INIT;
				int e = read_file(path, 1 << 20, &text);

				if (!e)
					strvec_push(&r->patch_texts, text.buf);
				else
					gs_error("%s:%u: cannot read the patch '%s': %s", r->origin, line, path,
						 e == -EFBIG ? "larger than 1 MiB" : strerror(-e));
				free(path);
				strbuf_release(&text);
				if (e)
					return -1;
			} else {
				const struct builtin_file *b = builtin_patches;

				while (b->name && strcmp(b->name, name))
					b++;
				if (!b->name)
					BUG("%s:%u: no built-in patch '%s'", r->origin, line, name);
				strvec_pushn(&r->patch_texts, b->text, b->len);
			}
		}
	return 0;
}

/* What a walk callback returns. */
enum {
	WALK_ON = 0,            /* go on; the recipe is released */
	WALK_KEPT = 1,          /* the callback owns the recipe now; go on */
	WALK_KEPT_STOP = 2,     /* the callback owns it; stop */
};

struct walk_ctx {
	int (*fn)(struct recipe *r, void *ctx);
	void *ctx;
};

static int walk_file(const struct datafile *f, void *ctx)
{
	struct walk_ctx *w = ctx;
	char *expect = xstrndup(f->name, strlen(f->name) - strlen(".recipe")), *why = NULL;
	struct recipe r;
	int rc;

	if (recipe_parse(&r, f->text, f->len, f->origin, expect, &why)) {
		if (!f->dir)
			BUG("%s", why);         /* the tests parse every built-in recipe */
		gs_error("%s", why);
		rc = -1;
	} else if (load_patches(&r, f->dir)) {
		rc = -1;
	} else {
		rc = w->fn(&r, w->ctx);
	}
	if (rc != WALK_KEPT && rc != WALK_KEPT_STOP)
		recipe_release(&r);
	free(why);
	free(expect);
	return rc == WALK_KEPT ? 0 : rc;
}

/* Calls fn for every recipe file: the folders' first, then the built-in
 * ones; name, when set, restricts the walk to <name>.recipe. Returns 0,
 * WALK_KEPT_STOP when fn stopped the walk, or -1 (fn's or a recipe that
 * does not parse, printed). */
static int walk(const struct recipe_dirs *d, const char *name,
		int (*fn)(struct recipe *r, void *ctx), void *ctx)
{
	struct walk_ctx w = { fn, ctx };

	return datadir_each(&d->dirs, ".recipe", builtin_recipes, name, INI_MAX_FILE, walk_file, &w);
}

struct load_ctx {
	const char *version;
	struct recipe *out;
	struct strvec *seen;
	bool found;
};

static int load_cb(struct recipe *r, void *ctx)
{
	struct load_ctx *c = ctx;

	if (c->seen)
		strvec_pushf(c->seen, "%s (%s)", r->version, r->origin);
	if (c->version && strcmp(c->version, r->version))
		return 0;
	*c->out = *r;
	c->found = true;
	return WALK_KEPT_STOP;
}

int recipe_load(const struct recipe_dirs *d, const char *name, const char *version,
		struct recipe *r, struct strvec *found_versions)
{
	struct load_ctx c = { version, r, found_versions, false };
	int rc;

	memset(r, 0, sizeof(*r));
	rc = walk(d, name, load_cb, &c);
	if (c.found)
		return 0;
	return rc < 0 ? -1 : 1;
}

struct each_ctx {
	int (*fn)(struct recipe *r, void *ctx);
	void *ctx;
	struct strvec seen;
};

static int each_cb(struct recipe *r, void *ctx)
{
	struct each_ctx *c = ctx;

	if (strvec_contains(&c->seen, r->name))
		return 0;       /* hidden by an earlier recipe of the same name */
	strvec_push(&c->seen, r->name);
	return c->fn(r, c->ctx);
}

int recipe_each(const struct recipe_dirs *d, int (*fn)(struct recipe *r, void *ctx), void *ctx)
{
	struct each_ctx c = { fn, ctx, STRVEC_INIT };
	int rc = walk(d, NULL, each_cb, &c);

	strvec_clear(&c.seen);
	return rc < 0 ? -1 : 0;
}
