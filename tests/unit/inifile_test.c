/* inifile_test.c - the data-file dialect: grammar, schema, words, variables */
#include <stdlib.h>

#include "inifile.h"
#include "test.h"

static const struct ini_key schema[] = {
	{ "pkg", "name", INI_SCALAR, true },
	{ "pkg", "url", INI_LIST, false },
	{ "feature", "default", INI_SCALAR, false },
};
static const char *const with_arg[] = { "feature", NULL };

static int check(const char *text, unsigned *line, const char **msg)
{
	static struct ini_error err;
	struct ini ini;
	int rc = ini_parse(&ini, text, strlen(text), &err);

	if (!rc)
		rc = ini_check(&ini, schema, sizeof(schema) / sizeof(schema[0]), with_arg, &err);
	ini_release(&ini);
	*line = err.line;
	*msg = err.msg;
	return rc;
}

TEST(good_file)
{
	static const char text[] =
		"\xef\xbb\xbf# a comment\r\n"
		"; another\n"
		"\n"
		"[pkg]\n"
		"  name   =  zlib  \n"
		"url = https://example.org/a#frag\n"
		"url = file:///x\n"
		"[feature ssl]\n"
		"default = on\n"
		"[feature zstd]\n"
		"default=\n";
	struct ini_error err;
	struct ini ini;

	CHECK_INT(ini_parse(&ini, text, sizeof(text) - 1, &err), 0);
	CHECK_INT(ini_check(&ini, schema, 3, with_arg, &err), 0);
	CHECK_STR(ini_get(&ini, "pkg", "", "name")->value, "zlib");
	CHECK_INT(ini_get(&ini, "pkg", "", "name")->line, 5);
	CHECK_STR(ini_get(&ini, "pkg", "", "url")->value, "file:///x");
	CHECK_STR(ini_get(&ini, "feature", "ssl", "default")->value, "on");
	CHECK_STR(ini_get(&ini, "feature", "zstd", "default")->value, "");
	CHECK(!ini_get(&ini, "feature", "", "default"));
	CHECK_INT(ini.nr, 5);
	ini_release(&ini);
}

TEST(errors_name_their_line)
{
	static const struct {
		const char *text;
		unsigned line;
		const char *needle;
	} t[] = {
		{ "name = x\n", 1, "before any [section]" },
		{ "[pkg]\nname x\n", 2, "expected 'key = value'" },
		{ "[pkg]\nName = x\n", 2, "invalid key 'Name'" },
		{ "[pkg\nname = x\n", 1, "section header" },
		{ "[pkg] x\n", 1, "section header" },
		{ "[Pkg]\n", 1, "invalid section name" },
		{ "[feature a b]\n", 1, "invalid section argument" },
		{ "[pkg]\nname = a\n[bogus]\n", 3, "unknown section [bogus]" },
		{ "[pkg]\nname = a\nsize = 3\n", 3, "unknown key 'size' in [pkg]" },
		{ "[pkg]\nname = a\nname = b\n", 3, "given twice" },
		{ "[pkg]\nname =\n", 2, "must not be empty" },
		{ "[pkg ssl]\nname = a\n", 1, "takes no argument" },
		{ "[pkg]\nurl = x\n", 1, "lacks the required key 'name'" },
		{ "[feature x]\n", 0, "required section [pkg]" },
		{ "[pkg]\nname = a\n[pkg]\nname = b\n", 3, "appears twice" },
		{ "[pkg]\nname = a\0b\n", 2, "NUL byte" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		unsigned line;
		const char *msg;
		struct ini_error err;
		struct ini ini;
		size_t len = strlen(t[i].text);
		int rc;

		if (strstr(t[i].needle, "NUL")) {
			len = 19;
			rc = ini_parse(&ini, t[i].text, len, &err);
			ini_release(&ini);
			line = err.line;
			msg = err.msg;
		} else {
			rc = check(t[i].text, &line, &msg);
		}
		CHECK_MSG(rc == -1, "case %zu accepted", i);
		CHECK_MSG(line == t[i].line, "case %zu: line %u, expected %u (%s)", i, line, t[i].line, msg);
		CHECK_MSG(strstr(msg, t[i].needle), "case %zu: '%s' lacks '%s'", i, msg, t[i].needle);
	}
}

TEST(long_lines_and_files)
{
	struct ini_error err;
	struct ini ini;
	size_t n = INI_MAX_LINE + 20;
	char *big = malloc(n + 10);

	memcpy(big, "[pkg]\nname = ", 13);
	memset(big + 13, 'a', n - 13);
	big[n] = '\n';
	CHECK_INT(ini_parse(&ini, big, n + 1, &err), -1);
	CHECK_INT(err.line, 2);
	ini_release(&ini);
	free(big);
	big = calloc(INI_MAX_FILE + 2, 1);
	memset(big, '\n', INI_MAX_FILE + 1);
	CHECK_INT(ini_parse(&ini, big, INI_MAX_FILE + 1, &err), -1);
	CHECK(strstr(err.msg, "more than"));
	ini_release(&ini);
	free(big);
}

TEST(words)
{
	struct strvec w = STRVEC_INIT;

	CHECK_INT(ini_split("  a  \"b c\" d\"e f\"g \"\" \"x\\\"y\\\\z\"", &w), 0);
	CHECK_INT(w.nr, 5);
	CHECK_STR(w.v[0], "a");
	CHECK_STR(w.v[1], "b c");
	CHECK_STR(w.v[2], "de fg");
	CHECK_STR(w.v[3], "");
	CHECK_STR(w.v[4], "x\"y\\z");
	strvec_clear(&w);
	CHECK_INT(ini_split("a \"b", &w), -1);
	strvec_clear(&w);
}

TEST(variables)
{
	const struct ini_var vars[] = { { "version", "1.2.3" }, { "name", "musl" } };
	struct strbuf sb = STRBUF_INIT;
	char err[200];

	CHECK_INT(ini_expand("${name}-${version}.tar.gz $$HOME", vars, 2, &sb, err, sizeof(err)), 0);
	CHECK_STR(sb.buf, "musl-1.2.3.tar.gz $HOME");
	strbuf_setlen(&sb, 0);
	CHECK_INT(ini_expand("${nope}", vars, 2, &sb, err, sizeof(err)), -1);
	CHECK(strstr(err, "unknown variable ${nope}") && strstr(err, "version, name"));
	CHECK_INT(ini_expand("${name", vars, 2, &sb, err, sizeof(err)), -1);
	CHECK_INT(ini_expand("$x", vars, 2, &sb, err, sizeof(err)), -1);
	strbuf_release(&sb);
}
