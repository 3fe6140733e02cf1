/* sysroot_test.c - sysroot definitions: the built-in ones parse, bad ones say where */
#include <stdlib.h>

#include "builtin.h"
#include "sysroot.h"
#include "test.h"

TEST(builtin_definitions_parse)
{
	size_t n = 0;

	for (const struct builtin_file *b = builtin_sysroots; b->name; b++, n++) {
		struct sysroot_def d;
		char *why = NULL;

		CHECK_MSG(!sysroot_def_parse(&d, b->text, b->len, b->name, &why), "%s", why);
		if (!why) {
			CHECK(fetch_is_sha256(d.src.sha256));
			CHECK(d.src.urls.nr >= 1);
			CHECK(d.header_into.nr == d.header_from.nr && d.header_into.nr >= 3);
			CHECK(d.src.debian_pkg && d.src.debian_file);
		}
		free(why);
		sysroot_def_release(&d);
	}
	CHECK(n >= 1);
}

TEST(amd64_definition)
{
	struct sysroot_def d;

	CHECK_INT(sysroot_find_def("linux/amd64", &d), 0);
	CHECK_STR(d.target, "x86_64-linux-musl");
	CHECK_STR(d.src.file, "musl-1.2.3.tar.gz");
	CHECK_STR(d.src.sha256, "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4");
	CHECK_STR(d.src.urls.v[0], "https://musl.libc.org/releases/musl-1.2.3.tar.gz");
	CHECK_STR(d.src.debian_pkg, "musl=1.2.3-1");
	sysroot_def_release(&d);
	CHECK_INT(sysroot_find_def("amd64", &d), 0);
	sysroot_def_release(&d);
	CHECK_INT(sysroot_find_def("x86_64-linux-musl", &d), 0);
	sysroot_def_release(&d);
	CHECK_INT(sysroot_find_def("linux/vax", &d), 1);
}

TEST(arm64_definition)
{
	struct sysroot_def d;
	char *ar;

	CHECK_INT(sysroot_find_def("linux/arm64", &d), 0);
	CHECK_STR(d.target, "aarch64-linux-musl");
	CHECK_STR(d.goarch, "arm64");
	CHECK_STR(d.compiler, "aarch64-linux-gnu-gcc");
	CHECK_STR(d.compiler_package, "gcc-aarch64-linux-gnu");
	CHECK_STR(d.tools, "aarch64-linux-gnu-");
	CHECK_STR(d.header_package, "linux-libc-dev-arm64-cross");
	ar = sysroot_tool(&d, "ar");
	CHECK_STR(ar, "aarch64-linux-gnu-ar");
	free(ar);
#if defined(__x86_64__)
	CHECK(!sysroot_is_native(&d));
#endif
	sysroot_def_release(&d);
	CHECK_INT(sysroot_find_def("aarch64-linux-musl", &d), 0);
	sysroot_def_release(&d);
	CHECK_INT(sysroot_find_def("linux/amd64", &d), 0);
	CHECK_STR(d.tools, "");
	CHECK_STR(d.compiler_package, "gcc");
	ar = sysroot_tool(&d, "ar");
	CHECK_STR(ar, "ar");
	free(ar);
#if defined(__x86_64__)
	CHECK(sysroot_is_native(&d));
#endif
	sysroot_def_release(&d);
}

TEST(bad_definitions)
{
	static const char good[] =
		"[sysroot]\ntarget = t\ngoos = linux\ngoarch = amd64\ncompiler = gcc\n"
		"dynamic-linker = /lib/ld\n[source]\nname = musl\nversion = 1\nfile = m-${version}.tgz\n"
		"sha256 = 7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4\n";
	static const struct {
		const char *from, *to, *needle;
	} t[] = {
		{ "goos = linux", "goos = darwin", "t.sysroot:3: goos must be linux" },
		{ "goarch = amd64", "goarch = vax", "t.sysroot:4: unknown goarch 'vax'" },
		{ "sha256 = 7d5b", "sha256 = XXXX", "t.sysroot:11: sha256 must be" },
		{ "file = m-${version}.tgz", "file = m-${nope}.tgz", "t.sysroot:10: unknown variable ${nope}" },
		{ "file = m-${version}.tgz", "file = ../x.tgz", "t.sysroot:10: file must be a plain file name" },
		{ "compiler = gcc\n", "", "lacks the required key 'compiler'" },
		{ "version = 1\n", "version = 1\nstrip = -1\n", "t.sysroot:10: strip must be" },
		{ "version = 1\n", "version = 1\ndebian = musl\n", "t.sysroot:10: debian must be" },
		{ "[source]", "[headers]\ndir = linux\n[source]", "t.sysroot:8: dir must be 'NAME /absolute/folder'" },
		{ "target = t", "target = t t", "t.sysroot:2: invalid target" },
		{ "compiler = gcc\n", "compiler = gcc\ntools = aarch64-linux-gnu\n",
		  "t.sysroot:6: tools must be a program name prefix ending in '-'" },
		{ "compiler = gcc\n", "compiler = gcc\ntools = ../x-\n", "t.sysroot:6: tools must be" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf text = STRBUF_INIT;
		const char *at = strstr(good, t[i].from);
		struct sysroot_def d;
		char *why = NULL;

		CHECK_MSG(at, "case %zu: '%s' not in the good text", i, t[i].from);
		if (!at)
			continue;
		strbuf_add(&text, good, (size_t)(at - good));
		strbuf_addstr(&text, t[i].to);
		strbuf_addstr(&text, at + strlen(t[i].from));
		CHECK_MSG(sysroot_def_parse(&d, text.buf, text.len, "t.sysroot", &why) == -1,
			  "case %zu accepted", i);
		CHECK_MSG(why && strstr(why, t[i].needle), "case %zu: '%s', expected '%s'", i,
			  why ? why : "", t[i].needle);
		free(why);
		sysroot_def_release(&d);
		strbuf_release(&text);
	}
	{
		struct sysroot_def d;
		char *why = NULL;

		CHECK_INT(sysroot_def_parse(&d, good, sizeof(good) - 1, "t.sysroot", &why), 0);
		CHECK_STR(d.src.file, "m-1.tgz");
		CHECK_INT(d.strip, 1);
		sysroot_def_release(&d);
	}
}
