/* pcfile.c - pkg-config files made relocatable */
#include "pcfile.h"

#include <stdlib.h>
#include <string.h>

/* The keyword of a .pc field line ("Libs.private: ..."), or 0 when the line
 * is a variable ("libdir=...") or anything else: pkg-config's own rule, an
 * identifier followed by ':' before any '='. */
size_t pcfile_field(const char *line)
{
	size_t n = strspn(line, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
	size_t sp = strspn(line + n, " \t");

	return n && line[n + sp] == ':' ? n : 0;
}

static bool pc_flags_field(const char *line)
{
	size_t n = pcfile_field(line);

	return (n == 4 && !strncmp(line, "Libs", 4)) || (n == 12 && !strncmp(line, "Libs.private", 12)) ||
	       (n == 6 && !strncmp(line, "Cflags", 6)) || (n == 14 && !strncmp(line, "Cflags.private", 14));
}

void pcfile_relocate(const char *text, const char *prefix, const char *tmp, struct strbuf *out)
{
	size_t plen = strlen(prefix);
	bool has_prefix = false;

	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");

		if (!strncmp(l, "prefix=", 7))
			has_prefix = true;
		l += n + (l[n] == '\n');
	}
	if (!has_prefix)
		strbuf_addstr(out, "prefix=${pcfiledir}/../..\n");
	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");
		char *line = xstrndup(l, n);
		struct strbuf fixed = STRBUF_INIT;

		l += n + (l[n] == '\n');
		if (!strncmp(line, "prefix=", 7)) {
			strbuf_addstr(out, "prefix=${pcfiledir}/../..\n");
			free(line);
			continue;
		}
		for (const char *p = line; *p;) {
			if (plen && !strncmp(p, prefix, plen) && (p[plen] == '/' || p[plen] == '\0' ||
								    p[plen] == ' ' || p[plen] == '"')) {
				strbuf_addstr(&fixed, "${prefix}");
				p += plen;
			} else {
				strbuf_addch(&fixed, *p++);
			}
		}
		if (pc_flags_field(fixed.buf)) {
			/* drop words that point into the build's temporary folder, and rpaths */
			char *colon = strchr(fixed.buf, ':');
			struct strbuf kept = STRBUF_INIT;

			strbuf_add(&kept, fixed.buf, (size_t)(colon - fixed.buf) + 1);
			for (const char *w = colon + 1; *w;) {
				size_t sp = strspn(w, " \t"), len;

				w += sp;
				len = strcspn(w, " \t");
				if (!len)
					break;
				if (!(starts_with(w, "-Wl,-rpath") || starts_with(w, "-Wl,--rpath") ||
				      (tmp && *tmp && memmem(w, len, tmp, strlen(tmp)))))
					strbuf_addf(&kept, " %.*s", (int)len, w);
				w += len;
			}
			strbuf_release(&fixed);
			fixed = kept;
		}
		strbuf_addf(out, "%s\n", fixed.buf);
		strbuf_release(&fixed);
		free(line);
	}
}

