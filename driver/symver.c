/* symver.c - symbol version requirements and the glibc version floor */
#include "symver.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Walk caps: far above anything a linker writes, low enough that a
 * hostile file cannot make the walk slow. */
#define MAX_VERNEED 4096
#define MAX_VERNAUX 65536
#define MAX_GNU_HASH_CHAIN (1u << 24)

static struct version_req *add_req(struct version_reqs *r, const char *lib,
				   const char *ver, uint16_t index, bool weak)
{
	struct version_req *q;

	ALLOC_GROW(r->v, r->nr + 1, r->alloc);
	q = &r->v[r->nr++];
	memset(q, 0, sizeof(*q));
	q->library = xstrdup(lib);
	q->version = xstrdup(ver);
	q->index = index;
	q->weak = weak;
	q->symbols = (struct strvec)STRVEC_INIT;
	return q;
}

static void read_verneed(const struct elf_file *e, const struct elf_dynamic *d,
			 struct version_reqs *r, struct findings *fs)
{
	uint64_t base, limit, pos = 0, nrec;
	size_t total = 0;

	if (!elf_vaddr_to_off(e, d->verneed, &base, &limit)) {
		finding_add(fs, F_VERNEED_CORRUPT, SEV_WARNING,
			    "DT_VERNEED points at address 0x%llx, which maps no file bytes",
			    (unsigned long long)d->verneed);
		return;
	}
	nrec = d->verneednum ? d->verneednum : MAX_VERNEED;
	for (uint64_t rec = 0; rec < nrec && rec < MAX_VERNEED; rec++) {
		const uint8_t *p;
		uint16_t vn_version, vn_cnt;
		uint32_t vn_aux, vn_next;
		const char *lib;
		uint64_t apos;

		if (!range_ok(limit, pos, 16)) {
			finding_add(fs, F_VERNEED_CORRUPT, SEV_WARNING,
				    "version requirement record %llu lies past the end of its segment",
				    (unsigned long long)rec);
			return;
		}
		p = e->buf + base + pos;
		vn_version = elf_get16(e, p);
		vn_cnt = elf_get16(e, p + 2);
		vn_aux = elf_get32(e, p + 8);
		vn_next = elf_get32(e, p + 12);
		if (vn_version != 1) {
			finding_add(fs, F_VERNEED_CORRUPT, SEV_WARNING,
				    "version requirement record %llu has vn_version %u (must be 1)",
				    (unsigned long long)rec, vn_version);
			return;
		}
		lib = elf_dynstr(d, elf_get32(e, p + 4));
		if (!lib)
			lib = "<corrupt vn_file>";
		apos = pos + vn_aux;
		for (unsigned j = 0; j < vn_cnt; j++) {
			const uint8_t *q;
			uint32_t hash, next;
			uint16_t flags, other;
			const char *name;
			struct version_req *req;

			if (++total > MAX_VERNAUX || !range_ok(limit, apos, 16)) {
				finding_add(fs, F_VERNEED_CORRUPT, SEV_WARNING,
					    "a version entry of '%s' lies past the end of its segment", lib);
				return;
			}
			q = e->buf + base + apos;
			hash = elf_get32(e, q);
			flags = elf_get16(e, q + 4);
			other = elf_get16(e, q + 6);
			name = elf_dynstr(d, elf_get32(e, q + 8));
			next = elf_get32(e, q + 12);
			req = add_req(r, lib, name ? name : "<corrupt vna_name>",
				      other & 0x7fff, flags & VER_FLG_WEAK);
			if (name && elf_hash(name) != hash) {
				struct finding *f = finding_add(fs, F_VERNEED_HASH_MISMATCH, SEV_WARNING,
					"version %s of '%s' has a wrong hash: the loader will not match it",
					name, lib);
				finding_ev_num(f, "vna_hash", hash);
				finding_ev_num(f, "expected", elf_hash(name));
				req->hash_mismatch = true;
			}
			if (!next)
				break;
			apos += next;
		}
		if (!vn_next)
			break;
		pos += vn_next;
	}
}

/* Number of .dynsym entries: DT_HASH's nchain, else a walk of DT_GNU_HASH,
 * else the SHT_DYNSYM section. 0 when unknown. */
static uint64_t dynsym_count(const struct elf_file *e, const struct elf_dynamic *d)
{
	uint64_t off, avail;
	struct elf_shdr sh;

	if (d->has_hash && elf_vaddr_to_off(e, d->hash, &off, &avail) && avail >= 8)
		return elf_get32(e, e->buf + off + 4);
	if (d->has_gnu_hash && elf_vaddr_to_off(e, d->gnu_hash, &off, &avail) && avail >= 16) {
		const uint8_t *p = e->buf + off;
		uint32_t nbuckets = elf_get32(e, p), symoffset = elf_get32(e, p + 4);
		uint32_t bloom = elf_get32(e, p + 8), maxb = 0;
		uint64_t word = e->bits / 8, boff, coff;

		boff = 16 + (uint64_t)bloom * word;
		if (!range_ok(avail, boff, (uint64_t)nbuckets * 4))
			return 0;
		for (uint32_t i = 0; i < nbuckets; i++) {
			uint32_t b = elf_get32(e, p + boff + (uint64_t)i * 4);
			if (b > maxb)
				maxb = b;
		}
		if (maxb < symoffset)
			return symoffset;
		coff = boff + (uint64_t)nbuckets * 4;
		for (uint64_t idx = maxb; idx - maxb < MAX_GNU_HASH_CHAIN; idx++) {
			uint64_t at = coff + (idx - symoffset) * 4;

			if (!range_ok(avail, at, 4))
				return 0;
			if (elf_get32(e, p + at) & 1)
				return idx + 1;
		}
		return 0;
	}
	if (elf_find_section_type(e, SHT_DYNSYM, &sh) && sh.entsize)
		return sh.size / sh.entsize;
	return 0;
}

static struct version_req *find_req(struct version_reqs *r, uint16_t index)
{
	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].index == index)
			return &r->v[i];
	return NULL;
}

static void attribute_symbols(const struct elf_file *e, const struct elf_dynamic *d,
			      struct version_reqs *r)
{
	uint64_t nsyms, soff, savail, voff, vavail;
	uint64_t syment = e->bits == 64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);

	if (!d->has_versym || !d->has_symtab || !r->nr)
		return;
	if (d->has_syment && d->syment >= syment && d->syment <= 1024)
		syment = d->syment;
	nsyms = dynsym_count(e, d);
	if (!elf_vaddr_to_off(e, d->symtab, &soff, &savail) ||
	    !elf_vaddr_to_off(e, d->versym, &voff, &vavail))
		return;
	if (nsyms > savail / syment)
		nsyms = savail / syment;
	if (nsyms > vavail / 2)
		nsyms = vavail / 2;
	r->nsyms = (size_t)nsyms;
	for (uint64_t i = 1; i < nsyms; i++) {
		uint16_t v = elf_get16(e, e->buf + voff + i * 2) & 0x7fff;
		const uint8_t *s = e->buf + soff + i * syment;
		uint16_t shndx = elf_get16(e, s + (e->bits == 64 ? 6 : 14));
		struct version_req *req;
		const char *name;

		if (v < 2 || shndx != SHN_UNDEF)
			continue;
		req = find_req(r, v);
		name = elf_dynstr(d, elf_get32(e, s));
		if (req && name && *name && !strvec_contains(&req->symbols, name))
			strvec_push(&req->symbols, name);
	}
}

void symver_read(const struct elf_file *e, const struct elf_dynamic *d,
		 struct version_reqs *out, struct findings *fs)
{
	if (!d->present || !d->has_verneed)
		return;
	read_verneed(e, d, out, fs);
	attribute_symbols(e, d, out);
}

void version_reqs_release(struct version_reqs *r)
{
	for (size_t i = 0; i < r->nr; i++) {
		free(r->v[i].library);
		free(r->v[i].version);
		strvec_clear(&r->v[i].symbols);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *sa, *sb;
			size_t la, lb;
			int c;

			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (sa = a; isdigit((unsigned char)*a); a++)
				;
			for (sb = b; isdigit((unsigned char)*b); b++)
				;
			la = (size_t)(a - sa);
			lb = (size_t)(b - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			c = memcmp(sa, sb, la);
			if (c)
				return c;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return 0;
}

const char *version_number(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p;

	if (strncmp(name, prefix, n) || !isdigit((unsigned char)name[n]))
		return NULL;
	for (p = name + n; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return NULL;
	return name + n;
}

const char *symver_glibc_floor(const struct version_reqs *r, bool *private_)
{
	const char *best = NULL;

	*private_ = false;
	for (size_t i = 0; i < r->nr; i++) {
		const char *name = r->v[i].version, *num;

		if (!strcmp(name, "GLIBC_PRIVATE")) {
			*private_ = true;
			continue;
		}
		/* DT_RELR support arrived in glibc 2.36 */
		num = !strcmp(name, "GLIBC_ABI_DT_RELR") ? "2.36" : version_number(name, "GLIBC_");
		if (num && (!best || version_cmp(num, best) > 0))
			best = num;
	}
	return best;
}
