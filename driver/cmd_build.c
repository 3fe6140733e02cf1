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
#include "cdeps.h"
#include "cmd.h"
#include "config.h"
#include "fsutil.h"
#include "gobuild.h"
#include "golist.h"
#include "log.h"
#include "mapfile.h"
#include "pkgbuild.h"
#include "pkgs.h"
#include "proc.h"
#include "project.h"
#include "reportfmt.h"
#include "runcheck.h"
#include "sbom.h"
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
"CGO_ENABLED, CGO_CFLAGS and CGO_LDFLAGS (gostatic's flags are added).\n"
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
		   struct pkgset *set, struct pkg_report *rep)
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
	rc = pkgset_ensure(set, st, def, NULL, sr, rep);
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
	size_t shown = 0, built = 0;

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
	for (size_t i = 0; i < set->nr; i++)
		built += set->v[i].built && !set->v[i].allocator;
	if (built)
		strbuf_addf(sb, ": built %zu in %.1f s\n", built, rep->seconds);
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
		strbuf_addstr(sb, ": cached\n");
}

static json_t *lib_json(const char *name, const char *version, const char *license, const char *file,
			const char *sha256, const char *kind)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "version", version ? json_string(version) : json_null());
	json_object_set_new(o, "license", license ? json_string(license) : json_null());
	json_object_set_new(o, "source", file ? json_string(file) : json_null());
	json_object_set_new(o, "sha256", sha256 ? json_string(sha256) : json_null());
	json_object_set_new(o, "kind", json_string(kind));
	return o;
}

/* The version of the compiler the sysroot was made with, from its
 * metadata ("gcc version 12.2.0 (...)"), or NULL. */
static char *compiler_version(const struct sysroot *sr)
{
	char *path = xasprintf("%s/gostatic-sysroot.json", sr->dir), *v = NULL;
	json_t *o = json_load_file(path, 0, NULL);
	const char *id = o ? json_string_value(json_object_get(o, "identity")) : NULL;
	const char *at = id ? strstr(id, "gcc version ") : NULL;

	if (at) {
		at += strlen("gcc version ");
		v = xstrndup(at, strcspn(at, " \n"));
	}
	json_decref(o);
	free(path);
	return v;
}

/* --manifest: the C code inside the outputs, for licence compliance. It
 * names no path of this machine: outputs by file name, licence files by
 * their path in the store (under GOSTATIC_HOME). */
static int write_manifest(const char *path, const struct sysroot_def *def, const struct sysroot *sr,
			  const struct plan *pl, const struct pkgset *set)
{
	json_t *o = json_object(), *outs = json_array(), *libs = json_array();
	char *ccv = NULL;
	int rc;

	json_object_set_new(o, "schema", json_string("gostatic.manifest/2"));
	json_object_set_new(o, "target", json_pack("{s:s, s:s}", "goos", def->goos, "goarch", def->goarch));
	for (size_t i = 0; i < pl->outputs.nr; i++) {
		char hex[SHA256_HEX_LEN + 1];

		if (sha256_file(pl->outputs.v[i], hex))
			hex[0] = '\0';
		json_array_append_new(outs, json_pack("{s:s, s:s}", "file", path_base(pl->outputs.v[i]), "sha256", hex));
	}
	json_object_set_new(o, "outputs", outs);
	json_object_set_new(o, "cgo", json_boolean(pl->cgo));
	if (pl->cgo) {
		const struct pkg *al = pkgset_allocator(set);

		json_object_set_new(o, "allocator", json_string(al ? al->r.name : "musl"));
	}
	if (pl->cgo) {
		json_array_append_new(libs, lib_json(def->name, def->version, def->license, def->src.file,
						     def->src.sha256, "libc"));
		for (size_t n = set->nr; n-- > 0;) {
			const struct pkg *p = &set->v[n];
			json_t *l = lib_json(p->r.name, p->r.version, p->r.license, p->source_file, p->source_sha256,
					     p->allocator ? "allocator" : "recipe"), *feats = json_array(), *lic = json_array();

			for (size_t k = 0; k < p->features.nr; k++)
				json_array_append_new(feats, json_string(p->features.v[k]));
			for (size_t k = 0; k < p->r.license_files.nr; k++) {
				const char *f = p->r.license_files.v[k], *base = path_base(f);
				char *lp = xasprintf("pkgs/%s/share/licenses/%s/%s", p->entry, p->r.name, base);

				json_array_append_new(lic, json_string(lp));
				free(lp);
			}
			json_object_set_new(l, "source_kind", json_string(p->source_kind ? p->source_kind : "upstream"));
			json_object_set_new(l, "features", feats);
			json_object_set_new(l, "license_files", lic);
			json_object_set_new(l, "entry", json_string(p->entry));
			json_array_append_new(libs, l);
		}
		ccv = compiler_version(sr);
		json_array_append_new(libs, lib_json("libgcc", ccv, "GPL-3.0-or-later WITH GCC-exception-3.1", NULL, NULL,
						     "compiler runtime"));
	}
	json_object_set_new(o, "libraries", libs);
	rc = write_json_atomic(path, o, JSON_INDENT(2));
	json_decref(o);
	if (rc)
		gs_error_errno(-rc, "cannot write the manifest '%s'", path);
	free(ccv);
	return rc ? -1 : 0;
}

/* The sha256 of the libgcc.a the sysroot's compiler links, or NULL. */
static char *libgcc_sha256(const struct sysroot_def *def)
{
	struct proc p = PROC_INIT;
	char hex[SHA256_HEX_LEN + 1], *path;

	strvec_pushl(&p.args, def->compiler, "-print-libgcc-file-name", NULL);
	p.split = true;
	if (proc_run(&p) || !p.out.len) {
		proc_release(&p);
		return NULL;
	}
	path = xstrndup(p.out.buf, strcspn(p.out.buf, "\n"));
	proc_release(&p);
	if (sha256_file(path, hex)) {
		free(path);
		return NULL;
	}
	free(path);
	return xstrdup(hex);
}

/* --sbom: an SPDX 2.3 document of the output (sbom.h). */
static int write_sbom(const char *path, const char *exe, const struct sysroot_def *def, const struct sysroot *sr,
		      const struct plan *pl, const struct pkgset *set)
{
	struct sbom_component *c = xcalloc(set->nr + 2, sizeof(*c));
	struct strvec own = STRVEC_INIT;     /* strings the components point to */
	struct mapped_file mf;
	struct report r;
	char hex[SHA256_HEX_LEN + 1], created[32], *ccv = NULL, *gcc_sha = NULL;
	size_t nc = 0;
	json_t *doc;
	int rc = map_file(exe, &mf);

	if (rc) {
		free(c);
		return gs_error_errno(-rc, "cannot read the output '%s'", exe);
	}
	if (sbom_created(getenv("SOURCE_DATE_EPOCH"), created, sizeof(created)))
		gs_warn("SOURCE_DATE_EPOCH is '%s', not a number of seconds: the SBOM says 1970",
			getenv("SOURCE_DATE_EPOCH"));
	sha256_hex(mf.buf, mf.len, hex);
	report_init(&r, path_base(exe));
	verify_buffer(mf.buf, mf.len, &r);
	if (pl->cgo) {
		c[nc++] = (struct sbom_component){ def->name, def->version, def->license,
						   def->src.urls.nr ? def->src.urls.v[0] : NULL, def->src.sha256,
						   strvec_push(&own, "the C library, linked statically; the checksum "
								     "is its source archive's"), "LIBRARY" };
		for (size_t n = set->nr; n-- > 0;) {
			const struct pkg *p = &set->v[n];
			bool debian = p->source_kind && strcmp(p->source_kind, "upstream");
			const struct recipe_source *src = &p->r.sources[0];
			const char *comment;

			for (size_t k = 0; k < p->r.nsources; k++)
				if (p->source_kind && !strcmp(p->r.sources[k].kind, p->source_kind))
					src = &p->r.sources[k];
			comment = p->allocator
				  ? strvec_pushf(&own, "the allocator of all C code, in place of musl's; built by gostatic "
						       "from %s, whose sha256 is the checksum", p->source_file)
				  : debian && src->src.debian_pkg
				  ? strvec_pushf(&own, "built by gostatic from Debian's source package %s (%s), "
						       "whose sha256 is the checksum", src->src.debian_pkg, p->source_file)
				  : strvec_pushf(&own, "built by gostatic from %s, whose sha256 is the checksum",
						 p->source_file);
			c[nc++] = (struct sbom_component){ p->r.name, p->r.version, p->r.license,
							   !debian && src->src.urls.nr ? src->src.urls.v[0] : NULL,
							   p->source_sha256, comment, "LIBRARY" };
		}
		ccv = compiler_version(sr);
		gcc_sha = libgcc_sha256(def);
		c[nc++] = (struct sbom_component){ "libgcc", ccv, "GPL-3.0-or-later WITH GCC-exception-3.1", NULL, gcc_sha,
						   strvec_push(&own, "the compiler's runtime library; the checksum "
								     "is that of the libgcc.a linked"), "LIBRARY" };
	}
	doc = sbom_document(&(struct sbom_input){ path_base(exe), hex, &r.go, created, "Tool: gostatic-" GOSTATIC_VERSION,
						   c, nc });
	rc = write_json_atomic(path, doc, JSON_INDENT(2));
	if (rc)
		gs_error_errno(-rc, "cannot write the SBOM '%s'", path);
	json_decref(doc);
	report_release(&r);
	unmap_file(&mf);
	strvec_clear(&own);
	free(ccv);
	free(gcc_sha);
	free(c);
	return rc ? -1 : 0;
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
	if (store_open(&st) || sysroot_find(a.target, &def))
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
		if ((rc = prepare(&a, &st, &def, &plan, &env, &benv, &sr, &set, &rep)))
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
		if ((rc = prepare(&a, &st, &def, &plan, &env, &benv, &sr, &set, &rep)))
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
		strbuf_addf(&summary, "sysroot   %s (%s %s): cached\n", sr.name, def.name, def.version);
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
	if (!rc && a.sbom) {
		char *spath = resolve(NULL, a.sbom);

		if (write_sbom(spath, plan.outputs.v[0], &def, &sr, &plan, &set))
			rc = 2;
		else
			strbuf_addf(&summary, "sbom      %s (SPDX 2.3)\n", display(spath));
		free(spath);
	}
	if (!rc && a.manifest) {
		char *mpath = resolve(NULL, a.manifest);

		if (write_manifest(mpath, &def, &sr, &plan, &set))
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
