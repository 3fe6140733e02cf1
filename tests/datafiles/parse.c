/* parse.c - parse one data file the way gostatic does and print the verdict
 *
 * usage: parse FILE: FILE.recipe as a recipe named for its file, FILE.sysroot
 * as a sysroot definition, FILE.ini as a gostatic.ini whose folder is the
 * current one. Prints "ok" and exits 0 when the file is accepted; prints the
 * message a user would see and exits 1 when it is not; exits 2 when FILE
 * cannot be read or has another extension. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project.h"
#include "recipe.h"
#include "sysrootdef.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

int main(int argc, char **argv)
{
	const char *path = argc == 2 ? argv[1] : NULL, *base;
	char *text, *why = NULL;
	size_t len = 0;
	int rc;

	if (!path || !(text = slurp(path, &len))) {
		fprintf(stderr, "usage: parse FILE.{recipe,sysroot,ini} (a readable file)\n");
		return 2;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (ends_with(base, ".recipe")) {
		char *name = xstrndup(base, strlen(base) - strlen(".recipe"));
		struct recipe r;

		rc = recipe_parse(&r, text, len, base, name, &why);
		recipe_release(&r);
		free(name);
	} else if (ends_with(base, ".sysroot")) {
		struct sysroot_def d;

		rc = sysroot_def_parse(&d, text, len, base, &why);
		sysroot_def_release(&d);
	} else if (ends_with(base, ".ini")) {
		struct pkg_prefs p = PKG_PREFS_INIT;

		rc = project_parse(text, len, base, ".", &p, &why);
		pkg_prefs_release(&p);
	} else {
		fprintf(stderr, "parse: %s: not a .recipe, .sysroot or .ini file\n", path);
		free(text);
		return 2;
	}
	puts(rc ? (why ? why : "(failed without a message)") : "ok");
	free(why);
	free(text);
	return rc ? 1 : 0;
}
