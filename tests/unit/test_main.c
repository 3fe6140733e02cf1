/* test_main.c - runs the tests registered by TEST() */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "test.h"

static struct {
	const char *name;
	void (*fn)(void);
} tests[512];
static size_t ntests;
static int failures;
static const char *current;

void test_register(const char *name, void (*fn)(void))
{
	if (ntests == sizeof(tests) / sizeof(tests[0])) {
		fputs("too many tests\n", stderr);
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: %s: ", file, line, current);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

int main(int argc, char **argv)
{
	size_t ran = 0, failed = 0;

	out_init(&gs_out, stdout, stderr);     /* as main() does: messages go somewhere */
	for (size_t i = 0; i < ntests; i++) {
		int before = failures;
		bool wanted = argc < 2;

		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], tests[i].name);
		if (!wanted)
			continue;
		current = tests[i].name;
		tests[i].fn();
		ran++;
		if (failures != before)
			failed++;
		printf("%s %zu %s\n", failures == before ? "ok" : "not ok", ran, tests[i].name);
	}
	printf("%zu tests, %zu failed\n", ran, failed);
	return failed || !ran ? 1 : 0;
}
