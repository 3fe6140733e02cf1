/* cmd_env.c - gostatic env: the environment for a static `go build` by hand */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cmd.h"
#include "gobuild.h"
#include "log.h"
#include "pkgbuild.h"
#include "pkgs.h"
#include "project.h"
#include "store.h"
#include "sysroot.h"

static const char env_usage[] =
"usage: gostatic env [--target T] [--malloc NAME] [RECIPE...]\n"
"\n"
"Prints shell lines that set the environment gostatic build uses, creating\n"
"the sysroot (and the recipes named, with what they need) first when the\n"
"store lacks them:\n"
"\n"
"  eval \"$(gostatic env librdkafka)\"\n"
"  go build -tags \"$GOSTATIC_TAGS\" -ldflags \"$GOSTATIC_LDFLAGS\" ./cmd/app\n"
"\n"
"gives what 'gostatic build ./cmd/app' gives for a program that uses cgo\n"
"and asks for librdkafka (without the verification). RECIPE may pin a\n"
"version or features as in 'gostatic recipe build'. CC and PKG_CONFIG name\n"
"the sysroot's wrappers, found through PATH; the store appears as\n"
"/gostatic-store in CGO_CFLAGS and CGO_LDFLAGS (the compiler wrapper maps\n"
"it back), and GOFLAGS gains -trimpath, so that what is built does not\n"
"depend on the folders it is built from. As gostatic build does, the\n"
"allocator's object (mimalloc unless --malloc or gostatic.ini says\n"
"otherwise; --malloc musl for none) is added to CGO_LDFLAGS.\n"
"\n"
"exit status: 0 printed, 1 a build failed, 2 usage or environment error.\n";

static void put(const char *name, const char *value)
{
	printf("export %s='", name);
	for (const char *p = value; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*p);
	}
	puts("'");
}

int cmd_env(int argc, const char **argv)
{
	const char *target = NULL, *malloc_name = NULL;
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct sysroot sr;
	struct strvec env = STRVEC_INIT;
	char *ldflags = NULL, *why = NULL, *tags;
	struct strvec none = STRVEC_INIT, specs = STRVEC_INIT;
	struct pkg_prefs prefs = PKG_PREFS_INIT;
	struct pkgset set = PKGSET_INIT;
	struct pkg_report rep;
	char cwd[4096];
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(env_usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			target = argv[++i];
		} else if (!strncmp(argv[i], "--target=", 9)) {
			target = argv[i] + 9;
		} else if (!strcmp(argv[i], "--malloc") && i + 1 < argc) {
			malloc_name = argv[++i];
		} else if (!strncmp(argv[i], "--malloc=", 9)) {
			malloc_name = argv[i] + 9;
		} else if (argv[i][0] == '-') {
			strvec_clear(&specs);
			return out_usage(&gs_out, "env", "unknown option '%s'", argv[i]);
		} else {
			strvec_push(&specs, argv[i]);
		}
	}
	if (store_open(&st)) {
		strvec_clear(&specs);
		return 2;
	}
	if (sysroot_find(target, &def)) {
		store_close(&st);
		strvec_clear(&specs);
		return 2;
	}
	rc = project_load(getcwd(cwd, sizeof(cwd)) ? cwd : NULL, &prefs) ? 2 : 0;
	set.goarch = def.goarch;
	for (size_t i = 0; !rc && i < specs.nr; i++) {
		char *name = NULL, *msg = NULL;
		size_t idx;

		if (pkg_prefs_parse_spec(&prefs, specs.v[i], "the command line", &name, &msg)) {
			rc = out_usage(&gs_out, "env", "%s", msg);
		} else if (pkgset_add(&set, &prefs, name, "asked for on the command line", &idx)) {
			rc = 1;
		}
		free(name);
		free(msg);
	}
	if (!rc && pkgset_add_allocator(&set, &prefs, malloc_name ? malloc_name : prefs.malloc ? prefs.malloc
					: PKG_DEFAULT_MALLOC, malloc_name ? "--malloc" : prefs.malloc ? prefs.malloc_where
					: "gostatic's default (--malloc)"))
		rc = 1;
	if (!rc) {
		char *sysname = NULL;

		rc = sysroot_name(&st, &def, &sysname) ? 2 : 0;
		if (!rc) {
			pkgset_name(&set, &st, sysname);
			rc = pkgset_ensure(&set, &st, &def, NULL, NULL, &sr, &rep);
		}
		free(sysname);
	} else {
		sr = (struct sysroot)SYSROOT_INIT;
	}
	if (!rc) {
		sysroot_go_env(&sr, &def, &env);
		pkgset_go_env(&set, &env);
		for (size_t i = 0; i < env.nr; i++) {
			char *eq = strchr(env.v[i], '=');
			char *name = xstrndup(env.v[i], (size_t)(eq - env.v[i]));
			bool later = false;

			for (size_t k = i + 1; k < env.nr && !later; k++)
				later = !strncmp(env.v[k], env.v[i], (size_t)(eq - env.v[i]) + 1);
			if (!later)
				put(name, eq + 1);
			free(name);
		}
		{
			/* go build trims paths, as gostatic build does */
			const char *gf = getenv("GOFLAGS");
			char *v = gf && strstr(gf, "-trimpath") ? xstrdup(gf)
				  : xasprintf("%s%s-trimpath", gf ? gf : "", gf && *gf ? " " : "");

			put("GOFLAGS", v);
			free(v);
		}
		tags = gobuild_tags(&none);
		put("GOSTATIC_TAGS", tags);
		free(tags);
		{
			struct strvec objs = STRVEC_INIT;

			pkgset_link_objects(&set, &objs);
			if (gobuild_ldflags(NULL, true, false, &objs, &ldflags, &why))
				die("%s", why);
			strvec_clear(&objs);
		}
		put("GOSTATIC_LDFLAGS", ldflags);
	}
	free(ldflags);
	strvec_clear(&env);
	strvec_clear(&specs);
	pkgset_release(&set);
	pkg_prefs_release(&prefs);
	sysroot_release(&sr);
	sysroot_def_release(&def);
	store_close(&st);
	return rc;
}
