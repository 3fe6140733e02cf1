/* cmd_recipe.c - gostatic recipe: list, show, fetch, build */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "cmd.h"
#include "fsutil.h"
#include "log.h"
#include "pkgbuild.h"
#include "pkgs.h"
#include "project.h"
#include "store.h"
#include "sysroot.h"

static const char recipe_usage[] =
"usage: gostatic recipe list|show|fetch|build [options] [NAME...]\n"
"\n"
"A recipe says how to build one C library as static archives against\n"
"musl: its source (with a mandatory sha256), dependencies, build steps,\n"
"what it provides (pkg-config modules, -l names) and a check. gostatic\n"
"build uses the recipes its program's cgo lines ask for; these commands\n"
"work on recipes directly.\n"
"\n"
"  list [--json]          every recipe: name, version, licence, provides\n"
"  show [--raw] NAME      one recipe in full, and its store entry; --raw\n"
"                         prints the recipe file (a start for your own)\n"
"  fetch NAME... | --all  download and verify the sources of the recipes\n"
"                         and of what they depend on\n"
"  build NAME... | --all  build them (and their dependencies) into the\n"
"                         store unless it has them; print the entries\n"
"\n"
"  --target T             linux/amd64, linux/arm64 (default: GOARCH, else\n"
"                         this host)\n"
"  --rebuild              build the named recipes again (build only)\n"
"  --check                build the named recipes (or --all) again in a\n"
"                         temporary folder and compare every file with the\n"
"                         store's entry, naming those that differ; exit 1\n"
"                         when one does (build only; missing entries are\n"
"                         built first)\n"
"  --cache URL            look missing entries up in this OCI registry\n"
"                         before building them (build only; GOSTATIC_CACHE,\n"
"                         docs/cache.md)\n"
"\n"
"NAME may pin a version or set features: librdkafka@2.0.2,\n"
"librdkafka[+sasl-cyrus,-zstd]. A gostatic.ini in the current folder or\n"
"above (see 'gostatic build --help') is read as for gostatic build.\n"
"\n"
"environment: GOSTATIC_RECIPES (folders of more recipes, searched before\n"
"the built-in ones), GOSTATIC_HOME, GOSTATIC_MIRRORS, GOSTATIC_FETCH,\n"
"GOSTATIC_CACHE, GOSTATIC_CACHE_TRUST, GOSTATIC_CACHE_KEY, GOSTATIC_CACHE_PUSH.\n"
"exit status: 0 done, 1 a download, build or check failed, 2 usage or\n"
"environment error (a bad recipe, a missing host tool).\n";

#define usage_error(...) out_usage(&gs_out, "recipe", __VA_ARGS__)

struct list_ctx {
	json_t *arr;              /* --json, or NULL */
	struct strvec names;
	struct strbuf text;
};

static void join(struct strbuf *sb, const struct strvec *v, const char *sep)
{
	for (size_t i = 0; i < v->nr; i++)
		strbuf_addf(sb, "%s%s", i ? sep : "", v->v[i]);
}

static json_t *json_strings(const struct strvec *v)
{
	json_t *a = json_array();

	for (size_t i = 0; i < v->nr; i++)
		json_array_append_new(a, json_string(v->v[i]));
	return a;
}

static int list_cb(struct recipe *r, void *ctx)
{
	struct list_ctx *c = ctx;

	strvec_push(&c->names, r->name);
	if (c->arr) {
		json_t *o = json_object(), *feats = json_array();

		for (size_t i = 0; i < r->nfeatures; i++)
			json_array_append_new(feats, json_pack("{s:s, s:b}", "name", r->features[i].name, "default",
							       r->features[i].on));
		json_object_set_new(o, "name", json_string(r->name));
		json_object_set_new(o, "version", json_string(r->version));
		json_object_set_new(o, "license", json_string(r->license));
		json_object_set_new(o, "summary", r->summary ? json_string(r->summary) : json_null());
		json_object_set_new(o, "pkgconfig", json_strings(&r->pc_names));
		json_object_set_new(o, "lib", json_strings(&r->lib_names));
		json_object_set_new(o, "depends", json_strings(&r->libs));
		json_object_set_new(o, "features", feats);
		json_object_set_new(o, "origin", json_string(r->origin));
		json_array_append_new(c->arr, o);
	} else {
		struct strbuf prov = STRBUF_INIT;

		for (size_t i = 0; i < r->pc_names.nr; i++)
			strbuf_addf(&prov, "%s%s", prov.len ? " " : "", r->pc_names.v[i]);
		for (size_t i = 0; i < r->lib_names.nr; i++)
			strbuf_addf(&prov, "%s-l%s", prov.len ? " " : "", r->lib_names.v[i]);
		strbuf_addf(&c->text, "%-12s %-8s %-34s %s\n", r->name, r->version, prov.buf,
			    starts_with(r->origin, "built-in ") ? "built-in" : r->origin);
		strbuf_release(&prov);
	}
	return 0;
}

static int do_list(const struct pkg_prefs *prefs, bool as_json)
{
	struct list_ctx c = { as_json ? json_array() : NULL, STRVEC_INIT, STRBUF_INIT };
	int rc = 0;

	if (recipe_each(&prefs->dirs, list_cb, &c)) {
		rc = 2;
	} else if (as_json) {
		char *s = json_dumps(c.arr, JSON_COMPACT);

		printf("%s\n", s);
		free(s);
	} else {
		printf("%-12s %-8s %-34s %s\n", "NAME", "VERSION", "PROVIDES", "FROM");
		fputs(c.text.buf, stdout);
	}
	json_decref(c.arr);
	strvec_clear(&c.names);
	strbuf_release(&c.text);
	return rc;
}

/* The sysroot definition and entry name for --target. */
static int target_sysroot(const char *target, const struct store *st, struct sysroot_def *def,
			  char **name)
{
	if (sysroot_find(target, def))
		return -1;
	if (sysroot_name(st, def, name)) {
		sysroot_def_release(def);
		return -1;
	}
	return 0;
}

static int do_show(struct pkg_prefs *prefs, const char *spec, bool raw, const char *target)
{
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct pkgset set = PKGSET_INIT;
	char *name = NULL, *why = NULL, *sysname = NULL;
	const struct pkg *p;
	size_t idx;
	int rc = 2;

	if (pkg_prefs_parse_spec(prefs, spec, "the command line", &name, &why)) {
		rc = usage_error("%s", why);
		free(why);
		return rc;
	}
	if (raw) {
		struct recipe r;
		const struct pkg_pref *pf = pkg_prefs_get(prefs, name);
		int found = recipe_load(&prefs->dirs, name, pf ? pf->version : NULL, &r, NULL);

		if (found == 0)
			fputs(r.text, stdout);
		else if (found > 0)
			gs_error("no recipe called '%s' (see 'gostatic recipe list')", name);
		recipe_release(&r);
		free(name);
		return found == 0 ? 0 : found > 0 ? 1 : 2;
	}
	if (store_open(&st) || target_sysroot(target, &st, &def, &sysname))
		goto out_nodef;
	set.goarch = def.goarch;
	if (pkgset_add(&set, prefs, name, "asked for on the command line", &idx)) {
		rc = 1;
		goto out;
	}
	pkgset_name(&set, &st, sysname);
	p = &set.v[idx];
	printf("%s %s%s%s\n", p->r.name, p->r.version, p->r.summary ? " - " : "", p->r.summary ? p->r.summary : "");
	if (p->r.homepage)
		printf("homepage   %s\n", p->r.homepage);
	printf("license    %s (", p->r.license);
	for (size_t i = 0; i < p->r.license_files.nr; i++)
		printf("%s%s", i ? ", " : "", p->r.license_files.v[i]);
	printf(")\nrecipe     %s\n", p->r.origin);
	for (size_t i = 0; i < p->r.nsources; i++) {
		const struct recipe_source *s = &p->r.sources[i];

		printf("source     %s%s%s\n           sha256 %s\n", s->src.file, i ? "  (alternative: " : "",
		       i ? s->kind : "", s->src.sha256);
		if (i)
			printf("           used when the first source cannot be had)\n");
		for (size_t k = 0; k < s->src.urls.nr; k++)
			printf("           %s\n", s->src.urls.v[k]);
		if (s->src.debian_pkg)
			printf("           Debian source package %s (%s)\n", s->src.debian_pkg, s->src.debian_file);
	}
	printf("build      %s\n", p->r.system->name);
	if (p->r.libs.nr || p->r.tools.nr) {
		struct strbuf sb = STRBUF_INIT;

		join(&sb, &p->r.libs, " ");
		if (p->r.tools.nr) {
			strbuf_addf(&sb, "%stools: ", sb.len ? "; " : "");
			join(&sb, &p->r.tools, " ");
		}
		printf("depends    %s\n", sb.buf);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < p->r.nfeatures; i++) {
		const struct recipe_feature *f = &p->r.features[i];

		printf("feature    %-12s %-3s (default %s)%s%s\n", f->name, strvec_contains(&p->features, f->name) ? "on" : "off",
		       f->on ? "on" : "off", f->summary ? "  " : "", f->summary ? f->summary : "");
	}
	{
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < p->r.pc_names.nr; i++)
			strbuf_addf(&sb, "%s%s", sb.len ? " " : "", p->r.pc_names.v[i]);
		for (size_t i = 0; i < p->r.lib_names.nr; i++)
			strbuf_addf(&sb, "%s-l%s", sb.len ? " " : "", p->r.lib_names.v[i]);
		printf("provides   %s\n", sb.buf);
		strbuf_release(&sb);
	}
	printf("check      %s\n", p->r.has_check ? "a C program compiled, linked and run after install" : "none");
	printf("entry      %s (%s)\n", p->dir, p->present ? "in the store" : "not built yet");
	rc = 0;
out:
	sysroot_def_release(&def);
out_nodef:
	pkgset_release(&set);
	store_close(&st);
	free(name);
	free(sysname);
	return rc;
}

struct all_ctx {
	struct strvec *names;
	const char *goarch;
};

static int all_cb(struct recipe *r, void *ctx)
{
	struct all_ctx *c = ctx;

	if (recipe_supports(r, c->goarch))
		strvec_push(c->names, r->name);
	return 0;
}

static int do_fetch_build(struct pkg_prefs *prefs, const struct strvec *specs, bool all, bool build,
			  bool rebuild, bool check, const char *target, const char *cache_url)
{
	struct cache cache = CACHE_INIT;
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct sysroot sr = SYSROOT_INIT;
	struct pkgset set = PKGSET_INIT;
	struct strvec names = STRVEC_INIT;
	struct pkg_report report;
	char *sysname = NULL;
	bool have_def = false;
	int rc = 2;

	if (store_open(&st) || target_sysroot(target, &st, &def, &sysname))
		goto out;
	have_def = true;
	if (build && cache_open(&cache, cache_url))
		goto out;
	for (size_t i = 0; i < specs->nr; i++) {
		char *name = NULL, *why = NULL;

		if (pkg_prefs_parse_spec(prefs, specs->v[i], "the command line", &name, &why)) {
			rc = usage_error("%s", why);
			free(why);
			goto out;
		}
		strvec_push(&names, name);
		free(name);
	}
	if (all) {
		struct all_ctx c = { &names, def.goarch };

		if (recipe_each(&prefs->dirs, all_cb, &c))
			goto out;
	}
	set.goarch = def.goarch;
	for (size_t i = 0; i < names.nr; i++) {
		size_t idx;

		if (pkgset_add(&set, prefs, names.v[i], "asked for on the command line", &idx)) {
			rc = 1;
			goto out;
		}
	}
	pkgset_name(&set, &st, sysname);
	if (!build) {
		rc = pkgset_fetch(&set, &st);
		if (!rc)
			for (size_t i = 0; i < set.nr; i++)
				printf("%s %s: sources ready\n", set.v[i].r.name, set.v[i].r.version);
		goto out;
	}
	rc = pkgset_ensure(&set, &st, &def, rebuild ? &names : NULL, &cache, &sr, &report);
	if (rc)
		goto out;
	for (size_t i = 0; i < set.nr; i++) {
		const struct pkg *p = &set.v[i];
		char *state = p->built ? xasprintf("built in %.1f s", p->seconds)
				       : xstrdup(p->pulled ? "pulled" : "cached");

		if (!check || p->built)
			printf("%-12s %-8s %-16s %s\n", p->r.name, p->r.version, state, p->dir);
		free(state);
	}
	if (check) {
		size_t differ;

		rc = pkgset_check(&set, &st, &def, all ? NULL : &names, &differ);
		if (differ)
			gs_error("%zu rebuilt entr%s from the store's: %s not reproducible (the logs are "
				 "logs/pkg-ENTRY-check.log in the store)", differ, differ == 1 ? "y differs" : "ies differ",
				 differ == 1 ? "its build is" : "their builds are");
	}
out:
	if (have_def)
		sysroot_def_release(&def);
	cache_close(&cache);
	sysroot_release(&sr);
	pkgset_release(&set);
	strvec_clear(&names);
	store_close(&st);
	free(sysname);
	return rc;
}

int cmd_recipe(int argc, const char **argv)
{
	struct pkg_prefs prefs = PKG_PREFS_INIT;
	struct strvec specs = STRVEC_INIT;
	const char *sub, *target = NULL, *cache_url = NULL;
	bool as_json = false, raw = false, all = false, rebuild = false, check = false;
	char cwd[4096];
	int rc;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(recipe_usage, stdout);
			return 0;
		}
	if (argc < 2)
		return usage_error("say list, show, fetch or build");
	sub = argv[1];
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "fetch") && strcmp(sub, "build"))
		return usage_error("unknown subcommand '%s': say list, show, fetch or build", sub);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json") && !strcmp(sub, "list")) {
			as_json = true;
		} else if (!strcmp(a, "--raw") && !strcmp(sub, "show")) {
			raw = true;
		} else if (!strcmp(a, "--all") && (!strcmp(sub, "fetch") || !strcmp(sub, "build"))) {
			all = true;
		} else if (!strcmp(a, "--rebuild") && !strcmp(sub, "build")) {
			rebuild = true;
		} else if (!strcmp(a, "--check") && !strcmp(sub, "build")) {
			check = true;
		} else if (!strcmp(a, "--target") || starts_with(a, "--target=")) {
			if (!strcmp(a, "--target") && ++i >= argc)
				return usage_error("option '--target' needs a value");
			target = a[8] == '=' ? a + 9 : argv[i];
		} else if ((!strcmp(a, "--cache") || starts_with(a, "--cache=")) && !strcmp(sub, "build")) {
			if (!strcmp(a, "--cache") && ++i >= argc)
				return usage_error("option '--cache' needs a value");
			cache_url = a[7] == '=' ? a + 8 : argv[i];
		} else if (!strcmp(a, "-v")) {
			gs_out.verbosity++;
		} else if (a[0] == '-') {
			rc = usage_error("unknown option '%s' for %s", a, sub);
			strvec_clear(&specs);
			return rc;
		} else {
			strvec_push(&specs, a);
		}
	}
	if (!strcmp(sub, "list") && specs.nr) {
		rc = usage_error("list takes no names");
		goto out;
	}
	if (!strcmp(sub, "show") && specs.nr != 1) {
		rc = usage_error("show takes one recipe name");
		goto out;
	}
	if ((!strcmp(sub, "fetch") || !strcmp(sub, "build")) && !specs.nr && !all) {
		rc = usage_error("name the recipes to %s, or give --all", sub);
		goto out;
	}
	if (all && rebuild) {
		rc = usage_error("--rebuild needs recipe names, not --all");
		goto out;
	}
	if (rebuild && check) {
		rc = usage_error("--rebuild and --check do not go together: --check compares a rebuild with the "
				 "entry, which --rebuild would replace");
		goto out;
	}
	if (project_load(getcwd(cwd, sizeof(cwd)) ? cwd : NULL, &prefs)) {
		rc = 2;
		goto out;
	}
	if (!strcmp(sub, "list"))
		rc = do_list(&prefs, as_json);
	else if (!strcmp(sub, "show"))
		rc = do_show(&prefs, specs.v[0], raw, target);
	else
		rc = do_fetch_build(&prefs, &specs, all, !strcmp(sub, "build"), rebuild, check, target, cache_url);
out:
	pkg_prefs_release(&prefs);
	strvec_clear(&specs);
	return rc;
}
