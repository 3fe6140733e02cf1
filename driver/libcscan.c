/* libcscan.c - which C library a file carries, and what it may load later */
#include "libcscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NT_GNU_ABI_TAG_TYPE 1

bool buf_has(const uint8_t *buf, size_t len, const char *s)
{
	return memmem(buf, len, s, strlen(s)) != NULL;
}

bool buf_has_cstring(const uint8_t *buf, size_t len, const char *s)
{
	size_t n = strlen(s);
	char pat[130];

	/* at the start, or "\0s\0" anywhere: one search, not one per partial hit */
	if (len > n && !memcmp(buf, s, n) && buf[n] == 0)
		return true;
	if (n + 2 > sizeof(pat)) {
		const uint8_t *p = buf, *end = buf + len;

		while (p < end) {
			const uint8_t *hit = memmem(p, (size_t)(end - p), s, n);

			if (!hit)
				return false;
			if ((hit == buf || hit[-1] == 0) && (size_t)(end - hit) > n && hit[n] == 0)
				return true;
			p = hit + 1;
		}
		return false;
	}
	pat[0] = 0;
	memcpy(pat + 1, s, n);
	pat[n + 1] = 0;
	return memmem(buf, len, pat, n + 2) != NULL;
}

/* Where strings can be: the sections that hold data or string tables (not
 * code, not debug information), or the whole file when it has no usable
 * section headers. Scanning these instead of the file spares most of it
 * (a Go program's code is half of its bytes). */
struct scan {
	struct { const uint8_t *p; size_t n; } r[64];
	size_t nr;
};

static void scan_regions(const struct elf_file *e, struct scan *s)
{
	s->nr = 0;
	for (size_t i = 0; i < e->shnum; i++) {
		struct elf_shdr sh;
		const uint8_t *p;
		size_t n;

		if (!elf_shdr(e, i, &sh) ||
		    !((sh.type == SHT_PROGBITS && (sh.flags & SHF_ALLOC) && !(sh.flags & SHF_EXECINSTR)) ||
		      sh.type == SHT_STRTAB) ||
		    !elf_section_bytes(e, &sh, &p, &n) || !n)
			continue;
		if (s->nr == ARRAY_SIZE(s->r)) {
			s->nr = 0;      /* too many to list: the whole file */
			break;
		}
		s->r[s->nr].p = p;
		s->r[s->nr++].n = n;
	}
	if (!s->nr) {
		s->r[0].p = e->buf;
		s->r[0].n = e->len;
		s->nr = 1;
	}
}

/* buf_has() (or buf_has_cstring()) over the regions of s. */
static bool scan_has(const struct scan *s, const char *needle, bool cstring)
{
	for (size_t i = 0; i < s->nr; i++)
		if (cstring ? buf_has_cstring(s->r[i].p, s->r[i].n, needle) : buf_has(s->r[i].p, s->r[i].n, needle))
			return true;
	return false;
}

struct abi_ctx {
	const struct elf_file *e;
	struct libc_info *li;
};

/* NT_GNU_ABI_TAG: OS (0 = Linux), then the oldest kernel glibc accepts */
static int abi_tag_cb(const struct elf_note *n, void *ctx)
{
	struct abi_ctx *c = ctx;
	const struct elf_file *e = c->e;

	if (!elf_note_is(n, "GNU", NT_GNU_ABI_TAG_TYPE) || n->descsz < 16)
		return 0;
	if (elf_get32(e, n->desc) == 0)
		c->li->kernel_floor = xasprintf("%u.%u.%u", elf_get32(e, n->desc + 4),
						elf_get32(e, n->desc + 8),
						elf_get32(e, n->desc + 12));
	return 1;
}

static void add_evidence(struct libc_info *li, enum libc_kind kind, const char *what)
{
	if (li->kind == LIBC_UNKNOWN)
		li->kind = kind;
	if (li->kind == kind)
		strvec_push(&li->evidence, what);
}

static void identify_dynamic(const char *interp, const struct strvec *needed,
			     struct libc_info *li)
{
	if (interp && strstr(interp, "ld-musl-"))
		add_evidence(li, LIBC_MUSL, "musl program interpreter");
	for (size_t i = 0; i < needed->nr; i++) {
		const char *n = needed->v[i];

		if (!strcmp(n, "libc.so.6"))
			add_evidence(li, LIBC_GLIBC, "DT_NEEDED libc.so.6");
		else if (!strcmp(n, "libc.so") || starts_with(n, "libc.musl-"))
			add_evidence(li, LIBC_MUSL, "DT_NEEDED libc.so");
	}
	if (li->kind == LIBC_UNKNOWN && interp &&
	    (strstr(interp, "/ld-linux") || strstr(interp, "/ld64.so") || strstr(interp, "/ld.so.1")))
		add_evidence(li, LIBC_GLIBC, "glibc program interpreter");
}

static void identify_static(const struct scan *s, struct libc_info *li)
{
	if (li->kernel_floor)
		add_evidence(li, LIBC_GLIBC, "GNU ABI tag note");
	if (scan_has(s, "GLIBC_TUNABLES", true))
		add_evidence(li, LIBC_GLIBC, "string GLIBC_TUNABLES");
	if (scan_has(s, "Invalid or incomplete multibyte or wide character", false))
		add_evidence(li, LIBC_GLIBC, "glibc's EILSEQ message");
	if (li->kind == LIBC_UNKNOWN) {
		if (scan_has(s, "No error information", true))
			add_evidence(li, LIBC_MUSL, "musl's strerror text");
		if (scan_has(s, "__init_libc", true))
			add_evidence(li, LIBC_MUSL, "symbol __init_libc");
	}
	if (li->kind != LIBC_GLIBC)
		return;
	if (scan_has(s, "libnss_", false))
		strvec_push(&li->nss_evidence, "string libnss_");
	if (scan_has(s, "__nss_database_get", true) || scan_has(s, "__nss_lookup_function", true))
		strvec_push(&li->nss_evidence, "symbol __nss_*");
	li->nss = li->nss_evidence.nr > 0;
	li->dlopen_linked = scan_has(s, "invalid mode for dlopen()", false);
	li->gconv = scan_has(s, "/gconv", false);
}

/* Which malloc the C code of a static file has, from its symbols (when
 * it has a symbol table) and its messages (when it has none). */
static void identify_allocator(const struct scan *s, struct libc_info *li)
{
	/* the replacements gostatic links, each by a symbol of its own and
	 * by the start of its messages */
	static const struct {
		const char *name, *symbols[2], *message, *message_evidence;
	} marks[] = {
		{ "mimalloc", { "mi_malloc", NULL }, "mimalloc: error: ", "mimalloc's messages" },
		{ "jemalloc", { "je_malloc", "je_mallocx" }, "<jemalloc>: ", "jemalloc's messages" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		for (size_t k = 0; k < 2 && marks[i].symbols[k]; k++)
			if (scan_has(s, marks[i].symbols[k], true)) {
				strvec_pushf(&li->allocator_evidence, "symbol %s", marks[i].symbols[0]);
				break;
			}
		if (scan_has(s, marks[i].message, false))
			strvec_push(&li->allocator_evidence, marks[i].message_evidence);
		if (li->allocator_evidence.nr) {
			li->allocator = marks[i].name;
			return;
		}
	}
	if (li->kind == LIBC_MUSL) {
		li->allocator = "mallocng";
		strvec_push(&li->allocator_evidence, scan_has(s, "__malloc_context", true)
			    ? "symbol __malloc_context" : "no other allocator's marks");
	} else if (li->kind == LIBC_GLIBC) {
		li->allocator = "glibc";
		strvec_push(&li->allocator_evidence, scan_has(s, "malloc" "(): corrupted top size", false)
			    ? "glibc's malloc messages" : "no other allocator's marks");
	}
}

void libcscan_identify(const struct elf_file *e, const char *interp,
		       const struct strvec *needed, bool go_without_cgo,
		       struct libc_info *li)
{
	struct abi_ctx ctx = { e, li };
	struct scan sc;

	*li = (struct libc_info)LIBC_INFO_INIT;
	elf_foreach_note(e, abi_tag_cb, &ctx);
	if (interp || needed->nr) {
		identify_dynamic(interp, needed, li);
		return;
	}
	li->is_static = true;
	if (go_without_cgo && !li->kernel_floor) {
		/* no cgo, no C library: nothing to look for */
		li->kind = LIBC_NONE;
		strvec_push(&li->evidence, "Go program without cgo");
		return;
	}
	scan_regions(e, &sc);
	identify_static(&sc, li);
	identify_allocator(&sc, li);
}

void libc_info_release(struct libc_info *li)
{
	strvec_clear(&li->evidence);
	strvec_clear(&li->nss_evidence);
	strvec_clear(&li->allocator_evidence);
	free(li->kernel_floor);
	li->kernel_floor = NULL;
}

const char *libc_kind_name(enum libc_kind kind)
{
	switch (kind) {
	case LIBC_NONE:
		return "none";
	case LIBC_GLIBC:
		return "glibc";
	case LIBC_MUSL:
		return "musl";
	case LIBC_UNKNOWN:
		break;
	}
	return "unknown";
}
