/* elfgen.c - build small synthetic ELF files for tests */
#include "elfgen.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	uint8_t *p;
	size_t len, cap;
	bool be;
	int bits;
};

static void *xrealloc_or_die(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q) {
		fputs("elfgen: out of memory\n", stderr);
		exit(2);
	}
	return q;
}

static size_t reserve(struct buf *b, size_t n, size_t align)
{
	size_t off = (b->len + align - 1) / align * align;

	if (off + n > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;

		while (cap < off + n)
			cap *= 2;
		b->p = xrealloc_or_die(b->p, cap);
		memset(b->p + b->cap, 0, cap - b->cap);
		b->cap = cap;
	}
	b->len = off + n;
	return off;
}

static void put(struct buf *b, size_t off, uint64_t v, int size)
{
	for (int i = 0; i < size; i++) {
		int shift = b->be ? 8 * (size - 1 - i) : 8 * i;

		b->p[off + (size_t)i] = (uint8_t)(v >> shift);
	}
}

static void put_addr(struct buf *b, size_t off, uint64_t v)
{
	put(b, off, v, b->bits / 8);
}

static size_t add_bytes(struct buf *b, const void *data, size_t n, size_t align)
{
	size_t off = reserve(b, n, align);

	memcpy(b->p + off, data, n);
	return off;
}

static size_t add_str(struct buf *b, const char *s)
{
	return add_bytes(b, s, strlen(s) + 1, 1);
}

/* .dynstr is built separately so that DT_STRSZ is exact. */
struct strtab {
	char data[4096];
	size_t len;
};

static uint32_t strtab_add(struct strtab *t, const char *s)
{
	size_t n = strlen(s) + 1;
	uint32_t off = (uint32_t)t->len;

	if (t->len + n > sizeof(t->data)) {
		fputs("elfgen: string table full\n", stderr);
		exit(2);
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	return off;
}

static uint32_t sysv_hash(const char *name)
{
	uint32_t h = 0, g;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		h = (h << 4) + *s;
		g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static size_t uvarint(uint8_t *out, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		out[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (uint8_t)v;
	return n;
}

static const uint8_t sentinel_start[16] = { 0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02,
					    0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6 };
static const uint8_t sentinel_end[16] = { 0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72,
					  0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2 };

struct layout {
	size_t ehsize, phentsize, shentsize, phnum;
	size_t interp_off, interp_len;
	size_t note_off, note_len;
	size_t data_off;
	size_t dyn_off, dyn_len, dyn_copy_off;
	size_t go_off;
	size_t sh_off, shnum, shstrndx;
	size_t go_section_len;
	size_t symtab_off, symtab_len, strtab_off, strtab_len;
};

static uint64_t va(size_t off)
{
	return EG_DATA_BASE + off;
}

static void build_go(const struct eg_spec *s, struct buf *b, struct layout *L)
{
	const char *ver = s->go_version ? s->go_version : "go1.19.8";
	const char *mod = s->go_modinfo ? s->go_modinfo : "";
	size_t ptr = (size_t)b->bits / 8, modlen = 0;
	uint8_t *modbuf;
	bool saved_be = b->be;

	if (*mod) {
		modlen = strlen(mod) + 32;
		modbuf = malloc(modlen);
		memcpy(modbuf, sentinel_start, 16);
		memcpy(modbuf + 16, mod, strlen(mod));
		memcpy(modbuf + 16 + strlen(mod), sentinel_end, 16);
	} else {
		modbuf = malloc(1);
	}
	L->go_off = reserve(b, 32, 16);
	memcpy(b->p + L->go_off, "\xff Go buildinf:", 14);
	b->p[L->go_off + 14] = (uint8_t)ptr;
	b->be = s->go_be;
	if (s->go == EG_GO_INLINE) {
		uint8_t v[10];
		size_t n;

		b->p[L->go_off + 15] = (uint8_t)(2 | (s->go_be ? 1 : 0));
		n = uvarint(v, strlen(ver));
		add_bytes(b, v, n, 1);
		add_bytes(b, ver, strlen(ver), 1);
		n = uvarint(v, modlen);
		add_bytes(b, v, n, 1);
		if (modlen)
			add_bytes(b, modbuf, modlen, 1);
		reserve(b, 0, 16);
	} else {
		size_t h1, h2, d1, d2;

		b->p[L->go_off + 15] = s->go_be ? 1 : 0;
		h1 = reserve(b, 2 * ptr, ptr);
		h2 = reserve(b, 2 * ptr, ptr);
		d1 = add_bytes(b, ver, strlen(ver), 1);
		d2 = modlen ? add_bytes(b, modbuf, modlen, 1) : b->len;
		if (s->go == EG_GO_POINTER) {
			put_addr(b, L->go_off + 16, va(h1));
			put_addr(b, L->go_off + 16 + ptr, va(h2));
		}
		put_addr(b, h1, va(d1));
		put_addr(b, h1 + ptr, strlen(ver));
		put_addr(b, h2, va(d2));
		put_addr(b, h2 + ptr, modlen);
	}
	b->be = saved_be;
	L->go_section_len = b->len - L->go_off;
	free(modbuf);
}

static void build_dynamic(const struct eg_spec *s, struct buf *b, struct layout *L)
{
	struct strtab st = { .len = 1 };
	uint64_t tags[64][2];
	int nt = 0, naux_total = 0;
	size_t ent = b->bits == 64 ? 16 : 8, symsz = b->bits == 64 ? 24 : 16;
	size_t dynstr_off, dynsym_off = 0, versym_off = 0, verneed_off = 0, hash_off = 0;
	uint32_t need_off[8], name_off[16], file_off[4], aux_off[4][4];
	int nneeded = 0;

	for (; nneeded < 8 && s->needed[nneeded]; nneeded++)
		need_off[nneeded] = strtab_add(&st, s->needed[nneeded]);
	for (int i = 0; i < s->nsyms; i++)
		name_off[i] = strtab_add(&st, s->syms[i].name);
	for (int i = 0; i < s->nverneed; i++) {
		file_off[i] = strtab_add(&st, s->verneed[i].file);
		for (int j = 0; j < s->verneed[i].naux; j++)
			aux_off[i][j] = strtab_add(&st, s->verneed[i].aux[j].name);
	}
#define TAG(t, v) do { tags[nt][0] = (t); tags[nt][1] = (v); nt++; } while (0)
	for (int i = 0; i < nneeded; i++)
		TAG(DT_NEEDED, need_off[i]);
	if (s->soname)
		TAG(DT_SONAME, strtab_add(&st, s->soname));
	if (s->rpath)
		TAG(DT_RPATH, strtab_add(&st, s->rpath));
	if (s->runpath)
		TAG(DT_RUNPATH, strtab_add(&st, s->runpath));

	dynstr_off = add_bytes(b, st.data, st.len, 8);
	TAG(DT_STRTAB, va(dynstr_off));
	TAG(DT_STRSZ, st.len);
	if (s->nsyms) {
		dynsym_off = reserve(b, symsz * (size_t)(s->nsyms + 1), 8);
		for (int i = 0; i < s->nsyms; i++) {
			size_t o = dynsym_off + symsz * (size_t)(i + 1);

			put(b, o, name_off[i], 4);
			if (b->bits == 64) {
				b->p[o + 4] = 0x12;
				put(b, o + 6, s->syms[i].defined ? 1 : 0, 2);
			} else {
				b->p[o + 12] = 0x12;
				put(b, o + 14, s->syms[i].defined ? 1 : 0, 2);
			}
		}
		TAG(DT_SYMTAB, va(dynsym_off));
		TAG(DT_SYMENT, symsz);
		if (s->gnu_hash) {
			size_t word = (size_t)b->bits / 8;

			hash_off = reserve(b, 16 + word + 4 + 4 * (size_t)s->nsyms, 8);
			put(b, hash_off, 1, 4);       /* nbuckets */
			put(b, hash_off + 4, 1, 4);   /* symoffset */
			put(b, hash_off + 8, 1, 4);   /* bloom size */
			put(b, hash_off + 12, 6, 4);  /* bloom shift */
			put(b, hash_off + 16, ~0ull, (int)word);
			put(b, hash_off + 16 + word, 1, 4);   /* bucket[0] */
			for (int i = 0; i < s->nsyms; i++)
				put(b, hash_off + 20 + word + 4 * (size_t)i,
				    (uint64_t)((i * 2u) | (i == s->nsyms - 1 ? 1u : 0u)), 4);
			TAG(DT_GNU_HASH, va(hash_off));
		} else {
			hash_off = reserve(b, 8 + 4 + 4 * (size_t)(s->nsyms + 1), 4);
			put(b, hash_off, 1, 4);
			put(b, hash_off + 4, (uint64_t)s->nsyms + 1, 4);
			TAG(DT_HASH, va(hash_off));
		}
	}
	if (s->nverneed) {
		size_t total = 0;
		int k = 0;

		for (int i = 0; i < s->nverneed; i++)
			total += 16 + 16 * (size_t)s->verneed[i].naux;
		verneed_off = reserve(b, total, 4);
		for (int i = 0, o = 0; i < s->nverneed; i++) {
			const struct eg_verneed *v = &s->verneed[i];
			size_t rec = verneed_off + (size_t)o;

			put(b, rec, 1, 2);
			put(b, rec + 2, (uint64_t)v->naux, 2);
			put(b, rec + 4, file_off[i], 4);
			put(b, rec + 8, 16, 4);
			put(b, rec + 12, i + 1 < s->nverneed ? 16 + 16 * (uint64_t)v->naux : 0, 4);
			for (int j = 0; j < v->naux; j++, k++) {
				size_t a = rec + 16 + 16 * (size_t)j;
				uint32_t h = sysv_hash(v->aux[j].name);

				put(b, a, v->aux[j].bad_hash ? h ^ 1 : h, 4);
				put(b, a + 4, v->aux[j].weak ? 2 : 0, 2);
				put(b, a + 6, (uint64_t)(2 + k), 2);
				put(b, a + 8, aux_off[i][j], 4);
				put(b, a + 12, j + 1 < v->naux ? 16 : 0, 4);
			}
			o += 16 + 16 * v->naux;
		}
		naux_total = k;
		TAG(DT_VERNEED, va(verneed_off));
		TAG(DT_VERNEEDNUM, (uint64_t)s->nverneed);
		if (s->nsyms) {
			versym_off = reserve(b, 2 * (size_t)(s->nsyms + 1), 2);
			for (int i = 0; i < s->nsyms; i++) {
				int v = s->syms[i].version;

				put(b, versym_off + 2 * (size_t)(i + 1),
				    v < 0 || v >= naux_total ? 1 : (uint64_t)(2 + v), 2);
			}
			TAG(DT_VERSYM, va(versym_off));
		}
	}
	if (s->flags)
		TAG(DT_FLAGS, s->flags);
	if (s->flags_1)
		TAG(DT_FLAGS_1, s->flags_1);
	if (s->textrel)
		TAG(DT_TEXTREL, 0);
	if (!s->no_dt_null)
		TAG(DT_NULL, 0);
#undef TAG
	L->dyn_len = ent * (size_t)nt;
	L->dyn_off = reserve(b, L->dyn_len, 8);
	for (int i = 0; i < nt; i++) {
		put_addr(b, L->dyn_off + ent * (size_t)i, tags[i][0]);
		put_addr(b, L->dyn_off + ent * (size_t)i + ent / 2, tags[i][1]);
	}
	L->dyn_copy_off = L->dyn_off;
	if (s->dyn_view_mismatch) {
		/* a second copy without the DT_NEEDED entries, for p_offset */
		L->dyn_copy_off = reserve(b, L->dyn_len, 8);
		for (int i = nneeded; i < nt; i++) {
			put_addr(b, L->dyn_copy_off + ent * (size_t)(i - nneeded), tags[i][0]);
			put_addr(b, L->dyn_copy_off + ent * (size_t)(i - nneeded) + ent / 2, tags[i][1]);
		}
	}
}

static void put_phdr(struct buf *b, const struct layout *L, size_t i, uint32_t type,
		     uint32_t flags, uint64_t off, uint64_t vaddr, uint64_t filesz,
		     uint64_t memsz, uint64_t align)
{
	size_t o = (size_t)L->ehsize + i * L->phentsize;

	put(b, o, type, 4);
	if (b->bits == 64) {
		put(b, o + 4, flags, 4);
		put(b, o + 8, off, 8);
		put(b, o + 16, vaddr, 8);
		put(b, o + 24, vaddr, 8);
		put(b, o + 32, filesz, 8);
		put(b, o + 40, memsz, 8);
		put(b, o + 48, align, 8);
	} else {
		put(b, o + 4, off, 4);
		put(b, o + 8, vaddr, 4);
		put(b, o + 12, vaddr, 4);
		put(b, o + 16, filesz, 4);
		put(b, o + 20, memsz, 4);
		put(b, o + 24, flags, 4);
		put(b, o + 28, align, 4);
	}
}

static void put_shdr(struct buf *b, const struct layout *L, size_t i, uint32_t name,
		     uint32_t type, uint64_t flags, uint64_t addr, uint64_t off,
		     uint64_t size, uint32_t link, uint32_t info, uint64_t entsize)
{
	size_t o = L->sh_off + i * L->shentsize;

	put(b, o, name, 4);
	put(b, o + 4, type, 4);
	if (b->bits == 64) {
		put(b, o + 8, flags, 8);
		put(b, o + 16, addr, 8);
		put(b, o + 24, off, 8);
		put(b, o + 32, size, 8);
		put(b, o + 40, link, 4);
		put(b, o + 44, info, 4);
		put(b, o + 48, 8, 8);
		put(b, o + 56, entsize, 8);
	} else {
		put(b, o + 8, flags, 4);
		put(b, o + 12, addr, 4);
		put(b, o + 16, off, 4);
		put(b, o + 20, size, 4);
		put(b, o + 24, link, 4);
		put(b, o + 28, info, 4);
		put(b, o + 32, 4, 4);
		put(b, o + 36, entsize, 4);
	}
}

static void build_upx_trailer(const struct eg_spec *s, struct buf *b)
{
	unsigned format = s->upx_format ? s->upx_format : 22;
	bool be = format >= 128, saved = b->be;
	size_t binfo = reserve(b, 12, 1), h;
	unsigned sum = 0;

	memcpy(b->p + binfo + 4, "UPX!", 4);
	h = reserve(b, 32, 1);
	memcpy(b->p + h, "UPX!", 4);
	b->p[h + 4] = 14;
	b->p[h + 5] = (uint8_t)format;
	b->p[h + 6] = 8;
	b->p[h + 7] = 7;
	b->be = be;
	if (be) {
		put(b, h + 8, 123456, 4);    /* u_len */
		put(b, h + 12, 54321, 4);    /* c_len */
		put(b, h + 16, 0xa1b2c3d4, 4);
		put(b, h + 20, 0x01020304, 4);
	} else {
		put(b, h + 8, 0xa1b2c3d4, 4);
		put(b, h + 12, 0x01020304, 4);
		put(b, h + 16, 123456, 4);
		put(b, h + 20, 54321, 4);
	}
	put(b, h + 24, 123456, 4);           /* u_file_size */
	b->p[h + 28] = 0x49;
	for (int i = 4; i < 31; i++)
		sum += b->p[h + (size_t)i];
	b->p[h + 31] = (uint8_t)(sum % 251 + (s->upx_bad_sum ? 1 : 0));
	put(b, reserve(b, 4, 1), 0xf4, 4);
	b->be = saved;
}

void eg_build(const struct eg_spec *s, struct eg_file *out)
{
	struct buf b = { .be = s->be, .bits = s->bits ? s->bits : 64 };
	struct layout L = { 0 };
	uint16_t machine = s->machine ? s->machine : b.bits == 64 ? EM_X86_64 : EM_386;
	size_t ninterp = s->interp ? 1 + (size_t)s->interp_copies : 0;
	size_t ndyn = s->dynamic ? 1 + (size_t)s->dynamic_copies : 0, pi = 0;
	size_t text_end, shstr_off = 0, shstr_len = 0;
	uint32_t n_shstrtab = 0, n_symtab = 0, n_strtab = 0, n_go = 0;
	uint64_t entry;

	L.ehsize = b.bits == 64 ? 64 : 52;
	L.phentsize = b.bits == 64 ? 56 : 32;
	L.shentsize = b.bits == 64 ? 64 : 40;
	L.phnum = ninterp + 2 + ndyn + (s->go_note ? 1 : 0) + (s->gnu_stack ? 1 : 0) +
		  (s->relro ? 1 : 0);
	reserve(&b, L.ehsize + L.phnum * L.phentsize, 1);
	if (s->upx) {
		size_t li = reserve(&b, 24, 1);

		memcpy(b.p + li + 4, "UPX!", 4);
		put(&b, li + 8, 2816, 2);
		b.p[li + 10] = 14;
		b.p[li + 11] = (uint8_t)(s->upx_format ? s->upx_format : 22);
		put(&b, li + 16, 123456, 4);
	}
	if (s->interp) {
		L.interp_len = strlen(s->interp) + (s->interp_unterminated ? 0 : 1);
		L.interp_off = add_bytes(&b, s->interp, L.interp_len, 1);
	}
	if (s->go_note) {
		static const char id[] = "fakeGoBuildID/abc123/def456/ghi789";

		L.note_off = reserve(&b, 12 + 4 + sizeof(id) - 1 + 4, 4);
		put(&b, L.note_off, 4, 4);
		put(&b, L.note_off + 4, sizeof(id) - 1, 4);
		put(&b, L.note_off + 8, 4, 4);
		memcpy(b.p + L.note_off + 12, "Go\0\0", 4);
		memcpy(b.p + L.note_off + 16, id, sizeof(id) - 1);
		L.note_len = b.len - L.note_off;
	}
	/* code: a few bytes for the entry point to land in */
	text_end = reserve(&b, 64, 16);
	entry = s->entry_zero ? 0 : s->entry ? s->entry : EG_TEXT_BASE + text_end;

	L.data_off = reserve(&b, 0, 4096);
	if (s->dynamic)
		build_dynamic(s, &b, &L);
	if (s->go != EG_GO_NONE)
		build_go(s, &b, &L);
	for (int i = 0; i < s->nstrings; i++) {
		reserve(&b, 1, 1);
		add_str(&b, s->strings[i]);
	}
	if (s->upx_strings) {
		add_str(&b, "$Info: This file is packed with the UPX executable packer http://upx.sf.net $");
		add_str(&b, "$Id: UPX 4.22 Copyright (C) 1996-2024 the UPX Team. All Rights Reserved. $");
	}
	reserve(&b, 16, 16);

	if (s->sections || s->pn_xnum || s->symtab) {
		static const char names[] = "\0.shstrtab\0.symtab\0.strtab\0.go.buildinfo\0";

		n_shstrtab = 1;
		n_symtab = 11;
		n_strtab = 19;
		n_go = 27;
		shstr_len = sizeof(names);
		shstr_off = add_bytes(&b, names, shstr_len, 1);
		if (s->symtab) {
			size_t symsz = b.bits == 64 ? 24 : 16;

			L.strtab_off = add_bytes(&b, "\0main\0", 7, 1);
			L.strtab_len = 7;
			L.symtab_len = 2 * symsz;
			L.symtab_off = reserve(&b, L.symtab_len, 8);
			put(&b, L.symtab_off + symsz, 1, 4);
		}
		L.shnum = 2 + (s->symtab ? 2 : 0) + (s->go != EG_GO_NONE ? 1 : 0);
		L.sh_off = reserve(&b, L.shnum * L.shentsize, 8);
		L.shstrndx = 1;
		put_shdr(&b, &L, 0, 0, SHT_NULL, 0, 0, 0, s->pn_xnum ? 0 : 0, 0,
			 s->pn_xnum ? (uint32_t)L.phnum : 0, 0);
		put_shdr(&b, &L, 1, n_shstrtab, SHT_STRTAB, 0, 0, shstr_off, shstr_len, 0, 0, 0);
		{
			size_t k = 2;

			if (s->symtab) {
				put_shdr(&b, &L, k, n_symtab, SHT_SYMTAB, 0, 0, L.symtab_off,
					 L.symtab_len, (uint32_t)(k + 1), 1, b.bits == 64 ? 24 : 16);
				put_shdr(&b, &L, k + 1, n_strtab, SHT_STRTAB, 0, 0, L.strtab_off,
					 L.strtab_len, 0, 0, 0);
				k += 2;
			}
			if (s->go != EG_GO_NONE)
				put_shdr(&b, &L, k++, n_go, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
					 va(L.go_off), L.go_off, L.go_section_len, 0, 0, 0);
		}
	}
	if (s->upx || s->upx_trailer_only)
		build_upx_trailer(s, &b);

	/* program headers, now that every offset is known */
	for (size_t i = 0; i < ninterp; i++)
		put_phdr(&b, &L, pi++, PT_INTERP, PF_R, L.interp_off, EG_TEXT_BASE + L.interp_off,
			 L.interp_len, L.interp_len, 1);
	put_phdr(&b, &L, pi++, PT_LOAD, PF_R | PF_X, 0, EG_TEXT_BASE, b.len, b.len, 0x1000);
	put_phdr(&b, &L, pi++, PT_LOAD, PF_R | PF_W, L.data_off, va(L.data_off),
		 b.len - L.data_off, b.len - L.data_off, 0x1000);
	for (size_t i = 0; i < ndyn; i++)
		put_phdr(&b, &L, pi++, PT_DYNAMIC, PF_R | PF_W, L.dyn_copy_off,
			 s->dyn_outside_load ? 0x7f000000u : va(L.dyn_off), L.dyn_len, L.dyn_len, 8);
	if (s->go_note)
		put_phdr(&b, &L, pi++, PT_NOTE, PF_R, L.note_off, EG_TEXT_BASE + L.note_off,
			 L.note_len, L.note_len, 4);
	if (s->gnu_stack)
		put_phdr(&b, &L, pi++, PT_GNU_STACK, PF_R | PF_W | (s->exec_stack ? PF_X : 0),
			 0, 0, 0, 0, 16);
	if (s->relro)
		put_phdr(&b, &L, pi++, PT_GNU_RELRO, PF_R, L.data_off, va(L.data_off), 16, 16, 1);

	memcpy(b.p, ELFMAG, SELFMAG);
	b.p[EI_CLASS] = b.bits == 64 ? ELFCLASS64 : ELFCLASS32;
	b.p[EI_DATA] = s->be ? ELFDATA2MSB : ELFDATA2LSB;
	b.p[EI_VERSION] = EV_CURRENT;
	put(&b, 16, s->type ? s->type : ET_EXEC, 2);
	put(&b, 18, machine, 2);
	put(&b, 20, EV_CURRENT, 4);
	if (b.bits == 64) {
		put(&b, 24, entry, 8);
		put(&b, 32, L.ehsize, 8);
		put(&b, 40, L.sh_off, 8);
		put(&b, 52, L.ehsize, 2);
		put(&b, 54, L.phentsize, 2);
		put(&b, 56, s->pn_xnum ? PN_XNUM : L.phnum, 2);
		put(&b, 58, L.shentsize, 2);
		put(&b, 60, L.shnum, 2);
		put(&b, 62, L.shstrndx, 2);
	} else {
		put(&b, 24, entry, 4);
		put(&b, 28, L.ehsize, 4);
		put(&b, 32, L.sh_off, 4);
		put(&b, 40, L.ehsize, 2);
		put(&b, 42, L.phentsize, 2);
		put(&b, 44, s->pn_xnum ? PN_XNUM : L.phnum, 2);
		put(&b, 46, L.shentsize, 2);
		put(&b, 48, L.shnum, 2);
		put(&b, 50, L.shstrndx, 2);
	}
	out->buf = b.p;
	out->len = b.len;
}

/* The named specs: one per verdict and per kind of damage. */
#define GLIBC_REQS                                                   \
	.nverneed = 2,                                               \
	.verneed = {                                                 \
		{ "libc.so.6", { { "GLIBC_2.2.5" }, { "GLIBC_2.34" }, { "GLIBC_2.32" } }, 3 }, \
		{ "libm.so.6", { { "GLIBC_2.29" } }, 1 },            \
	},                                                           \
	.nsyms = 5,                                                  \
	.syms = {                                                    \
		{ "__libc_start_main", 1, false }, { "pthread_create", 1, false }, \
		{ "pthread_sigmask", 2, false }, { "pow", 3, false },        \
		{ "puts", 0, false },                                        \
	}

static const struct { const char *name; struct eg_spec spec; } named[] = {
	{ "static", { .bits = 64, .gnu_stack = true, .sections = true, .symtab = true } },
	{ "static32be", { .bits = 32, .be = true, .machine = EM_MIPS, .gnu_stack = true } },
	{ "static-pie", { .type = ET_DYN, .dynamic = true, .flags_1 = DF_1_PIE, .gnu_stack = true } },
	{ "static-pie-noflag", { .type = ET_DYN, .dynamic = true, .gnu_stack = true } },
	{ "etdyn-nodyn", { .type = ET_DYN, .gnu_stack = true } },
	{ "loader-only", { .type = ET_DYN, .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
			   .flags_1 = DF_1_PIE, .gnu_stack = true } },
	{ "dynamic", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
		       .needed = { "libm.so.6", "libc.so.6" }, GLIBC_REQS, .gnu_stack = true,
		       .relro = true } },
	{ "dynamic-gnuhash", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
			       .needed = { "libm.so.6", "libc.so.6" }, GLIBC_REQS, .gnu_hash = true } },
	{ "dynamic32be", { .bits = 32, .be = true, .machine = EM_PPC, .interp = "/lib/ld.so.1",
			   .dynamic = true, .needed = { "libm.so.6", "libc.so.6" }, GLIBC_REQS } },
	{ "dynamic-attrs", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
			     .needed = { "libc.so.6" }, .rpath = "$ORIGIN/../lib",
			     .runpath = "/opt/x/lib", .textrel = true, .gnu_stack = true,
			     .exec_stack = true } },
	{ "musl-dynamic", { .type = ET_DYN, .interp = "/lib/ld-musl-x86_64.so.1", .dynamic = true,
			    .needed = { "libc.so" }, .flags_1 = DF_1_PIE } },
	{ "needed-no-interp", { .dynamic = true, .needed = { "libc.so.6" } } },
	{ "shared-lib", { .type = ET_DYN, .dynamic = true, .entry_zero = true, .soname = "libx.so.1",
			  .needed = { "libc.so.6" } } },
	{ "shared-nolibc", { .type = ET_DYN, .dynamic = true, .entry_zero = true } },
	{ "interp-no-dynamic", { .interp = "/lib64/ld-linux-x86-64.so.2" } },
	{ "interp-duplicate", { .interp = "/lib64/ld-linux-x86-64.so.2", .interp_copies = 1,
				.dynamic = true, .needed = { "libc.so.6" } } },
	{ "interp-unterminated", { .interp = "/lib64/ld-linux-x86-64.so.2", .interp_unterminated = true,
				   .dynamic = true, .needed = { "libc.so.6" } } },
	{ "dynamic-duplicate", { .type = ET_DYN, .dynamic = true, .dynamic_copies = 1,
				 .flags_1 = DF_1_PIE } },
	{ "dyn-view-mismatch", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
				 .needed = { "libc.so.6" }, .dyn_view_mismatch = true } },
	{ "dyn-outside-load", { .type = ET_DYN, .dynamic = true, .flags_1 = DF_1_PIE,
				.dyn_outside_load = true } },
	{ "dyn-unterminated", { .type = ET_DYN, .dynamic = true, .flags_1 = DF_1_PIE,
				.no_dt_null = true } },
	{ "verneed-badhash", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
			       .needed = { "libc.so.6" }, .nverneed = 1,
			       .verneed = { { "libc.so.6", { { "GLIBC_2.34", false, true } }, 1 } },
			       .nsyms = 1, .syms = { { "__libc_start_main", 0, false } } } },
	{ "glibc-private", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
			     .needed = { "libc.so.6" }, .nverneed = 1,
			     .verneed = { { "libc.so.6", { { "GLIBC_2.17" }, { "GLIBC_PRIVATE" },
							   { "GLIBC_ABI_DT_RELR", true } }, 3 } },
			     .nsyms = 2, .syms = { { "secure_getenv", 0, false },
						   { "__libc_enable_secure", 1, false } } } },
	{ "libstdcxx", { .interp = "/lib64/ld-linux-x86-64.so.2", .dynamic = true,
			 .needed = { "libstdc++.so.6", "libc.so.6" }, .nverneed = 2,
			 .verneed = { { "libstdc++.so.6", { { "GLIBCXX_3.4" }, { "GLIBCXX_3.4.30" },
							    { "CXXABI_1.3" } }, 3 },
				      { "libc.so.6", { { "GLIBC_2.14" } }, 1 } },
			 .nsyms = 2, .syms = { { "_ZNSt6thread6_StateD2Ev", 1, false },
					       { "memcpy", 3, false } } } },
	{ "pn-xnum", { .pn_xnum = true, .sections = true, .gnu_stack = true } },
	{ "go-inline", { .go = EG_GO_INLINE, .go_note = true, .sections = true,
			 .go_modinfo = "path\texample.com/app\n"
				       "mod\texample.com/app\t(devel)\t\n"
				       "dep\tgolang.org/x/sys\tv0.1.0\th1:abc=\n"
				       "=>\t../sys\t(devel)\t\n"
				       "build\t-compiler=gc\n"
				       "build\t-ldflags=\"-linkmode external -extldflags \\\"-static\\\"\"\n"
				       "build\t-tags=netgo,osusergo\n"
				       "build\tCGO_ENABLED=1\n"
				       "build\t\"quoted key\"=`raw value`\n"
				       "build\tGOOS=linux\n"
				       "future\tline kind\n" } },
	{ "go-inline-nosection", { .go = EG_GO_INLINE, .go_note = true,
				   .go_modinfo = "path\texample.com/app\nbuild\tCGO_ENABLED=0\n" } },
	{ "go-pointer", { .go = EG_GO_POINTER, .go_version = "go1.16.15", .go_note = true,
			  .go_modinfo = "path\texample.com/old\nmod\texample.com/old\t(devel)\t\n" } },
	{ "go-pointer32be", { .bits = 32, .be = true, .machine = EM_MIPS, .go = EG_GO_POINTER,
			      .go_be = true, .go_version = "go1.17.13", .go_note = true,
			      .go_modinfo = "path\texample.com/mips\n" } },
	{ "go-pointer-zero", { .type = ET_DYN, .interp = "/lib64/ld-linux-x86-64.so.2",
			       .dynamic = true, .flags_1 = DF_1_PIE, .go = EG_GO_POINTER_ZERO,
			       .go_note = true } },
	{ "go-cgo-static-glibc", { .go = EG_GO_INLINE, .go_note = true,
				   .go_modinfo = "path\texample.com/app\nbuild\tCGO_ENABLED=1\n",
				   .nstrings = 4,
				   .strings = { "GLIBC_TUNABLES", "libnss_files.so.2", "crosscall2",
						"net._C2func_getaddrinfo" } } },
	{ "upx", { .upx = true, .upx_strings = true } },
	{ "upx-be", { .bits = 32, .be = true, .machine = EM_MIPS, .upx = true, .upx_format = 137 } },
	{ "upx-badsum", { .upx_trailer_only = true, .upx_bad_sum = true, .gnu_stack = true } },
	{ "upx-strings-only", { .upx_strings = true, .gnu_stack = true } },
	{ "musl-static", { .nstrings = 2, .strings = { "No error information", "__init_libc" },
			   .gnu_stack = true } },
	{ "glibc-nss-static", { .nstrings = 3, .gnu_stack = true,
				.strings = { "GLIBC_TUNABLES", "libnss_", "__nss_database_get" } } },
	{ "rel", { .type = ET_REL } },
	{ "core", { .type = ET_CORE } },
	{ "arm64", { .machine = EM_AARCH64, .gnu_stack = true } },
};

const char *eg_spec_name(size_t i)
{
	return i < sizeof(named) / sizeof(named[0]) ? named[i].name : NULL;
}

const struct eg_spec *eg_named(const char *name)
{
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(named[i].name, name))
			return &named[i].spec;
	return NULL;
}
