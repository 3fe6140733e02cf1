/* main.c - gostatic: turn cgo Go programs into fully static Linux executables */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cmd.h"
#include "config.h"
#include "log.h"
#include "util.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, const char **argv);
	const char *summary;
} commands[] = {
#define GS_COMMAND(name, summary) { #name, cmd_##name, summary },
#include "commands.def"
#undef GS_COMMAND
};

static void usage(FILE *f)
{
	fputs("usage: gostatic [-v] [--version] [--help] COMMAND [ARGS...]\n"
	      "\n"
	      "gostatic turns cgo Go programs into fully static Linux executables\n"
	      "and proves that they are.\n"
	      "\n"
	      "commands:\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "'gostatic COMMAND --help' describes a command.\n"
	      "\n"
	      "exit status: 0 success, 1 the job failed (for verify: a file is not\n"
	      "static), 2 usage, I/O or environment error.\n"
	      "\n"
	      "environment: NO_COLOR disables colour (used only on a terminal).\n", f);
}

int main(int argc, const char **argv)
{
	int i;

	out_init(&gs_out, stdout, stderr);
	/* gostatic asks libcrypto for SHA-256 only, and every download is
	 * checked by its sha256: reading openssl.cnf (1.5 ms of every run)
	 * buys nothing */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("gostatic %s\n", GOSTATIC_VERSION);
			return 0;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			gs_out.verbosity++;
		} else {
			fprintf(stderr, "gostatic: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc) {
			const char *sub[] = { argv[i + 1], "--help", NULL };

			for (size_t k = 0; k < ARRAY_SIZE(commands); k++)
				if (!strcmp(commands[k].name, argv[i + 1]))
					return commands[k].fn(2, sub);
			fprintf(stderr, "gostatic: no command '%s'\n", argv[i + 1]);
			return 2;
		}
		usage(stdout);
		return 0;
	}
	for (size_t k = 0; k < ARRAY_SIZE(commands); k++)
		if (!strcmp(commands[k].name, argv[i]))
			return commands[k].fn(argc - i, argv + i);
	fprintf(stderr, "gostatic: '%s' is not a gostatic command (see 'gostatic --help')\n", argv[i]);
	return 2;
}
