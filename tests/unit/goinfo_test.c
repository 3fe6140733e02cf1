/* goinfo_test.c - Go build info: string unquoting, modinfo lines, blobs */
#include <stdlib.h>

#include "elfgen.h"
#include "goinfo.h"
#include "test.h"

TEST(unquote_table)
{
	static const struct {
		const char *in;
		const char *out;     /* NULL: must be rejected */
		size_t outlen;
	} t[] = {
		{ "\"\"", "", 0 },
		{ "\"abc\"", "abc", 3 },
		{ "\"a\\\"b\"", "a\"b", 3 },
		{ "\"\\a\\b\\f\\n\\r\\t\\v\\\\\"", "\a\b\f\n\r\t\v\\", 8 },
		{ "\"\\x41\\101\"", "AA", 2 },
		{ "\"\\u00e9\"", "\xc3\xa9", 2 },
		{ "\"\\U0001F600\"", "\xf0\x9f\x98\x80", 4 },
		{ "\"\\000x\"", "\0x", 2 },
		{ "`raw \\n`", "raw \\n", 6 },
		{ "`a\rb`", "ab", 2 },
		{ "\"-linkmode external -extldflags \\\"-static\\\"\"",
		  "-linkmode external -extldflags \"-static\"", 40 },
		{ "\"abc", NULL, 0 },
		{ "abc\"", NULL, 0 },
		{ "\"a\"b\"", NULL, 0 },
		{ "\"\\q\"", NULL, 0 },
		{ "\"\\'\"", NULL, 0 },
		{ "\"\\x4\"", NULL, 0 },
		{ "\"\\400\"", NULL, 0 },
		{ "\"\\ud800\"", NULL, 0 },
		{ "\"\\U00110000\"", NULL, 0 },
		{ "\"a\nb\"", NULL, 0 },
		{ "`a`b`", NULL, 0 },
		{ "\"\\\"", NULL, 0 },
		{ "\"", NULL, 0 },
		{ "", NULL, 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		int rc = go_unquote(t[i].in, strlen(t[i].in), &sb);

		if (!t[i].out) {
			CHECK_MSG(rc == -1, "accepted %s", t[i].in);
			CHECK_MSG(sb.len == 0, "left output for %s", t[i].in);
		} else {
			CHECK_MSG(rc == 0, "rejected %s", t[i].in);
			CHECK_MSG(sb.len == t[i].outlen && !memcmp(sb.buf, t[i].out, sb.len),
				  "%s gave '%s'", t[i].in, sb.buf);
		}
		strbuf_release(&sb);
	}
}

TEST(modinfo_lines)
{
	static const char text[] =
		"path\texample.com/cmd/x\n"
		"mod\texample.com\t(devel)\t\n"
		"dep\tgithub.com/a/b\tv1.2.3\th1:xyz=\n"
		"=>\t./b\t(devel)\t\n"
		"dep\tgithub.com/c/d\tv0.0.1\n"
		"build\t-compiler=gc\n"
		"build\t-ldflags=\"-s -w -X main.v=1\"\n"
		"build\tCGO_ENABLED=1\n"
		"build\t\"a=b\"=c\n"
		"build\tDefaultGODEBUG=panicnil=1,x509sha1=1\n"
		"build\tempty=\n"
		"build\t=nokey\n"
		"build\tnoequals\n"
		"build\t\"unterminated=x\n"
		"=>\tnew/d\tv0.0.2\th1:d=\n"
		"=>\tsecond\tv1\t\n"
		"dep\tshort\n"
		"dep\ta\tb\tc\td\n"
		"=>\tthree\tcolumns\n"
		"something\tnew\n"
		"\n";
	struct go_info g;

	memset(&g, 0, sizeof(g));
	goinfo_parse_modinfo(text, sizeof(text) - 1, &g);
	CHECK_STR(g.path, "example.com/cmd/x");
	CHECK_STR(g.main.path, "example.com");
	CHECK_STR(g.main.version, "(devel)");
	CHECK_INT(g.ndeps, 2);
	CHECK_STR(g.deps[0].path, "github.com/a/b");
	CHECK_STR(g.deps[0].sum, "h1:xyz=");
	CHECK(g.deps[0].replace && !strcmp(g.deps[0].replace->path, "./b"));
	CHECK(g.deps[1].replace && !strcmp(g.deps[1].replace->sum, "h1:d="));
	CHECK_STR(goinfo_setting(&g, "-ldflags"), "-s -w -X main.v=1");
	CHECK_STR(goinfo_setting(&g, "a=b"), "c");
	CHECK_STR(goinfo_setting(&g, "DefaultGODEBUG"), "panicnil=1,x509sha1=1");
	CHECK_STR(goinfo_setting(&g, "empty"), "");
	CHECK(!goinfo_setting(&g, "noequals"));
	/* "=nokey", "noequals", "\"unterminated", a second "=>", "dep short",
	 * a dep with five columns, and "=>" with two */
	CHECK_INT(g.modinfo_errors, 7);
	goinfo_release(&g);
}

TEST(tags)
{
	static const char text[] = "build\t-tags=musl,netgo, osusergo\n";
	struct go_info g;

	memset(&g, 0, sizeof(g));
	goinfo_parse_modinfo(text, sizeof(text) - 1, &g);
	CHECK(goinfo_has_tag(&g, "musl"));
	CHECK(goinfo_has_tag(&g, "netgo"));
	CHECK(goinfo_has_tag(&g, "osusergo"));
	CHECK(!goinfo_has_tag(&g, "net"));
	goinfo_release(&g);
}

static size_t blob(uint8_t *b, uint8_t flags, const uint8_t *tail, size_t ntail)
{
	memset(b, 0, 32);
	memcpy(b, "\xff Go buildinf:", 14);
	b[14] = 8;
	b[15] = flags;
	memcpy(b + 32, tail, ntail);
	return 32 + ntail;
}

TEST(inline_blobs)
{
	uint8_t b[256];
	struct go_info g;
	size_t n;

	/* version only, empty modinfo */
	memset(&g, 0, sizeof(g));
	n = blob(b, 2, (const uint8_t *)"\x08go1.21.0\x00", 10);
	CHECK_INT(goinfo_parse_blob(b, n, NULL, &g), 0);
	CHECK_STR(g.version, "go1.21.0");
	CHECK(!g.path);
	goinfo_release(&g);

	/* a length past the end */
	memset(&g, 0, sizeof(g));
	n = blob(b, 2, (const uint8_t *)"\x7fgo", 3);
	CHECK_INT(goinfo_parse_blob(b, n, NULL, &g), -1);
	CHECK(g.unreadable && strstr(g.unreadable, "past the end"));
	goinfo_release(&g);

	/* a uvarint longer than 64 bits */
	memset(&g, 0, sizeof(g));
	n = blob(b, 2, (const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10);
	CHECK_INT(goinfo_parse_blob(b, n, NULL, &g), -1);
	goinfo_release(&g);

	/* a two-byte uvarint */
	memset(&g, 0, sizeof(g));
	{
		uint8_t tail[200];

		tail[0] = 0x80 | 130 % 128;
		tail[1] = 1;
		memset(tail + 2, 'v', 130);
		tail[132] = 0;
		n = blob(b, 2, tail, 133);
		CHECK_INT(goinfo_parse_blob(b, n, NULL, &g), 0);
		CHECK(g.version && strlen(g.version) == 130);
	}
	goinfo_release(&g);

	/* the old format without a file to follow its pointers */
	memset(&g, 0, sizeof(g));
	n = blob(b, 0, (const uint8_t *)"", 0);
	b[16] = 1;
	b[24] = 1;
	CHECK_INT(goinfo_parse_blob(b, n, NULL, &g), -1);
	CHECK_INT(g.format, GO_FORMAT_POINTER);
	goinfo_release(&g);
}

TEST(read_from_synthetic_files)
{
	static const struct {
		const char *spec, *version, *path;
		enum go_format format;
	} t[] = {
		{ "go-inline", "go1.19.8", "example.com/app", GO_FORMAT_INLINE },
		{ "go-inline-nosection", "go1.19.8", "example.com/app", GO_FORMAT_INLINE },
		{ "go-pointer", "go1.16.15", "example.com/old", GO_FORMAT_POINTER },
		{ "go-pointer32be", "go1.17.13", "example.com/mips", GO_FORMAT_POINTER },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct findings fs = FINDINGS_INIT;
		struct elf_file e;
		struct eg_file f;
		struct go_info g;

		eg_build(eg_named(t[i].spec), &f);
		CHECK(elf_open(&e, f.buf, f.len, &fs) == ELF_OK);
		goinfo_read(&e, &g);
		CHECK(g.is_go && g.buildid_note);
		CHECK_STR(g.version, t[i].version);
		CHECK_STR(g.path, t[i].path);
		CHECK_INT(g.format, t[i].format);
		goinfo_release(&g);
		findings_release(&fs);
		free(f.buf);
	}
}

TEST(magic_elsewhere_in_a_non_go_file_is_ignored)
{
	struct findings fs = FINDINGS_INIT;
	struct eg_spec s = { .nstrings = 1, .strings = { "\xff Go buildinf:\x08\x02" } };
	struct elf_file e;
	struct eg_file f;
	struct go_info g;

	eg_build(&s, &f);
	CHECK(elf_open(&e, f.buf, f.len, &fs) == ELF_OK);
	goinfo_read(&e, &g);
	CHECK(!g.is_go);
	goinfo_release(&g);
	free(f.buf);
}
