/* buildsys.c - the build systems a recipe can name, one row each */
#include "buildsys.h"

#include <string.h>

#include "util.h"

/* cmake and meson build out of the source tree, in this folder of it */
#define OUT "${srcdir}/_gostatic"

static const char *const autotools_configure[] = {
	"--prefix=${prefix}", "--host=${target}", "--enable-static", "--disable-shared", "--with-pic", NULL,
};
static const char *const cmake_configure[] = {
	"cmake", "-S", "${srcdir}", "-B", OUT, "-DCMAKE_BUILD_TYPE=Release",
	"-DCMAKE_INSTALL_PREFIX=${prefix}", "-DCMAKE_INSTALL_LIBDIR=lib", "-DBUILD_SHARED_LIBS=OFF",
	"-DCMAKE_POSITION_INDEPENDENT_CODE=ON", "-DCMAKE_C_COMPILER=${cc}", "-DCMAKE_AR=${ar}",
	"-DCMAKE_RANLIB=${ranlib}", "-DCMAKE_STRIP=${strip}", "-DCMAKE_SYSTEM_NAME=Linux",
	"-DCMAKE_SYSTEM_PROCESSOR=${arch}", "-DCMAKE_PREFIX_PATH=${deps}",
	"-DCMAKE_FIND_ROOT_PATH=${deps};${sysroot}", "-DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER",
	"-DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY", "-DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY",
	"-DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY", NULL,
};
static const char *const cmake_build[] = { "cmake", "--build", OUT, "--parallel", "${jobs}", NULL };
static const char *const cmake_install[] = { "cmake", "--install", OUT, NULL };
static const char *const meson_configure[] = {
	"meson", "setup", OUT, "${srcdir}", "--prefix=${prefix}", "--libdir=lib", "--buildtype=release",
	"--default-library=static", "-Db_staticpic=true", "--wrap-mode=nodownload", NULL,
};
static const char *const meson_build[] = { "meson", "compile", "-C", OUT, "-j", "${jobs}", NULL };
static const char *const meson_install[] = {
	"meson", "install", "-C", OUT, "--no-rebuild", "--destdir", "${destdir}", NULL,
};
static const char *const no_words[] = { NULL };
static const char *const make_build[] = { "make", "-j${jobs}", NULL };
static const char *const make_install[] = { "make", "install", "DESTDIR=${destdir}", NULL };

const struct buildsys buildsys_table[] = {
	{ .name = "autotools", .script = true, .configure_step = true, .configure = autotools_configure,
	  .build = make_build, .install = make_install },
	{ .name = "cmake", .configure_step = true, .configure = cmake_configure, .build = cmake_build,
	  .install = cmake_install },
	{ .name = "meson", .configure_step = true, .configure = meson_configure, .cross_file = true,
	  .build = meson_build, .install = meson_install },
	/* a configure script of its own (zlib's, OpenSSL's, mklove): no automatic flags */
	{ .name = "configure", .script = true, .configure_step = true, .configure = no_words, .build = make_build,
	  .install = make_install },
	{ .name = "make", .build = make_build },
	{ .name = "custom" },
	{ .name = NULL },
};

const struct buildsys *buildsys_find(const char *name)
{
	for (const struct buildsys *b = buildsys_table; b->name; b++)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

char *buildsys_names(bool only_script, const char *sep, const char *last)
{
	struct strvec names = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;

	for (const struct buildsys *b = buildsys_table; b->name; b++)
		if (!only_script || b->script)
			strvec_push(&names, b->name);
	for (size_t i = 0; i < names.nr; i++)
		strbuf_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == names.nr ? last : sep, names.v[i]);
	strvec_clear(&names);
	return strbuf_detach(&sb);
}

static void words(struct strbuf *sb, const char *what, const char *const *w)
{
	strbuf_addf(sb, " %s:", what);
	for (; w && *w; w++)
		strbuf_addf(sb, " %s", *w);
	if (!w)
		strbuf_addstr(sb, " (the recipe's)");
}

const char *buildsys_identity(void)
{
	static char *text;
	struct strbuf sb = STRBUF_INIT;

	if (text)
		return text;
	strbuf_addstr(&sb, "pkgbuild/3 CFLAGS=" BUILDSYS_CFLAGS " removes *.so *.so.* *.la share/{man,doc,info}"
		      " binutils from the sysroot's tools prefix; modes and ar headers normalized");
	for (const struct buildsys *b = buildsys_table; b->name; b++) {
		strbuf_addf(&sb, "\n%s%s%s", b->name, b->script ? " script" : "", b->cross_file ? " cross-file" : "");
		if (b->configure_step)
			words(&sb, "configure", b->configure);
		words(&sb, "build", b->build);
		words(&sb, "install", b->install);
	}
	text = strbuf_detach(&sb);
	return text;
}
