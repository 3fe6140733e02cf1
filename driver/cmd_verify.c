/* cmd_verify.c - gostatic verify: prove executables are static, or say why not */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "cmd.h"
#include "log.h"
#include "mapfile.h"
#include "reportfmt.h"
#include "runcheck.h"
#include "sha256.h"
#include "unpack.h"
#include "verify.h"

static const char verify_usage[] =
"usage: gostatic verify [options] FILE... [-- ARGS...]\n"
"\n"
"Decides from each file's own bytes whether it is a static executable that\n"
"needs no loader and no shared library, and says why when it is not.\n"
"\n"
"options:\n"
"  --json              one JSON object per file per line (schema gostatic.verify/1)\n"
"  -q, --quiet         print only the verdict word of each file\n"
"  -v, --verbose       show every finding, including minor ones\n"
"  --strict            fail files with warnings too (runtime loading, skipped checks)\n"
"  --expect-arch ARCH  fail files not built for ARCH (GOARCH name or ELF name:\n"
"                      amd64, arm64, x86_64, aarch64, linux/arm64, ...)\n"
"  --unpack            unpack UPX-packed files with upx and judge the program inside\n"
"  --run               also run each file in an empty root (with ARGS after --)\n"
"  --run-timeout SECS  stop a running program after SECS seconds (default 10)\n"
"  --run-method M      auto (default), userns or chroot\n"
"  -h, --help          show this help\n"
"\n"
"verdicts: static, static-pie (pass); static-with-runtime-loading (pass, but\n"
"fails with --strict); dynamic, dynamic-loader-only, packed, broken,\n"
"malformed, not-elf, not-executable (fail).\n"
"\n"
"exit status: 0 every file passes, 1 some file does not, 2 usage or I/O error.\n";

struct verify_cmd {
	bool json;
	bool unpack;
	bool run;
	struct verify_opts vo;
	struct run_opts ro;
	struct strvec files;
	const char *const *run_args;
};

#define usage_error(...) out_usage(&gs_out, "verify", __VA_ARGS__)

/* Returns the value of --name VALUE or --name=VALUE at argv[*i], advancing
 * *i past it; NULL when argv[*i] is not this option. Sets *missing when the
 * option is there without a value. */
static const char *opt_value(int argc, const char **argv, int *i, const char *name,
			     bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

static int parse_args(int argc, const char **argv, struct verify_cmd *c)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		bool missing = false;

		if (!strcmp(a, "--")) {
			c->run_args = argv + i + 1;
			break;
		}
		if (a[0] != '-' || !a[1]) {
			strvec_push(&c->files, a);
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(verify_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--json")) {
			c->json = true;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			gs_out.verbosity = -1;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			if (gs_out.verbosity >= 0)
				gs_out.verbosity++;
		} else if (!strcmp(a, "--strict")) {
			c->vo.strict = true;
		} else if (!strcmp(a, "--unpack")) {
			c->unpack = true;
		} else if (!strcmp(a, "--run")) {
			c->run = true;
		} else if ((v = opt_value(argc, argv, &i, "--expect-arch", &missing))) {
			if (!arch_known(v))
				return usage_error("unknown architecture '%s' for --expect-arch (try amd64, arm64, 386, arm, riscv64, ppc64le, s390x)", v);
			c->vo.expect_arch = v;
		} else if ((v = opt_value(argc, argv, &i, "--run-timeout", &missing))) {
			char *end;
			double t = strtod(v, &end);

			if (end == v || *end || !(t > 0) || t > 86400)
				return usage_error("invalid --run-timeout '%s': give seconds, e.g. 10 or 2.5", v);
			c->ro.timeout = t;
		} else if ((v = opt_value(argc, argv, &i, "--run-method", &missing))) {
			int m = run_method_parse(v);

			if (m < 0)
				return usage_error("invalid --run-method '%s': use auto, userns or chroot", v);
			c->ro.method = (enum run_method)m;
		} else if (missing) {
			return usage_error("option '%s' needs a value", a);
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (!c->files.nr)
		return usage_error("%s", "no FILE given");
	if (c->run_args && *c->run_args && !c->run)
		return usage_error("%s", "arguments after -- are for --run, which was not given");
	return -1;
}

static void do_unpack(const char *path, struct report *r)
{
	struct unpacked u;
	struct mapped_file mf;
	struct report *inner;
	char *why = NULL;
	int rc;

	rc = unpack_upx(path, &u, &why);
	if (rc) {
		verify_set_unpack_failed(r, why);
		free(why);
		return;
	}
	rc = map_file(u.file, &mf);
	if (rc) {
		why = xasprintf("cannot read the unpacked copy: %s", strerror(-rc));
		verify_set_unpack_failed(r, why);
		free(why);
		unpacked_remove(&u);
		return;
	}
	inner = xmalloc(sizeof(*inner));
	report_init(inner, r->file);
	sha256_hex(mf.buf, mf.len, inner->sha256);
	verify_buffer(mf.buf, mf.len, inner);
	verify_judge(inner, &(struct verify_opts){ 0 });
	verify_set_inner(r, inner);
	unmap_file(&mf);
	unpacked_remove(&u);
}

static void do_run(const struct verify_cmd *c, const struct mapped_file *mf, struct report *r)
{
	struct run_opts ro = c->ro;

	ro.argv0 = path_base(r->file);
	ro.args = c->run_args;
	runcheck_verify(r, mf->fd, &ro);
}

/* Verifies one file and prints its result. Returns 0 pass, 1 fail, 2 I/O. */
static int verify_one(const struct verify_cmd *c, const char *path)
{
	struct mapped_file mf;
	struct report r;
	int rc = map_file(path, &mf), ret;

	if (rc) {
		char *msg = xasprintf("cannot read '%s': %s", path,
				      rc == -EINVAL ? "not a regular file" : strerror(-rc));

		gs_error("%s", msg);
		if (c->json) {
			json_t *j = reportfmt_json_error(path, msg);

			reportfmt_json_line(&gs_out, j);
			json_decref(j);
		}
		free(msg);
		return 2;
	}
	report_init(&r, path);
	/* only the JSON report shows it: 10 MB take longer to hash than to verify */
	if (c->json && sha256_hex(mf.buf, mf.len, r.sha256))
		gs_warn("cannot compute the SHA-256 of '%s'", path);
	verify_buffer(mf.buf, mf.len, &r);
	if (c->unpack && r.packed)
		do_unpack(path, &r);
	if (c->run)
		do_run(c, &mf, &r);
	verify_judge(&r, &c->vo);
	if (c->json) {
		json_t *j = reportfmt_json(&r);

		reportfmt_json_line(&gs_out, j);
		json_decref(j);
	} else {
		reportfmt_text(&gs_out, &r);
	}
	fflush(gs_out.out);
	ret = r.pass ? 0 : 1;
	report_release(&r);
	unmap_file(&mf);
	return ret;
}

int cmd_verify(int argc, const char **argv)
{
	struct verify_cmd c = {
		.ro = { .method = RUN_AUTO, .timeout = 10, .head_max = 4096 },
		.files = STRVEC_INIT,
	};
	int rc, worst = 0;

	rc = parse_args(argc, argv, &c);
	if (rc >= 0) {
		strvec_clear(&c.files);
		return rc;
	}
	for (size_t i = 0; i < c.files.nr; i++) {
		rc = verify_one(&c, c.files.v[i]);
		if (rc > worst)
			worst = rc;
	}
	strvec_clear(&c.files);
	return worst;
}
