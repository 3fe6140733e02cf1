/* project.c - gostatic.ini: what a project says about its C libraries */
#include "project.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "inifile.h"
#include "log.h"

static const struct ini_key schema[] = {
	{ "gostatic", "recipes", INI_LIST, false },
	{ "gostatic", "require", INI_LIST, false },
	{ "gostatic", "malloc", INI_SCALAR, false },
	{ "recipe", "version", INI_SCALAR, false },
	{ "recipe", "features", INI_LIST, false },
};

static const char *const with_arg[] = { "recipe", NULL };

GS_PRINTF(4, 5) static int bad(char **why, const char *path, unsigned line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_addf(&sb, line ? "%s:%u: " : "%s: ", path, line);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(*why);
	*why = strbuf_detach(&sb);
	return -1;
}

int project_parse(const char *text, size_t len, const char *path, const char *base_dir,
		  struct pkg_prefs *prefs, char **why)
{
	struct ini ini = INI_INIT;
	struct ini_error err;
	int rc = -1;

	*why = NULL;
	if (ini_parse(&ini, text, len, &err) || ini_check(&ini, schema, ARRAY_SIZE(schema), with_arg, &err)) {
		bad(why, path, err.line, "%s", err.msg);
		goto out;
	}
	for (size_t i = 0; i < ini.nsections; i++) {
		const struct ini_section *s = &ini.sections[i];

		if (!strcmp(s->name, "recipe") && !*s->arg) {
			bad(why, path, s->line, "[recipe] needs the recipe's name: [recipe librdkafka]");
			goto out;
		}
	}
	for (size_t i = 0; i < ini.nr; i++) {
		const struct ini_entry *e = &ini.v[i];
		char *where = xasprintf("%s:%u", path, e->line);
		struct strvec w = STRVEC_INIT;

		if (ini_split(e->value, &w)) {
			bad(why, path, e->line, "unterminated quote");
			strvec_clear(&w);
			free(where);
			goto out;
		}
		if (!strcmp(e->section, "gostatic") && !strcmp(e->key, "recipes")) {
			for (size_t k = 0; k < w.nr; k++) {
				char *dir = w.v[k][0] == '/' ? xstrdup(w.v[k]) : xasprintf("%s/%s", base_dir, w.v[k]);

				struct stat sb;

				if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode) || recipe_dirs_add(&prefs->dirs, dir, where)) {
					bad(why, path, e->line, "recipes names '%s', which is not a folder", w.v[k]);
					free(dir);
					strvec_clear(&w);
					free(where);
					goto out;
				}
				free(dir);
			}
		} else if (!strcmp(e->section, "gostatic") && !strcmp(e->key, "require")) {
			for (size_t k = 0; k < w.nr; k++) {
				char *name = NULL, *msg = NULL;

				if (pkg_prefs_parse_spec(prefs, w.v[k], where, &name, &msg)) {
					bad(why, path, e->line, "%s", msg);
					free(msg);
					strvec_clear(&w);
					free(where);
					goto out;
				}
				if (!strvec_contains(&prefs->require, name))
					strvec_push(&prefs->require, name);
				free(name);
			}
		} else if (!strcmp(e->section, "gostatic") && !strcmp(e->key, "malloc")) {
			if (w.nr != 1 || strspn(w.v[0], "abcdefghijklmnopqrstuvwxyz0123456789-_+.") != strlen(w.v[0]) ||
			    !(w.v[0][0] >= 'a' && w.v[0][0] <= 'z')) {
				bad(why, path, e->line, "malloc takes one allocator recipe's name (mimalloc) or musl");
				strvec_clear(&w);
				free(where);
				goto out;
			}
			free(prefs->malloc);
			free(prefs->malloc_where);
			prefs->malloc = xstrdup(w.v[0]);
			prefs->malloc_where = xstrdup(where);
		} else if (!strcmp(e->section, "recipe")) {
			struct pkg_pref *p = pkg_prefs_add(prefs, e->arg, where);

			if (!strcmp(e->key, "version")) {
				free(p->version);
				p->version = xstrdup(e->value);
			} else {
				for (size_t k = 0; k < w.nr; k++) {
					const char *f = w.v[k], *name = (*f == '+' || *f == '-') ? f + 1 : f;

					if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(name)) {
						bad(why, path, e->line, "'%s' is not +FEATURE or -FEATURE", f);
						strvec_clear(&w);
						free(where);
						goto out;
					}
					strvec_pushf(&p->features, "%c%s", *f == '-' ? '-' : '+', name);
				}
			}
			free(p->where);
			p->where = xstrdup(where);
		}
		strvec_clear(&w);
		free(where);
	}
	rc = 0;
out:
	ini_release(&ini);
	return rc;
}

char *project_find(const char *dir)
{
	char *cur = absolute_path(dir);

	for (;;) {
		char *ini = xasprintf("%s/%s", cur, PROJECT_FILE), *gomod = xasprintf("%s/go.mod", cur);
		char *git = xasprintf("%s/.git", cur), *slash;
		bool top = path_exists(gomod) || path_exists(git);

		free(gomod);
		free(git);
		if (path_exists(ini)) {
			free(cur);
			return ini;
		}
		free(ini);
		slash = strrchr(cur, '/');
		if (top || !slash || slash == cur) {
			free(cur);
			return NULL;
		}
		*slash = '\0';
	}
}

int project_load(const char *dir, struct pkg_prefs *prefs)
{
	char *path = dir ? project_find(dir) : NULL, *why = NULL;
	struct strbuf text = STRBUF_INIT;
	int rc = 0;

	if (path) {
		char *base = xstrdup(path);
		int r = read_file(path, INI_MAX_FILE + 1, &text);

		*strrchr(base, '/') = '\0';
		if (r == -EFBIG)
			rc = gs_error("%s: larger than %d KiB", path, INI_MAX_FILE / 1024);
		else if (r)
			rc = gs_error_errno(-r, "cannot read '%s'", path);
		else if (project_parse(text.buf, text.len, path, base, prefs, &why))
			rc = gs_error("%s", why);
		if (!rc)
			prefs->origin = xstrdup(path);
		free(base);
	}
	if (!rc && recipe_dirs_from_env(&prefs->dirs))
		rc = -1;
	free(path);
	free(why);
	strbuf_release(&text);
	return rc ? -1 : 0;
}
