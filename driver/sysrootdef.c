/* sysrootdef.c - sysroot definitions: parsing and checking them (no I/O) */
#include "sysrootdef.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"

static const struct ini_key schema[] = {
	{ "sysroot", "target", INI_SCALAR, true },
	{ "sysroot", "goos", INI_SCALAR, true },
	{ "sysroot", "goarch", INI_SCALAR, true },
	{ "sysroot", "compiler", INI_SCALAR, true },
	{ "sysroot", "dynamic-linker", INI_SCALAR, true },
	{ "sysroot", "compiler-package", INI_SCALAR, false },
	{ "sysroot", "tools", INI_SCALAR, false },
	{ "sysroot", "tools-package", INI_SCALAR, false },
	{ "source", "name", INI_SCALAR, true },
	{ "source", "version", INI_SCALAR, true },
	{ "source", "license", INI_SCALAR, false },
	{ "source", "file", INI_SCALAR, true },
	{ "source", "sha256", INI_SCALAR, true },
	{ "source", "url", INI_LIST, false },
	{ "source", "debian", INI_SCALAR, false },
	{ "source", "strip", INI_SCALAR, false },
	{ "headers", "package", INI_SCALAR, false },
	{ "headers", "dir", INI_LIST, false },
	{ "headers", "file", INI_SCALAR, false },
	{ "headers", "sha256", INI_SCALAR, false },
	{ "headers", "debian", INI_SCALAR, false },
	{ "headers", "url", INI_LIST, false },
	{ "build", "configure", INI_SCALAR, false },
};

GS_PRINTF(3, 4) static int bad(char **why, const char *origin, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_addf(&sb, "%s", origin);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	*why = strbuf_detach(&sb);
	return -1;
}

static const char *value(const struct sysroot_def *d, const char *section, const char *key)
{
	const struct ini_entry *e = ini_get(&d->ini, section, "", key);

	return e ? e->value : NULL;
}

static bool plain_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* [headers] file, sha256, debian, url: a pinned package of the headers. */
static int parse_pinned_headers(struct sysroot_def *d, const char *origin, char **why)
{
	const struct ini_entry *file = ini_get(&d->ini, "headers", "", "file");
	const struct ini_entry *sha = ini_get(&d->ini, "headers", "", "sha256");
	const struct ini_entry *deb = ini_get(&d->ini, "headers", "", "debian");

	if (!file && !sha && !deb && !ini_get(&d->ini, "headers", "", "url"))
		return 0;
	if (!file || !sha)
		return bad(why, origin, ":%u: pinned headers need both file and sha256 in [headers]",
			   (file ? file : sha ? sha : deb ? deb : ini_get(&d->ini, "headers", "", "url"))->line);
	if (!plain_word(file->value))
		return bad(why, origin, ":%u: file must be a plain file name, not '%s'", file->line, file->value);
	if (!is_sha256_hex(sha->value))
		return bad(why, origin, ":%u: sha256 must be 64 lowercase hex digits", sha->line);
	if (deb) {
		const char *eq = strchr(deb->value, '=');

		if (!eq || eq == deb->value || !eq[1] || strchr(deb->value, ' '))
			return bad(why, origin, ":%u: debian must be 'PACKAGE=VERSION' (a binary package)", deb->line);
		d->headers_deb_pkg = xstrdup(deb->value);
		d->headers_src.debian_pkg = d->headers_deb_pkg;
		d->headers_src.debian_file = file->value;
		d->headers_src.debian_binary = true;
	}
	d->headers_src.file = file->value;
	d->headers_src.sha256 = sha->value;
	for (size_t i = 0; i < d->ini.nr; i++)
		if (!strcmp(d->ini.v[i].section, "headers") && !strcmp(d->ini.v[i].key, "url"))
			strvec_push(&d->headers_src.urls, d->ini.v[i].value);
	d->headers_pinned = true;
	return 0;
}

int sysroot_def_parse(struct sysroot_def *d, const char *text, size_t len, const char *origin,
		      char **why)
{
	struct ini_error err;
	struct strbuf exp = STRBUF_INIT;
	char msg[256];
	const char *strip;

	memset(d, 0, sizeof(*d));
	d->ini = (struct ini)INI_INIT;
	d->src.urls = (struct strvec)STRVEC_INIT;
	d->header_into = (struct strvec)STRVEC_INIT;
	d->header_from = (struct strvec)STRVEC_INIT;
	d->headers_src.urls = (struct strvec)STRVEC_INIT;
	d->origin = xstrdup(origin);
	d->text = xstrndup(text, len);
	*why = NULL;
	if (ini_parse(&d->ini, text, len, &err) ||
	    ini_check(&d->ini, schema, ARRAY_SIZE(schema), NULL, &err)) {
		if (err.line)
			return bad(why, origin, ":%u: %s", err.line, err.msg);
		return bad(why, origin, ": %s", err.msg);
	}
	d->target = value(d, "sysroot", "target");
	d->goos = value(d, "sysroot", "goos");
	d->goarch = value(d, "sysroot", "goarch");
	d->compiler = value(d, "sysroot", "compiler");
	d->dynamic_linker = value(d, "sysroot", "dynamic-linker");
	d->compiler_package = value(d, "sysroot", "compiler-package");
	if (!d->compiler_package)
		d->compiler_package = "gcc";
	d->tools = value(d, "sysroot", "tools");
	if (!d->tools)
		d->tools = "";
	d->tools_package = value(d, "sysroot", "tools-package");
	if (!d->tools_package)
		d->tools_package = "binutils";
	d->name = value(d, "source", "name");
	d->version = value(d, "source", "version");
	d->license = value(d, "source", "license");
	d->configure = value(d, "build", "configure");
	d->header_package = value(d, "headers", "package");
	if (!plain_word(d->target))
		return bad(why, origin, ":%u: invalid target '%s'", ini_get(&d->ini, "sysroot", "", "target")->line,
			   d->target);
	if (*d->tools && (!plain_word(d->tools) || d->tools[strlen(d->tools) - 1] != '-'))
		return bad(why, origin, ":%u: tools must be a program name prefix ending in '-', like aarch64-linux-gnu-",
			   ini_get(&d->ini, "sysroot", "", "tools")->line);
	if (strcmp(d->goos, "linux"))
		return bad(why, origin, ":%u: goos must be linux", ini_get(&d->ini, "sysroot", "", "goos")->line);
	if (!plain_word(d->goarch) || !arch_known(d->goarch))
		return bad(why, origin, ":%u: unknown goarch '%s'", ini_get(&d->ini, "sysroot", "", "goarch")->line,
			   d->goarch);
	if (!is_sha256_hex(value(d, "source", "sha256")))
		return bad(why, origin, ":%u: sha256 must be 64 lowercase hex digits",
			   ini_get(&d->ini, "source", "", "sha256")->line);
	d->src.sha256 = value(d, "source", "sha256");
	{
		const struct ini_var vars[] = { { "name", d->name }, { "version", d->version } };

		if (ini_expand(value(d, "source", "file"), vars, ARRAY_SIZE(vars), &exp, msg, sizeof(msg))) {
			strbuf_release(&exp);
			return bad(why, origin, ":%u: %s", ini_get(&d->ini, "source", "", "file")->line, msg);
		}
		if (!plain_word(exp.buf)) {
			int rc = bad(why, origin, ":%u: file must be a plain file name, not '%s'",
				     ini_get(&d->ini, "source", "", "file")->line, exp.buf);

			strbuf_release(&exp);
			return rc;
		}
		d->src_file = strbuf_detach(&exp);
		d->src.file = d->src_file;
		for (size_t i = 0; i < d->ini.nr; i++) {
			const struct ini_entry *e = &d->ini.v[i];

			if (strcmp(e->section, "source") || strcmp(e->key, "url"))
				continue;
			if (ini_expand(e->value, vars, ARRAY_SIZE(vars), &exp, msg, sizeof(msg))) {
				strbuf_release(&exp);
				return bad(why, origin, ":%u: %s", e->line, msg);
			}
			strvec_push(&d->src.urls, exp.buf);
			strbuf_setlen(&exp, 0);
		}
		strbuf_release(&exp);
	}
	if (value(d, "source", "debian")) {
		struct strvec w = STRVEC_INIT;
		const struct ini_entry *e = ini_get(&d->ini, "source", "", "debian");

		if (ini_split(e->value, &w) || w.nr != 2 || !strchr(w.v[0], '=') || !plain_word(w.v[1])) {
			strvec_clear(&w);
			return bad(why, origin, ":%u: debian must be 'PACKAGE=VERSION ORIG-FILE'", e->line);
		}
		d->deb_pkg = xstrdup(w.v[0]);
		d->deb_file = xstrdup(w.v[1]);
		d->src.debian_pkg = d->deb_pkg;
		d->src.debian_file = d->deb_file;
		strvec_clear(&w);
	}
	d->strip = 1;
	if ((strip = value(d, "source", "strip"))) {
		char *end;
		long n = strtol(strip, &end, 10);

		if (*end || n < 0 || n > 8)
			return bad(why, origin, ":%u: strip must be a number from 0 to 8",
				   ini_get(&d->ini, "source", "", "strip")->line);
		d->strip = (unsigned)n;
	}
	for (size_t i = 0; i < d->ini.nr; i++) {
		const struct ini_entry *e = &d->ini.v[i];
		struct strvec w = STRVEC_INIT;

		if (strcmp(e->section, "headers") || strcmp(e->key, "dir"))
			continue;
		if (ini_split(e->value, &w) || w.nr != 2 || !plain_word(w.v[0]) || w.v[1][0] != '/') {
			strvec_clear(&w);
			return bad(why, origin, ":%u: dir must be 'NAME /absolute/folder'", e->line);
		}
		strvec_push(&d->header_from, w.v[1]);
		strvec_push(&d->header_into, w.v[0]);
		strvec_clear(&w);
	}
	return parse_pinned_headers(d, origin, why);
}

char *sysroot_tool(const struct sysroot_def *d, const char *tool)
{
	return xasprintf("%s%s", d->tools, tool);
}

bool sysroot_is_native(const struct sysroot_def *d)
{
	uint16_t machine, host;
	unsigned bits, host_bits;
	bool be;

	host = arch_host_machine(&host_bits);
	return arch_elf(d->goarch, &machine, &bits, &be) && machine == host && bits == host_bits &&
	       be == (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
}

void sysroot_def_release(struct sysroot_def *d)
{
	free(d->origin);
	free(d->text);
	free(d->src_file);
	free(d->headers_deb_pkg);
	strvec_clear(&d->headers_src.urls);
	free(d->deb_pkg);
	free(d->deb_file);
	ini_release(&d->ini);
	strvec_clear(&d->src.urls);
	strvec_clear(&d->header_into);
	strvec_clear(&d->header_from);
	memset(d, 0, sizeof(*d));
}

bool sysroot_def_matches(const struct sysroot_def *d, const char *spec)
{
	const char *slash = strchr(spec, '/');

	if (slash)
		return (size_t)(slash - spec) == strlen(d->goos) && !strncmp(spec, d->goos, strlen(d->goos)) &&
		       !strcmp(slash + 1, d->goarch);
	return !strcmp(spec, d->goarch) || !strcmp(spec, d->target);
}
