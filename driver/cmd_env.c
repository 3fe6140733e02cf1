/* cmd_env.c - gostatic env: the environment for a static `go build` by hand */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "gobuild.h"
#include "log.h"
#include "store.h"
#include "sysroot.h"

static const char env_usage[] =
"usage: gostatic env [--target T]\n"
"\n"
"Prints shell lines that set the environment gostatic build uses, creating\n"
"the sysroot first when the store lacks it:\n"
"\n"
"  eval \"$(gostatic env)\"\n"
"  go build -tags \"$GOSTATIC_TAGS\" -ldflags \"$GOSTATIC_LDFLAGS\" ./cmd/app\n"
"\n"
"gives what 'gostatic build ./cmd/app' gives for a program that uses cgo\n"
"(without the verification).\n"
"\n"
"exit status: 0 printed, 1 the sysroot could not be built, 2 usage error.\n";

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
	const char *target = NULL;
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct sysroot sr;
	struct strvec env = STRVEC_INIT;
	char *ldflags = NULL, *why = NULL, *tags;
	struct strvec none = STRVEC_INIT;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(env_usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			target = argv[++i];
		} else if (!strncmp(argv[i], "--target=", 9)) {
			target = argv[i] + 9;
		} else {
			fprintf(stderr, "gostatic env: unexpected argument '%s'\n(see 'gostatic env --help')\n",
				argv[i]);
			return 2;
		}
	}
	if (store_open(&st))
		return 2;
	if (sysroot_find(target, &def)) {
		store_close(&st);
		return 2;
	}
	rc = sysroot_ensure(&st, &def, false, &sr) ? 1 : 0;
	if (!rc) {
		sysroot_go_env(&sr, &def, &env);
		for (size_t i = 0; i < env.nr; i++) {
			char *eq = strchr(env.v[i], '=');
			char *name = xstrndup(env.v[i], (size_t)(eq - env.v[i]));

			put(name, eq + 1);
			free(name);
		}
		tags = gobuild_tags(&none);
		put("GOSTATIC_TAGS", tags);
		free(tags);
		if (gobuild_ldflags(NULL, true, false, &ldflags, &why))
			die("%s", why);
		put("GOSTATIC_LDFLAGS", ldflags);
	}
	free(ldflags);
	strvec_clear(&env);
	sysroot_release(&sr);
	sysroot_def_release(&def);
	store_close(&st);
	return rc;
}
