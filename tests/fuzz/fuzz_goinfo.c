/* fuzz_goinfo.c - libFuzzer target over the Go build info parsers
 *
 * The input is used three ways: as a build info blob (after the header is
 * forced in, so the parser past it is reached), as modinfo text, and as a
 * Go string literal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "goinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	struct go_info g;
	uint8_t *blob = malloc(size + 32);

	memset(&g, 0, sizeof(g));
	memcpy(blob, "\xff Go buildinf:", 14);
	memcpy(blob + 14, data, size < 18 ? size : 18);
	if (size < 18)
		memset(blob + 14 + size, 0, 18 - size);
	if (size > 18)
		memcpy(blob + 32, data + 18, size - 18);
	goinfo_parse_blob(blob, size > 18 ? size + 14 : 32, NULL, &g);
	goinfo_release(&g);
	free(blob);

	memset(&g, 0, sizeof(g));
	goinfo_parse_modinfo((const char *)data, size, &g);
	(void)goinfo_setting(&g, "-tags");
	(void)goinfo_has_tag(&g, "netgo");
	goinfo_release(&g);

	if (go_unquote((const char *)data, size, &sb) == 0 && sb.len > size)
		abort();        /* unquoting never makes text longer */
	strbuf_release(&sb);
	return 0;
}
