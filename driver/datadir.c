/* datadir.c - the data files gostatic reads: folders of the user's, then
 * the built-in ones */
#include "datadir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "log.h"

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && !strcmp(name + n - k, suffix);
}

/* The file names of dir that end in suffix, sorted; dotfiles left out. */
static int list(const char *dir, const char *suffix, struct strvec *out)
{
	struct strvec names = STRVEC_INIT;
	int e = list_dir(dir, &names);

	if (e)
		return gs_error("cannot read the folder '%s': %s", dir, strerror(-e));
	for (size_t i = 0; i < names.nr; i++)
		if (names.v[i][0] != '.' && has_suffix(names.v[i], suffix))
			strvec_push(out, names.v[i]);
	strvec_clear(&names);
	return 0;
}

int datadir_each(const struct strvec *dirs, const char *suffix, const struct builtin_file *builtins,
		 const char *only, size_t max, int (*fn)(const struct datafile *f, void *ctx), void *ctx)
{
	int rc = 0;

	for (size_t i = 0; dirs && i < dirs->nr && !rc; i++) {
		struct strvec names = STRVEC_INIT;

		if (only)
			strvec_pushf(&names, "%s%s", only, suffix);
		else if (list(dirs->v[i], suffix, &names))
			return -1;
		for (size_t k = 0; k < names.nr && !rc; k++) {
			char *path = xasprintf("%s/%s", dirs->v[i], names.v[k]);
			struct strbuf text = STRBUF_INIT;
			int e = read_file(path, max + 1, &text);

			if (e == -ENOENT && only) {
				/* not in this folder */
			} else if (e == -EFBIG) {
				rc = gs_error("%s: larger than %zu KiB", path, max / 1024);
			} else if (e) {
				rc = gs_error_errno(-e, "cannot read '%s'", path);
			} else {
				struct datafile f = { path, dirs->v[i], names.v[k], text.buf, text.len };

				rc = fn(&f, ctx);
			}
			strbuf_release(&text);
			free(path);
		}
		strvec_clear(&names);
	}
	for (const struct builtin_file *b = builtins; b && b->name && !rc; b++) {
		char *origin;

		if (!has_suffix(b->name, suffix))
			continue;
		if (only && (strncmp(b->name, only, strlen(only)) || strcmp(b->name + strlen(only), suffix)))
			continue;
		origin = xasprintf("built-in %s", b->name);
		rc = fn(&(struct datafile){ origin, NULL, b->name, b->text, b->len }, ctx);
		free(origin);
	}
	return rc < 0 ? -1 : rc;
}

int datadir_check(const char *dir, const char *what)
{
	struct stat sb;

	if (stat(dir, &sb) < 0)
		return gs_error("the %s '%s' %s", what, dir,
				      errno == ENOENT ? "does not exist" : strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return gs_error("the %s '%s' is not a folder", what, dir);
	return 0;
}
