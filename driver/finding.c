/* finding.c - what verify found, with stable codes for JSON and tests */
#include "finding.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	const char *group;
	bool verbose;
} codes[] = {
#define X(c, g, v) [F_##c] = { #c, #g, v },
	FINDING_CODES(X)
#undef X
};

struct finding *finding_add(struct findings *fs, enum finding_code code,
			    enum severity sev, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
	f = &fs->v[fs->nr++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->sev = sev;
	f->message = strbuf_detach(&sb);
	return f;
}

void finding_ev_str(struct finding *f, const char *key, const char *value)
{
	if (f->nev >= FINDING_MAX_EVIDENCE)
		return;
	f->ev[f->nev].key = key;
	f->ev[f->nev].str = xstrdup(value);
	f->nev++;
}

void finding_ev_num(struct finding *f, const char *key, uint64_t value)
{
	if (f->nev >= FINDING_MAX_EVIDENCE)
		return;
	f->ev[f->nev].key = key;
	f->ev[f->nev].str = NULL;
	f->ev[f->nev].num = value;
	f->nev++;
}

const struct finding *findings_get(const struct findings *fs, enum finding_code code)
{
	for (size_t i = 0; i < fs->nr; i++)
		if (fs->v[i].code == code)
			return &fs->v[i];
	return NULL;
}

static void finding_release(struct finding *f)
{
	free(f->message);
	for (int i = 0; i < f->nev; i++)
		free(f->ev[i].str);
}

void findings_drop(struct findings *fs, enum finding_code code)
{
	size_t j = 0;

	for (size_t i = 0; i < fs->nr; i++) {
		if (fs->v[i].code == code)
			finding_release(&fs->v[i]);
		else
			fs->v[j++] = fs->v[i];
	}
	fs->nr = j;
}

void findings_release(struct findings *fs)
{
	for (size_t i = 0; i < fs->nr; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->nr = fs->alloc = 0;
}

const char *finding_code_name(enum finding_code code)
{
	return code < F__COUNT ? codes[code].name : "UNKNOWN";
}

const char *finding_code_group(enum finding_code code)
{
	return code < F__COUNT ? codes[code].group : "unknown";
}

bool finding_code_verbose(enum finding_code code)
{
	return code < F__COUNT && codes[code].verbose;
}

const char *severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_INFO:
		break;
	}
	return "info";
}
