/* cmd_build.c - gostatic build: a static, verified Go program */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "fsutil.h"
#include "gobuild.h"
#include "golist.h"
#include "log.h"
#include "mapfile.h"
#include "proc.h"
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
"  --target T      linux/amd64 (default: GOARCH, else this host)\n"
"  -o OUT          the output file (or folder, for several programs)\n"
"  --run-check     also start the output in an empty root (ARGS after --)\n"
"  -v              show every command gostatic runs, with its environment\n"
"                  (also passed to go build)\n"
"\n"
"Every other flag goes to go build as given; -tags and -ldflags (also from\n"
"GOFLAGS) are merged. -buildmode=pie gives a static-pie. Flags that cannot\n"
"give a static executable (-linkmode internal with cgo, -buildmode=c-shared,\n"
"-linkshared, CGO_ENABLED=0 with cgo packages) are reported.\n"
"\n"
"environment: GO (the go binary), GOSTATIC_HOME, GOFLAGS, CGO_ENABLED.\n"
"exit status: 0 built and verified static, 1 the build or the verification\n"
"failed, 2 usage or environment error.\n";

GS_PRINTF(1, 2) static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("gostatic build: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(see 'gostatic build --help')\n", stderr);
	return 2;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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
		unsigned bits;
		uint16_t host = verify_host_machine(&bits);

		if (r.machine != host || r.bits != bits) {
			verify_skip_run(&r, "the output is for another architecture than this host");
		} else {
			struct run_opts ro = { .method = RUN_AUTO, .timeout = 10, .head_max = 4096 };
			struct run_result res;

			ro.argv0 = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
			ro.args = a->run_args.v;
			if (runcheck(mf.fd, &ro, &res) < 0)
				verify_skip_run(&r, "the run check could not be set up");
			else
				verify_apply_run(&r, &res);
			run_result_release(&res);
		}
	}
	verify_judge(&r, &vo);
	if (!r.pass || (a->run_check && r.run_outcome && strcmp(r.run_outcome, "ok") &&
			strcmp(r.run_outcome, "timeout"))) {
		reportfmt_text(&gs_out, &r);
		gs_error("%s is not a working static executable (verdict: %s)", display(path),
			 verdict_name(r.verdict));
	} else {
		strbuf_addf(summary, "output    %s: %.1f MiB, %s%s%s%s\n", display(path),
			    (double)mf.len / (1024.0 * 1024.0), verdict_name(r.verdict),
			    r.libc.kind == LIBC_MUSL ? ", musl" : r.libc.kind == LIBC_NONE ? ", no libc" : "",
			    r.go.version ? ", " : "", r.go.version ? r.go.version : "");
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

int cmd_build(int argc, const char **argv)
{
	struct gobuild_args a;
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct sysroot sr = SYSROOT_INIT;
	struct golist list = GOLIST_INIT;
	struct strvec kept = STRVEC_INIT, env = STRVEC_INIT, outputs = STRVEC_INIT, cgo_pkgs = STRVEC_INIT;
	struct strbuf summary = STRBUF_INIT;
	struct proc p = PROC_INIT;
	const char *cgo_env = getenv("CGO_ENABLED"), *go_name = getenv("GO");
	char *why = NULL, *go = NULL, *tags = NULL, *ldflags = NULL, *dir = NULL, *out = NULL;
	bool have_def = false, cgo = false, pie;
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
	if (store_open(&st) || sysroot_find(a.target, &def))
		goto out;
	have_def = true;
	if (sysroot_ensure(&st, &def, false, &sr)) {
		rc = 1;
		goto out;
	}
	if (sr.built)
		strbuf_addf(&summary, "sysroot   %s (%s %s): built in %.1f s\n", sr.name, def.name,
			    def.version, sr.seconds);
	else
		strbuf_addf(&summary, "sysroot   %s (%s %s): cached\n", sr.name, def.name, def.version);

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
	t0 = now();
	if (golist_run(go, dir, &env, &a.list_flags, tags, &a.packages, &list)) {
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < list.nr; i++) {
		const struct golist_pkg *pk = &list.v[i];

		if (pk->cgo) {
			cgo = true;
			if (!pk->standard)
				strvec_push(&cgo_pkgs, pk->import_path);
		}
		if (!pk->dep_only) {
			char *name;

			if (!pk->name || strcmp(pk->name, "main")) {
				rc = usage_error("%s is package %s, not a command (package main): gostatic builds programs",
						 pk->import_path, pk->name ? pk->name : "?");
				goto out;
			}
			name = gobuild_exe_name(pk->import_path, pk->first_gofile);
			strvec_push(&outputs, name);
			free(name);
		}
	}
	if (cgo_env && !strcmp(cgo_env, "0") && cgo_pkgs.nr) {
		rc = usage_error("CGO_ENABLED=0 is set, but %s%s uses cgo: unset CGO_ENABLED (gostatic links "
				 "the C code statically against musl)", cgo_pkgs.v[0],
				 cgo_pkgs.nr > 1 ? " (and more)" : "");
		goto out;
	}
	if (!outputs.nr) {
		rc = usage_error("no package to build");
		goto out;
	}
	pie = a.buildmode && !strcmp(a.buildmode, "pie");
	if (gobuild_ldflags(a.ldflags, cgo, pie, &ldflags, &why)) {
		rc = usage_error("%s", why);
		goto out;
	}
	if (a.output) {
		out = resolve(dir, a.output);
		if (outputs.nr > 1 && !is_dir(out)) {
			rc = usage_error("-o %s must be an existing folder to hold %zu programs", a.output,
					 outputs.nr);
			goto out;
		}
	} else if (outputs.nr > 1) {
		rc = usage_error("%zu programs: give -o FOLDER to say where they go", outputs.nr);
		goto out;
	}
	for (size_t i = 0; i < outputs.nr; i++) {
		char *path;

		if (out && !is_dir(out))
			path = xstrdup(out);
		else
			path = xasprintf("%s/%s", out ? out : dir ? dir : ".", outputs.v[i]);
		free((char *)outputs.v[i]);
		outputs.v[i] = absolute_path(path);
		free(path);
	}

	/* the build itself */
	strvec_pushl(&p.args, go, "build", NULL);
	for (size_t i = 0; i < a.go_flags.nr; i++)
		strvec_push(&p.args, a.go_flags.v[i]);
	strvec_pushf(&p.args, "-tags=%s", tags);
	if (*ldflags)
		strvec_pushf(&p.args, "-ldflags=%s", ldflags);
	strvec_pushl(&p.args, "-o", outputs.nr > 1 ? out : outputs.v[0], "--", NULL);
	for (size_t i = 0; i < a.packages.nr; i++)
		strvec_push(&p.args, a.packages.v[i]);
	for (size_t i = 0; i < env.nr; i++)
		strvec_push(&p.env, strcmp(env.v[i], "CGO_ENABLED=1") || cgo ? env.v[i] : "CGO_ENABLED=0");
	p.dir = dir;
	p.inherit = true;
	rc = proc_run(&p);
	if (rc) {
		if (rc < 0)
			gs_error_errno(-rc, "cannot run '%s'", go);
		else
			gs_error("go build failed (exit %d)", rc);
		rc = 1;
		goto out;
	}
	strbuf_addf(&summary, "go build  %.2f s (CGO_ENABLED=%d, -tags %s)\n", now() - t0, cgo ? 1 : 0,
		    tags);
	rc = 0;
	for (size_t i = 0; i < outputs.nr; i++)
		if (verify_output(outputs.v[i], def.goarch, &a, &summary))
			rc = 1;
	if (!rc && gs_out.verbosity >= 0)
		fputs(summary.buf, stdout);
out:
	proc_release(&p);
	golist_release(&list);
	if (have_def)
		sysroot_def_release(&def);
	sysroot_release(&sr);
	store_close(&st);
	gobuild_args_release(&a);
	strvec_clear(&kept);
	strvec_clear(&env);
	strvec_clear(&outputs);
	strvec_clear(&cgo_pkgs);
	strbuf_release(&summary);
	free(why);
	free(go);
	free(tags);
	free(ldflags);
	free(dir);
	free(out);
	return rc;
}
