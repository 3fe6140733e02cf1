/* util_test.c - strings, vectors and names */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "finding.h"
#include "test.h"
#include "util.h"

TEST(strbuf_basics)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	CHECK_STR(sb.buf, "");
	strbuf_addstr(&sb, "ab");
	strbuf_addch(&sb, 'c');
	strbuf_addf(&sb, "%d%s", 42, "x");
	CHECK_STR(sb.buf, "abc42x");
	strbuf_add(&sb, "\0z", 2);
	CHECK_INT(sb.len, 8);
	strbuf_setlen(&sb, 3);
	CHECK_STR(sb.buf, "abc");
	for (int i = 0; i < 1000; i++)
		strbuf_addstr(&sb, "0123456789");
	CHECK_INT(sb.len, 10003);
	s = strbuf_detach(&sb);
	CHECK_STR(sb.buf, "");
	CHECK_INT(strlen(s), 10003);
	free(s);
	s = strbuf_detach(&sb);
	CHECK_STR(s, "");
	free(s);
}

TEST(strvec_basics)
{
	struct strvec sv = STRVEC_INIT;

	CHECK(sv.v[0] == NULL);
	strvec_pushl(&sv, "a", "b", NULL);
	strvec_pushf(&sv, "%s-%d", "c", 3);
	strvec_pushn(&sv, "defg", 2);
	CHECK_INT(sv.nr, 4);
	CHECK_STR(sv.v[2], "c-3");
	CHECK_STR(sv.v[3], "de");
	CHECK(sv.v[4] == NULL);
	CHECK(strvec_contains(&sv, "b"));
	CHECK(!strvec_contains(&sv, "z"));
	strvec_clear(&sv);
	CHECK_INT(sv.nr, 0);
}

TEST(names)
{
	CHECK_STR(signal_name(SIGSEGV), "SIGSEGV");
	CHECK_STR(signal_name(SIGTRAP), "SIGTRAP");
	CHECK_STR(signal_name(77), "signal 77");
	CHECK_STR(errno_name(ENOENT), "ENOENT");
	CHECK_STR(errno_name(ENOEXEC), "ENOEXEC");
	CHECK_STR(finding_code_name(F_PT_INTERP), "PT_INTERP");
	CHECK_STR(finding_code_group(F_GLIBC_FLOOR), "versions");
	CHECK(finding_code_verbose(F_STRIPPED));
	CHECK(!finding_code_verbose(F_DT_NEEDED));
}

TEST(findings_list)
{
	struct findings fs = FINDINGS_INIT;
	struct finding *f;

	f = finding_add(&fs, F_PT_INTERP, SEV_ERROR, "interp %s", "/x");
	finding_ev_num(f, "n", 1);
	for (int i = 0; i < 10; i++)
		finding_ev_str(finding_add(&fs, F_RPATH, SEV_INFO, "r"), "k", "v");
	CHECK_INT(fs.nr, 11);
	CHECK_STR(findings_get(&fs, F_PT_INTERP)->message, "interp /x");
	findings_drop(&fs, F_RPATH);
	CHECK_INT(fs.nr, 1);
	CHECK(!findings_get(&fs, F_RPATH));
	findings_release(&fs);
}

TEST(strvec_split_leaves_out_empty_parts)
{
	struct strvec sv = STRVEC_INIT;

	strvec_split(&sv, "a::b:", ':');
	strvec_split(&sv, "", ':');
	strvec_split(&sv, ":c", ':');
	CHECK_INT(sv.nr, 3);
	CHECK_STR(sv.v[0], "a");
	CHECK_STR(sv.v[1], "b");
	CHECK_STR(sv.v[2], "c");
	strvec_clear(&sv);
}
