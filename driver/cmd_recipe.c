/* cmd_recipe.c - gostatic recipe: list, show, fetch, build, new */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "cmd.h"
#include "extract.h"
#include "fetch.h"
#include "fsutil.h"
#include "log.h"
#include "pkgbuild.h"
#include "pkgs.h"
#include "proc.h"
#include "project.h"
#include "recipenew.h"
#include "sha256.h"
#include "store.h"
#include "sysroot.h"

static const char recipe_usage[] =
"usage: gostatic recipe list|show|fetch|build [options] [NAME...]\n"
"       gostatic recipe new NAME --from URL | --from-debian SRCPKG[=VERSION] [-o FILE] [--no-build]\n"
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
"  new NAME               write NAME.recipe (or -o FILE) for a library that\n"
"                         has none: fetch the source (--from URL, or\n"
"                         --from-debian: Debian's source package), record\n"
"                         its sha256, detect the build system, the licence\n"
"                         and the pkg-config modules, and build it once to\n"
"                         see what it installs (--no-build: do not); you\n"
"                         write the check\n"
"                         (docs/recipes.md)\n"
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

struct tree_ctx {
	struct strvec *paths;
};

static int tree_cb(const char *path, const char *rel, const struct stat *sb, void *ctx)
{
	struct tree_ctx *t = ctx;

	(void)path;
	if (S_ISREG(sb->st_mode) || S_ISLNK(sb->st_mode))
		strvec_push(t->paths, rel);
	return 0;
}

/* The version in a file name: NAME-VERSION.tar.gz, NAME_VERSION.orig.tar.xz */
static char *version_of(const char *file)
{
	const char *start = NULL, *end;

	for (const char *c = file; *c; c++)
		if ((*c == '-' || *c == '_') && isdigit((unsigned char)c[1]))
			start = c + 1;
	if (!start)
		return NULL;
	end = strstr(start, ".orig.tar");
	if (!end)
		end = strstr(start, ".tar");
	if (!end)
		end = strstr(start, ".zip");
	return end && end > start ? xstrndup(start, (size_t)(end - start)) : NULL;
}

/* apt-get source --download-only SPEC in dir: the orig tarball (or the
 * native one) in *file, the package's full version in *fullver. */
static int new_from_debian(const char *spec, const char *dir, char **file, char **fullver)
{
	struct proc p = PROC_INIT;
	struct strvec names = STRVEC_INIT;
	char *apt = find_in_path("apt-get");
	int rc = -1;

	*file = *fullver = NULL;
	if (!apt) {
		gs_error("--from-debian needs apt-get, which is not installed (not a Debian or Ubuntu host)");
		return -1;
	}
	strvec_pushl(&p.args, apt, "source", "--download-only", "-q", spec, NULL);
	p.dir = dir;
	p.keep = 8192;
	p.keep_tail = true;
	p.timeout = 600;
	if (proc_run(&p)) {
		gs_error("apt-get source --download-only %s failed%s%s (are there deb-src entries? run apt-get update)",
			 spec, p.out.len ? ":\n" : "", p.out.buf);
		goto out;
	}
	list_dir(dir, &names);
	for (size_t i = 0; i < names.nr; i++) {
		const char *n = names.v[i];

		if (strstr(n, ".orig.tar.") && !strstr(n, ".asc") && !*file)
			*file = xstrdup(n);
		if (strlen(n) > 4 && !strcmp(n + strlen(n) - 4, ".dsc") && !*fullver) {
			char *path = xasprintf("%s/%s", dir, n);
			struct strbuf text = STRBUF_INIT;

			if (!read_file(path, 1 << 20, &text)) {
				const char *v = strstr(text.buf, "\nVersion: ");

				if (v)
					*fullver = xstrndup(v + 10, strcspn(v + 10, "\n"));
			}
			strbuf_release(&text);
			free(path);
		}
	}
	for (size_t i = 0; i < names.nr && !*file; i++)
		if (strstr(names.v[i], ".tar.") && !strstr(names.v[i], ".debian.tar.") && !strstr(names.v[i], ".asc"))
			*file = xstrdup(names.v[i]);
	if (!*file || !*fullver) {
		gs_error("apt-get source %s gave no source tarball and .dsc (it gave: %zu files)", spec, names.nr);
		goto out;
	}
	rc = 0;
out:
	proc_release(&p);
	strvec_clear(&names);
	free(apt);
	return rc;
}

/* Builds the draft recipe text once with this very gostatic (recipe
 * build, the draft's folder first in GOSTATIC_RECIPES) and reads what the
 * entry holds into f: its archives, pkg-config modules and top headers.
 * Returns 0, or -1 after printing why (the build's last lines). */
static int trial_build(struct recipe_facts *f, const char *tmp, const char *text)
{
	const char *old = getenv("GOSTATIC_RECIPES");
	char *dir = xasprintf("%s/recipes", tmp), *file = xasprintf("%s/%s.recipe", dir, f->name);
	char *self = realpath("/proc/self/exe", NULL), *entry = NULL;
	struct strvec names = STRVEC_INIT;
	struct proc p = PROC_INIT;
	int rc = -1;

	if (!self || mkdir(dir, 0755) || write_file_atomic(file, text, strlen(text), 0644)) {
		gs_error_errno(errno, "cannot write the draft recipe in '%s'", dir);
		goto out;
	}
	gs_info("%s %s: a trial build, to learn what it installs", f->name, f->version);
	strvec_pushl(&p.args, self, "recipe", "build", f->name, NULL);
	{
		char *var = old && *old ? xasprintf("GOSTATIC_RECIPES=%s:%s", dir, old)
					: xasprintf("GOSTATIC_RECIPES=%s", dir);

		strvec_push(&p.env, var);
		free(var);
	}
	p.split = true;
	p.keep = 1 << 16;
	p.keep_tail = true;
	if (proc_run(&p)) {
		gs_error("the trial build of %s failed; the draft is written as detected, fix it and build:\n%s", f->name,
			 p.err.buf);
		goto out;
	}
	for (const char *l = p.out.buf; *l;) {
		size_t n = strcspn(l, "\n");
		const char *sp = memrchr(l, ' ', n);

		if (!strncmp(l, f->name, strlen(f->name)) && l[strlen(f->name)] == ' ' && sp)
			entry = xstrndup(sp + 1, n - (size_t)(sp + 1 - l));
		l += n + (l[n] == '\n');
	}
	if (!entry) {
		gs_error("the trial build of %s named no entry: %s", f->name, p.out.buf);
		goto out;
	}
	strvec_clear(&f->pc_names);
	strvec_clear(&f->lib_names);
	{
		char *lib = xasprintf("%s/lib", entry), *pc = xasprintf("%s/lib/pkgconfig", entry);
		char *inc = xasprintf("%s/include", entry);

		list_dir(lib, &names);
		for (size_t i = 0; i < names.nr; i++) {
			const char *n = names.v[i];
			size_t len = strlen(n);

			if (starts_with(n, "lib") && len > 5 && !strcmp(n + len - 2, ".a"))
				strvec_pushn(&f->lib_names, n + 3, len - 5);
		}
		strvec_clear(&names);
		list_dir(pc, &names);
		for (size_t i = 0; i < names.nr; i++) {
			size_t len = strlen(names.v[i]);

			if (len > 3 && !strcmp(names.v[i] + len - 3, ".pc"))
				strvec_pushn(&f->pc_names, names.v[i], len - 3);
		}
		strvec_clear(&names);
		list_dir(inc, &names);
		for (size_t i = 0; i < names.nr && f->files.nr < 4; i++) {
			size_t len = strlen(names.v[i]);

			if (len > 2 && !strcmp(names.v[i] + len - 2, ".h")) {
				char *h = xasprintf("include/%s", names.v[i]);

				strvec_push(&f->files, h);
				free(h);
			}
		}
		free(lib);
		free(pc);
		free(inc);
	}
	if (!f->lib_names.nr) {
		gs_error("the trial build of %s installed no static library (lib/lib*.a) in %s: its build needs options",
			 f->name, entry);
		goto out;
	}
	f->tried = true;
	rc = 0;
out:
	proc_release(&p);
	strvec_clear(&names);
	free(dir);
	free(file);
	free(self);
	free(entry);
	return rc;
}

static int do_new(const char *name, const char *from, const char *from_debian, const char *out_path,
		  bool try_build)
{
	struct recipe_facts f = RECIPE_FACTS_INIT;
	struct strvec pcs = STRVEC_INIT;
	struct strbuf lic = STRBUF_INIT;
	char tmpl[] = "/tmp/gostatic-recipe-new-XXXXXX";
	char *tmp = NULL, *dl = NULL, *src = NULL, *file = NULL, *path = NULL, *why = NULL, *version = NULL;
	char *fullver = NULL, *debspec = NULL, *text = NULL, *out = NULL;
	char hex[SHA256_HEX_LEN + 1];
	const char *t = getenv("TMPDIR"), *system, *lic_file;
	bool autoreconf;
	int rc = 1;

	for (const char *c = name; *c; c++)
		if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && !strchr("-_.+", *c))
			return usage_error("'%s' cannot be a recipe name: use lowercase letters, digits and - _ . +", name);
	out = xstrdup(out_path ? out_path : "");
	if (!*out) {
		free(out);
		out = xasprintf("%s.recipe", name);
	}
	if (path_exists(out)) {
		gs_error("'%s' exists already: recipe new never overwrites a recipe (give -o FILE)", out);
		free(out);
		return 2;
	}
	if (t && *t) {
		char *alt = xasprintf("%s/gostatic-recipe-new-XXXXXX", t);

		tmp = mkdtemp(alt);
		if (!tmp)
			free(alt);
	}
	if (!tmp)
		tmp = mkdtemp(tmpl) ? xstrdup(tmpl) : NULL;
	if (!tmp) {
		gs_error_errno(errno, "cannot create a temporary folder");
		free(out);
		return 2;
	}
	dl = xasprintf("%s/dl", tmp);
	src = xasprintf("%s/src", tmp);
	mkdir(dl, 0755);
	mkdir(src, 0755);
	if (from) {
		const char *base = strrchr(from, '/');
		size_t n = base ? strcspn(base + 1, "?#") : 0;

		if (!base || !n || strncmp(from, "http", 4)) {
			rc = usage_error("--from needs an http or https URL of a source archive, not '%s'", from);
			goto out;
		}
		file = xstrndup(base + 1, n);
		path = xasprintf("%s/%s", dl, file);
		gs_info("downloading %s", from);
		if (fetch_url(from, path, hex, &why)) {
			gs_error("cannot download %s: %s", from, why);
			goto out;
		}
		version = version_of(file);
	} else {
		if (new_from_debian(from_debian, dl, &file, &fullver))
			goto out;
		path = xasprintf("%s/%s", dl, file);
		if (sha256_file(path, hex)) {
			gs_error_errno(errno, "cannot read '%s'", path);
			goto out;
		}
		{
			const char *v = strchr(fullver, ':') ? strchr(fullver, ':') + 1 : fullver;
			const char *dash = strrchr(v, '-');

			version = dash ? xstrndup(v, (size_t)(dash - v)) : xstrdup(v);
		}
		debspec = xasprintf("%.*s=%s", (int)strcspn(from_debian, "="), from_debian, fullver);
	}
	if (!version) {
		gs_error("cannot tell the version from the file name '%s': edit version = in the recipe", file);
		version = xstrdup("0");
	}
	if (extract_archive(path, src, 1, &why)) {
		gs_error("%s", why);
		goto out;
	}
	{
		struct tree_ctx tc = { &f.tree };

		fs_walk(src, tree_cb, &tc);
		strvec_sort(&f.tree);
	}
	system = recipe_new_system(&f.tree, &autoreconf);
	lic_file = recipe_new_license_file(&f.tree);
	if (lic_file) {
		char *lp = xasprintf("%s/%s", src, lic_file);

		read_file(lp, 1 << 18, &lic);
		free(lp);
	}
	recipe_new_pc_files(&f.tree, &pcs);
	for (size_t i = 0; i < pcs.nr; i++) {
		char *pp = xasprintf("%s/%s", src, pcs.v[i]), *mod = recipe_new_pc_module(pcs.v[i]);
		struct strbuf pt = STRBUF_INIT;

		if (!strvec_contains(&f.pc_names, mod))
			strvec_push(&f.pc_names, mod);
		if (!read_file(pp, 1 << 16, &pt))
			recipe_new_pc_libs(pt.buf, &f.lib_names);
		strbuf_release(&pt);
		free(mod);
		free(pp);
	}
	f.name = name;
	f.version = version;
	f.file = file;
	f.sha256 = hex;
	f.url = from;
	f.debian_pkg = debspec;
	f.license_text = lic.len ? lic.buf : NULL;
	text = recipe_new_text(&f);
	if (try_build) {
		struct recipe_facts bare = f;
		char *draft;
		int tried;

		/* the draft promises one archive only (the likeliest), so that
		 * the build shows what it installs */
		const char *guess = starts_with(name, "lib") && name[3] ? name + 3 : name;

		bare.pc_names = (struct strvec)STRVEC_INIT;
		bare.lib_names = (struct strvec)STRVEC_INIT;
		bare.files = (struct strvec)STRVEC_INIT;
		strvec_push(&bare.lib_names, f.lib_names.nr && !strvec_contains(&f.lib_names, guess) ? f.lib_names.v[0]
											 : guess);
		bare.tried = true;
		draft = recipe_new_text(&bare);
		strvec_clear(&bare.lib_names);
		tried = trial_build(&f, tmp, draft);
		free(draft);
		if (!tried) {
			free(text);
			text = recipe_new_text(&f);
		}
		rc = tried ? 1 : 0;
	}
	{
		int r = write_file_atomic(out, text, strlen(text), 0644);

		if (r) {
			gs_error_errno(-r, "cannot write '%s'", out);
			rc = 2;
			goto out;
		}
	}
	printf("wrote %s: %s %s, %s, licence %s%s%s%s, provides", out, name, version, system ? system : "no build system recognised",
	       recipe_new_spdx(f.license_text) ? recipe_new_spdx(f.license_text) : "not recognised",
	       lic_file ? " (" : "", lic_file ? lic_file : "", lic_file ? ")" : "");
	for (size_t i = 0; i < f.pc_names.nr; i++)
		printf(" %s", f.pc_names.v[i]);
	for (size_t i = 0; i < f.lib_names.nr; i++)
		printf(" -l%s", f.lib_names.v[i]);
	for (size_t i = 0; i < f.files.nr; i++)
		printf(" %s", f.files.v[i]);
	printf("%s\nnext: write its [check], then GOSTATIC_RECIPES=%s gostatic recipe build %s\n",
	       f.tried ? " (from a trial build)" : try_build ? " (as detected: the trial build failed)" : "",
	       strchr(out, '/') ? "FOLDER" : ".", name);
out:
	rm_rf(tmp);
	strvec_clear(&f.tree);
	strvec_clear(&f.pc_names);
	strvec_clear(&f.lib_names);
	strvec_clear(&f.files);
	strvec_clear(&pcs);
	strbuf_release(&lic);
	free(tmp);
	free(dl);
	free(src);
	free(file);
	free(path);
	free(why);
	free(version);
	free(fullver);
	free(debspec);
	free(text);
	free(out);
	return rc;
}

int cmd_recipe(int argc, const char **argv)
{
	struct pkg_prefs prefs = PKG_PREFS_INIT;
	struct strvec specs = STRVEC_INIT;
	const char *sub, *target = NULL, *cache_url = NULL, *new_from = NULL, *new_debian = NULL, *new_out = NULL;
	bool new_no_build = false;
	bool as_json = false, raw = false, all = false, rebuild = false, check = false;
	char cwd[4096];
	int rc;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(recipe_usage, stdout);
			return 0;
		}
	if (argc < 2)
		return usage_error("say list, show, fetch, build or new");
	sub = argv[1];
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "fetch") && strcmp(sub, "build") &&
	    strcmp(sub, "new"))
		return usage_error("unknown subcommand '%s': say list, show, fetch, build or new", sub);
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
		} else if (!strcmp(a, "--no-build") && !strcmp(sub, "new")) {
			new_no_build = true;
		} else if ((!strcmp(a, "--from") || !strcmp(a, "--from-debian") || !strcmp(a, "-o")) && !strcmp(sub, "new")) {
			if (++i >= argc)
				return usage_error("option '%s' needs a value", a);
			if (!strcmp(a, "-o"))
				new_out = argv[i];
			else if (a[6])
				new_debian = argv[i];
			else
				new_from = argv[i];
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
	if (!strcmp(sub, "new")) {
		if (specs.nr != 1)
			rc = usage_error("new takes one recipe name");
		else if (!new_from == !new_debian)
			rc = usage_error("new needs --from URL or --from-debian SRCPKG[=VERSION] (one of them)");
		else
			rc = do_new(specs.v[0], new_from, new_debian, new_out, !new_no_build);
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
