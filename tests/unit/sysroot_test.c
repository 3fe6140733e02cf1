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
			CHECK(is_sha256_hex(d.src.sha256));
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

/* tests/datafiles holds the malformed definitions, one per file */
TEST(definition_defaults)
{
	static const char good[] =
		"[sysroot]\ntarget = t\ngoos = linux\ngoarch = amd64\ncompiler = gcc\n"
		"dynamic-linker = /lib/ld\n[source]\nname = musl\nversion = 1\nfile = m-${version}.tgz\n"
		"sha256 = 7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4\n";
	{
		struct sysroot_def d;
		char *why = NULL;

		CHECK_INT(sysroot_def_parse(&d, good, sizeof(good) - 1, "t.sysroot", &why), 0);
		CHECK_STR(d.src.file, "m-1.tgz");
		CHECK_INT(d.strip, 1);
		sysroot_def_release(&d);
	}
}
