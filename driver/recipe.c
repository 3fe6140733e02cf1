/* recipe.c - recipes: parsing, checking and finding them */
#include "recipe.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"

static const struct ini_key schema[] = {
	{ "package", "name", INI_SCALAR, true },
	{ "package", "version", INI_SCALAR, true },
	{ "package", "summary", INI_SCALAR, false },
	{ "package", "homepage", INI_SCALAR, false },
	{ "package", "license", INI_SCALAR, true },
	{ "package", "license-file", INI_LIST, true },
	{ "package", "targets", INI_LIST, false },
	{ "source", "file", INI_SCALAR, true },
	{ "source", "sha256", INI_SCALAR, true },
	{ "source", "url", INI_LIST, false },
	{ "source", "debian", INI_SCALAR, false },
	{ "source", "strip", INI_SCALAR, false },
	{ "source", "note", INI_LIST, false },
	{ "source", "patch", INI_LIST, false },
	{ "depends", "lib", INI_LIST, false },
	{ "depends", "tool", INI_LIST, false },
	{ "build", "system", INI_SCALAR, false },
	{ "build", "script", INI_SCALAR, false },
	{ "build", "configure", INI_LIST, false },
	{ "build", "env", INI_LIST, false },
	{ "build", "build", INI_LIST, false },
	{ "build", "install", INI_LIST, false },
	{ "build", "remove", INI_LIST, false },
	{ "target", "configure", INI_LIST, false },
	{ "target", "env", INI_LIST, false },
	{ "provides", "pkgconfig", INI_LIST, false },
	{ "provides", "lib", INI_LIST, false },
	{ "provides", "file", INI_LIST, false },
	{ "feature", "default", INI_SCALAR, INI_IN_SECTION },
	{ "feature", "summary", INI_SCALAR, false },
	{ "feature", "lib", INI_LIST, false },
	{ "feature", "configure-on", INI_LIST, false },
	{ "feature", "configure-off", INI_LIST, false },
	{ "feature", "env-on", INI_LIST, false },
	{ "feature", "env-off", INI_LIST, false },
	{ "feature", "check-on", INI_LIST, false },
	{ "allocator", "object", INI_SCALAR, INI_IN_SECTION },
	{ "check", "code", INI_LIST, INI_IN_SECTION },
	{ "check", "pkgconfig", INI_LIST, false },
	{ "check", "lib", INI_LIST, false },
	{ "check", "expect", INI_LIST, false },
};

static const char *const with_arg[] = { "source", "build", "target", "feature", NULL };

/* The variables of build values:
 *   name, version   the package's
 *   prefix          the store entry the library ends up in
 *   destdir         where installs go (make install DESTDIR=${destdir})
 *   deps            one folder with every dependency's include/ and lib/
 *   srcdir          the extracted source tree
 *   sysroot         the musl sysroot
 *   jobs            how many jobs make may run
 *   cc, ar, ranlib  the tools for the target
 *   target          the target triple, e.g. x86_64-linux-musl
 *   arch            its first part, e.g. x86_64
 *   goarch          Go's name for it, e.g. amd64 */
static const char *const var_names[RV_NVARS] = {
	[RV_NAME] = "name", [RV_VERSION] = "version", [RV_PREFIX] = "prefix",
	[RV_DESTDIR] = "destdir", [RV_DEPS] = "deps", [RV_SRCDIR] = "srcdir",
	[RV_SYSROOT] = "sysroot", [RV_JOBS] = "jobs", [RV_CC] = "cc", [RV_AR] = "ar",
	[RV_RANLIB] = "ranlib", [RV_STRIP] = "strip", [RV_TARGET] = "target", [RV_ARCH] = "arch", [RV_GOARCH] = "goarch",
};

void recipe_vars_init(struct recipe_vars *vars, const struct recipe *r)
{
	for (size_t i = 0; i < RV_NVARS; i++) {
		vars->v[i].name = var_names[i];
		vars->v[i].value = "";
	}
	vars->v[RV_NAME].value = r->name ? r->name : "";
	vars->v[RV_VERSION].value = r->version ? r->version : "";
}

GS_PRINTF(4, 5) static int bad(char **why, const char *origin, unsigned line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (line)
		strbuf_addf(&sb, "%s:%u: ", origin, line);
	else
		strbuf_addf(&sb, "%s: ", origin);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(*why);
	*why = strbuf_detach(&sb);
	return -1;
}

static bool is_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == '+' || *s == '.'))
			return false;
	return true;
}

static bool plain_word(const char *s)
{
	if (!*s || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.' || *s == '+' || *s == '~'))
			return false;
	return true;
}

/* A path inside a tree: relative, no "..", no empty parts. */
static bool inner_path(const char *s)
{
	if (!*s || *s == '/')
		return false;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 2 && !strncmp(p, "..", 2)))
			return false;
		p += n + (p[n] == '/');
	}
	return true;
}

static bool env_word(const char *w)
{
	const char *eq = strchr(w, '=');

	if (!eq || eq == w || !((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z') || *w == '_'))
		return false;
	for (const char *p = w; p < eq; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_'))
			return false;
	return true;
}

const struct ini_entry *recipe_next(const struct recipe *r, const struct ini_entry *after,
				    const char *section, const char *arg, const char *key)
{
	size_t i = after ? (size_t)(after - r->ini.v) + 1 : 0;

	for (; i < r->ini.nr; i++) {
		const struct ini_entry *e = &r->ini.v[i];

		if (!strcmp(e->section, section) && !strcmp(e->key, key) && (!arg || !strcmp(e->arg, arg)))
			return e;
	}
	return NULL;
}

static const char *scalar(const struct recipe *r, const char *section, const char *arg,
			  const char *key)
{
	const struct ini_entry *e = ini_get(&r->ini, section, arg, key);

	return e ? e->value : NULL;
}

static unsigned line_of(const struct recipe *r, const char *section, const char *arg, const char *key)
{
	const struct ini_entry *e = ini_get(&r->ini, section, arg, key);

	return e ? e->line : 0;
}

/* Splits every value of section/arg/key into out; an unterminated quote is
 * an error at its line. */
static int words_of(const struct recipe *r, const char *section, const char *arg, const char *key,
		    struct strvec *out, char **why)
{
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, section, arg, key));)
		if (ini_split(e->value, out))
			return bad(why, r->origin, e->line, "unterminated quote in '%s'", key);
	return 0;
}

/* Checks that a value expands with the given variables and splits into
 * words; with env set, that every word is NAME=VALUE. */
static int check_value(const struct recipe *r, const struct ini_entry *e, const struct ini_var *vars,
		       size_t nvars, bool env, char **why)
{
	struct strbuf exp = STRBUF_INIT;
	struct strvec w = STRVEC_INIT;
	char msg[256];
	int rc = 0;

	if (ini_expand(e->value, vars, nvars, &exp, msg, sizeof(msg)))
		rc = bad(why, r->origin, e->line, "%s", msg);
	else if (ini_split(exp.buf, &w))
		rc = bad(why, r->origin, e->line, "unterminated quote in '%s'", e->key);
	for (size_t i = 0; !rc && env && i < w.nr; i++)
		if (!env_word(w.v[i]))
			rc = bad(why, r->origin, e->line, "'%s' is not NAME=VALUE (quote a value with blanks: \"CFLAGS=-O2 -g\")",
				 w.v[i]);
	strbuf_release(&exp);
	strvec_clear(&w);
	return rc;
}

static int parse_source(struct recipe *r, const char *arg, unsigned header, char **why)
{
	struct recipe_source *s = &r->sources[r->nsources];
	const struct ini_var vars[] = { { "name", r->name }, { "version", r->version } };
	const char *sha = scalar(r, "source", arg, "sha256"), *strip = scalar(r, "source", arg, "strip");
	const char *deb = scalar(r, "source", arg, "debian");
	struct strbuf exp = STRBUF_INIT;
	char msg[256];

	memset(s, 0, sizeof(*s));
	s->src.urls = (struct strvec)STRVEC_INIT;
	s->patches = (struct strvec)STRVEC_INIT;
	s->kind = *arg ? arg : "upstream";
	s->line = header;
	r->nsources++;
	if (!is_sha256_hex(sha))
		return bad(why, r->origin, line_of(r, "source", arg, "sha256"),
			   "sha256 must be 64 lowercase hex digits, not '%s'", sha);
	s->src.sha256 = sha;
	if (ini_expand(scalar(r, "source", arg, "file"), vars, ARRAY_SIZE(vars), &exp, msg, sizeof(msg))) {
		strbuf_release(&exp);
		return bad(why, r->origin, line_of(r, "source", arg, "file"), "%s", msg);
	}
	if (!plain_word(exp.buf)) {
		int rc = bad(why, r->origin, line_of(r, "source", arg, "file"),
			     "file must be a plain file name, not '%s'", exp.buf);

		strbuf_release(&exp);
		return rc;
	}
	s->file = strbuf_detach(&exp);
	s->src.file = s->file;
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "source", arg, "url"));) {
		struct strvec w = STRVEC_INIT;

		if (ini_expand(e->value, vars, ARRAY_SIZE(vars), &exp, msg, sizeof(msg))) {
			strbuf_release(&exp);
			return bad(why, r->origin, e->line, "%s", msg);
		}
		if (ini_split(exp.buf, &w) || w.nr != 1 ||
		    !(starts_with(w.v[0], "https://") || starts_with(w.v[0], "http://") ||
		      starts_with(w.v[0], "file:///"))) {
			int rc = bad(why, r->origin, e->line, "url must be one http://, https:// or file:/// URL, not '%s'",
				     exp.buf);

			strvec_clear(&w);
			strbuf_release(&exp);
			return rc;
		}
		strvec_push(&s->src.urls, w.v[0]);
		strvec_clear(&w);
		strbuf_setlen(&exp, 0);
	}
	strbuf_release(&exp);
	if (deb) {
		struct strvec w = STRVEC_INIT;

		if (ini_split(deb, &w) || w.nr != 2 || !strchr(w.v[0], '=') || w.v[0][0] == '=' ||
		    !plain_word(w.v[1])) {
			strvec_clear(&w);
			return bad(why, r->origin, line_of(r, "source", arg, "debian"),
				   "debian must be 'PACKAGE=VERSION ORIG-FILE'");
		}
		s->deb_pkg = xstrdup(w.v[0]);
		s->deb_file = xstrdup(w.v[1]);
		s->src.debian_pkg = s->deb_pkg;
		s->src.debian_file = s->deb_file;
		strvec_clear(&w);
	}
	if (words_of(r, "source", arg, "patch", &s->patches, why))
		return -1;
	for (size_t i = 0; i < s->patches.nr; i++)
		if (!plain_word(s->patches.v[i]))
			return bad(why, r->origin, line_of(r, "source", arg, "patch"),
				   "patch takes file names next to the recipe, like zlib-fix.patch, not '%s'",
				   s->patches.v[i]);
	if (!s->src.urls.nr && !deb)
		return bad(why, r->origin, header, "[source%s%s] needs a url or a debian source to fetch from",
			   *arg ? " " : "", arg);
	s->strip = 1;
	if (strip) {
		char *end;
		long n = strtol(strip, &end, 10);

		if (*end || end == strip || n < 0 || n > 8)
			return bad(why, r->origin, line_of(r, "source", arg, "strip"),
				   "strip must be a number from 0 to 8, not '%s'", strip);
		s->strip = (unsigned)n;
	}
	return 0;
}

static int parse_feature(struct recipe *r, const struct ini_section *sec, const struct ini_var *vars,
			 char **why)
{
	struct recipe_feature *f;
	const char *def = scalar(r, "feature", sec->arg, "default");

	if (!*sec->arg)
		return bad(why, r->origin, sec->line, "[feature] needs a name: [feature NAME]");
	if (!is_name(sec->arg))
		return bad(why, r->origin, sec->line, "invalid feature name '%s' (lowercase letters, digits, '-')",
			   sec->arg);
	r->features = xrealloc(r->features, (r->nfeatures + 1) * sizeof(*r->features));
	f = &r->features[r->nfeatures++];
	memset(f, 0, sizeof(*f));
	f->libs = (struct strvec)STRVEC_INIT;
	f->name = sec->arg;
	f->line = sec->line;
	f->summary = scalar(r, "feature", sec->arg, "summary");
	if (!strcmp(def, "on"))
		f->on = true;
	else if (strcmp(def, "off"))
		return bad(why, r->origin, line_of(r, "feature", sec->arg, "default"),
			   "default must be 'on' or 'off', not '%s'", def);
	if (words_of(r, "feature", sec->arg, "lib", &f->libs, why))
		return -1;
	for (size_t i = 0; i < f->libs.nr; i++)
		if (!is_name(f->libs.v[i]) || !strcmp(f->libs.v[i], r->name))
			return bad(why, r->origin, line_of(r, "feature", sec->arg, "lib"),
				   "feature %s cannot need '%s'", f->name, f->libs.v[i]);
	for (size_t i = 0; i < r->ini.nr; i++) {
		const struct ini_entry *e = &r->ini.v[i];

		if (strcmp(e->section, "feature") || strcmp(e->arg, sec->arg))
			continue;
		if ((starts_with(e->key, "configure-") || starts_with(e->key, "env-")) &&
		    check_value(r, e, vars, RV_NVARS, starts_with(e->key, "env-"), why))
			return -1;
		if (!strcmp(e->key, "check-on") && check_value(r, e, vars, 2, false, why))
			return -1;
	}
	return 0;
}

static int parse_tools(struct recipe *r, char **why)
{
	struct strvec w = STRVEC_INIT;

	if (words_of(r, "depends", "", "tool", &w, why)) {
		strvec_clear(&w);
		return -1;
	}
	for (size_t i = 0; i < w.nr; i++) {
		const char *colon = strchr(w.v[i], ':');
		char *prog = colon ? xstrndup(w.v[i], (size_t)(colon - w.v[i])) : xstrdup(w.v[i]);
		bool ok = plain_word(prog) && (!colon || plain_word(colon + 1));

		if (ok) {
			strvec_push(&r->tools, prog);
			strvec_push(&r->tool_packages, colon ? colon + 1 : "");
		}
		free(prog);
		if (!ok) {
			int rc = bad(why, r->origin, line_of(r, "depends", "", "tool"),
				     "tool must be 'PROGRAM' or 'PROGRAM:DEBIAN-PACKAGE', not '%s'", w.v[i]);

			strvec_clear(&w);
			return rc;
		}
	}
	strvec_clear(&w);
	return 0;
}

static int parse_build(struct recipe *r, const struct ini_var *vars, char **why)
{
	const char *sys = scalar(r, "build", "", "system");
	for (size_t i = 0; i < r->ini.nsections; i++) {
		const struct ini_section *s = &r->ini.sections[i];

		if (strcmp(s->name, "build"))
			continue;
		if (*s->arg && (r->nsources < 2 || strcmp(s->arg, r->sources[1].kind)))
			return bad(why, r->origin, s->line,
				   "[build %s] is for building from [source %s], which this recipe lacks", s->arg, s->arg);
		if (!*s->arg && !sys)
			return bad(why, r->origin, s->line, "[build] lacks the required key 'system'");
	}
	if (!ini_get(&r->ini, "build", "", "system") && !sys)
		return bad(why, r->origin, 0, "the required section [build] (with 'system') is missing");
	for (size_t i = 0; i < r->ini.nr; i++)
		if (!strcmp(r->ini.v[i].section, "build") && *r->ini.v[i].arg && !strcmp(r->ini.v[i].key, "system"))
			return bad(why, r->origin, r->ini.v[i].line,
				   "the build system is chosen in [build] only; [build %s] replaces its other keys",
				   r->ini.v[i].arg);

	if (!(r->system = buildsys_find(sys))) {
		char *known = buildsys_names(false, ", ", ", ");
		int rc = bad(why, r->origin, line_of(r, "build", "", "system"), "unknown build system '%s' (known: %s)",
			     sys, known);

		free(known);
		return rc;
	}
	for (size_t i = 0; i < r->ini.nr; i++) {
		const struct ini_entry *e = &r->ini.v[i];
		bool build = !strcmp(e->section, "build"), target = !strcmp(e->section, "target");

		if (!build && !target)
			continue;
		if (!strcmp(e->key, "system"))
			continue;
		if (!strcmp(e->key, "script") && !r->system->script) {
			char *which = buildsys_names(true, ", ", " and ");
			int rc = bad(why, r->origin, e->line, "script is for %s builds", which);

			free(which);
			return rc;
		}
		if (!strcmp(e->key, "remove")) {
			struct strvec w = STRVEC_INIT;
			int rc = 0;

			if (ini_split(e->value, &w))
				rc = bad(why, r->origin, e->line, "unterminated quote in 'remove'");
			for (size_t k = 0; !rc && k < w.nr; k++)
				if (!inner_path(w.v[k]))
					rc = bad(why, r->origin, e->line,
						 "remove takes paths under the install prefix, like lib/libfoo.so*, not '%s'",
						 w.v[k]);
			strvec_clear(&w);
			if (rc)
				return -1;
			continue;
		}
		if (check_value(r, e, vars, RV_NVARS, !strcmp(e->key, "env"), why))
			return -1;
		if (!strcmp(e->key, "build") || !strcmp(e->key, "install")) {
			struct strvec w = STRVEC_INIT;

			ini_split(e->value, &w);
			if (!w.nr) {
				strvec_clear(&w);
				return bad(why, r->origin, e->line, "'%s' needs a command", e->key);
			}
			strvec_clear(&w);
		}
	}
	if (!r->system->configure_step) {
		const struct ini_entry *e = recipe_next(r, NULL, "build", NULL, "configure");

		if (e)
			return bad(why, r->origin, e->line, "a '%s' build has no configure step", sys);
	}
	if (!r->system->install && !recipe_next(r, NULL, "build", NULL, "install"))
		return bad(why, r->origin, line_of(r, "build", "", "system"),
			   "a '%s' build needs install lines (install = make install DESTDIR=${destdir} ...)", sys);
	if (!r->system->build && !recipe_next(r, NULL, "build", NULL, "build"))
		return bad(why, r->origin, line_of(r, "build", "", "system"), "a '%s' build needs build lines", sys);
	return 0;
}

static int parse_provides(struct recipe *r, char **why)
{
	if (words_of(r, "provides", "", "pkgconfig", &r->pc_names, why) ||
	    words_of(r, "provides", "", "lib", &r->lib_names, why) ||
	    words_of(r, "provides", "", "file", &r->files, why))
		return -1;
	if (!r->pc_names.nr && !r->lib_names.nr)
		return bad(why, r->origin, 0,
			   "[provides] must name a pkgconfig module or a lib: nothing could ever ask for this recipe");
	for (size_t i = 0; i < r->pc_names.nr; i++)
		if (!plain_word(r->pc_names.v[i]))
			return bad(why, r->origin, line_of(r, "provides", "", "pkgconfig"),
				   "invalid pkg-config name '%s'", r->pc_names.v[i]);
	for (size_t i = 0; i < r->lib_names.nr; i++)
		if (!plain_word(r->lib_names.v[i]) || starts_with(r->lib_names.v[i], "-l") ||
		    starts_with(r->lib_names.v[i], "lib"))
			return bad(why, r->origin, line_of(r, "provides", "", "lib"),
				   "lib takes the name that follows -l (z for libz.a), not '%s'", r->lib_names.v[i]);
	for (size_t i = 0; i < r->files.nr; i++)
		if (!inner_path(r->files.v[i]))
			return bad(why, r->origin, line_of(r, "provides", "", "file"),
				   "file takes paths under the install prefix, like include/foo.h, not '%s'",
				   r->files.v[i]);
	return 0;
}

static int parse_check(struct recipe *r, char **why)
{
	struct strvec w = STRVEC_INIT;
	const struct ini_var vars[] = { { "name", r->name }, { "version", r->version } };

	if (!recipe_next(r, NULL, "check", "", "code"))
		return 0;
	r->has_check = true;
	if (words_of(r, "check", "", "pkgconfig", &w, why) || words_of(r, "check", "", "lib", &w, why)) {
		strvec_clear(&w);
		return -1;
	}
	strvec_clear(&w);
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "check", "", "expect"));)
		if (check_value(r, e, vars, ARRAY_SIZE(vars), false, why))
			return -1;
	return 0;
}

int recipe_parse(struct recipe *r, const char *text, size_t len, const char *origin,
		 const char *expect_name, char **why)
{
	struct ini_error err;
	struct recipe_vars vars;
	const struct ini_entry *e;

	memset(r, 0, sizeof(*r));
	r->ini = (struct ini)INI_INIT;
	r->license_files = r->targets = r->libs = r->tools = r->tool_packages = (struct strvec)STRVEC_INIT;
	r->pc_names = r->lib_names = r->files = r->patch_texts = (struct strvec)STRVEC_INIT;
	r->origin = xstrdup(origin);
	r->text = xstrndup(text, len);
	*why = NULL;
	if (ini_parse(&r->ini, text, len, &err) ||
	    ini_check(&r->ini, schema, ARRAY_SIZE(schema), with_arg, &err))
		return bad(why, origin, err.line, "%s", err.msg);
	r->name = scalar(r, "package", "", "name");
	r->version = scalar(r, "package", "", "version");
	r->summary = scalar(r, "package", "", "summary");
	r->homepage = scalar(r, "package", "", "homepage");
	r->license = scalar(r, "package", "", "license");
	if (!is_name(r->name))
		return bad(why, origin, line_of(r, "package", "", "name"),
			   "invalid name '%s' (lowercase letters, digits, '-', '_', '+', '.')", r->name);
	if (expect_name && strcmp(expect_name, r->name))
		return bad(why, origin, line_of(r, "package", "", "name"),
			   "the recipe is called '%s', but the file is named for '%s' (%s.recipe)", r->name,
			   expect_name, r->name);
	if (!plain_word(r->version) || !((r->version[0] >= '0' && r->version[0] <= '9')))
		return bad(why, origin, line_of(r, "package", "", "version"),
			   "invalid version '%s' (it starts with a digit: 1.2.13)", r->version);
	if (strspn(r->license, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-+() ") !=
	    strlen(r->license))
		return bad(why, origin, line_of(r, "package", "", "license"),
			   "license must be an SPDX expression like 'BSD-2-Clause' or 'MIT OR Apache-2.0'");
	if (words_of(r, "package", "", "license-file", &r->license_files, why) ||
	    words_of(r, "package", "", "targets", &r->targets, why))
		return -1;
	for (size_t i = 0; i < r->license_files.nr; i++)
		if (!inner_path(r->license_files.v[i]))
			return bad(why, origin, line_of(r, "package", "", "license-file"),
				   "license-file takes paths in the source tree, not '%s'", r->license_files.v[i]);
	if (!r->license_files.nr)
		return bad(why, origin, line_of(r, "package", "", "license-file"), "license-file names no file");
	for (size_t i = 0; i < r->targets.nr; i++)
		if (!arch_known(r->targets.v[i]))
			return bad(why, origin, line_of(r, "package", "", "targets"), "unknown goarch '%s' in targets",
				   r->targets.v[i]);

	/* sources: [source] and at most one alternative, [source debian] */
	for (size_t i = 0; i < r->ini.nsections; i++) {
		const struct ini_section *s = &r->ini.sections[i];

		if (!strcmp(s->name, "source") && !*s->arg && parse_source(r, "", s->line, why))
			return -1;
	}
	if (!r->nsources)
		return bad(why, origin, 0, "the [source] section is missing");
	for (size_t i = 0; i < r->ini.nsections; i++) {
		const struct ini_section *s = &r->ini.sections[i];

		if (strcmp(s->name, "source") || !*s->arg)
			continue;
		if (strcmp(s->arg, "debian"))
			return bad(why, origin, s->line, "unknown source kind '%s': the alternative source is [source debian]",
				   s->arg);
		if (parse_source(r, s->arg, s->line, why))
			return -1;
	}

	if (words_of(r, "depends", "", "lib", &r->libs, why) || parse_tools(r, why))
		return -1;
	for (size_t i = 0; i < r->libs.nr; i++) {
		if (!is_name(r->libs.v[i]))
			return bad(why, origin, line_of(r, "depends", "", "lib"), "invalid recipe name '%s'", r->libs.v[i]);
		if (!strcmp(r->libs.v[i], r->name))
			return bad(why, origin, line_of(r, "depends", "", "lib"), "%s cannot depend on itself", r->name);
	}

	recipe_vars_init(&vars, r);
	for (size_t i = 2; i < RV_NVARS; i++)
		vars.v[i].value = "x";
	if (parse_build(r, vars.v, why))
		return -1;
	for (size_t i = 0; i < r->ini.nsections; i++) {
		const struct ini_section *s = &r->ini.sections[i];

		if (!strcmp(s->name, "target") && (!*s->arg || !arch_known(s->arg)))
			return bad(why, origin, s->line, "[target] takes a goarch, like [target amd64]%s%s%s",
				   *s->arg ? ", not '" : "", s->arg, *s->arg ? "'" : "");
		if (!strcmp(s->name, "feature") && parse_feature(r, s, vars.v, why))
			return -1;
	}
	if (parse_provides(r, why) || parse_check(r, why))
		return -1;
	if ((r->allocator_object = scalar(r, "allocator", "", "object")) && !inner_path(r->allocator_object))
		return bad(why, origin, line_of(r, "allocator", "", "object"),
			   "object takes a path under the install prefix, like lib/mimalloc.o, not '%s'",
			   r->allocator_object);
	if ((e = ini_get(&r->ini, "check", "", "code")) && !r->has_check)
		return bad(why, origin, e->line, "the check has no code");
	return 0;
}

void recipe_release(struct recipe *r)
{
	free(r->origin);
	free(r->text);
	ini_release(&r->ini);
	strvec_clear(&r->license_files);
	strvec_clear(&r->targets);
	strvec_clear(&r->patch_texts);
	for (size_t i = 0; i < r->nsources; i++) {
		strvec_clear(&r->sources[i].src.urls);
		strvec_clear(&r->sources[i].patches);
		free(r->sources[i].file);
		free(r->sources[i].deb_pkg);
		free(r->sources[i].deb_file);
	}
	strvec_clear(&r->libs);
	strvec_clear(&r->tools);
	strvec_clear(&r->tool_packages);
	strvec_clear(&r->pc_names);
	strvec_clear(&r->lib_names);
	strvec_clear(&r->files);
	for (size_t i = 0; i < r->nfeatures; i++)
		strvec_clear(&r->features[i].libs);
	free(r->features);
	memset(r, 0, sizeof(*r));
}

unsigned recipe_line(const struct recipe *r, const char *section, const char *arg, const char *key)
{
	return line_of(r, section, arg, key);
}

const char *recipe_patch_text(const struct recipe *r, size_t source, size_t k)
{
	size_t n = 0;

	for (size_t i = 0; i < source; i++)
		n += r->sources[i].patches.nr;
	n += k;
	return n < r->patch_texts.nr ? r->patch_texts.v[n] : NULL;
}

bool recipe_output_has(const char *output, const char *word)
{
	size_t wl = strlen(word);

	if (!wl)
		return true;
	for (const char *p = output; (p = strstr(p, word)); p++) {
		char before = p == output ? ' ' : p[-1], after = p[wl];
		bool wb = !((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
			    (before >= '0' && before <= '9') || before == '_' || before == '.' || before == '+' ||
			    before == '-');
		bool wa = !((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
			    (after >= '0' && after <= '9') || after == '_' || after == '+' || after == '-' ||
			    (after == '.' && p[wl + 1] >= '0' && p[wl + 1] <= '9'));

		if (wb && wa)
			return true;
	}
	return false;
}

const struct recipe_feature *recipe_feature(const struct recipe *r, const char *name)
{
	for (size_t i = 0; i < r->nfeatures; i++)
		if (!strcmp(r->features[i].name, name))
			return &r->features[i];
	return NULL;
}

bool recipe_supports(const struct recipe *r, const char *goarch)
{
	return !r->targets.nr || strvec_contains(&r->targets, goarch);
}

