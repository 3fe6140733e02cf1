/* upx.c - recognise UPX-packed ELF files from their own bytes */
#include "upx.h"

#include <stdio.h>
#include <string.h>

#define PACKHEADER_SIZE 32
#define TRAILER_WINDOW 4096

static const struct {
	unsigned code;
	const char *name;
} formats[] = {
	{ 10, "linux/i386 (old)" },
	{ 12, "linux/i386" },
	{ 13, "linux/i386 (sh)" },
	{ 22, "linux/amd64" },
	{ 23, "linux/arm" },
	{ 30, "linux/mipsel" },
	{ 39, "linux/ppc64le" },
	{ 42, "linux/arm64" },
	{ 132, "linux/ppc32" },
	{ 133, "linux/armeb" },
	{ 137, "linux/mips" },
	{ 140, "linux/ppc64" },
};

const char *upx_format_name(unsigned format)
{
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (formats[i].code == format)
			return formats[i].name;
	return NULL;
}

static uint32_t get32(const uint8_t *p, bool be)
{
	if (be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static bool packheader_sum_ok(const uint8_t *h)
{
	unsigned sum = 0;

	for (int i = 4; i < PACKHEADER_SIZE - 1; i++)
		sum += h[i];
	return sum % 251 == h[PACKHEADER_SIZE - 1];
}

/* The PackHeader: the last "UPX!" near the end of the file that has room
 * for the 32-byte header after it. Big-endian formats (code >= 128) store
 * their fields big-endian and in another order. */
static void find_packheader(const struct elf_file *e, struct upx_info *u)
{
	size_t start = e->len > TRAILER_WINDOW ? e->len - TRAILER_WINDOW : 0;

	if (e->len < PACKHEADER_SIZE)
		return;
	for (size_t pos = e->len - PACKHEADER_SIZE + 1; pos-- > start;) {
		const uint8_t *h = e->buf + pos;
		bool be;

		if (memcmp(h, "UPX!", 4) || h[4] < 10 || h[4] > 15 || h[5] == 0)
			continue;
		if (!packheader_sum_ok(h)) {
			u->packheader_badsum = true;
			continue;
		}
		u->packheader = true;
		u->packheader_badsum = false;
		u->packheader_offset = pos;
		u->version = h[4];
		u->format = h[5];
		u->method = h[6];
		u->level = h[7];
		be = u->format >= 128;
		u->original_size = get32(h + 24, be);
		return;
	}
}

/* l_info (12 bytes) and p_info (12 bytes) follow the program headers. */
static void find_linfo(const struct elf_file *e, struct upx_info *u)
{
	uint64_t off = e->phoff + (uint64_t)e->phnum * e->phentsize;
	const uint8_t *p;

	if (!e->phnum || !range_ok(e->len, off, 24))
		return;
	p = e->buf + off;
	if (memcmp(p + 4, "UPX!", 4))
		return;
	u->linfo = true;
	if (!u->packheader) {
		u->version = p[10];
		u->format = p[11];
		u->original_size = elf_get32(e, p + 16);
	}
}

/* Finds "$<tail>" in the file. The '$' is matched separately so that this
 * program's own copy of the text (not preceded by '$') never matches. */
static const uint8_t *find_dollar(const struct elf_file *e, const char *tail)
{
	size_t n = strlen(tail);
	const uint8_t *p = e->buf, *end = e->buf + e->len;

	while (p < end) {
		const uint8_t *hit = memmem(p, (size_t)(end - p), tail, n);

		if (!hit)
			return NULL;
		if (hit > e->buf && hit[-1] == '$')
			return hit;
		p = hit + 1;
	}
	return NULL;
}

static void find_strings(const struct elf_file *e, struct upx_info *u)
{
	const uint8_t *id;

	if (find_dollar(e, "Info: This file is packed with the UPX"))
		u->string = true;
	id = find_dollar(e, "Id: UPX ");
	if (id) {
		const uint8_t *v = id + strlen("Id: UPX "), *end = e->buf + e->len;
		size_t n = 0;

		u->string = true;
		while (v + n < end && n + 1 < sizeof(u->release) &&
		       ((v[n] >= '0' && v[n] <= '9') || v[n] == '.'))
			n++;
		memcpy(u->release, v, n);
		u->release[n] = 0;
	}
}

/* The stub's shape: no section headers, no PT_INTERP/PT_DYNAMIC, two or
 * three PT_LOADs, the first mapping one small page of the file at offset 0
 * into a much larger area, and the entry point in the last PT_LOAD. */
static void check_structure(const struct elf_file *e, struct upx_info *u)
{
	struct elf_phdr ph, first = { 0 }, last = { 0 };
	size_t nload = 0;

	if (e->shoff || e->shnum_declared)
		return;
	for (size_t i = 0; elf_phdr(e, i, &ph); i++) {
		if (ph.type == PT_INTERP || ph.type == PT_DYNAMIC)
			return;
		if (ph.type != PT_LOAD)
			continue;
		if (nload++ == 0)
			first = ph;
		last = ph;
	}
	if (nload < 2 || nload > 3)
		return;
	if (first.offset != 0 || first.filesz == 0 || first.filesz > 0x2000 ||
	    first.memsz / 4 < first.filesz)
		return;
	if (e->entry < last.vaddr || e->entry - last.vaddr >= last.memsz)
		return;
	u->structure = true;
}

bool upx_detect(const struct elf_file *e, struct upx_info *u)
{
	memset(u, 0, sizeof(*u));
	find_packheader(e, u);
	find_linfo(e, u);
	/* UPX writes no section headers; a file with them is not its output,
	 * and the strings would only be noise in it (a full pass over the file) */
	if (u->packheader || u->linfo || (!e->shoff && !e->shnum_declared))
		find_strings(e, u);
	check_structure(e, u);
	return u->packheader || u->linfo;
}
