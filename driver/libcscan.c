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

static void identify_static(const struct elf_file *e, struct libc_info *li)
{
	const uint8_t *b = e->buf;
	size_t n = e->len;

	if (li->kernel_floor)
		add_evidence(li, LIBC_GLIBC, "GNU ABI tag note");
	if (buf_has_cstring(b, n, "GLIBC_TUNABLES"))
		add_evidence(li, LIBC_GLIBC, "string GLIBC_TUNABLES");
	if (buf_has(b, n, "Invalid or incomplete multibyte or wide character"))
		add_evidence(li, LIBC_GLIBC, "glibc's EILSEQ message");
	if (li->kind == LIBC_UNKNOWN) {
		if (buf_has_cstring(b, n, "No error information"))
			add_evidence(li, LIBC_MUSL, "musl's strerror text");
		if (buf_has_cstring(b, n, "__init_libc"))
			add_evidence(li, LIBC_MUSL, "symbol __init_libc");
	}
	if (li->kind != LIBC_GLIBC)
		return;
	if (buf_has(b, n, "libnss_"))
		strvec_push(&li->nss_evidence, "string libnss_");
	if (buf_has_cstring(b, n, "__nss_database_get") || buf_has_cstring(b, n, "__nss_lookup_function"))
		strvec_push(&li->nss_evidence, "symbol __nss_*");
	li->nss = li->nss_evidence.nr > 0;
	li->dlopen_linked = buf_has(b, n, "invalid mode for dlopen()");
	li->gconv = buf_has(b, n, "/gconv");
}

/* Which malloc the C code of a static file has, from its symbols (when
 * it has a symbol table) and its messages (when it has none). */
static void identify_allocator(const struct elf_file *e, struct libc_info *li)
{
	const uint8_t *b = e->buf;
	size_t n = e->len;

	if (buf_has_cstring(b, n, "mi_malloc"))
		strvec_push(&li->allocator_evidence, "symbol mi_malloc");
	if (buf_has(b, n, "mimalloc: error: "))
		strvec_push(&li->allocator_evidence, "mimalloc's messages");
	if (li->allocator_evidence.nr) {
		li->allocator = "mimalloc";
		return;
	}
	if (buf_has_cstring(b, n, "je_malloc") || buf_has_cstring(b, n, "je_mallocx"))
		strvec_push(&li->allocator_evidence, "symbol je_malloc");
	if (buf_has(b, n, "<jemalloc>: "))
		strvec_push(&li->allocator_evidence, "jemalloc's messages");
	if (li->allocator_evidence.nr) {
		li->allocator = "jemalloc";
		return;
	}
	if (li->kind == LIBC_MUSL) {
		li->allocator = "mallocng";
		strvec_push(&li->allocator_evidence, buf_has_cstring(b, n, "__malloc_context")
			    ? "symbol __malloc_context" : "no other allocator's marks");
	} else if (li->kind == LIBC_GLIBC) {
		li->allocator = "glibc";
		strvec_push(&li->allocator_evidence, buf_has(b, n, "malloc" "(): corrupted top size")
			    ? "glibc's malloc messages" : "no other allocator's marks");
	}
}

void libcscan_identify(const struct elf_file *e, const char *interp,
		       const struct strvec *needed, bool go_without_cgo,
		       struct libc_info *li)
{
	struct abi_ctx ctx = { e, li };

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
	identify_static(e, li);
	identify_allocator(e, li);
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
