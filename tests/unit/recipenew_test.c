/* recipenew_test.c - recipe new's reading of a source tree */
#include <stdlib.h>

#include "recipe.h"
#include "recipenew.h"
#include "test.h"

static void tree(struct strvec *t, const char *const *paths)
{
	for (; *paths; paths++)
		strvec_push(t, *paths);
	strvec_sort(t);
}

TEST(build_systems)
{
	static const char *const autotools[] = { "configure", "configure.ac", "CMakeLists.txt", "src/a.c", NULL };
	static const char *const cmake[] = { "CMakeLists.txt", "configure.ac", "yaml-0.1.pc.in", NULL };
	static const char *const meson[] = { "meson.build", "Makefile", NULL };
	static const char *const bare_ac[] = { "configure.ac", "Makefile.am", NULL };
	static const char *const make[] = { "Makefile", "lib/x.c", NULL };
	static const char *const none[] = { "README", NULL };
	struct { const char *const *t; const char *want; bool ac; } cases[] = {
		{ autotools, "autotools", false }, { cmake, "cmake", false }, { meson, "meson", false },
		{ bare_ac, "autotools", true }, { make, "make", false }, { none, NULL, false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strvec t = STRVEC_INIT;
		bool ac;
		const char *got;

		tree(&t, cases[i].t);
		got = recipe_new_system(&t, &ac);
		CHECK_MSG(cases[i].want ? got && !strcmp(got, cases[i].want) : !got, "case %zu: %s", i, got ? got : "NULL");
		CHECK(ac == cases[i].ac);
		strvec_clear(&t);
	}
}

TEST(licences)
{
	static const char *const t1[] = { "COPYING", "LICENSE", NULL };
	static const char *const t2[] = { "License", "src/x.c", NULL };
	static const char *const t3[] = { "src/LICENSE", NULL };
	struct strvec t = STRVEC_INIT;

	tree(&t, t1);
	CHECK_STR(recipe_new_license_file(&t), "COPYING");
	strvec_clear(&t);
	tree(&t, t2);
	CHECK_STR(recipe_new_license_file(&t), "License");
	strvec_clear(&t);
	tree(&t, t3);
	CHECK(recipe_new_license_file(&t) == NULL);
	strvec_clear(&t);
	CHECK_STR(recipe_new_spdx("Permission is hereby granted, free of charge, to any\n  person obtaining"), "MIT");
	CHECK_STR(recipe_new_spdx("Redistribution and use in source and binary forms ... Neither the name of"),
		  "BSD-3-Clause");
	CHECK_STR(recipe_new_spdx("Redistribution and use in source and binary forms, with or without"), "BSD-2-Clause");
	CHECK_STR(recipe_new_spdx("                 Apache License\n           Version 2.0, January 2004"), "Apache-2.0");
	CHECK_STR(recipe_new_spdx("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999"), "LGPL-2.1-or-later");
	CHECK_STR(recipe_new_spdx("This software is provided 'as-is', without any express"), "Zlib");
	CHECK(recipe_new_spdx("all rights reserved") == NULL);
	CHECK(recipe_new_spdx(NULL) == NULL);
}

TEST(pkg_config_templates)
{
	static const char *const t1[] = { "src/libfoo.pc.in", "tests/bar.pc.in", "cmake/foo-utils.pc.cmake.in",
					  "examples/x/baz.pc.in", "doc/a.txt", NULL };
	struct strvec t = STRVEC_INIT, pcs = STRVEC_INIT, libs = STRVEC_INIT;
	char *m;

	tree(&t, t1);
	recipe_new_pc_files(&t, &pcs);
	CHECK(pcs.nr == 2);
	m = recipe_new_pc_module("src/yaml-0.1.pc.in");
	CHECK_STR(m, "yaml-0.1");
	free(m);
	m = recipe_new_pc_module("cmake/foo-utils.pc.cmake.in");
	CHECK_STR(m, "foo-utils");
	free(m);
	recipe_new_pc_libs("Name: x\nLibs: -L${libdir} -lfoo -lfoo_utils -pthread\nLibs.private: -lm\n", &libs);
	CHECK(libs.nr == 2);
	CHECK_STR(libs.v[0], "foo");
	CHECK_STR(libs.v[1], "foo_utils");
	strvec_clear(&t);
	strvec_clear(&pcs);
	strvec_clear(&libs);
}

TEST(recipe_text_parses_as_written)
{
	struct recipe_facts f = RECIPE_FACTS_INIT;
	char *text;

	strvec_push(&f.tree, "CMakeLists.txt");
	strvec_push(&f.tree, "LICENSE");
	f.name = "foo";
	f.version = "1.2";
	f.file = "foo-1.2.tar.gz";
	f.sha256 = "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4";
	f.url = "https://example.org/foo-1.2.tar.gz";
	f.license_text = "Permission is hereby granted, free of charge";
	strvec_push(&f.pc_names, "foo");
	strvec_push(&f.lib_names, "foo");
	text = recipe_new_text(&f);
	CHECK(strstr(text, "\nsystem = cmake\n"));
	CHECK(strstr(text, "\nlicense = MIT\nlicense-file = LICENSE\n"));
	CHECK(strstr(text, "\npkgconfig = foo\nlib = foo\n"));
	CHECK(strstr(text, "\nurl = https://example.org/foo-1.2.tar.gz\n"));
	{
		struct recipe r;
		char *why = NULL;

		CHECK_MSG(!recipe_parse(&r, text, strlen(text), "foo.recipe", "foo", &why), "%s", why ? why : "");
		recipe_release(&r);
		free(why);
	}
	free(text);
	strvec_clear(&f.tree);
	strvec_clear(&f.pc_names);
	strvec_clear(&f.lib_names);
}
