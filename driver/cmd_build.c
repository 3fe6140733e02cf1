/* cmd_build.c - gostatic build: a static, verified Go program */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "arch.h"
#include "cache.h"
#include "cdeps.h"
#include "cmd.h"
#include "config.h"
#include "fsutil.h"
#include "gobuild.h"
#include "golist.h"
#include "log.h"
#include "manifest.h"
#include "mapfile.h"
#include "pkgbuild.h"
#include "pkgs.h"
#include "proc.h"
#include "project.h"
#include "reportfmt.h"
#include "runcheck.h"
#include "store.h"
#include "sysroot.h"
#include "verify.h"

static const char build_usage[] =
"usage: gostatic build [--target T] [-o OUT] [--run-check [-- ARGS]] [go build flags] [PKG...]\n"
"\n"
"Runs go build so that the result is one fully static executable: cgo\n"
"code is compiled and linked against musl from gostatic's store (built on\n"
"first use), with -tags musl,netgo,osusergo and -ldflags '-linkmode\n"
"external -extldflags \"-static\"' merged into yours. A program without any\n"
"cgo package is built with CGO_ENABLED=0. The output is then verified; a\n"
"result that is not static is an error.\n"
"\n"
"  --target T      linux/amd64 or linux/arm64 (default: GOARCH, else this\n"
"                  host); another architecture is cross-compiled, and its\n"
"                  run check runs under qemu-ARCH-static\n"
"  -o OUT          the output file (or folder, for several programs)\n"
"  --run-check     also start the output in an empty root (ARGS after --)\n"
"  --manifest FILE write the C libraries inside the output (name, version,\n"
"                  source sha256, licence) to FILE as JSON\n"
"  --sbom FILE     write an SPDX 2.3 JSON document of the output to FILE:\n"
"                  its Go modules, the Go toolchain and every C library\n"
"                  inside, with licences, sources and checksums (its time\n"
"                  is SOURCE_DATE_EPOCH, else 1970: the same build gives\n"
"                  the same bytes)\n"
"  --malloc NAME   the allocator of the C code: mimalloc (the default),\n"
"                  another recipe with an [allocator] section, or musl\n"
"                  for musl's own; Go's heap is Go's either way\n"
"  --cache URL     look missing C libraries and sysroots up in this OCI\n"
"                  registry before building them (GOSTATIC_CACHE; see\n"
"                  docs/cache.md): oci://HOST/PATH or oci+http://HOST:PORT/PATH\n"
"  -trimpath=false keep the build folders' paths in the output (gostatic\n"
"                  passes -trimpath to go build otherwise)\n"
"  -v              show every command gostatic runs, with its environment\n"
"                  (also passed to go build)\n"
"\n"
"Every other flag goes to go build as given; -tags and -ldflags (also from\n"
"GOFLAGS) are merged. -buildmode=pie gives a static-pie. Flags that cannot\n"
"give a static executable (-linkmode internal with cgo, -buildmode=c-shared,\n"
"-linkshared, CGO_ENABLED=0 with cgo packages) are reported.\n"
"\n"
"C libraries: every package's '#cgo pkg-config:' modules and '#cgo LDFLAGS:'\n"
"-l libraries are mapped to recipes ('gostatic recipe list'), which are\n"
"built as static archives into the store on first use. A gostatic.ini in\n"
"the package's folder or above (up to go.mod) may pin them:\n"
"  [gostatic]\n"
"  recipes = third_party/recipes     more recipe folders\n"
"  require = lz4                     link these even if no cgo line asks\n"
"  malloc = musl                     the C code's allocator (see --malloc)\n"
"  [recipe librdkafka]\n"
"  version = 2.0.2                   the version the recipe must have\n"
"  features = +sasl-cyrus -zstd      features on (+) or off (-)\n"
"\n"
"environment: GO (the go binary), GOSTATIC_HOME, GOSTATIC_RECIPES, GOFLAGS,\n"
"CGO_ENABLED, CGO_CFLAGS and CGO_LDFLAGS (gostatic's flags are added);\n"
"GOSTATIC_CACHE, GOSTATIC_CACHE_TRUST, GOSTATIC_CACHE_KEY, GOSTATIC_CACHE_PUSH.\n"
"exit status: 0 built and verified static, 1 the build or the verification\n"
"failed, 2 usage or environment error.\n";

#define usage_error(...) out_usage(&gs_out, "build", __VA_ARGS__)

static bool is_dir(const char *p)
{
	struct stat sb;

	return !stat(p, &sb) && S_ISDIR(sb.st_mode);
}

/* Relative paths are relative to the folder go runs in (-C), as for go. */
static char *resolve(const char *base, const char *path)
{
	char *joined, *abs;

	if (path[0] == '/' || !base)
		return absolute_path(path);
	joined = xasprintf("%s/%s", base, path);
	abs = absolute_path(joined);
	free(joined);
	return abs;
}

static const char *display(const char *path)
{
	char cwd[4096];
	size_t n;

	if (!getcwd(cwd, sizeof(cwd)))
		return path;
	n = strlen(cwd);
	if (!strncmp(path, cwd, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

/* Verifies one output; prints verify's report when it does not pass. */
static int verify_output(const char *path, const char *goarch, const struct gobuild_args *a,
			 struct strbuf *summary)
{
	struct verify_opts vo = { .expect_arch = goarch };
	struct mapped_file mf;
	struct report r;
	int rc = map_file(path, &mf), ret = 1;

	if (rc) {
		gs_error_errno(-rc, "cannot read the output '%s'", path);
		return 1;
	}
	report_init(&r, display(path));
	verify_buffer(mf.buf, mf.len, &r);
	if (a->run_check && r.is_elf) {
		struct run_opts ro = { .method = RUN_AUTO, .timeout = 10, .head_max = 4096 };

		ro.argv0 = path_base(path);
		ro.args = a->run_args.v;
		runcheck_verify(&r, mf.fd, &ro);
	}
	verify_judge(&r, &vo);
	if (!r.pass || (a->run_check && r.run_outcome && strcmp(r.run_outcome, "ok") &&
			strcmp(r.run_outcome, "timeout"))) {
		reportfmt_text(&gs_out, &r);
		gs_error("%s is not a working static executable (verdict: %s)", display(path),
			 verdict_name(r.verdict));
	} else {
		const char *ga = elf_machine_goarch(r.machine, r.bits, r.be);

		strbuf_addf(summary, "output    %s: %.1f MiB, %s%s%s%s, linux/%s\n", display(path),
			    (double)mf.len / (1024.0 * 1024.0), verdict_name(r.verdict),
			    r.libc.kind == LIBC_MUSL ? ", musl" : r.libc.kind == LIBC_NONE ? ", no libc" : "",
			    r.go.version ? ", " : "", r.go.version ? r.go.version : "", ga ? ga : "?");
		if (r.run_outcome) {
			const struct finding *f = findings_get(&r.findings, F_RUNTIME_OK);
			const char *msg;

			if (!f)
				f = findings_get(&r.findings, F_RUNTIME_TIMEOUT);
			msg = f ? f->message : r.run_outcome;
			if (starts_with(msg, "runtime: "))
				msg += strlen("runtime: ");
			strbuf_addf(summary, "run check %s\n", msg);
		}
		ret = 0;
	}
	report_release(&r);
	unmap_file(&mf);
	return ret;
}

/* What go build's command line depends on, decided from a go list answer. */
struct plan {
	bool cgo;                    /* C code is linked: the sysroot and external linking */
	bool cgo_files;              /* no C code, but CGO_ENABLED=0 would build other Go files */
	char *cgo_why;               /* the summary's reason for CGO_ENABLED */
	struct strvec cgo_diff;      /* what CGO_ENABLED=0 would change, per package */
	struct strvec outputs;       /* absolute paths of the programs */
	char *prefix_map;            /* GOSTATIC_PREFIX_MAP for the C compiles, or NULL */
	const char *malloc;          /* the C code's allocator recipe, or "musl" */
	const char *malloc_where;    /* who chose it */
	char *ldflags;               /* the -ldflags the go list answer asks for */
	char *link_ldflags;          /* with the allocator's object (prepare()), or NULL */
	struct pkg_prefs prefs;      /* gostatic.ini and GOSTATIC_RECIPES */
	struct cdeps cdeps;          /* the recipes the cgo lines ask for */
};
#define PLAN_INIT { .cgo_diff = STRVEC_INIT, .outputs = STRVEC_INIT, .prefs = PKG_PREFS_INIT, \
		    .cdeps = CDEPS_INIT }

static void plan_release(struct plan *pl)
{
	free(pl->cgo_why);
	strvec_clear(&pl->cgo_diff);
	strvec_clear(&pl->outputs);
	free(pl->prefix_map);
	free(pl->ldflags);
	free(pl->link_ldflags);
	pkg_prefs_release(&pl->prefs);
	cdeps_release(&pl->cdeps);
	*pl = (struct plan)PLAN_INIT;
}

/* The value go build gets for CGO_ENABLED. */
static bool plan_cgo_enabled(const struct plan *pl)
{
	return pl->cgo || pl->cgo_files;
}

/* What -trimpath does to the paths of a cgo package's C files, which cgo
 * leaves in __FILE__: its module's folder as "/_/PATH@VERSION", or in
 * GOPATH mode its own folder as "/_/IMPORT-PATH" (one "FROM=TO" per line,
 * for the compiler wrapper). NULL when no package outside the standard
 * library has cgo files. */
static char *prefix_map(const struct golist *l)
{
	struct strvec seen = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < l->nr; i++) {
		const struct golist_pkg *pk = &l->v[i];
		char *m;

		if (!pk->cgo || pk->standard || !pk->dir)
			continue;
		if (pk->module_path && pk->module_dir)
			m = xasprintf("%s=/_/%s@%s", pk->module_dir, pk->module_path,
				      pk->module_version ? pk->module_version : "");
		else
			m = xasprintf("%s=/_/%s", pk->dir, pk->import_path);
		if (!strvec_contains(&seen, m)) {
			strvec_push(&seen, m);
			strbuf_addf(&sb, "%s%s", sb.len ? "\n" : "", m);
		}
		free(m);
	}
	strvec_clear(&seen);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static bool same_plan(const struct plan *x, const struct plan *y)
{
	if (x->cgo != y->cgo || x->cgo_files != y->cgo_files || x->outputs.nr != y->outputs.nr ||
	    strcmp(x->ldflags, y->ldflags) || !cdeps_equal(&x->cdeps, &y->cdeps))
		return false;
	for (size_t i = 0; i < x->outputs.nr; i++)
		if (strcmp(x->outputs.v[i], y->outputs.v[i]))
			return false;
	return true;
}

/* Decides from a go list answer whether cgo is used, which programs come
 * out where, and the -ldflags. Returns 0, or 2 after a usage error. */
static int make_plan(const struct gobuild_args *a, const struct golist *l, const char *dir,
		     const char *out, struct plan *pl)
{
	struct strvec cgo_pkgs = STRVEC_INIT, names = STRVEC_INIT;
	const char *cgo_env = getenv("CGO_ENABLED"), *main_dir = NULL, *first_cgo = NULL;
	char *why = NULL;
	int rc = 2;

	*pl = (struct plan)PLAN_INIT;
	for (size_t i = 0; i < l->nr; i++) {
		const struct golist_pkg *pk = &l->v[i];

		if (pk->cgo) {
			pl->cgo = true;
			if (!pk->standard)
				strvec_push(&cgo_pkgs, pk->import_path);
			if (!first_cgo || (cgo_pkgs.nr == 1 && !pk->standard))
				first_cgo = pk->import_path;
		}
		if (!pk->dep_only) {
			char *name;

			if (!pk->name || strcmp(pk->name, "main")) {
				usage_error("%s is package %s, not a command (package main): gostatic builds programs",
					    pk->import_path, pk->name ? pk->name : "?");
				goto out;
			}
			if (starts_with(pk->import_path, "_/"))
				gs_warn("%s is outside every GOPATH, so go names it after its folder, and that "
					"path ends up in the executable: build it from a folder in GOPATH, or as a "
					"module, for an output that does not depend on where it is built",
					pk->dir ? pk->dir : pk->import_path);
			name = gobuild_exe_name(pk->import_path, pk->first_gofile);
			strvec_push(&names, name);
			free(name);
			if (!main_dir)
				main_dir = pk->dir;
		}
	}
	if (cgo_env && !strcmp(cgo_env, "0") && cgo_pkgs.nr) {
		usage_error("CGO_ENABLED=0 is set, but %s%s uses cgo: unset CGO_ENABLED (gostatic links "
			    "the C code statically against musl)", cgo_pkgs.v[0],
			    cgo_pkgs.nr > 1 ? " (and more)" : "");
		goto out;
	}
	if (!names.nr) {
		usage_error("no package to build");
		goto out;
	}
	if (pl->cgo) {
		pl->prefix_map = prefix_map(l);
		pl->cgo_why = xasprintf("CGO_ENABLED=1: %s uses cgo (C code, linked statically against musl)",
					first_cgo);
	} else if (l->nocgo && golist_cgo_diff(l, l->nocgo, &pl->cgo_diff)) {
		/* no import "C", yet the cgo build constraint picks other files:
		 * CGO_ENABLED=0 would build another program */
		char *p = xstrndup(pl->cgo_diff.v[0], strcspn(pl->cgo_diff.v[0], ":"));
		const char *files = strchr(pl->cgo_diff.v[0], ':') + 2;

		if (cgo_env && !strcmp(cgo_env, "0")) {
			gs_warn("CGO_ENABLED=0 is set, so files of %s that depend on cgo are left out (%.*s)", p,
				(int)strcspn(files, " ("), files);
			pl->cgo_why = xasprintf("CGO_ENABLED=0: set in the environment, though files of %s depend on cgo",
						p);
		} else {
			pl->cgo_files = true;
			pl->cgo_why = xasprintf("CGO_ENABLED=1: files of %s%s depend on cgo (%.*s); no C code, so "
						"Go's own linker links it, static with no C library", p,
						pl->cgo_diff.nr > 1 ? " and more" : "", (int)strcspn(files, " ("), files);
		}
		free(p);
	} else {
		pl->cgo_why = xstrdup("CGO_ENABLED=0: no package uses cgo, and no file depends on it");
	}
	if (gobuild_ldflags(a->ldflags, pl->cgo, a->buildmode && !strcmp(a->buildmode, "pie"), NULL,
			    &pl->ldflags, &why)) {
		usage_error("%s", why);
		goto out;
	}
	if (out && names.nr > 1 && !is_dir(out)) {
		usage_error("-o %s must be an existing folder to hold %zu programs", a->output, names.nr);
		goto out;
	}
	if (a->sbom && names.nr > 1) {
		usage_error("--sbom describes one executable, and these packages make %zu: build them one by one",
			    names.nr);
		goto out;
	}
	if (!out && names.nr > 1) {
		usage_error("%zu programs: give -o FOLDER to say where they go", names.nr);
		goto out;
	}
	if (project_load(main_dir ? main_dir : dir ? dir : ".", &pl->prefs))
		goto out;
	if (a->malloc) {
		pl->malloc = a->malloc;
		pl->malloc_where = "--malloc";
	} else if (pl->prefs.malloc) {
		pl->malloc = pl->prefs.malloc;
		pl->malloc_where = pl->prefs.malloc_where;
	} else {
		pl->malloc = PKG_DEFAULT_MALLOC;
		pl->malloc_where = "gostatic's default (--malloc)";
	}
	if (pl->cgo && cdeps_find(l, &pl->prefs, &pl->cdeps)) {
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < names.nr; i++) {
		char *path = out && !is_dir(out) ? xstrdup(out)
			     : xasprintf("%s/%s", out ? out : dir ? dir : ".", names.v[i]);
		char *abs = absolute_path(path);

		strvec_push(&pl->outputs, abs);
		free(abs);
		free(path);
	}
	rc = 0;
out:
	free(why);
	strvec_clear(&cgo_pkgs);
	strvec_clear(&names);
	if (rc)
		plan_release(pl);
	return rc;
}

/* The link flags of a recipe's first pkg-config module, for programs that
 * ask for its library with -l and so would miss its private libraries. */
static int link_flags(const struct sysroot *sr, const struct strvec *env, const struct pkg *p,
		      struct strbuf *out)
{
	struct proc pr = PROC_INIT;
	int rc;

	if (!p->r.pc_names.nr)
		return 0;
	strvec_pushl(&pr.args, sr->pkg_config, "--libs", p->r.pc_names.v[0], NULL);
	for (size_t i = 0; i < env->nr; i++)
		strvec_push(&pr.env, env->v[i]);
	pr.split = true;
	rc = proc_run(&pr);
	if (rc) {
		gs_error("pkg-config --static --libs %s (of %s): %s", p->r.pc_names.v[0], p->entry,
			 pr.err.len ? pr.err.buf : "failed");
		proc_release(&pr);
		return -1;
	}
	strbuf_addf(out, "%s%.*s", out->len ? " " : "", (int)strcspn(pr.out.buf, "\n"), pr.out.buf);
	proc_release(&pr);
	return 0;
}

/* Builds what the plan needs (the sysroot when cgo is used, and the
 * recipes its cgo lines ask for) and sets benv: env plus what finds them.
 * Returns 0, 1 (a build failed) or 2. */
static int prepare(const struct gobuild_args *a, const struct store *st, const struct sysroot_def *def,
		   struct plan *pl, const struct strvec *env, struct strvec *benv, struct sysroot *sr,
		   struct pkgset *set, struct pkg_report *rep, struct cache *cache)
{
	struct strbuf extra = STRBUF_INIT;
	char *sysname;
	int rc;

	strvec_clear(benv);
	for (size_t i = 0; i < env->nr; i++)
		strvec_push(benv, env->v[i]);
	pkgset_release(set);
	set->goarch = def->goarch;
	memset(rep, 0, sizeof(*rep));
	if (!pl->cgo)
		return 0;
	for (size_t i = 0; i < pl->cdeps.nr; i++) {
		size_t idx;

		if (pkgset_add(set, &pl->prefs, pl->cdeps.v[i].recipe, pl->cdeps.v[i].why, &idx))
			return 1;
	}
	if (pkgset_add_allocator(set, &pl->prefs, pl->malloc, pl->malloc_where))
		return 1;
	sysname = xstrdup(sr->name);
	pkgset_name(set, st, sysname);
	free(sysname);
	sysroot_release(sr);
	rc = pkgset_ensure(set, st, def, NULL, cache, sr, rep);
	if (rc)
		return rc;
	pkgset_go_env(set, benv);
	{
		/* the allocator's object, once, in -extldflags */
		struct strvec objs = STRVEC_INIT;
		char *ld = NULL, *why = NULL;

		pkgset_link_objects(set, &objs);
		if (objs.nr) {
			if (gobuild_ldflags(a->ldflags, pl->cgo, a->buildmode && !strcmp(a->buildmode, "pie"), &objs,
					    &ld, &why))
				die("%s", why);     /* make_plan() accepted these flags */
			free(pl->link_ldflags);
			pl->link_ldflags = ld;
		}
		strvec_clear(&objs);
	}
	for (size_t i = 0; i < pl->cdeps.nr; i++) {
		if (!pl->cdeps.v[i].by_lib)
			continue;
		for (size_t k = 0; k < set->nr; k++)
			if (!strcmp(set->v[k].r.name, pl->cdeps.v[i].recipe) && link_flags(sr, benv, &set->v[k], &extra)) {
				strbuf_release(&extra);
				return 1;
			}
	}
	if (extra.len) {
		/* after the -L folders pkgset_go_env() put in CGO_LDFLAGS */
		for (size_t i = benv->nr; i-- > 0;)
			if (starts_with(benv->v[i], "CGO_LDFLAGS=")) {
				char *v = xasprintf("%s %s", benv->v[i], extra.buf);

				free((char *)benv->v[i]);
				benv->v[i] = v;
				break;
			}
	}
	strbuf_release(&extra);
	return 0;
}

/* "C libs    librdkafka 2.0.2, openssl 3.0.20: built 2 in 81.3 s" */
static void clibs_summary(const struct pkgset *set, const struct pkg_report *rep, struct strbuf *sb)
{
	size_t shown = 0, built = 0, pulled = 0;

	strbuf_addstr(sb, "C libs    ");
	/* what the program asks for, then what those need */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < set->nr; i++) {
			const struct pkg *p = &set->v[i];

			if (p->wanted != (pass == 0) || p->allocator)
				continue;
			strbuf_addf(sb, "%s%s %s", shown ? ", " : "",
				    p->r.name, p->r.version);
			if (p->features.nr) {
				strbuf_addstr(sb, " (");
				for (size_t k = 0; k < p->features.nr; k++)
					strbuf_addf(sb, "%s%s", k ? "," : "", p->features.v[k]);
				strbuf_addch(sb, ')');
			}
			shown++;
		}
	for (size_t i = 0; i < set->nr; i++) {
		built += set->v[i].built && !set->v[i].allocator;
		pulled += set->v[i].pulled && !set->v[i].allocator;
	}
	if (built && pulled)
		strbuf_addf(sb, ": pulled %zu from the cache, built %zu, in %.1f s\n", pulled, built, rep->seconds);
	else if (built)
		strbuf_addf(sb, ": built %zu in %.1f s\n", built, rep->seconds);
	else if (pulled)
		strbuf_addf(sb, ": pulled %zu from the cache in %.1f s\n", pulled, rep->seconds);
	else
		strbuf_addstr(sb, ": cached\n");
}

/* "malloc    mimalloc 2.0.9 for all C code: cached" */
static void malloc_summary(const struct pkgset *set, struct strbuf *sb)
{
	const struct pkg *p = pkgset_allocator(set);

	if (!p) {
		strbuf_addstr(sb, "malloc    musl's own (mallocng), as asked (--malloc musl)\n");
		return;
	}
	strbuf_addf(sb, "malloc    %s %s for all C code, in place of musl's", p->r.name, p->r.version);
	if (p->built)
		strbuf_addf(sb, ": built in %.1f s\n", p->seconds);
	else
		strbuf_addstr(sb, p->pulled ? ": pulled from the cache\n" : ": cached\n");
}

static void build_command(struct proc *p, const char *go, const struct gobuild_args *a,
			  const struct plan *pl, const char *tags, const struct strvec *env,
			  const char *dir, const char *out)
{
	strvec_pushl(&p->args, go, "build", NULL);
	gobuild_default_flags(a, &p->args);
	for (size_t i = 0; i < a->go_flags.nr; i++)
		strvec_push(&p->args, a->go_flags.v[i]);
	strvec_pushf(&p->args, "-tags=%s", tags);
	if (*(pl->link_ldflags ? pl->link_ldflags : pl->ldflags))
		strvec_pushf(&p->args, "-ldflags=%s", pl->link_ldflags ? pl->link_ldflags : pl->ldflags);
	strvec_pushl(&p->args, "-o", pl->outputs.nr > 1 ? out : pl->outputs.v[0], "--", NULL);
	for (size_t i = 0; i < a->packages.nr; i++)
		strvec_push(&p->args, a->packages.v[i]);
	for (size_t i = 0; i < env->nr; i++)
		strvec_push(&p->env, strcmp(env->v[i], "CGO_ENABLED=1") || plan_cgo_enabled(pl) ? env->v[i]
				     : "CGO_ENABLED=0");
	if (pl->prefix_map && a->trimpath)
		strvec_pushf(&p->env, "GOSTATIC_PREFIX_MAP=%s", pl->prefix_map);
	p->dir = dir;
}

static int build_result(int rc, const char *go)
{
	if (rc < 0)
		gs_error_errno(-rc, "cannot run '%s'", go);
	else if (rc)
		gs_error("go build failed (exit %d)", rc);
	return rc ? 1 : 0;
}

int cmd_build(int argc, const char **argv)
{
	struct gobuild_args a;
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct sysroot sr = SYSROOT_INIT;
	struct golist list = GOLIST_INIT, fresh = GOLIST_INIT;
	struct golist_query q;
	struct plan plan = PLAN_INIT, plan2 = PLAN_INIT;
	struct strvec kept = STRVEC_INIT, env = STRVEC_INIT, benv = STRVEC_INIT;
	struct pkgset set = PKGSET_INIT;
	struct pkg_report rep = { 0 };
	struct cache cache = CACHE_INIT;
	struct manifest_input contents;
	struct strbuf summary = STRBUF_INIT;
	struct proc p = PROC_INIT;
	const char *go_name = getenv("GO");
	enum golist_state state;
	char *why = NULL, *go = NULL, *tags = NULL, *dir = NULL, *out = NULL;
	bool have_def = false, built = false;   /* go build ran while go list checked */
	double t0;
	int rc = 2;

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") || !strcmp(argv[i], "-help")) {
			fputs(build_usage, stdout);
			return 0;
		}
	if (gobuild_parse_args(argc, argv, &a, &why)) {
		rc = usage_error("%s", why);
		free(why);
		gobuild_args_release(&a);
		return rc;
	}
	gs_out.verbosity += a.verbose;
	if ((why = gobuild_check_mode(&a))) {
		rc = usage_error("%s", why);
		goto out;
	}
	if (a.run_args.nr && !a.run_check) {
		rc = usage_error("arguments after -- are for --run-check, which was not given");
		goto out;
	}
	if (gobuild_take_goflags(getenv("GOFLAGS"), &a, &kept, &why)) {
		rc = usage_error("%s", why);
		goto out;
	}
	go = find_in_path(go_name && *go_name ? go_name : "go");
	if (!go) {
		gs_error("%s is not installed (Debian: apt-get install golang-go), or set GO to the go binary",
			 go_name && *go_name ? go_name : "go");
		goto out;
	}
	if (a.chdir)
		dir = absolute_path(a.chdir);
	if (a.output)
		out = resolve(dir, a.output);
	if (store_open(&st) || sysroot_find(a.target, &def) || cache_open(&cache, a.cache))
		goto out;
	have_def = true;
	if (sysroot_lookup(&st, &def, &sr) < 0)
		goto out;
	sysroot_go_env(&sr, &def, &env);
	if (kept.nr) {
		struct strbuf gf = STRBUF_INIT;

		strbuf_addstr(&gf, "GOFLAGS=");
		for (size_t i = 0; i < kept.nr; i++)
			strbuf_addf(&gf, "%s%s", i ? " " : "", kept.v[i]);
		strvec_push(&env, gf.buf);
		strbuf_release(&gf);
	} else if (getenv("GOFLAGS")) {
		strvec_push(&env, "GOFLAGS");   /* unset: its -tags/-ldflags are merged */
	}
	tags = gobuild_tags(&a.tags);
	q = (struct golist_query){ go, dir, &env, &a.list_flags, tags, &a.packages };
	state = golist_lookup(&st, &q, &list);
	if (state != GOLIST_NONE && (rc = make_plan(&a, &list, dir, out, &plan))) {
		if (state == GOLIST_FRESH)
			goto out;       /* nothing it depends on changed: the answer is right */
		plan_release(&plan);
		state = GOLIST_NONE;    /* the kept answer gives no usable plan: ask again */
	}
	if (state == GOLIST_STALE) {
		/* start the likely build at once, and check the answer meanwhile */
		out_verbose(&gs_out, 1, "go list: the store's answer may be stale; building while checking it");
		if ((rc = prepare(&a, &st, &def, &plan, &env, &benv, &sr, &set, &rep, &cache)))
			goto out;
		t0 = now_seconds();
		build_command(&p, go, &a, &plan, tags, &benv, dir, out);
		rc = proc_start(&p);
		if (rc) {
			rc = build_result(rc, go);
			goto out;
		}
		if (golist_refresh(&st, &q, &fresh)) {
			proc_kill(&p);
			rc = 1;
			goto out;
		}
		rc = make_plan(&a, &fresh, dir, out, &plan2);
		if (rc) {
			proc_kill(&p);
			goto out;
		}
		if (same_plan(&plan, &plan2)) {
			rc = proc_finish(&p);
			out_text(&gs_out, p.out.buf);
			built = true;
		} else {
			out_verbose(&gs_out, 1, "go list: the answer changed; building again");
			proc_kill(&p);
			proc_release(&p);
			plan_release(&plan);
			plan = plan2;
			plan2 = (struct plan)PLAN_INIT;
		}
	} else if (state == GOLIST_NONE) {
		golist_release(&list);
		if (golist_refresh(&st, &q, &list)) {
			rc = 1;
			goto out;
		}
		rc = make_plan(&a, &list, dir, out, &plan);
		if (rc)
			goto out;
	} else {
		out_verbose(&gs_out, 1, "go list: the store's answer still holds");
	}
	if (!built) {
		if ((rc = prepare(&a, &st, &def, &plan, &env, &benv, &sr, &set, &rep, &cache)))
			goto out;
		t0 = now_seconds();
		build_command(&p, go, &a, &plan, tags, &benv, dir, out);
		p.inherit = true;
		rc = proc_run(&p);
	}
	if (plan.cgo_files)
		strbuf_addstr(&summary, "sysroot   not needed: no C code (Go's own linker)\n");
	else if (!plan.cgo)
		strbuf_addstr(&summary, "sysroot   not needed: no package uses cgo (CGO_ENABLED=0)\n");
	else if (rep.sysroot_built)
		strbuf_addf(&summary, "sysroot   %s (%s %s): built in %.1f s\n", sr.name, def.name, def.version,
			    rep.sysroot_seconds);
	else
		strbuf_addf(&summary, "sysroot   %s (%s %s): %s\n", sr.name, def.name, def.version,
			    rep.sysroot_pulled ? "pulled from the cache" : "cached");
	if (plan.cgo && set.nr > (pkgset_allocator(&set) ? 1u : 0u))
		clibs_summary(&set, &rep, &summary);
	if (plan.cgo)
		malloc_summary(&set, &summary);
	rc = build_result(rc, go);
	if (rc)
		goto out;
	strbuf_addf(&summary, "cgo       %s\n", plan.cgo_why);
	for (size_t i = 0; i < plan.cgo_diff.nr; i++)
		out_verbose(&gs_out, 1, "with cgo, %s", plan.cgo_diff.v[i]);
	strbuf_addf(&summary, "go build  %.2f s (CGO_ENABLED=%d, -tags %s)\n", now_seconds() - t0,
		    plan_cgo_enabled(&plan) ? 1 : 0, tags);
	for (size_t i = 0; i < plan.outputs.nr; i++)
		if (verify_output(plan.outputs.v[i], def.goarch, &a, &summary))
			rc = 1;
	contents = (struct manifest_input){ .def = &def, .sr = &sr, .set = &set, .cgo = plan.cgo };
	if (!rc && a.sbom) {
		char *spath = resolve(NULL, a.sbom);

		if (manifest_write_sbom(spath, plan.outputs.v[0], &contents))
			rc = 2;
		else
			strbuf_addf(&summary, "sbom      %s (SPDX 2.3)\n", display(spath));
		free(spath);
	}
	if (!rc && a.manifest) {
		char *mpath = resolve(NULL, a.manifest);

		if (manifest_write(mpath, &plan.outputs, &contents))
			rc = 2;
		else
			strbuf_addf(&summary, "manifest  %s\n", display(mpath));
		free(mpath);
	}
	if (!rc && gs_out.verbosity >= 0)
		fputs(summary.buf, stdout);
out:
	proc_release(&p);
	golist_release(&list);
	golist_release(&fresh);
	plan_release(&plan);
	plan_release(&plan2);
	if (have_def)
		sysroot_def_release(&def);
	sysroot_release(&sr);
	pkgset_release(&set);
	strvec_clear(&benv);
	store_close(&st);
	cache_close(&cache);
	gobuild_args_release(&a);
	strvec_clear(&kept);
	strvec_clear(&env);
	strbuf_release(&summary);
	free(why);
	free(go);
	free(tags);
	free(dir);
	free(out);
	return rc;
}
