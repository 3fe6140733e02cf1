/* inifile.c - the line-oriented INI dialect of gostatic's data files */
#include "inifile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

GS_PRINTF(3, 4) static int fail(struct ini_error *err, unsigned line, const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static bool is_name(const char *s, size_t n)
{
	if (!n || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static bool is_arg(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '+' || c == '-'))
			return false;
	}
	return true;
}

static char *trim(char *s, char **end)
{
	while (*s == ' ' || *s == '\t')
		s++;
	while (*end > s && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
		(*end)--;
	**end = 0;
	return s;
}

static void print_bad(char *out, size_t outsz, const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k + 5 < outsz && i < 40; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f)
			out[k++] = (char)c;
		else
			k += (size_t)snprintf(out + k, outsz - k, "\\x%02x", c);
	}
	out[k] = 0;
}

int ini_parse(struct ini *ini, const char *buf, size_t len, struct ini_error *err)
{
	const char *section = NULL, *arg = "";
	unsigned line = 0;
	char *p, *end;

	*ini = (struct ini)INI_INIT;
	err->line = 0;
	err->msg[0] = 0;
	if (len > INI_MAX_FILE)
		return fail(err, 0, "the file is %zu bytes, more than the %d a data file may have",
			    len, INI_MAX_FILE);
	if (memchr(buf, 0, len)) {
		const char *nul = memchr(buf, 0, len);
		unsigned at = 1;

		for (const char *q = buf; q < nul; q++)
			at += *q == '\n';
		return fail(err, at, "a NUL byte: this is not a text file");
	}
	ini->text = xmalloc(len + 1);
	memcpy(ini->text, buf, len);
	ini->text[len] = 0;
	if (len >= 3 && !memcmp(ini->text, "\xef\xbb\xbf", 3))
		memset(ini->text, ' ', 3);      /* a UTF-8 byte order mark */

	for (p = ini->text; *p; p = end + 1) {
		char *nl = strchr(p, '\n'), *s, *e;

		line++;
		end = nl ? nl : p + strlen(p);
		if ((size_t)(end - p) > INI_MAX_LINE)
			return fail(err, line, "the line is longer than %d bytes", INI_MAX_LINE);
		e = end;
		s = trim(p, &e);
		if (!*s || *s == '#' || *s == ';') {
			if (!nl)
				break;
			continue;
		}
		if (*s == '[') {
			char *close = strchr(s, ']'), *name, *sp;
			char bad[200];

			if (!close || close[1])
				return fail(err, line, "a section header must be '[name]' or '[name arg]'");
			*close = 0;
			name = s + 1;
			while (*name == ' ' || *name == '\t')
				name++;
			sp = name + strcspn(name, " \t");
			if (*sp) {
				char *a = sp, *ae = close;

				*sp = 0;
				a = trim(a + 1, &ae);
				if (!is_arg(a, strlen(a))) {
					print_bad(bad, sizeof(bad), a, strlen(a));
					return fail(err, line, "invalid section argument '%s' (one word of letters, digits, '.', '_', '+', '-')", bad);
				}
				arg = a;
			} else {
				arg = "";
			}
			if (!is_name(name, strlen(name))) {
				print_bad(bad, sizeof(bad), name, strlen(name));
				return fail(err, line, "invalid section name '%s' (lowercase letters, digits and '-')", bad);
			}
			section = name;
			ALLOC_GROW(ini->sections, ini->nsections + 1, ini->sections_alloc);
			ini->sections[ini->nsections].name = name;
			ini->sections[ini->nsections].arg = arg;
			ini->sections[ini->nsections].line = line;
			ini->nsections++;
		} else {
			char *eq = strchr(s, '='), *k, *ke, *v, *ve;
			struct ini_entry *ent;
			char bad[200];

			if (!eq)
				return fail(err, line, "expected 'key = value', '[section]' or a '#' comment");
			ke = eq;
			k = trim(s, &ke);
			ve = e;
			v = trim(eq + 1, &ve);
			if (!is_name(k, strlen(k))) {
				print_bad(bad, sizeof(bad), k, strlen(k));
				return fail(err, line, "invalid key '%s' (lowercase letters, digits and '-')", bad);
			}
			if (!section)
				return fail(err, line, "key '%s' comes before any [section]", k);
			ALLOC_GROW(ini->v, ini->nr + 1, ini->alloc);
			ent = &ini->v[ini->nr++];
			ent->section = section;
			ent->arg = arg;
			ent->key = k;
			ent->value = v;
			ent->line = line;
		}
		if (!nl)
			break;
	}
	return 0;
}

void ini_release(struct ini *ini)
{
	free(ini->text);
	free(ini->v);
	free(ini->sections);
	*ini = (struct ini)INI_INIT;
}

static const struct ini_key *schema_find(const struct ini_key *schema, size_t n,
					 const char *section, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(schema[i].section, section) && !strcmp(schema[i].key, key))
			return &schema[i];
	return NULL;
}

static bool takes_arg(const char *const *with_arg, const char *section)
{
	for (; with_arg && *with_arg; with_arg++)
		if (!strcmp(*with_arg, section))
			return true;
	return false;
}

static bool section_known(const struct ini_key *schema, size_t n, const char *section)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(schema[i].section, section))
			return true;
	return false;
}

int ini_check(const struct ini *ini, const struct ini_key *schema, size_t n,
	      const char *const *sections_with_arg, struct ini_error *err)
{
	/* section headers: known, an argument only where allowed, no repeats */
	for (size_t i = 0; i < ini->nsections; i++) {
		const struct ini_section *s = &ini->sections[i];

		if (!section_known(schema, n, s->name))
			return fail(err, s->line, "unknown section [%s]", s->name);
		if (*s->arg && !takes_arg(sections_with_arg, s->name))
			return fail(err, s->line, "section [%s] takes no argument", s->name);
		for (size_t j = 0; j < i; j++) {
			const struct ini_section *t = &ini->sections[j];

			if (!strcmp(t->name, s->name) && !strcmp(t->arg, s->arg))
				return fail(err, s->line, "section [%s%s%s] appears twice (first at line %u)",
					    s->name, *s->arg ? " " : "", s->arg, t->line);
		}
	}
	for (size_t i = 0; i < ini->nr; i++) {
		const struct ini_entry *e = &ini->v[i];
		const struct ini_key *k = schema_find(schema, n, e->section, e->key);

		if (!k)
			return fail(err, e->line, "unknown key '%s' in [%s]", e->key, e->section);
		if (!*e->value && k->required)
			return fail(err, e->line, "'%s' must not be empty", e->key);
		if (k->kind != INI_SCALAR)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct ini_entry *p = &ini->v[j];

			if (!strcmp(p->section, e->section) && !strcmp(p->arg, e->arg) &&
			    !strcmp(p->key, e->key))
				return fail(err, e->line, "'%s' is given twice in [%s] (first at line %u); it takes one value",
					    e->key, e->section, p->line);
		}
	}
	/* a required key must be in every instance of its section */
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (!schema[i].required)
			continue;
		for (size_t s = 0; s < ini->nsections; s++) {
			const struct ini_section *sec = &ini->sections[s];
			bool found = false;

			if (strcmp(sec->name, schema[i].section))
				continue;
			seen = true;
			for (size_t e = 0; e < ini->nr; e++)
				if (!strcmp(ini->v[e].section, sec->name) && !strcmp(ini->v[e].arg, sec->arg) &&
				    !strcmp(ini->v[e].key, schema[i].key))
					found = true;
			if (!found)
				return fail(err, sec->line, "[%s] lacks the required key '%s'",
					    schema[i].section, schema[i].key);
		}
		if (!seen && schema[i].required != INI_IN_SECTION)
			return fail(err, 0, "the required section [%s] (with '%s') is missing",
				    schema[i].section, schema[i].key);
	}
	return 0;
}

const struct ini_entry *ini_get(const struct ini *ini, const char *section, const char *arg,
				const char *key)
{
	const struct ini_entry *found = NULL;

	for (size_t i = 0; i < ini->nr; i++) {
		const struct ini_entry *e = &ini->v[i];

		if (!strcmp(e->section, section) && !strcmp(e->arg, arg) && !strcmp(e->key, key))
			found = e;
	}
	return found;
}

int ini_split(const char *value, struct strvec *out)
{
	const char *p = value;

	for (;;) {
		struct strbuf w = STRBUF_INIT;
		bool any = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return 0;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '"') {
				p++;
				any = true;
				while (*p && *p != '"') {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
						p++;
					strbuf_addch(&w, *p++);
				}
				if (*p != '"') {
					strbuf_release(&w);
					return -1;
				}
				p++;
			} else {
				strbuf_addch(&w, *p++);
				any = true;
			}
		}
		if (any)
			strvec_push(out, w.buf);
		strbuf_release(&w);
	}
}

int ini_expand(const char *value, const struct ini_var *vars, size_t n, struct strbuf *out,
	       char *err, size_t errsz)
{
	for (const char *p = value; *p; p++) {
		const char *close;
		size_t len;
		bool found = false;

		if (*p != '$') {
			strbuf_addch(out, *p);
			continue;
		}
		if (p[1] == '$') {
			strbuf_addch(out, '$');
			p++;
			continue;
		}
		if (p[1] != '{' || !(close = strchr(p + 2, '}'))) {
			snprintf(err, errsz, "'$' must start ${name} or be written '$$'");
			return -1;
		}
		len = (size_t)(close - (p + 2));
		for (size_t i = 0; i < n; i++) {
			if (strlen(vars[i].name) == len && !memcmp(vars[i].name, p + 2, len)) {
				strbuf_addstr(out, vars[i].value);
				found = true;
				break;
			}
		}
		if (!found) {
			struct strbuf known = STRBUF_INIT;

			for (size_t i = 0; i < n; i++)
				strbuf_addf(&known, "%s%s", i ? ", " : "", vars[i].name);
			snprintf(err, errsz, "unknown variable ${%.*s} (known: %s)", (int)(len > 40 ? 40 : len),
				 p + 2, known.buf);
			strbuf_release(&known);
			return -1;
		}
		p = close;
	}
	return 0;
}
