/* fuzz_recipenew.c - libFuzzer target over what recipe new reads from a
 * source archive: the input is a licence text, a pkg-config template and
 * (one per line) the tree's file names. No crash, no leak; the recipe text
 * written from any of them parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recipe.h"
#include "recipenew.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *out, *why = NULL;
	struct recipe_facts f = RECIPE_FACTS_INIT;
	struct strvec pcs = STRVEC_INIT;
	struct recipe r;

	memcpy(text, data, size);
	text[size] = '\0';
	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");

		if (n)
			strvec_pushn(&f.tree, l, n);
		l += n + (l[n] == '\n');
	}
	strvec_sort(&f.tree);
	recipe_new_pc_files(&f.tree, &pcs);
	for (size_t i = 0; i < pcs.nr; i++) {
		char *m = recipe_new_pc_module(pcs.v[i]);

		free(m);
	}
	recipe_new_pc_libs(text, &f.lib_names);
	f.name = "fuzz";
	f.version = "1.0";
	f.file = "fuzz-1.0.tar.gz";
	f.sha256 = "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4";
	f.url = "https://example.org/fuzz-1.0.tar.gz";
	f.license_text = text;
	out = recipe_new_text(&f);
	/* -l names come from the input: a recipe is written only from plain ones */
	if (recipe_parse(&r, out, strlen(out), "fuzz.recipe", "fuzz", &why) && f.lib_names.nr == 0)
		abort();
	recipe_release(&r);
	free(why);
	free(out);
	strvec_clear(&f.tree);
	strvec_clear(&f.lib_names);
	strvec_clear(&pcs);
	free(text);
	return 0;
}
