/* elffile.c - a bounded reader of ELF files held in memory */
#include "elffile.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

uint16_t elf_get16(const struct elf_file *e, const uint8_t *p)
{
	return e->be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

uint32_t elf_get32(const struct elf_file *e, const uint8_t *p)
{
	if (e->be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

uint64_t elf_get64(const struct elf_file *e, const uint8_t *p)
{
	uint64_t hi, lo;

	if (e->be) {
		hi = elf_get32(e, p);
		lo = elf_get32(e, p + 4);
	} else {
		lo = elf_get32(e, p);
		hi = elf_get32(e, p + 4);
	}
	return hi << 32 | lo;
}

uint64_t elf_get_addr(const struct elf_file *e, const uint8_t *p)
{
	return e->bits == 64 ? elf_get64(e, p) : elf_get32(e, p);
}

GS_PRINTF(2, 3) static enum elf_status malformed(struct findings *fs, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	finding_add(fs, F_MALFORMED, SEV_ERROR, "%s", sb.buf);
	strbuf_release(&sb);
	return ELF_MALFORMED;
}

static size_t ehdr_size(const struct elf_file *e)
{
	return e->bits == 64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
}

static uint16_t phdr_size(const struct elf_file *e)
{
	return e->bits == 64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
}

static uint16_t shdr_size(const struct elf_file *e)
{
	return e->bits == 64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
}

/* Decodes the section header at index i without consulting e->shnum. */
static bool shdr_at(const struct elf_file *e, uint64_t i, struct elf_shdr *sh)
{
	uint64_t sz = shdr_size(e), off;
	const uint8_t *p;

	if (e->shentsize != sz || i > (UINT64_MAX - e->shoff) / sz)
		return false;
	off = e->shoff + i * sz;
	if (!range_ok(e->len, off, sz))
		return false;
	p = e->buf + off;
	sh->name = elf_get32(e, p);
	sh->type = elf_get32(e, p + 4);
	if (e->bits == 64) {
		sh->flags = elf_get64(e, p + 8);
		sh->addr = elf_get64(e, p + 16);
		sh->offset = elf_get64(e, p + 24);
		sh->size = elf_get64(e, p + 32);
		sh->link = elf_get32(e, p + 40);
		sh->info = elf_get32(e, p + 44);
		sh->addralign = elf_get64(e, p + 48);
		sh->entsize = elf_get64(e, p + 56);
	} else {
		sh->flags = elf_get32(e, p + 8);
		sh->addr = elf_get32(e, p + 12);
		sh->offset = elf_get32(e, p + 16);
		sh->size = elf_get32(e, p + 20);
		sh->link = elf_get32(e, p + 24);
		sh->info = elf_get32(e, p + 28);
		sh->addralign = elf_get32(e, p + 32);
		sh->entsize = elf_get32(e, p + 36);
	}
	return true;
}

GS_PRINTF(3, 4) static void ignore_sections(struct elf_file *e, struct findings *fs,
					   const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	finding_add(fs, F_SECTION_HEADERS_IGNORED, SEV_INFO, "section headers ignored: %s", sb.buf);
	strbuf_release(&sb);
	e->shnum = 0;
	e->shstrndx = SIZE_MAX;
}

static void open_sections(struct elf_file *e, uint16_t e_shnum, uint16_t e_shstrndx,
			  struct findings *fs)
{
	struct elf_shdr sh0, strsh;
	uint64_t count = e_shnum;
	uint64_t strndx = e_shstrndx;

	e->shnum = 0;
	e->shnum_declared = e_shnum;
	if (e->shoff == 0)
		return;
	if (e->shentsize != shdr_size(e)) {
		ignore_sections(e, fs, "e_shentsize is %u, expected %u", e->shentsize,
				shdr_size(e));
		return;
	}
	if (!shdr_at(e, 0, &sh0)) {
		ignore_sections(e, fs, "the table at offset 0x%llx is past the end of the file (%zu bytes)",
				(unsigned long long)e->shoff, e->len);
		return;
	}
	if (count == 0)
		count = sh0.size;       /* extended numbering */
	if (strndx == SHN_XINDEX)
		strndx = sh0.link;
	e->shnum_declared = count > SIZE_MAX ? SIZE_MAX : (size_t)count;
	if (count > (e->len - e->shoff) / e->shentsize) {
		ignore_sections(e, fs, "%llu entries at offset 0x%llx extend past the end of the file",
				(unsigned long long)count, (unsigned long long)e->shoff);
		return;
	}
	e->shnum = (size_t)count;
	if (strndx != SHN_UNDEF && strndx < count && shdr_at(e, strndx, &strsh) &&
	    strsh.type != SHT_NOBITS && range_ok(e->len, strsh.offset, strsh.size))
		e->shstrndx = (size_t)strndx;
}

enum elf_status elf_open(struct elf_file *e, const uint8_t *buf, size_t len,
			 struct findings *fs)
{
	uint16_t e_phnum, e_shnum, e_shstrndx;
	uint64_t phnum;
	const uint8_t *h = buf;

	memset(e, 0, sizeof(*e));
	e->buf = buf;
	e->len = len;
	e->shstrndx = SIZE_MAX;
	if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG))
		return ELF_NOT_ELF;
	if (len < EI_NIDENT)
		return malformed(fs, "truncated: the file is %zu bytes, shorter than the %d-byte ELF identification",
				 len, EI_NIDENT);
	switch (h[EI_CLASS]) {
	case ELFCLASS32:
		e->bits = 32;
		break;
	case ELFCLASS64:
		e->bits = 64;
		break;
	default:
		return malformed(fs, "unknown ELF class %u (EI_CLASS must be 1 or 2)", h[EI_CLASS]);
	}
	switch (h[EI_DATA]) {
	case ELFDATA2LSB:
		e->be = false;
		break;
	case ELFDATA2MSB:
		e->be = true;
		break;
	default:
		return malformed(fs, "unknown byte order %u (EI_DATA must be 1 or 2)", h[EI_DATA]);
	}
	if (h[EI_VERSION] != EV_CURRENT)
		return malformed(fs, "unsupported ELF version %u (EI_VERSION must be 1)", h[EI_VERSION]);
	e->osabi = h[EI_OSABI];
	if (len < ehdr_size(e))
		return malformed(fs, "truncated: the file is %zu bytes, shorter than the %zu-byte ELF header",
				 len, ehdr_size(e));
	e->type = elf_get16(e, h + 16);
	e->machine = elf_get16(e, h + 18);
	if (e->bits == 64) {
		e->entry = elf_get64(e, h + 24);
		e->phoff = elf_get64(e, h + 32);
		e->shoff = elf_get64(e, h + 40);
		e->phentsize = elf_get16(e, h + 54);
		e_phnum = elf_get16(e, h + 56);
		e->shentsize = elf_get16(e, h + 58);
		e_shnum = elf_get16(e, h + 60);
		e_shstrndx = elf_get16(e, h + 62);
	} else {
		e->entry = elf_get32(e, h + 24);
		e->phoff = elf_get32(e, h + 28);
		e->shoff = elf_get32(e, h + 32);
		e->phentsize = elf_get16(e, h + 42);
		e_phnum = elf_get16(e, h + 44);
		e->shentsize = elf_get16(e, h + 46);
		e_shnum = elf_get16(e, h + 48);
		e_shstrndx = elf_get16(e, h + 50);
	}
	open_sections(e, e_shnum, e_shstrndx, fs);

	phnum = e_phnum;
	if (e_phnum == PN_XNUM) {
		struct elf_shdr sh0;

		if (!shdr_at(e, 0, &sh0))
			return malformed(fs, "e_phnum is PN_XNUM (0xffff) but section header 0, which holds the real count, is unreadable");
		phnum = sh0.info;
	}
	if (phnum == 0)
		return ELF_OK;
	if (e->phentsize != phdr_size(e))
		return malformed(fs, "e_phentsize is %u, expected %u: the program headers cannot be read",
				 e->phentsize, phdr_size(e));
	if (e->phoff > len || phnum > (len - e->phoff) / e->phentsize)
		return malformed(fs, "truncated: the program header table (%llu entries at offset 0x%llx) extends past the end of the file (%zu bytes)",
				 (unsigned long long)phnum, (unsigned long long)e->phoff, len);
	e->phnum = (size_t)phnum;
	return ELF_OK;
}

bool elf_phdr(const struct elf_file *e, size_t i, struct elf_phdr *ph)
{
	const uint8_t *p;

	if (i >= e->phnum)
		return false;
	p = e->buf + e->phoff + (uint64_t)i * e->phentsize;
	ph->type = elf_get32(e, p);
	if (e->bits == 64) {
		ph->flags = elf_get32(e, p + 4);
		ph->offset = elf_get64(e, p + 8);
		ph->vaddr = elf_get64(e, p + 16);
		ph->filesz = elf_get64(e, p + 32);
		ph->memsz = elf_get64(e, p + 40);
		ph->align = elf_get64(e, p + 48);
	} else {
		ph->offset = elf_get32(e, p + 4);
		ph->vaddr = elf_get32(e, p + 8);
		ph->filesz = elf_get32(e, p + 16);
		ph->memsz = elf_get32(e, p + 20);
		ph->flags = elf_get32(e, p + 24);
		ph->align = elf_get32(e, p + 28);
	}
	return true;
}

bool elf_shdr(const struct elf_file *e, size_t i, struct elf_shdr *sh)
{
	return i < e->shnum && shdr_at(e, i, sh);
}

const char *elf_section_name(const struct elf_file *e, const struct elf_shdr *sh)
{
	struct elf_shdr strsh;
	const char *s;

	if (e->shstrndx == SIZE_MAX || !elf_shdr(e, e->shstrndx, &strsh))
		return NULL;
	if (sh->name >= strsh.size)
		return NULL;
	s = (const char *)e->buf + strsh.offset + sh->name;
	if (!memchr(s, 0, strsh.size - sh->name))
		return NULL;
	return s;
}

bool elf_find_section(const struct elf_file *e, const char *name, struct elf_shdr *out)
{
	for (size_t i = 1; i < e->shnum; i++) {
		const char *n;

		if (!elf_shdr(e, i, out))
			return false;
		n = elf_section_name(e, out);
		if (n && !strcmp(n, name))
			return true;
	}
	return false;
}

bool elf_find_section_type(const struct elf_file *e, uint32_t type, struct elf_shdr *out)
{
	for (size_t i = 1; i < e->shnum; i++) {
		if (!elf_shdr(e, i, out))
			return false;
		if (out->type == type)
			return true;
	}
	return false;
}

bool elf_section_bytes(const struct elf_file *e, const struct elf_shdr *sh,
		       const uint8_t **p, size_t *n)
{
	if (sh->type == SHT_NOBITS || !range_ok(e->len, sh->offset, sh->size))
		return false;
	*p = e->buf + sh->offset;
	*n = (size_t)sh->size;
	return true;
}

bool elf_vaddr_to_off(const struct elf_file *e, uint64_t va, uint64_t *off, uint64_t *avail)
{
	struct elf_phdr ph;

	for (size_t i = 0; elf_phdr(e, i, &ph); i++) {
		uint64_t delta, o, n;

		if (ph.type != PT_LOAD || va < ph.vaddr)
			continue;
		delta = va - ph.vaddr;
		if (delta >= ph.filesz || ph.offset > e->len || delta > e->len - ph.offset)
			continue;
		o = ph.offset + delta;
		n = ph.filesz - delta;
		if (n > e->len - o)
			n = e->len - o;
		*off = o;
		*avail = n;
		return true;
	}
	return false;
}

void elf_scan_segments(const struct elf_file *e, struct elf_segments *s)
{
	struct elf_phdr ph;

	memset(s, 0, sizeof(*s));
	s->interp = s->dynamic = -1;
	for (size_t i = 0; elf_phdr(e, i, &ph); i++) {
		switch (ph.type) {
		case PT_LOAD:
			s->nload++;
			break;
		case PT_NOTE:
			s->nnote++;
			break;
		case PT_INTERP:
			if (s->ninterp++ == 0)
				s->interp = (long)i;
			break;
		case PT_DYNAMIC:
			if (s->ndynamic++ == 0)
				s->dynamic = (long)i;
			break;
		case PT_GNU_STACK:
			s->has_gnu_stack = true;
			s->exec_stack = ph.flags & PF_X;
			break;
		case PT_GNU_RELRO:
			s->has_relro = true;
			break;
		case PT_TLS:
			s->has_tls = true;
			break;
		default:
			break;
		}
	}
	if (s->interp < 0)
		return;
	/* validate PT_INTERP the way the kernel's ELF loader does */
	elf_phdr(e, (size_t)s->interp, &ph);
	if (ph.filesz < 2 || ph.filesz > ELF_INTERP_MAX)
		s->interp_error = "its size is outside 2..4096 bytes, so the kernel refuses to run the file";
	else if (!range_ok(e->len, ph.offset, ph.filesz))
		s->interp_error = "it extends past the end of the file";
	else if (e->buf[ph.offset + ph.filesz - 1] != 0)
		s->interp_error = "it is not NUL-terminated, so the kernel refuses to run the file";
	else
		s->interp_path = (const char *)e->buf + ph.offset;
}

static bool dyn_view(const struct elf_file *e, uint64_t off, uint64_t filesz,
		     const uint8_t **p, uint64_t *n)
{
	if (off > e->len)
		return false;
	*p = e->buf + off;
	*n = filesz < e->len - off ? filesz : e->len - off;
	return true;
}

void elf_read_dynamic(const struct elf_file *e, const struct elf_phdr *dyn,
		      struct elf_dynamic *d, struct findings *fs)
{
	const uint8_t *po = NULL, *pv = NULL, *p;
	uint64_t no = 0, nv = 0, n, voff, vavail;
	size_t entsz = e->bits == 64 ? 16 : 8, alloc = 0;
	bool have_off, have_va;

	memset(d, 0, sizeof(*d));
	d->present = true;
	have_off = dyn_view(e, dyn->offset, dyn->filesz, &po, &no);
	have_va = elf_vaddr_to_off(e, dyn->vaddr, &voff, &vavail);
	if (have_va) {
		pv = e->buf + voff;
		nv = vavail < dyn->filesz ? vavail : dyn->filesz;
	}
	if (have_va) {
		p = pv;
		n = nv;
		if (have_off && voff != dyn->offset &&
		    (no != nv || memcmp(po, pv, (size_t)nv))) {
			struct finding *f = finding_add(fs, F_DYNAMIC_VIEW_MISMATCH, SEV_WARNING,
				"the dynamic segment read at its file offset differs from the one at its address; the loader uses the address");
			finding_ev_num(f, "p_offset", dyn->offset);
			finding_ev_num(f, "vaddr_offset", voff);
			d->view_mismatch = true;
		}
	} else {
		d->outside_load = true;
		finding_add(fs, F_DYNAMIC_OUTSIDE_LOAD, SEV_WARNING,
			    "the dynamic segment at address 0x%llx lies outside every loadable segment",
			    (unsigned long long)dyn->vaddr);
		if (!have_off)
			return;
		p = po;
		n = no;
	}

	for (uint64_t i = 0; i < n / entsz; i++) {
		const uint8_t *q = p + i * entsz;
		uint64_t tag = elf_get_addr(e, q);
		uint64_t val = elf_get_addr(e, q + entsz / 2);

		if (tag == DT_NULL) {
			d->terminated = true;
			break;
		}
		d->count++;
		switch (tag) {
		case DT_NEEDED:
			ALLOC_GROW(d->needed, d->nneeded + 1, alloc);
			d->needed[d->nneeded++] = val;
			break;
#define FIRST(t, field) \
		case t: \
			if (!d->has_##field) { \
				d->has_##field = true; \
				d->field = val; \
			} \
			break;
		FIRST(DT_STRTAB, strtab)
		FIRST(DT_STRSZ, strsz)
		FIRST(DT_SYMTAB, symtab)
		FIRST(DT_SYMENT, syment)
		FIRST(DT_HASH, hash)
		FIRST(DT_GNU_HASH, gnu_hash)
		FIRST(DT_VERSYM, versym)
		FIRST(DT_VERNEED, verneed)
		FIRST(DT_RPATH, rpath)
		FIRST(DT_RUNPATH, runpath)
		FIRST(DT_SONAME, soname)
#undef FIRST
		case DT_VERNEEDNUM:
			d->verneednum = val;
			break;
		case DT_VERDEF:
			d->verdef = val;
			break;
		case DT_VERDEFNUM:
			d->verdefnum = val;
			break;
		case DT_FLAGS:
			d->has_flags = true;
			d->flags |= val;
			break;
		case DT_FLAGS_1:
			d->has_flags_1 = true;
			d->flags_1 |= val;
			break;
		case DT_TEXTREL:
			d->textrel = true;
			break;
		case DT_BIND_NOW:
			d->bind_now = true;
			break;
		case DT_DEBUG:
			d->has_debug = true;
			break;
		default:
			break;
		}
	}
	if (d->flags & DF_TEXTREL)
		d->textrel = true;
	if ((d->flags & DF_BIND_NOW) || (d->flags_1 & DF_1_NOW))
		d->bind_now = true;
	if (!d->terminated)
		finding_add(fs, F_DYNAMIC_UNTERMINATED, SEV_INFO,
			    "the dynamic segment has no DT_NULL terminator");

	if (d->has_strtab) {
		uint64_t off, avail;

		if (elf_vaddr_to_off(e, d->strtab, &off, &avail)) {
			if (d->has_strsz && d->strsz < avail)
				avail = d->strsz;
			d->str = (const char *)e->buf + off;
			d->strn = (size_t)avail;
		}
	}
}

void elf_dynamic_release(struct elf_dynamic *d)
{
	free(d->needed);
	memset(d, 0, sizeof(*d));
}

const char *elf_dynstr(const struct elf_dynamic *d, uint64_t off)
{
	if (!d->str || off >= d->strn)
		return NULL;
	if (!memchr(d->str + off, 0, d->strn - (size_t)off))
		return NULL;
	return d->str + off;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static int walk_notes(const struct elf_file *e, const uint8_t *p, uint64_t n, uint64_t align,
		      int (*fn)(const struct elf_note *, void *), void *ctx)
{
	uint64_t pos = 0;

	if (align != 8)
		align = 4;
	while (n - pos >= 12) {
		struct elf_note note;
		uint64_t namesz = elf_get32(e, p + pos);
		uint64_t descsz = elf_get32(e, p + pos + 4);
		uint64_t name_off, desc_off;
		int rc;

		note.type = elf_get32(e, p + pos + 8);
		name_off = pos + 12;
		desc_off = name_off + align_up(namesz, align);
		if (desc_off > n || align_up(descsz, align) > n - desc_off) {
			/* the last note may lack padding after its descriptor */
			if (desc_off > n || descsz > n - desc_off)
				return 0;
		}
		note.name = (const char *)p + name_off;
		note.namesz = (size_t)namesz;
		note.desc = p + desc_off;
		note.descsz = (size_t)descsz;
		rc = fn(&note, ctx);
		if (rc)
			return rc;
		if (align_up(descsz, align) > n - desc_off)
			return 0;
		pos = desc_off + align_up(descsz, align);
	}
	return 0;
}

int elf_foreach_note(const struct elf_file *e,
		     int (*fn)(const struct elf_note *n, void *ctx), void *ctx)
{
	struct elf_phdr ph;
	struct elf_shdr sh;
	bool any = false;
	int rc;

	for (size_t i = 0; elf_phdr(e, i, &ph); i++) {
		if (ph.type != PT_NOTE)
			continue;
		any = true;
		if (!range_ok(e->len, ph.offset, ph.filesz))
			continue;
		rc = walk_notes(e, e->buf + ph.offset, ph.filesz, ph.align, fn, ctx);
		if (rc)
			return rc;
	}
	if (any)
		return 0;
	for (size_t i = 1; elf_shdr(e, i, &sh); i++) {
		if (sh.type != SHT_NOTE || !range_ok(e->len, sh.offset, sh.size))
			continue;
		rc = walk_notes(e, e->buf + sh.offset, sh.size, sh.addralign, fn, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

bool elf_note_is(const struct elf_note *n, const char *name, uint32_t type)
{
	size_t len = strlen(name);

	if (n->type != type)
		return false;
	/* stored with its NUL ("GNU\0", namesz 4) or padded ("Go\0\0", namesz 4) */
	if (n->namesz < len || memcmp(n->name, name, len))
		return false;
	for (size_t i = len; i < n->namesz; i++)
		if (n->name[i])
			return false;
	return true;
}

static const struct machine {
	uint16_t em;
	const char *name;
	const char *goarch32le, *goarch32be, *goarch64le, *goarch64be;
} machines[] = {
	{ EM_386, "Intel 80386", "386", NULL, NULL, NULL },
	{ EM_X86_64, "x86-64", NULL, NULL, "amd64", NULL },
	{ EM_AARCH64, "AArch64", NULL, NULL, "arm64", "arm64be" },
	{ EM_ARM, "ARM", "arm", "armbe", NULL, NULL },
	{ EM_MIPS, "MIPS", "mipsle", "mips", "mips64le", "mips64" },
	{ EM_PPC, "PowerPC", NULL, "ppc", NULL, NULL },
	{ EM_PPC64, "PowerPC64", NULL, NULL, "ppc64le", "ppc64" },
	{ EM_S390, "IBM S/390", NULL, "s390", NULL, "s390x" },
	{ EM_RISCV, "RISC-V", "riscv", NULL, "riscv64", NULL },
	{ EM_LOONGARCH, "LoongArch", "loong32", NULL, "loong64", NULL },
	{ EM_SPARCV9, "SPARC V9", NULL, NULL, NULL, "sparc64" },
};

const char *elf_machine_name(uint16_t machine)
{
	for (size_t i = 0; i < ARRAY_SIZE(machines); i++)
		if (machines[i].em == machine)
			return machines[i].name;
	return NULL;
}

const char *elf_machine_goarch(uint16_t machine, unsigned bits, bool be)
{
	for (size_t i = 0; i < ARRAY_SIZE(machines); i++) {
		const struct machine *m = &machines[i];

		if (m->em != machine)
			continue;
		if (bits == 64)
			return be ? m->goarch64be : m->goarch64le;
		return be ? m->goarch32be : m->goarch32le;
	}
	return NULL;
}

const char *elf_type_name(uint16_t type)
{
	switch (type) {
	case ET_NONE:
		return "NONE";
	case ET_REL:
		return "REL";
	case ET_EXEC:
		return "EXEC";
	case ET_DYN:
		return "DYN";
	case ET_CORE:
		return "CORE";
	default:
		return "OTHER";
	}
}

uint32_t elf_hash(const char *name)
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
