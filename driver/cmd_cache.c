/* cmd_cache.c - gostatic cache: keygen, push, ls */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "cmd.h"
#include "fsutil.h"
#include "log.h"
#include "pkgs.h"
#include "recipes.h"
#include "store.h"
#include "sysroot.h"

static const char cache_usage[] =
"usage: gostatic cache keygen FILE | push [NAME...] | ls [--target T] [--cache URL]\n"
"\n"
"The binary cache shares store entries (sysroots and C libraries) through an\n"
"OCI registry, signed: a build that misses an entry pulls it instead of\n"
"compiling it, when its signature verifies against a trusted key. See\n"
"docs/cache.md.\n"
"\n"
"  keygen FILE    write a new ed25519 key pair: FILE (private, mode 0600,\n"
"                 for GOSTATIC_CACHE_KEY) and FILE.pub (for\n"
"                 GOSTATIC_CACHE_TRUST); print the key's id\n"
"  push [NAME...] upload the target's entries in the store (with names:\n"
"                 those recipes' entries, their dependencies and their\n"
"                 sysroot), signed with GOSTATIC_CACHE_KEY; an entry the\n"
"                 registry has already is skipped, never replaced\n"
"  ls             what the registry has for the target, and whether the\n"
"                 store has it too\n"
"\n"
"  --target T     linux/amd64, linux/arm64 (default: GOARCH, else this host)\n"
"  --cache URL    the registry: oci://HOST[:PORT]/PATH (HTTPS) or\n"
"                 oci+http://HOST:PORT/PATH (default: GOSTATIC_CACHE)\n"
"\n"
"environment: GOSTATIC_CACHE, GOSTATIC_CACHE_KEY, GOSTATIC_CACHE_TRUST\n"
"(public key files, colon-separated), GOSTATIC_CACHE_USER and\n"
"GOSTATIC_CACHE_PASSWORD (else docker's config.json), GOSTATIC_CACHE_TIMEOUT.\n"
"exit status: 0 done, 1 a push or the registry failed, 2 usage or\n"
"environment error.\n";

#define usage_error(...) out_usage(&gs_out, "cache", __VA_ARGS__)

/* One entry of the store, from its record. */
struct stored {
	char *name, *version, *entry, *dir, *sysroot;
	struct strvec depends;
	bool push;
};

struct store_list {
	struct stored *v;
	size_t nr, alloc;
};

static void list_release(struct store_list *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->v[i].name);
		free(l->v[i].version);
		free(l->v[i].entry);
		free(l->v[i].dir);
		free(l->v[i].sysroot);
		strvec_clear(&l->v[i].depends);
	}
	free(l->v);
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The recipe entries of the target in the store. */
static int read_store(const struct store *st, const char *target, struct store_list *l)
{
	char *dir = store_path(st, "pkgs");
	struct strvec names = STRVEC_INIT;
	int rc = list_dir(dir, &names);

	if (rc == -ENOENT)
		rc = 0;
	for (size_t i = 0; !rc && i < names.nr; i++) {
		char *path = xasprintf("%s/%s/%s", dir, names.v[i], PKG_META_FILE);
		json_t *o = names.v[i][0] == '.' ? NULL : json_load_file(path, 0, NULL), *deps;
		const char *t = jstr(o, "target"), *name = jstr(o, "name"), *entry = jstr(o, "entry");

		if (o && t && name && entry && !strcmp(t, target) && !strcmp(entry, names.v[i])) {
			struct stored *s;

			ALLOC_GROW(l->v, l->nr + 1, l->alloc);
			s = &l->v[l->nr++];
			memset(s, 0, sizeof(*s));
			s->name = xstrdup(name);
			s->version = xstrdup(jstr(o, "version") ? jstr(o, "version") : "");
			s->entry = xstrdup(entry);
			s->dir = xasprintf("%s/%s", dir, entry);
			s->sysroot = xstrdup(jstr(o, "sysroot") ? jstr(o, "sysroot") : "");
			s->depends = (struct strvec)STRVEC_INIT;
			deps = json_object_get(o, "depends");
			for (size_t k = 0; k < json_array_size(deps); k++)
				if (json_is_string(json_array_get(deps, k)))
					strvec_push(&s->depends, json_string_value(json_array_get(deps, k)));
		}
		json_decref(o);
		free(path);
	}
	if (rc)
		gs_error_errno(-rc, "cannot read '%s'", dir);
	strvec_clear(&names);
	free(dir);
	return rc ? -1 : 0;
}

static void mark(struct store_list *l, const char *entry)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i].entry, entry) && !l->v[i].push) {
			l->v[i].push = true;
			for (size_t k = 0; k < l->v[i].depends.nr; k++)
				mark(l, l->v[i].depends.v[k]);
		}
}

static int do_push(struct cache *c, const struct store *st, const struct sysroot_def *def,
		   const struct strvec *names)
{
	struct store_list l = { 0 };
	struct sysroot sr;
	size_t failed = 0, skipped = 0, pushed = 0;
	bool push_sysroot = !names->nr, skip;
	int have = sysroot_lookup(st, def, &sr);
	int rc = 2;

	if (have < 0 || read_store(st, def->target, &l))
		goto out;
	for (size_t i = 0; i < names->nr; i++) {
		bool found = false;

		for (size_t k = 0; k < l.nr; k++)
			if (!strcmp(l.v[k].name, names->v[i])) {
				found = true;
				mark(&l, l.v[k].entry);
				push_sysroot |= !strcmp(l.v[k].sysroot, sr.name);
			}
		if (!found) {
			gs_error("the store has no entry of %s for %s: build it first (gostatic recipe build --target %s "
				 "%s)", names->v[i], def->target, def->goarch, names->v[i]);
			rc = 1;
			goto out;
		}
	}
	if (!names->nr)
		for (size_t k = 0; k < l.nr; k++)
			l.v[k].push = true;
	if (push_sysroot && have == 0) {
		if (cache_push(c, &(struct cache_entry){ .sysroot = true, .name = "sysroot", .target = def->target,
							 .entry = sr.name, .dir = sr.dir }, &skip))
			failed++;
		else if (skip)
			skipped++;
		else
			pushed++;
	}
	for (size_t k = 0; k < l.nr && !c->down; k++) {
		if (!l.v[k].push)
			continue;
		if (cache_push(c, &(struct cache_entry){ .name = l.v[k].name, .version = l.v[k].version,
							 .target = def->target, .entry = l.v[k].entry, .dir = l.v[k].dir },
			       &skip))
			failed++;
		else if (skip)
			skipped++;
		else
			pushed++;
	}
	printf("%zu pushed, %zu already in the cache%s", pushed, skipped, failed ? "" : "\n");
	if (failed)
		printf(", %zu failed\n", failed);
	rc = failed || c->down ? 1 : 0;
out:
	list_release(&l);
	sysroot_release(&sr);
	return rc;
}

struct names_ctx {
	struct strvec *names;
};

static int name_cb(struct recipe *r, void *ctx)
{
	struct names_ctx *n = ctx;

	if (!strvec_contains(n->names, r->name))
		strvec_push(n->names, r->name);
	return 0;
}

static int do_ls(struct cache *c, const struct store *st, const struct sysroot_def *def)
{
	struct recipe_dirs dirs = RECIPE_DIRS_INIT;
	struct strvec names = STRVEC_INIT;
	struct names_ctx nc = { &names };
	struct oci_client *cl = cache_client(c);
	char *prefix = xasprintf("%s_", def->target), *why = NULL;
	size_t shown = 0;
	int rc = 2;

	strvec_push(&names, "sysroot");
	if (!cl || recipe_dirs_from_env(&dirs) || recipe_each(&dirs, name_cb, &nc))
		goto out;
	if (oci_ping(cl, NULL, &why)) {
		gs_error("the cache %s: %s", c->url.text, why);
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < names.nr; i++) {
		struct strvec tags = STRVEC_INIT;
		char *repo = NULL, *tag = NULL;
		int r;

		if (oci_entry_ref(&c->url, names.v[i], def->target, names.v[i], &repo, &tag))
			continue;
		free(why);
		why = NULL;
		r = oci_tags(cl, repo, &tags, &why);
		if (r < 0) {
			gs_error("the cache %s: %s", c->url.text, why);
			rc = 1;
			free(repo);
			free(tag);
			strvec_clear(&tags);
			goto out;
		}
		strvec_sort(&tags);
		for (size_t k = 0; k < tags.nr; k++) {
			const char *t = tags.v[k], *rest = t + strlen(prefix);
			char *sig, *entry, *path;

			if (!starts_with(t, prefix) || (strlen(t) > 4 && !strcmp(t + strlen(t) - 4, ".sig")))
				continue;
			sig = xasprintf("%s.sig", t);
			entry = !strcmp(names.v[i], "sysroot") ? xstrdup(rest) : xasprintf("%s-%s", names.v[i], rest);
			path = !strcmp(names.v[i], "sysroot") ? store_path(st, "sysroots/%s", entry)
							      : store_path(st, "pkgs/%s", entry);
			printf("%-12s %-44s %-8s %s\n", names.v[i], entry, strvec_contains(&tags, sig) ? "signed" : "unsigned",
			       path_exists(path) ? "in the store" : "");
			shown++;
			free(sig);
			free(entry);
			free(path);
		}
		strvec_clear(&tags);
		free(repo);
		free(tag);
	}
	if (!shown)
		printf("the cache %s has no entry for %s\n", c->url.text, def->target);
	rc = 0;
out:
	recipe_dirs_release(&dirs);
	strvec_clear(&names);
	free(prefix);
	free(why);
	return rc;
}

int cmd_cache(int argc, const char **argv)
{
	struct strvec args = STRVEC_INIT;
	const char *sub, *target = NULL, *url = NULL;
	struct store st = STORE_INIT;
	struct cache c = CACHE_INIT;
	struct sysroot_def def;
	bool have_def = false;
	int rc = 2;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(cache_usage, stdout);
			return 0;
		}
	if (argc < 2)
		return usage_error("say keygen, push or ls");
	sub = argv[1];
	if (strcmp(sub, "keygen") && strcmp(sub, "push") && strcmp(sub, "ls"))
		return usage_error("unknown subcommand '%s': say keygen, push or ls", sub);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--target") || starts_with(a, "--target=") || !strcmp(a, "--cache") ||
		    starts_with(a, "--cache=")) {
			bool t = a[2] == 't';
			size_t n = t ? 8 : 7;
			const char *v;

			if (!a[n] && ++i >= argc) {
				rc = usage_error("option '%s' needs a value", a);
				goto out;
			}
			v = a[n] == '=' ? a + n + 1 : argv[i];
			if (t)
				target = v;
			else
				url = v;
		} else if (!strcmp(a, "-v")) {
			gs_out.verbosity++;
		} else if (a[0] == '-') {
			rc = usage_error("unknown option '%s' for %s", a, sub);
			goto out;
		} else {
			strvec_push(&args, a);
		}
	}
	if (!strcmp(sub, "keygen")) {
		char *keyid = NULL;

		if (args.nr != 1 || target || url) {
			rc = usage_error("keygen takes one file name");
			goto out;
		}
		if (sign_keygen(args.v[0], &keyid))
			goto out;
		printf("key %s: private %s (keep it secret: GOSTATIC_CACHE_KEY), public %s.pub (GOSTATIC_CACHE_TRUST)\n",
		       keyid, args.v[0], args.v[0]);
		free(keyid);
		rc = 0;
		goto out;
	}
	if (!strcmp(sub, "ls") && args.nr) {
		rc = usage_error("ls takes no names");
		goto out;
	}
	if (cache_open(&c, url))
		goto out;
	if (!c.on) {
		rc = usage_error("no cache: set GOSTATIC_CACHE or give --cache oci://HOST/PATH");
		goto out;
	}
	if (store_open(&st) || sysroot_find(target, &def))
		goto out;
	have_def = true;
	if (!strcmp(sub, "push"))
		rc = do_push(&c, &st, &def, &args);
	else
		rc = do_ls(&c, &st, &def);
out:
	if (have_def)
		sysroot_def_release(&def);
	cache_close(&c);
	store_close(&st);
	strvec_clear(&args);
	return rc;
}
