/* verify_test.c - verdicts and findings for every kind of synthetic file */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "arch.h"
#include "elfgen.h"
#include "reportfmt.h"
#include "test.h"
#include "verify.h"

#define END F__COUNT

static const struct {
	const char *spec;
	enum verdict verdict;
	bool pass;
	enum finding_code must[5];
	enum finding_code must_not[3];
} cases[] = {
	{ "static", V_STATIC, true, { END }, { F_STRIPPED, F_PT_INTERP, END } },
	{ "static32be", V_STATIC, true, { END }, { END } },
	{ "pn-xnum", V_STATIC, true, { END }, { F_MALFORMED, END } },
	{ "static-pie", V_STATIC_PIE, true, { F_STATIC_PIE, END }, { END } },
	{ "static-pie-noflag", V_STATIC_PIE, true, { F_STATIC_PIE_WITHOUT_DF_1_PIE, END }, { END } },
	{ "dynamic-duplicate", V_STATIC_PIE, true, { F_DUPLICATE_PT_DYNAMIC, END }, { END } },
	{ "dyn-outside-load", V_STATIC_PIE, true, { F_DYNAMIC_OUTSIDE_LOAD, END }, { END } },
	{ "dyn-unterminated", V_STATIC_PIE, true, { F_DYNAMIC_UNTERMINATED, END }, { END } },
	{ "etdyn-nodyn", V_BROKEN, false, { F_ETDYN_WITHOUT_DYNAMIC, END }, { END } },
	{ "loader-only", V_DYNAMIC_LOADER_ONLY, false, { F_PT_INTERP, F_INTERP_WITHOUT_NEEDED, END },
	  { F_DT_NEEDED, END } },
	{ "dynamic", V_DYNAMIC, false, { F_PT_INTERP, F_DT_NEEDED, F_GLIBC_FLOOR, F_LIBC_GLIBC, END },
	  { F_NO_RELRO, END } },
	{ "dynamic-gnuhash", V_DYNAMIC, false, { F_GLIBC_FLOOR, END }, { END } },
	{ "dynamic32be", V_DYNAMIC, false, { F_PT_INTERP, F_DT_NEEDED, F_GLIBC_FLOOR, END }, { END } },
	{ "dynamic-attrs", V_DYNAMIC, false, { F_RPATH, F_RUNPATH, F_TEXTREL, F_EXECSTACK, END },
	  { END } },
	{ "musl-dynamic", V_DYNAMIC, false, { F_LIBC_MUSL, END }, { F_LIBC_GLIBC, END } },
	{ "needed-no-interp", V_BROKEN, false, { F_NEEDED_WITHOUT_INTERP, END }, { END } },
	{ "shared-lib", V_NOT_EXECUTABLE, false, { F_SHARED_LIBRARY, F_NOT_EXECUTABLE, END }, { END } },
	{ "shared-nolibc", V_NOT_EXECUTABLE, false, { F_SHARED_LIBRARY, END }, { END } },
	{ "interp-no-dynamic", V_BROKEN, false, { F_INTERP_WITHOUT_DYNAMIC, END }, { END } },
	{ "interp-duplicate", V_DYNAMIC, false, { F_DUPLICATE_PT_INTERP, END }, { END } },
	{ "interp-unterminated", V_BROKEN, false, { F_BAD_PT_INTERP, END }, { F_PT_INTERP, END } },
	{ "dyn-view-mismatch", V_DYNAMIC, false, { F_DYNAMIC_VIEW_MISMATCH, F_DT_NEEDED, END }, { END } },
	{ "verneed-badhash", V_DYNAMIC, false, { F_VERNEED_HASH_MISMATCH, END }, { END } },
	{ "glibc-private", V_DYNAMIC, false, { F_GLIBC_PRIVATE, F_GLIBC_FLOOR, END }, { END } },
	{ "libstdcxx", V_DYNAMIC, false, { F_LIBSTDCXX_FLOOR, END }, { END } },
	{ "go-inline", V_STATIC, true, { F_GO_BUILDINFO, F_LIBC_NONE, END },
	  { F_GO_BUILDINFO_UNREADABLE, END } },
	{ "go-inline-nosection", V_STATIC, true, { F_GO_BUILDINFO, END }, { END } },
	{ "go-pointer", V_STATIC, true, { F_GO_BUILDINFO, END }, { END } },
	{ "go-pointer32be", V_STATIC, true, { F_GO_BUILDINFO, END }, { END } },
	{ "go-pointer-zero", V_DYNAMIC_LOADER_ONLY, false, { F_GO_BUILDINFO_UNREADABLE, END }, { END } },
	{ "go-cgo-static-glibc", V_STATIC_WITH_RUNTIME_LOADING, true,
	  { F_NSS_STATIC_GLIBC, F_LIBC_GLIBC, F_GO_TAGS_MISSING_NETGO_OSUSERGO, END }, { END } },
	{ "glibc-nss-static", V_STATIC_WITH_RUNTIME_LOADING, true, { F_NSS_STATIC_GLIBC, END }, { END } },
	{ "musl-static", V_STATIC, true, { F_LIBC_MUSL, END }, { F_NSS_STATIC_GLIBC, END } },
	{ "upx", V_PACKED, false, { F_UPX_PACKHEADER, F_UPX_LINFO, F_UPX_STRING, F_UPX_INNER_UNKNOWN, END },
	  { END } },
	{ "upx-be", V_PACKED, false, { F_UPX_PACKHEADER, END }, { END } },
	{ "upx-badsum", V_STATIC, true, { END }, { F_UPX_PACKHEADER, END } },
	{ "upx-strings-only", V_STATIC, true, { F_UPX_STRING, END }, { F_UPX_PACKHEADER, END } },
	{ "rel", V_NOT_EXECUTABLE, false, { F_NOT_EXECUTABLE, END }, { END } },
	{ "core", V_NOT_EXECUTABLE, false, { F_NOT_EXECUTABLE, END }, { END } },
	{ "arm64", V_STATIC, true, { END }, { END } },
};

static void analyse(const char *spec, struct report *r, struct eg_file *f)
{
	eg_build(eg_named(spec), f);
	report_init(r, spec);
	verify_buffer(f->buf, f->len, r);
}

TEST(every_named_spec_has_a_case)
{
	for (size_t i = 0; eg_spec_name(i); i++) {
		bool found = false;

		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
			found |= !strcmp(cases[k].spec, eg_spec_name(i));
		CHECK_MSG(found, "synthetic file '%s' has no verdict case", eg_spec_name(i));
	}
}

TEST(verdicts_and_findings)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct verify_opts vo = { 0 };
		struct eg_file f;
		struct report r;

		CHECK_MSG(eg_named(cases[i].spec), "no spec %s", cases[i].spec);
		if (!eg_named(cases[i].spec))
			continue;
		analyse(cases[i].spec, &r, &f);
		verify_judge(&r, &vo);
		CHECK_MSG(r.verdict == cases[i].verdict, "%s: verdict %s, expected %s", cases[i].spec,
			  verdict_name(r.verdict), verdict_name(cases[i].verdict));
		CHECK_MSG(r.pass == cases[i].pass, "%s: pass %d", cases[i].spec, r.pass);
		for (int k = 0; cases[i].must[k] != END; k++)
			CHECK_MSG(findings_get(&r.findings, cases[i].must[k]), "%s: no %s finding",
				  cases[i].spec, finding_code_name(cases[i].must[k]));
		for (int k = 0; cases[i].must_not[k] != END; k++)
			CHECK_MSG(!findings_get(&r.findings, cases[i].must_not[k]),
				  "%s: unexpected %s finding", cases[i].spec,
				  finding_code_name(cases[i].must_not[k]));
		if (!verdict_is_static(r.verdict) && r.verdict != V_STATIC_WITH_RUNTIME_LOADING &&
		    r.verdict != V_NOT_ELF)
			CHECK_MSG(r.hints.nr > 0 || r.verdict == V_MALFORMED,
				  "%s: a failing verdict without a hint", cases[i].spec);
		report_release(&r);
		free(f.buf);
	}
}

TEST(dynamic_facts)
{
	struct eg_file f;
	struct report r;

	analyse("dynamic", &r, &f);
	CHECK_STR(r.link.interp, "/lib64/ld-linux-x86-64.so.2");
	CHECK_INT(r.link.needed.nr, 2);
	CHECK_STR(r.link.needed.v[0], "libm.so.6");
	CHECK_STR(r.link.needed.v[1], "libc.so.6");
	CHECK_STR(r.glibc_floor, "2.34");
	CHECK(strstr(findings_get(&r.findings, F_GLIBC_FLOOR)->message, "__libc_start_main"));
	CHECK(strstr(findings_get(&r.findings, F_GLIBC_FLOOR)->message, "pthread_create"));
	CHECK(!strstr(findings_get(&r.findings, F_GLIBC_FLOOR)->message, "pthread_sigmask"));
	CHECK_INT(r.link.relro, RELRO_PARTIAL);
	report_release(&r);
	free(f.buf);
}

TEST(gnu_hash_attributes_like_sysv_hash)
{
	struct eg_file f1, f2;
	struct report a, b;

	analyse("dynamic", &a, &f1);
	analyse("dynamic-gnuhash", &b, &f2);
	CHECK_INT(a.reqs.nr, b.reqs.nr);
	for (size_t i = 0; i < a.reqs.nr && i < b.reqs.nr; i++) {
		CHECK_STR(a.reqs.v[i].version, b.reqs.v[i].version);
		CHECK_INT(a.reqs.v[i].symbols.nr, b.reqs.v[i].symbols.nr);
	}
	report_release(&a);
	report_release(&b);
	free(f1.buf);
	free(f2.buf);
}

TEST(view_mismatch_uses_the_address_view)
{
	struct eg_file f;
	struct report r;

	/* the p_offset copy lacks DT_NEEDED; the loader reads the vaddr one */
	analyse("dyn-view-mismatch", &r, &f);
	CHECK_INT(r.link.needed.nr, 1);
	report_release(&r);
	free(f.buf);
}

TEST(strict_fails_warnings)
{
	static const char *const specs[] = { "glibc-nss-static", "static-pie-noflag" };

	for (size_t i = 0; i < 2; i++) {
		struct verify_opts strict = { .strict = true }, lax = { 0 };
		struct eg_file f;
		struct report r;

		analyse(specs[i], &r, &f);
		CHECK(verify_judge(&r, &lax));
		CHECK(!verify_judge(&r, &strict));
		report_release(&r);
		free(f.buf);
	}
}

TEST(expect_arch)
{
	static const struct {
		const char *spec, *arch;
		bool pass;
	} t[] = {
		{ "static", "amd64", true }, { "static", "x86_64", true },
		{ "static", "linux/amd64", true }, { "static", "arm64", false },
		{ "arm64", "arm64", true }, { "arm64", "aarch64", true },
		{ "arm64", "amd64", false }, { "static32be", "mips", true },
		{ "static32be", "mipsle", false }, { "static32be", "mips64", false },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct verify_opts vo = { .expect_arch = t[i].arch };
		struct eg_file f;
		struct report r;

		analyse(t[i].spec, &r, &f);
		CHECK_MSG(verify_judge(&r, &vo) == t[i].pass, "%s as %s", t[i].spec, t[i].arch);
		CHECK(!!findings_get(&r.findings, F_MACHINE_MISMATCH) == !t[i].pass);
		report_release(&r);
		free(f.buf);
	}
	CHECK(!arch_known("vax"));
	CHECK(arch_known("riscv64"));
}

static void run_case(const char *spec, struct run_result rr, enum verdict want,
		     const char *outcome, enum finding_code code)
{
	struct verify_opts vo = { 0 };
	struct eg_file f;
	struct report r;

	analyse(spec, &r, &f);
	verify_apply_run(&r, &rr);
	verify_judge(&r, &vo);
	CHECK_MSG(r.verdict == want, "%s/%s: verdict %s", spec, outcome, verdict_name(r.verdict));
	CHECK_STR(r.run_outcome, outcome);
	CHECK_MSG(findings_get(&r.findings, code), "%s: no %s", spec, finding_code_name(code));
	report_release(&r);
	free(f.buf);
}

TEST(runtime_results_adjust_verdicts)
{
	struct run_result base = RUN_RESULT_INIT, rr;

	base.performed = true;
	base.method = "userns-chroot";

	rr = base;
	rr.exited = true;
	rr.exit_status = 0;
	run_case("static", rr, V_STATIC, "ok", F_RUNTIME_OK);

	rr = base;
	rr.exec_errno = ENOENT;
	run_case("dynamic", rr, V_DYNAMIC, "interp-missing", F_RUNTIME_INTERP_MISSING);
	run_case("static", rr, V_BROKEN, "interp-missing", F_RUNTIME_INTERP_MISSING);

	rr = base;
	rr.signal = SIGTRAP;
	run_case("static", rr, V_BROKEN, "crash", F_RUNTIME_CRASH);
	run_case("dynamic", rr, V_DYNAMIC, "crash", F_RUNTIME_CRASH);

	/* it printed first: the program started, the crash is its own */
	rr = base;
	rr.signal = SIGABRT;
	strbuf_addstr(&rr.out_head, "usage: prog FILE\n");
	run_case("static", rr, V_STATIC, "crash", F_RUNTIME_CRASH);

	rr = base;
	rr.exited = true;
	rr.exit_status = 2;
	strbuf_addstr(&rr.err_head, "fatal error: unexpected signal during runtime execution\n");
	run_case("static", rr, V_STATIC, "crash", F_RUNTIME_CRASH);

	rr = base;
	rr.exited = true;
	rr.exit_status = 127;
	run_case("upx", rr, V_PACKED, "packed-loader-exit127", F_RUNTIME_PACKED_LOADER_EXIT127);

	rr = base;
	rr.timed_out = true;
	rr.signal = SIGKILL;
	run_case("static", rr, V_STATIC, "timeout", F_RUNTIME_TIMEOUT);

	rr = base;
	rr.performed = false;
	rr.skipped = xstrdup("unshare(CLONE_NEWUSER) failed: Operation not permitted");
	run_case("static", rr, V_STATIC, "skipped", F_RUNTIME_SKIPPED);
}

TEST(packed_inner_status_from_run)
{
	struct run_result rr = RUN_RESULT_INIT;
	struct verify_opts vo = { 0 };
	struct eg_file f;
	struct report r;

	rr.performed = true;
	rr.exited = true;
	rr.exit_status = 127;
	analyse("upx", &r, &f);
	verify_apply_run(&r, &rr);
	verify_judge(&r, &vo);
	CHECK_INT(r.inner_status, INNER_DYNAMIC);
	CHECK(!findings_get(&r.findings, F_UPX_INNER_UNKNOWN));
	report_release(&r);
	free(f.buf);
}

TEST(not_elf_descriptions)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *want;
	} t[] = {
		{ "", 0, "an empty file" },
		{ "#!/bin/sh -e\necho hi\n", 21, "a script (interpreter /bin/sh -e)" },
		{ "#!", 2, "a script (interpreter missing)" },
		{ "!<arch>\nfoo", 11, "an ar archive (a static library)" },
		{ "MZ\x90\x00", 4, "a PE/DOS executable (Windows)" },
		{ "\xcf\xfa\xed\xfe", 4, "a Mach-O file (macOS)" },
		{ "hello", 5, "data" },
		{ "\x7f" "EL", 3, "data" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct report r;

		report_init(&r, "x");
		verify_buffer((const uint8_t *)t[i].bytes, t[i].len, &r);
		CHECK_INT(r.verdict, V_NOT_ELF);
		CHECK_STR(r.what, t[i].want);
		report_release(&r);
	}
}

TEST(malformed_headers)
{
	static const struct {
		size_t len;
		int poke_at;
		uint8_t poke;
		const char *needle;
	} t[] = {
		{ 10, -1, 0, "identification" },
		{ 40, -1, 0, "ELF header" },
		{ 0, 4, 7, "class" },
		{ 0, 5, 9, "byte order" },
		{ 0, 6, 2, "version" },
		{ 0, 54, 20, "e_phentsize" },
		{ 0, 32, 0xff, "program header table" },
	};
	struct eg_file f;

	eg_build(eg_named("static"), &f);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint8_t *copy = malloc(f.len);
		size_t len = t[i].len ? t[i].len : f.len;
		const struct finding *m;
		struct report r;

		memcpy(copy, f.buf, f.len);
		if (t[i].poke_at >= 0)
			copy[t[i].poke_at] = t[i].poke;
		if (t[i].poke_at == 32)     /* e_phoff far beyond the end */
			copy[38] = 0x7f;
		report_init(&r, "x");
		verify_buffer(copy, len, &r);
		CHECK_MSG(r.verdict == V_MALFORMED, "case %zu: %s", i, verdict_name(r.verdict));
		m = findings_get(&r.findings, F_MALFORMED);
		CHECK_MSG(m && strstr(m->message, t[i].needle), "case %zu: %s", i,
			  m ? m->message : "no MALFORMED finding");
		report_release(&r);
		free(copy);
	}
	free(f.buf);
}

/* Every prefix and thousands of single-byte mutations of every synthetic
 * file: the engine and the JSON writer must neither crash nor read out of
 * bounds (run under ASan in CI), and every verdict must be a known one. */
TEST(truncations_and_mutations_are_safe)
{
	uint32_t seed = 12345;

	for (size_t i = 0; eg_spec_name(i); i++) {
		struct eg_file f;
		uint8_t *copy;

		eg_build(eg_named(eg_spec_name(i)), &f);
		copy = malloc(f.len);
		for (size_t len = 0; len <= f.len; len += len < 512 ? 1 : 37) {
			struct report r;
			struct verify_opts vo = { .strict = true };
			uint8_t *exact = malloc(len ? len : 1);

			memcpy(exact, f.buf, len);
			report_init(&r, "t");
			verify_buffer(exact, len, &r);
			verify_judge(&r, &vo);
			CHECK(r.verdict <= V_NOT_EXECUTABLE);
			json_decref(reportfmt_json(&r));
			report_release(&r);
			free(exact);
		}
		for (int m = 0; m < 300; m++) {
			struct report r;
			struct verify_opts vo = { 0 };
			json_t *j;

			memcpy(copy, f.buf, f.len);
			for (int k = 0; k < 4; k++) {
				seed = seed * 1103515245u + 12345u;
				copy[(seed >> 8) % f.len] = (uint8_t)(seed >> 3);
			}
			report_init(&r, "m");
			verify_buffer(copy, f.len, &r);
			verify_judge(&r, &vo);
			j = reportfmt_json(&r);
			CHECK(j && json_string_value(json_object_get(j, "verdict")));
			json_decref(j);
			report_release(&r);
		}
		free(copy);
		free(f.buf);
	}
}

TEST(json_shape)
{
	struct verify_opts vo = { 0 };
	struct eg_file f;
	struct report r;
	json_t *j;
	static const char *const keys[] = { "schema", "file", "size", "sha256", "verdict", "static",
					    "pass", "elf", "linkage", "versions", "packer", "libc",
					    "go", "findings", "runtime", "hints" };

	analyse("dynamic", &r, &f);
	verify_judge(&r, &vo);
	j = reportfmt_json(&r);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECK_MSG(json_object_get(j, keys[i]), "no key %s", keys[i]);
	CHECK_STR(json_string_value(json_object_get(j, "schema")), "gostatic.verify/1");
	CHECK_STR(json_string_value(json_object_get(j, "verdict")), "dynamic");
	CHECK(json_is_false(json_object_get(j, "static")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "versions"), "glibc_floor")),
		  "2.34");
	CHECK_STR(json_string_value(json_array_get(
			  json_object_get(json_object_get(j, "linkage"), "needed"), 1)),
		  "libc.so.6");
	CHECK(json_is_false(json_object_get(json_object_get(j, "runtime"), "performed")));
	json_decref(j);
	report_release(&r);
	free(f.buf);
}

TEST(json_strings_are_utf8)
{
	json_t *s = json_lossy_string("a\xff" "b\xc3\xa9" "\xed\xa0\x80", 8);

	CHECK(s);
	CHECK_STR(json_string_value(s), "a\xef\xbf\xbd" "b\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	json_decref(s);
}

TEST(text_output)
{
	struct verify_opts vo = { 0 };
	struct out o = { 0 };
	char *text = NULL;
	size_t n = 0;
	struct eg_file f;
	struct report r;

	analyse("dynamic", &r, &f);
	verify_judge(&r, &vo);
	o.out = open_memstream(&text, &n);
	o.err = stderr;
	reportfmt_text(&o, &r);
	fclose(o.out);
	CHECK(strstr(text, "dynamic: NOT STATIC - dynamic (ELF64 x86-64, EXEC)\n"));
	CHECK(strstr(text, "  FAIL  requests program interpreter /lib64/ld-linux-x86-64.so.2"));
	CHECK(strstr(text, "  hint  "));
	CHECK(!strstr(text, "\033["));
	free(text);

	o.color = true;
	o.verbosity = -1;
	o.out = open_memstream(&text, &n);
	reportfmt_text(&o, &r);
	fclose(o.out);
	CHECK_STR(text, "dynamic\n");
	free(text);
	report_release(&r);
	free(f.buf);
}
