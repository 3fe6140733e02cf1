/* fuzz_recipe.c - libFuzzer target over recipes and what surrounds them
 *
 * The input is parsed as a recipe (INI dialect, schema, sources, features,
 * variables), rewritten as a .pc file, searched as a check's output, split
 * as cgo LDFLAGS and read as a recipe spec (name@version[+feature]). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cdeps.h"
#include "pcfile.h"
#include "pkgs.h"
#include "recipe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *why = NULL, *name = NULL, *nl;
	struct strbuf pc = STRBUF_INIT;
	struct strvec words = STRVEC_INIT, libs = STRVEC_INIT, dirs = STRVEC_INIT;
	struct pkg_prefs prefs = PKG_PREFS_INIT;
	struct recipe r;
	static const char *const flags[] = { "Libs", "Libs.private", "Cflags", "Cflags.private" };

	memcpy(text, data, size);
	text[size] = 0;
	if (recipe_parse(&r, text, size, "fuzz.recipe", NULL, &why) == 0) {
		/* what a recipe that parses always has */
		if (!r.name || !r.version || !r.license || r.nsources < 1 || !*r.sources[0].src.file ||
		    (!r.pc_names.nr && !r.lib_names.nr) || !r.license_files.nr)
			abort();
		for (size_t i = 0; i < r.nfeatures; i++)
			if (!recipe_feature(&r, r.features[i].name))
				abort();
	} else if (!why || strncmp(why, "fuzz.recipe:", 12)) {
		abort();        /* every error names the file */
	}
	free(why);
	recipe_release(&r);

	pcfile_relocate(text, "/s/pkgs/x-1", "/s/pkgs/.tmp-x", &pc);
	if (!strstr(pc.buf, "prefix=${pcfiledir}/../.."))
		abort();
	for (const char *l = pc.buf; *l;) {
		size_t n = strcspn(l, "\n"), k = pcfile_field(l);

		/* link and compile flags never point into the build's temporary folder */
		for (size_t f = 0; f < sizeof flags / sizeof *flags; f++)
			if (k == strlen(flags[f]) && !strncmp(l, flags[f], k) && memmem(l, n, "/s/pkgs/.tmp-x", 14))
				abort();
		l += n + (l[n] == '\n');
	}
	strbuf_release(&pc);
	nl = strchr(text, '\n');
	if (nl)
		*nl = 0;
	(void)recipe_output_has(nl ? nl + 1 : "", text);
	if (*text && strspn(text, "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(text) &&
	    !recipe_output_has(text, text))
		abort();        /* a word is found in itself */
	if (ini_split(text, &words) == 0)
		cdeps_ldflags(&words, &libs, &dirs);
	if (libs.nr + dirs.nr > words.nr)
		abort();
	if (pkg_prefs_parse_spec(&prefs, text, "fuzz", &name, &why) == 0 && (!name || !pkg_prefs_get(&prefs, name)))
		abort();
	free(name);
	free(why);
	pkg_prefs_release(&prefs);
	strvec_clear(&words);
	strvec_clear(&libs);
	strvec_clear(&dirs);
	free(text);
	return 0;
}
