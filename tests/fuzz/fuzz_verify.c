/* fuzz_verify.c - libFuzzer target over the whole verify path
 *
 * Any bytes go through verify_buffer() (ELF reader, UPX, symbol versions,
 * C library scan, Go build info), the verdict logic and the JSON writer. */
#include <stdint.h>
#include <stdlib.h>

#include "reportfmt.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct verify_opts vo = { .strict = size & 1, .expect_arch = size & 2 ? "arm64" : NULL };
	struct report r;
	json_t *j;
	char *s;

	report_init(&r, "fuzz");
	verify_buffer(data, size, &r);
	verify_judge(&r, &vo);
	j = reportfmt_json(&r);
	s = json_dumps(j, JSON_COMPACT);
	if (!s)
		abort();        /* every report must serialise */
	free(s);
	json_decref(j);
	report_release(&r);
	return 0;
}
