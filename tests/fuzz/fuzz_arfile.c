/* fuzz_arfile.c - libFuzzer target over ar archives (static libraries)
 *
 * The input is normalized as an ar archive: no crash, no read or write
 * out of bounds; a normalized archive keeps its length, and normalizing it
 * again changes nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	const char *why = NULL;
	size_t changed;
	int rc;

	memcpy(buf, data, size);
	rc = arfile_normalize(buf, size, &changed, &why);
	if (rc < 0 && !why)
		abort();        /* every failure says why */
	if (rc == 1 && memcmp(buf, data, size))
		abort();        /* not an archive: untouched */
	if (rc == 0 && (arfile_normalize(buf, size, &changed, &why) != 0 || changed))
		abort();        /* normalizing is idempotent */
	free(buf);
	return 0;
}
