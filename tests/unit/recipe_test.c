/* recipe_test.c - recipes: the built-in ones, the schema, every error's
 * file:line, .pc relocation, check output words, cgo flags, specs */
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "cdeps.h"
#include "pcfile.h"
#include "pkgs.h"
#include "project.h"
#include "recipe.h"
#include "test.h"

/* A recipe that parses (tests/datafiles holds the malformed ones). */
static const char good[] =
	"# demo\n"                                            /* 1 */
	"[package]\n"                                         /* 2 */
	"name = demo\n"                                       /* 3 */
	"version = 1.2.3\n"                                   /* 4 */
	"license = MIT\n"                                     /* 5 */
	"license-file = COPYING\n"                            /* 6 */
	"\n"                                                  /* 7 */
	"[source]\n"                                          /* 8 */
	"file = demo-${version}.tar.gz\n"                     /* 9 */
	"sha256 = 0000000000000000000000000000000000000000000000000000000000000000\n" /* 10 */
	"url = https://example.org/${name}-${version}.tar.gz\n" /* 11 */
	"\n"                                                  /* 12 */
	"[build]\n"                                           /* 13 */
	"system = autotools\n"                                /* 14 */
	"configure = --disable-docs \"--with-x=a b\"\n"       /* 15 */
	"env = CFLAGS=-O2\n"                                  /* 16 */
	"\n"                                                  /* 17 */
	"[provides]\n"                                        /* 18 */
	"pkgconfig = demo\n"                                  /* 19 */
	"lib = demo\n"                                        /* 20 */
	"\n"                                                  /* 21 */
	"[feature fast]\n"                                    /* 22 */
	"default = off\n"                                     /* 23 */
	"configure-on = --enable-fast\n"                      /* 24 */
	"\n"                                                  /* 25 */
	"[check]\n"                                           /* 26 */
	"code = int main(void) { return 0; }\n"               /* 27 */
	"expect = ${version}\n";                              /* 28 */

TEST(builtin_recipes_parse)
{
	size_t n = 0;

	for (const struct builtin_file *b = builtin_recipes; b->name; b++) {
		char *why = NULL, *name = strdup(b->name);
		struct recipe r;

		*strrchr(name, '.') = '\0';
		CHECK_MSG(!recipe_parse(&r, b->text, b->len, b->name, name, &why), "%s", why ? why : "");
		CHECK(r.has_check);
		CHECK(r.license_files.nr > 0);
		/* every patch a built-in recipe names is built in too */
		for (size_t i = 0; i < r.nsources; i++)
			for (size_t k = 0; k < r.sources[i].patches.nr; k++) {
				const struct builtin_file *pf = builtin_patches;

				while (pf->name && strcmp(pf->name, r.sources[i].patches.v[k]))
					pf++;
				CHECK_MSG(pf->name, "%s names the patch %s, which is not built in", b->name,
					  r.sources[i].patches.v[k]);
			}
		recipe_release(&r);
		free(why);
		free(name);
		n++;
	}
	CHECK_INT(n, 25);
}

TEST(good_recipe)
{
	struct recipe r;
	char *why = NULL;

	CHECK_INT(recipe_parse(&r, good, strlen(good), "demo.recipe", "demo", &why), 0);
	CHECK_STR(r.name, "demo");
	CHECK_STR(r.version, "1.2.3");
	CHECK_INT(r.nsources, 1);
	CHECK_STR(r.sources[0].src.file, "demo-1.2.3.tar.gz");
	CHECK_STR(r.sources[0].src.urls.v[0], "https://example.org/demo-1.2.3.tar.gz");
	CHECK_STR(r.sources[0].kind, "upstream");
	CHECK_INT(r.sources[0].strip, 1);
	CHECK_STR(r.system->name, "autotools");
	CHECK_INT(r.nfeatures, 1);
	CHECK_STR(r.features[0].name, "fast");
	CHECK(!r.features[0].on);
	CHECK_STR(r.pc_names.v[0], "demo");
	CHECK_STR(r.lib_names.v[0], "demo");
	CHECK(recipe_supports(&r, "arm64"));
	CHECK(recipe_feature(&r, "fast"));
	CHECK(!recipe_feature(&r, "slow"));
	recipe_release(&r);
}

TEST(librdkafka_features)
{
	const struct builtin_file *b;
	struct recipe r;
	char *why = NULL;

	for (b = builtin_recipes; b->name && strcmp(b->name, "librdkafka.recipe"); b++)
		;
	CHECK(b->name);
	CHECK_INT(recipe_parse(&r, b->text, b->len, "librdkafka.recipe", "librdkafka", &why), 0);
	CHECK(recipe_feature(&r, "ssl")->on);
	CHECK(recipe_feature(&r, "zstd")->on);
	CHECK(recipe_feature(&r, "zlib")->on);
	CHECK(!recipe_feature(&r, "sasl-cyrus")->on);
	CHECK_STR(recipe_feature(&r, "sasl-cyrus")->libs.v[0], "cyrus-sasl");
	CHECK_STR(r.sources[0].src.sha256, "f321bcb1e015a34114c83cf1aa7b99ee260236aab096b85c003170c90a47ca9d");
	CHECK_STR(r.sources[0].src.debian_pkg, "librdkafka=2.0.2-1");
	recipe_release(&r);
}

TEST(pc_files_become_relocatable)
{
	static const char in[] =
		"prefix=/store/pkgs/curl-1\n"
		"exec_prefix=${prefix}\n"
		"libdir=/store/pkgs/curl-1/lib\n"
		"includedir=/store/pkgs/curl-1x/include\n"
		"Name: libcurl\n"
		"Libs: -L${libdir} -lcurl -Wl,-rpath,${libdir}\n"
		"Libs.private: -L/store/pkgs/.tmp-curl-1-7-Ab/deps/lib -lssl  -lcrypto -lz\n"
		"Cflags: -I${includedir} -I/store/pkgs/.tmp-curl-1-7-Ab/deps/include -DCURL_STATICLIB\n";
	static const char want[] =
		"prefix=${pcfiledir}/../..\n"
		"exec_prefix=${prefix}\n"
		"libdir=${prefix}/lib\n"
		"includedir=/store/pkgs/curl-1x/include\n"
		"Name: libcurl\n"
		"Libs: -L${libdir} -lcurl\n"
		"Libs.private: -lssl -lcrypto -lz\n"
		"Cflags: -I${includedir} -DCURL_STATICLIB\n";
	struct strbuf out = STRBUF_INIT;

	pcfile_relocate(in, "/store/pkgs/curl-1", "/store/pkgs/.tmp-curl-1-7-Ab", &out);
	CHECK_STR(out.buf, want);
	strbuf_setlen(&out, 0);
	pcfile_relocate("libdir=/p/lib\nLibs: -L/p/lib -lx\n", "/p", "/t", &out);
	CHECK_STR(out.buf, "prefix=${pcfiledir}/../..\nlibdir=${prefix}/lib\nLibs: -L${prefix}/lib -lx\n");
	strbuf_release(&out);
}

TEST(check_output_words)
{
	static const char out[] = "librdkafka 2.0.2\nbuiltin.features=gzip,snappy,ssl,sasl,sasl_scram,zstd\n";

	CHECK(recipe_output_has(out, "2.0.2"));
	CHECK(recipe_output_has(out, "ssl"));
	CHECK(recipe_output_has(out, "sasl_scram"));
	CHECK(recipe_output_has(out, "zstd"));
	CHECK(recipe_output_has(out, "librdkafka"));
	CHECK(!recipe_output_has(out, "2.0"));          /* a prefix of 2.0.2 is not the word */
	CHECK(!recipe_output_has(out, "scram"));
	CHECK(!recipe_output_has(out, "sasl_gssapi"));
	CHECK(!recipe_output_has(out, "lz4"));
	CHECK(recipe_output_has("OPENSSLDIR: \"/etc/ssl\"", "/etc/ssl"));
	CHECK(recipe_output_has("zlib 1.2.13.", "1.2.13"));      /* a sentence's full stop */
	CHECK(!recipe_output_has("libcurl/7.88.1-DEV", "7.88.1"));
}

TEST(cgo_ldflags)
{
	static const char *const words[] = {
		"-L/vendor/lib", "-lrdkafka", "-l", "z", "-l:libfoo.a", "-l:libbar.so.1", "-Wl,-Bstatic",
		"/abs/libq.a", "-L", "/x", "-lm", "-l",
	};
	struct strvec w = STRVEC_INIT, libs = STRVEC_INIT, dirs = STRVEC_INIT;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		strvec_push(&w, words[i]);
	cdeps_ldflags(&w, &libs, &dirs);
	CHECK_INT(libs.nr, 5);
	CHECK_STR(libs.v[0], "rdkafka");
	CHECK_STR(libs.v[1], "z");
	CHECK_STR(libs.v[2], "foo");
	CHECK_STR(libs.v[3], "bar");
	CHECK_STR(libs.v[4], "m");
	CHECK_INT(dirs.nr, 2);
	CHECK_STR(dirs.v[0], "/vendor/lib");
	CHECK_STR(dirs.v[1], "/x");
	CHECK(cdeps_libc("pthread") && cdeps_libc("m") && cdeps_libc("dl") && cdeps_libc("resolv"));
	CHECK(!cdeps_libc("z") && !cdeps_libc("stdc++") && !cdeps_libc("ssl"));
	strvec_clear(&w);
	strvec_clear(&libs);
	strvec_clear(&dirs);
}

TEST(specs)
{
	struct pkg_prefs p = PKG_PREFS_INIT;
	char *name = NULL, *why = NULL;
	const struct pkg_pref *f;

	CHECK_INT(pkg_prefs_parse_spec(&p, "librdkafka@2.0.2[+sasl-cyrus,-zstd,curl]", "cli", &name, &why), 0);
	CHECK_STR(name, "librdkafka");
	free(name);
	f = pkg_prefs_get(&p, "librdkafka");
	CHECK_STR(f->version, "2.0.2");
	CHECK_INT(f->features.nr, 3);
	CHECK_STR(f->features.v[0], "+sasl-cyrus");
	CHECK_STR(f->features.v[1], "-zstd");
	CHECK_STR(f->features.v[2], "+curl");
	CHECK_INT(pkg_prefs_parse_spec(&p, "zlib", "cli", &name, &why), 0);
	free(name);
	CHECK(pkg_prefs_get(&p, "zlib") && !pkg_prefs_get(&p, "zlib")->version);
	CHECK_INT(pkg_prefs_parse_spec(&p, "Zlib", "cli", &name, &why), -1);
	CHECK(why && strstr(why, "not a recipe name"));
	free(why);
	CHECK_INT(pkg_prefs_parse_spec(&p, "zlib@", "cli", &name, &why), -1);
	free(why);
	CHECK_INT(pkg_prefs_parse_spec(&p, "zlib[+x", "cli", &name, &why), -1);
	free(why);
	pkg_prefs_release(&p);
}

TEST(project_file)
{
	static const char text[] =
		"[gostatic]\n"
		"require = lz4 curl@7.88.1\n"
		"[recipe librdkafka]\n"
		"version = 2.0.2\n"
		"features = +sasl-cyrus -zstd curl\n";
	struct pkg_prefs p = PKG_PREFS_INIT;
	char *why = NULL;
	const struct pkg_pref *f;

	CHECK_INT(project_parse(text, strlen(text), "/w/gostatic.ini", "/w", &p, &why), 0);
	CHECK_INT(p.require.nr, 2);
	CHECK_STR(p.require.v[0], "lz4");
	CHECK_STR(p.require.v[1], "curl");
	CHECK_STR(pkg_prefs_get(&p, "curl")->version, "7.88.1");
	f = pkg_prefs_get(&p, "librdkafka");
	CHECK_STR(f->version, "2.0.2");
	CHECK_INT(f->features.nr, 3);
	CHECK_STR(f->features.v[2], "+curl");
	CHECK_STR(f->where, "/w/gostatic.ini:5");
	pkg_prefs_release(&p);

}
