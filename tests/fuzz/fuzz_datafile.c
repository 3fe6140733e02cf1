/* fuzz_datafile.c - libFuzzer target over gostatic's text parsers
 *
 * The input is used as a sysroot definition (INI dialect, schema, variable
 * expansion), as archive entry names and link targets for the extraction
 * checks, and as -ldflags / GOFLAGS strings for the go build flag merging. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "gobuild.h"
#include "inifile.h"
#include "sysrootdef.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *why = NULL, *out = NULL, *problem = NULL;
	struct sysroot_def d;
	struct strvec words = STRVEC_INIT, objects = STRVEC_INIT;
	struct gobuild_args a;
	const char *argv[] = { "build" };
	const char *reason;
	char *second;

	memcpy(text, data, size);
	text[size] = 0;
	strvec_push(&objects, "alloc.o");
	if (sysroot_def_parse(&d, text, size, "fuzz.sysroot", &why) == 0 && !d.src.file)
		abort();        /* a definition that parses has a source file */
	free(why);
	sysroot_def_release(&d);

	second = strchr(text, '\n');
	if (second)
		*second++ = 0;
	(void)extract_check_name(text, size & 3, &reason);
	(void)extract_link_inside(text, second ? second : "");
	if (ini_split(text, &words) == 0)
		for (size_t i = 0; i < words.nr; i++)
			if (strlen(words.v[i]) > size)
				abort();
	strvec_clear(&words);
	if (gobuild_ldflags(text, size & 1, size & 2, size & 4 ? &objects : NULL, &out, &problem) == 0 &&
	    !out)
		abort();
	free(out);
	free(problem);
	gobuild_parse_args(1, argv, &a, &why);
	if (gobuild_take_goflags(text, &a, &words, &why))
		free(why);
	strvec_clear(&words);
	gobuild_args_release(&a);
	strvec_clear(&objects);
	free(text);
	return 0;
}
