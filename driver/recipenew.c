/* recipenew.c - a first recipe from what a source tree shows (pure) */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "recipenew.h"

static bool has(const struct strvec *tree, const char *path)
{
	return strvec_contains(tree, path);
}

const char *recipe_new_system(const struct strvec *tree, bool *needs_autoreconf)
{
	*needs_autoreconf = false;
	if (has(tree, "configure") && (has(tree, "configure.ac") || has(tree, "configure.in")))
		return "autotools";
	if (has(tree, "CMakeLists.txt"))
		return "cmake";
	if (has(tree, "meson.build"))
		return "meson";
	if (has(tree, "configure.ac") || has(tree, "configure.in")) {
		*needs_autoreconf = true;
		return "autotools";
	}
	if (has(tree, "Makefile") || has(tree, "makefile") || has(tree, "GNUmakefile"))
		return "make";
	return NULL;
}

const char *recipe_new_license_file(const struct strvec *tree)
{
	static const char *const names[] = {
		"COPYING", "LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING.txt", "LICENCE", "COPYING.LIB",
		"COPYRIGHT", "LICENSE.MIT",
	};

	static const char *const heads[] = { "license", "licence", "copying", "copyright" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (has(tree, names[i]))
			return names[i];
	/* License, COPYING.md, LICENSE-MIT, ... at the top, plainly named */
	for (size_t i = 0; i < tree->nr; i++) {
		bool plain = true;

		for (const char *c = tree->v[i]; *c; c++)
			plain &= isalnum((unsigned char)*c) || *c == '.' || *c == '_' || *c == '-';
		for (size_t k = 0; k < ARRAY_SIZE(heads) && plain; k++)
			if (!strncasecmp(tree->v[i], heads[k], strlen(heads[k])))
				return tree->v[i];
	}
	return NULL;
}

/* strstr, case-insensitive and blind to runs of white space */
static bool says(const char *text, const char *phrase)
{
	for (const char *t = text; *t; t++) {
		const char *a = t, *b = phrase;

		while (*a && *b) {
			if (isspace((unsigned char)*b)) {
				if (!isspace((unsigned char)*a))
					break;
				while (isspace((unsigned char)*a))
					a++;
				while (isspace((unsigned char)*b))
					b++;
				continue;
			}
			if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
				break;
			a++;
			b++;
		}
		if (!*b)
			return true;
	}
	return false;
}

const char *recipe_new_spdx(const char *text)
{
	if (!text)
		return NULL;
	if (says(text, "Apache License") && says(text, "Version 2.0"))
		return "Apache-2.0";
	if (says(text, "GNU LESSER GENERAL PUBLIC LICENSE"))
		return says(text, "Version 3") ? "LGPL-3.0-or-later" : "LGPL-2.1-or-later";
	if (says(text, "GNU LIBRARY GENERAL PUBLIC LICENSE"))
		return "LGPL-2.0-or-later";
	if (says(text, "GNU GENERAL PUBLIC LICENSE"))
		return says(text, "Version 3") ? "GPL-3.0-or-later" : "GPL-2.0-or-later";
	if (says(text, "Mozilla Public License Version 2.0"))
		return "MPL-2.0";
	if (says(text, "Permission is hereby granted, free of charge"))
		return "MIT";
	if (says(text, "Permission to use, copy, modify, and/or distribute this software for any purpose"))
		return "ISC";
	if (says(text, "Permission to use, copy, modify, and distribute this software for any purpose"))
		return "ISC";
	if (says(text, "This software is provided 'as-is'"))
		return "Zlib";
	if (says(text, "Redistribution and use in source and binary forms"))
		return says(text, "Neither the name") || says(text, "names of its contributors") ? "BSD-3-Clause"
											    : "BSD-2-Clause";
	return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool in_tests(const char *path)
{
	static const char *const skip[] = { "test", "tests", "example", "examples", "contrib", "fuzz", "doc", "docs" };

	for (size_t i = 0; i < ARRAY_SIZE(skip); i++) {
		size_t n = strlen(skip[i]);

		if (!strncmp(path, skip[i], n) && path[n] == '/')
			return true;
		for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/'))
			if (!strncmp(p + 1, skip[i], n) && p[1 + n] == '/')
				return true;
	}
	return false;
}

void recipe_new_pc_files(const struct strvec *tree, struct strvec *out)
{
	for (size_t i = 0; i < tree->nr; i++) {
		const char *p = tree->v[i];

		if (in_tests(p))
			continue;
		if (ends_with(p, ".pc.in") || ends_with(p, ".pc.cmake.in") || ends_with(p, ".pc.cmakein") ||
		    ends_with(p, ".pc.cmake"))
			strvec_push(out, p);
	}
}

char *recipe_new_pc_module(const char *path)
{
	static const char *const suffixes[] = { ".pc.cmake.in", ".pc.cmakein", ".pc.cmake", ".pc.in" };
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (ends_with(base, suffixes[i]))
			return xstrndup(base, strlen(base) - strlen(suffixes[i]));
	return xstrdup(base);
}

void recipe_new_pc_libs(const char *text, struct strvec *libs)
{
	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");

		if (!strncmp(l, "Libs:", 5)) {
			for (const char *w = l + 5; w < l + n;) {
				size_t k;

				while (w < l + n && isspace((unsigned char)*w))
					w++;
				k = strcspn(w, " \t\n");
				if (k > 2 && w[0] == '-' && w[1] == 'l') {
					char *lib = xstrndup(w + 2, k - 2);
					bool plain = true;

					for (const char *c = lib; *c; c++)
						plain &= isalnum((unsigned char)*c) || *c == '_' || *c == '-' || *c == '.' || *c == '+';
					if (plain && !strvec_contains(libs, lib))
						strvec_push(libs, lib);
					free(lib);
				}
				w += k ? k : 1;
			}
		}
		l += n + (l[n] == '\n');
	}
}

char *recipe_new_text(const struct recipe_facts *f)
{
	struct strbuf sb = STRBUF_INIT;
	bool autoreconf;
	const char *system = recipe_new_system(&f->tree, &autoreconf);
	const char *lic_file = recipe_new_license_file(&f->tree);
	const char *spdx = recipe_new_spdx(f->license_text);

	strbuf_addf(&sb, "# %s - written by gostatic recipe new; finish it, then try it:\n", f->name);
	strbuf_addf(&sb, "#   GOSTATIC_RECIPES=$PWD gostatic recipe build %s\n", f->name);
	strbuf_addf(&sb, "#   GOSTATIC_RECIPES=$PWD gostatic recipe build --check %s\n", f->name);
	strbuf_addstr(&sb, "[package]\n");
	strbuf_addf(&sb, "name = %s\nversion = %s\n", f->name, f->version);
	if (!spdx)
		strbuf_addstr(&sb, "# the licence was not recognised: write its SPDX identifier\n");
	strbuf_addf(&sb, "license = %s\n", spdx ? spdx : "LicenseRef-unknown");
	if (lic_file)
		strbuf_addf(&sb, "license-file = %s\n", lic_file);
	else
		strbuf_addstr(&sb, "# no licence file was found at the top of the tree: name the one it has\n"
				   "license-file = LICENSE\n");
	strbuf_addstr(&sb, "\n[source]\n");
	strbuf_addf(&sb, "file = %s\nsha256 = %s\n", f->file, f->sha256);
	if (f->url)
		strbuf_addf(&sb, "url = %s\n", f->url);
	if (f->debian_pkg)
		strbuf_addf(&sb, "debian = %s %s\n", f->debian_pkg, f->file);
	if (autoreconf) {
		strbuf_addstr(&sb, "\n[depends]\n# configure.ac without configure: it is generated first\n");
		strbuf_addstr(&sb, "tool = autoreconf:autoconf libtoolize:libtool\n");
	}
	strbuf_addstr(&sb, "\n[build]\n");
	if (!system) {
		strbuf_addstr(&sb, "# no build system was recognised: say how to build and install it\nsystem = custom\n");
		strbuf_addstr(&sb, "build = make -j${jobs} CC=${cc}\ninstall = make install DESTDIR=${destdir}\n");
	} else if (autoreconf) {
		strbuf_addstr(&sb, "# configure.ac without a configure script: generate it, then as autotools\n");
		strbuf_addstr(&sb, "system = custom\nbuild = autoreconf -fi\n");
		strbuf_addstr(&sb, "build = ./configure --prefix=${prefix} --host=${target} --enable-static --disable-shared "
				   "--with-pic CC=${cc}\n");
		strbuf_addstr(&sb, "build = make -j${jobs}\ninstall = make install DESTDIR=${destdir}\n");
	} else {
		strbuf_addf(&sb, "system = %s\n", system);
		if (!strcmp(system, "make")) {
			strbuf_addstr(&sb, "# a plain Makefile: check that these build only the static library\n");
			strbuf_addstr(&sb, "build = make -j${jobs} CC=${cc} AR=${ar}\n");
			strbuf_addstr(&sb, "install = make install PREFIX=${prefix} DESTDIR=${destdir}\n");
		}
	}
	strbuf_addstr(&sb, "\n[provides]\n");
	if (f->tried)
		strbuf_addstr(&sb, "# what a trial build installed\n");
	if (f->pc_names.nr) {
		strbuf_addstr(&sb, "pkgconfig =");
		for (size_t i = 0; i < f->pc_names.nr; i++)
			strbuf_addf(&sb, " %s", f->pc_names.v[i]);
		strbuf_addch(&sb, '\n');
	} else if (f->tried) {
		strbuf_addstr(&sb, "# it installs no pkg-config module: programs find it by -l\n");
	} else {
		strbuf_addstr(&sb, "# no pkg-config template was found: name the modules it installs, if any\n");
	}
	if (f->lib_names.nr) {
		strbuf_addstr(&sb, "lib =");
		for (size_t i = 0; i < f->lib_names.nr; i++)
			strbuf_addf(&sb, " %s", f->lib_names.v[i]);
		strbuf_addch(&sb, '\n');
	} else if (!f->tried) {
		const char *n = f->name;

		strbuf_addf(&sb, "# the -l name is a guess: check it\nlib = %s\n", starts_with(n, "lib") && n[3] ? n + 3 : n);
	}
	if (f->files.nr) {
		strbuf_addstr(&sb, "file =");
		for (size_t i = 0; i < f->files.nr; i++)
			strbuf_addf(&sb, " %s", f->files.v[i]);
		strbuf_addch(&sb, '\n');
	}
	strbuf_addstr(&sb, "\n# [check]: write a C program that proves the library works, one code = line\n"
			   "# each (include its header, call it for real, print its version), and\n"
			   "# expect = what it must print (docs/recipes.md)\n");
	return strbuf_detach(&sb);
}
