/* verify.c - decide whether an executable is static, and say why not */
#include "verify.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "elffile.h"

static const char *const verdict_names[] = {
#define X(v, s) [V_##v] = s,
	VERDICTS(X)
#undef X
};

const char *verdict_name(enum verdict v)
{
	return verdict_names[v];
}

bool verdict_is_static(enum verdict v)
{
	return v == V_STATIC || v == V_STATIC_PIE;
}

void report_init(struct report *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->file = xstrdup(name);
	r->verdict = V_NOT_ELF;
	r->link.needed = (struct strvec)STRVEC_INIT;
	r->reqs = (struct version_reqs)VERSION_REQS_INIT;
	r->libc = (struct libc_info)LIBC_INFO_INIT;
	r->findings = (struct findings)FINDINGS_INIT;
	r->run = (struct run_result)RUN_RESULT_INIT;
	r->hints = (struct strvec)STRVEC_INIT;
}

void report_release(struct report *r)
{
	free(r->file);
	free(r->what);
	free(r->link.interp);
	free(r->link.rpath);
	free(r->link.runpath);
	free(r->link.soname);
	strvec_clear(&r->link.needed);
	version_reqs_release(&r->reqs);
	if (r->inner) {
		report_release(r->inner);
		free(r->inner);
	}
	libc_info_release(&r->libc);
	goinfo_release(&r->go);
	findings_release(&r->findings);
	run_result_release(&r->run);
	strvec_clear(&r->hints);
	memset(r, 0, sizeof(*r));
}

/* "a, b, c" from a vector. */
static char *join(const struct strvec *sv, const char *sep, size_t max)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < sv->nr && i < max; i++)
		strbuf_addf(&sb, "%s%s", i ? sep : "", sv->v[i]);
	if (sv->nr > max)
		strbuf_addf(&sb, "%s... (%zu more)", sep, sv->nr - max);
	return strbuf_detach(&sb);
}

/* Printable copy of at most max bytes of s (which need not be terminated). */
static char *printable(const uint8_t *s, size_t n, size_t max)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n && i < max; i++)
		strbuf_addch(&sb, s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?');
	return strbuf_detach(&sb);
}

static void describe_not_elf(const uint8_t *buf, size_t len, struct report *r)
{
	static const uint8_t macho[][4] = {
		{ 0xfe, 0xed, 0xfa, 0xce }, { 0xfe, 0xed, 0xfa, 0xcf },
		{ 0xce, 0xfa, 0xed, 0xfe }, { 0xcf, 0xfa, 0xed, 0xfe },
		{ 0xca, 0xfe, 0xba, 0xbe },
	};

	r->verdict = V_NOT_ELF;
	if (len == 0) {
		r->what = xstrdup("an empty file");
	} else if (len >= 2 && buf[0] == '#' && buf[1] == '!') {
		const uint8_t *nl = memchr(buf, '\n', len);
		size_t n = (nl ? (size_t)(nl - buf) : len) - 2;
		char *line = printable(buf + 2, n, 200);
		char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		r->what = xasprintf("a script (interpreter %s)", *p ? p : "missing");
		free(line);
	} else if (len >= 8 && !memcmp(buf, "!<arch>\n", 8)) {
		r->what = xstrdup("an ar archive (a static library)");
	} else if (len >= 2 && buf[0] == 'M' && buf[1] == 'Z') {
		r->what = xstrdup("a PE/DOS executable (Windows)");
	} else if (len >= 4 && !memcmp(buf, "\0asm", 4)) {
		r->what = xstrdup("a WebAssembly module");
	} else if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b) {
		r->what = xstrdup("gzip data");
	} else {
		for (size_t i = 0; len >= 4 && i < ARRAY_SIZE(macho); i++)
			if (!memcmp(buf, macho[i], 4))
				r->what = xstrdup("a Mach-O file (macOS)");
		if (!r->what)
			r->what = xstrdup("data");
	}
	finding_add(&r->findings, F_NOT_ELF, SEV_ERROR, "not an ELF file: %s", r->what);
}

static void not_executable(struct report *r, const char *what)
{
	r->verdict = V_NOT_EXECUTABLE;
	free(r->what);
	r->what = xstrdup(what);
	finding_add(&r->findings, F_NOT_EXECUTABLE, SEV_ERROR, "not an executable: %s", what);
}

static void fill_linkage(struct report *r, const struct elf_file *e,
			 const struct elf_segments *seg, const struct elf_dynamic *d)
{
	struct linkage *l = &r->link;
	const char *s;

	l->has_interp = seg->interp >= 0;
	l->interp = seg->interp_path ? xstrdup(seg->interp_path) : NULL;
	l->has_dynamic = d->present;
	for (size_t i = 0; i < d->nneeded; i++) {
		s = elf_dynstr(d, d->needed[i]);
		strvec_push(&l->needed, s ? s : "<unreadable>");
	}
	l->df_1_pie = d->flags_1 & DF_1_PIE;
	l->pie = e->type == ET_DYN;
	if (d->has_rpath)
		l->rpath = xstrdup((s = elf_dynstr(d, d->rpath)) ? s : "<unreadable>");
	if (d->has_runpath)
		l->runpath = xstrdup((s = elf_dynstr(d, d->runpath)) ? s : "<unreadable>");
	if (d->has_soname)
		l->soname = xstrdup((s = elf_dynstr(d, d->soname)) ? s : "<unreadable>");
	l->textrel = d->textrel;
	l->bind_now = d->bind_now;
	l->relro = !seg->has_relro ? RELRO_NONE : d->bind_now ? RELRO_FULL : RELRO_PARTIAL;
	l->has_gnu_stack = seg->has_gnu_stack;
	l->exec_stack = seg->exec_stack;
}

static void classify_packed(struct report *r)
{
	const struct upx_info *u = &r->upx;
	const char *fmt = upx_format_name(u->format);
	struct finding *f;

	r->verdict = V_PACKED;
	r->inner_status = INNER_UNKNOWN;
	if (u->packheader) {
		f = finding_add(&r->findings, F_UPX_PACKHEADER, SEV_ERROR,
				"packed with UPX%s%s (%s, method %u, level %u): the program inside is hidden from the loader and from every tool",
				u->release[0] ? " " : "", u->release, fmt ? fmt : "unknown format",
				u->method, u->level);
		finding_ev_num(f, "offset", u->packheader_offset);
		finding_ev_num(f, "version", u->version);
		finding_ev_num(f, "format", u->format);
		if (u->original_size)
			finding_ev_num(f, "original_size", u->original_size);
	}
	if (u->linfo)
		finding_add(&r->findings, F_UPX_LINFO, u->packheader ? SEV_INFO : SEV_ERROR,
			    "UPX loader information (l_info \"UPX!\") follows the program headers");
	if (u->string)
		finding_add(&r->findings, F_UPX_STRING, SEV_INFO, "contains UPX's marker strings");
	finding_add(&r->findings, F_PACKED_TOOLS_MISLEAD, SEV_WARNING,
		    "'file' and 'ldd' report packed files as statically linked: the UPX stub maps the program's interpreter itself at run time");
}

static void classify(struct report *r, const struct elf_file *e,
		     const struct elf_segments *seg, const struct elf_dynamic *d)
{
	struct findings *fs = &r->findings;
	bool library = e->type == ET_DYN && !r->link.df_1_pie &&
		       (e->entry == 0 || d->has_soname);
	struct finding *f;
	char *names;

	if (seg->ninterp > 1)
		finding_add(fs, F_DUPLICATE_PT_INTERP, SEV_WARNING,
			    "%zu PT_INTERP headers (suspicious): the kernel uses the first", seg->ninterp);
	if (seg->ndynamic > 1)
		finding_add(fs, F_DUPLICATE_PT_DYNAMIC, SEV_WARNING,
			    "%zu PT_DYNAMIC headers (suspicious): the first one is used", seg->ndynamic);
	if (r->packed) {
		classify_packed(r);
		return;
	}
	if (r->upx.structure)
		finding_add(fs, F_PACKED_STRUCTURE, SEV_WARNING,
			    "the segment layout looks like a packer's stub (no section headers, a one-page first segment mapping a much larger area)");
	if (r->upx.string)
		finding_add(fs, F_UPX_STRING, SEV_WARNING,
			    "contains UPX's marker strings but no UPX header: it may be packed with the header removed");

	names = join(&r->link.needed, ", ", 16);
	if (seg->interp >= 0) {
		r->verdict = V_DYNAMIC;
		if (!seg->interp_path) {
			r->verdict = V_BROKEN;
			finding_add(fs, F_BAD_PT_INTERP, SEV_ERROR, "PT_INTERP is unusable: %s",
				    seg->interp_error);
		} else {
			f = finding_add(fs, F_PT_INTERP, SEV_ERROR,
					"requests program interpreter %s (PT_INTERP)", seg->interp_path);
			finding_ev_num(f, "phdr_index", (uint64_t)seg->interp);
		}
		if (!d->present) {
			r->verdict = V_BROKEN;
			finding_add(fs, F_INTERP_WITHOUT_DYNAMIC, SEV_ERROR,
				    "requests an interpreter but has no dynamic segment");
		} else if (d->nneeded) {
			finding_add(fs, F_DT_NEEDED, SEV_ERROR, "needs shared libraries: %s (DT_NEEDED)",
				    names);
		} else {
			if (r->verdict == V_DYNAMIC)
				r->verdict = V_DYNAMIC_LOADER_ONLY;
			finding_add(fs, F_INTERP_WITHOUT_NEEDED, SEV_ERROR,
				    "needs no shared library, but the kernel must load the interpreter before the program can start");
		}
	} else if (!d->present) {
		r->verdict = V_STATIC;
		if (e->type == ET_DYN) {
			r->verdict = V_BROKEN;
			finding_add(fs, F_ETDYN_WITHOUT_DYNAMIC, SEV_ERROR,
				    "position-independent (ET_DYN) with no dynamic segment: it cannot relocate itself and crashes at start");
		}
	} else if (d->nneeded) {
		if (library) {
			not_executable(r, "a shared library");
			finding_add(fs, F_SHARED_LIBRARY, SEV_INFO,
				    "a shared library%s%s (needs %s)", r->link.soname ? " " : "",
				    r->link.soname ? r->link.soname : "", names);
		} else {
			r->verdict = V_BROKEN;
			finding_add(fs, F_NEEDED_WITHOUT_INTERP, SEV_ERROR,
				    "needs shared libraries (%s) but requests no interpreter: nothing will load them",
				    names);
		}
	} else if (e->type == ET_DYN) {
		if (r->link.df_1_pie) {
			r->verdict = V_STATIC_PIE;
			finding_add(fs, F_STATIC_PIE, SEV_INFO,
				    "static-pie: relocates itself, no interpreter, no DT_NEEDED");
		} else if (library) {
			not_executable(r, "a shared library");
			finding_add(fs, F_SHARED_LIBRARY, SEV_INFO,
				    "a shared library%s%s (no DF_1_PIE flag, entry point %s)",
				    r->link.soname ? " " : "", r->link.soname ? r->link.soname : "",
				    e->entry ? "set" : "0");
		} else {
			r->verdict = V_STATIC_PIE;
			finding_add(fs, F_STATIC_PIE_WITHOUT_DF_1_PIE, SEV_WARNING,
				    "looks like a static-pie but lacks the DF_1_PIE flag (written by an old linker?)");
		}
	} else {
		r->verdict = V_STATIC;
	}
	free(names);
}

static void version_findings(struct report *r)
{
	struct strvec syms = STRVEC_INIT, libs = STRVEC_INIT;
	const char *cxx = NULL;
	struct finding *f;
	char *s, *l;

	r->glibc_floor = symver_glibc_floor(&r->reqs, &r->glibc_private);
	for (size_t i = 0; i < r->reqs.nr; i++) {
		const struct version_req *q = &r->reqs.v[i];
		const char *num = version_number(q->version, "GLIBC_");
		const char *x = version_number(q->version, "GLIBCXX_");

		if (x && (!cxx || version_cmp(x, cxx) > 0))
			cxx = x;
		if (!r->glibc_floor || !num || version_cmp(num, r->glibc_floor))
			continue;
		if (!strvec_contains(&libs, q->library))
			strvec_push(&libs, q->library);
		for (size_t j = 0; j < q->symbols.nr; j++)
			if (!strvec_contains(&syms, q->symbols.v[j]))
				strvec_push(&syms, q->symbols.v[j]);
	}
	if (r->glibc_floor) {
		s = join(&syms, " ", 12);
		l = join(&libs, ", ", 4);
		f = finding_add(&r->findings, F_GLIBC_FLOOR, SEV_INFO,
				"needs glibc >= %s (%s)%s%s", r->glibc_floor, libs.nr ? l : "GLIBC_ABI_DT_RELR",
				syms.nr ? ": " : "", s);
		finding_ev_str(f, "floor", r->glibc_floor);
		free(s);
		free(l);
	}
	if (r->glibc_private)
		finding_add(&r->findings, F_GLIBC_PRIVATE, SEV_WARNING,
			    "uses GLIBC_PRIVATE symbols: it runs only with the exact glibc build it was linked against");
	if (cxx)
		finding_add(&r->findings, F_LIBSTDCXX_FLOOR, SEV_INFO,
			    "needs libstdc++ with GLIBCXX_%s", cxx);
	strvec_clear(&syms);
	strvec_clear(&libs);
}

static void libc_findings(struct report *r)
{
	struct libc_info *li = &r->libc;
	static const enum finding_code code[] = {
		[LIBC_UNKNOWN] = F__COUNT, [LIBC_NONE] = F_LIBC_NONE,
		[LIBC_GLIBC] = F_LIBC_GLIBC, [LIBC_MUSL] = F_LIBC_MUSL,
	};
	char *ev;

	if (code[li->kind] != F__COUNT) {
		ev = join(&li->evidence, ", ", 4);
		finding_add(&r->findings, code[li->kind], SEV_INFO, "C library: %s%s (%s)",
			    li->kind == LIBC_NONE ? "none" : libc_kind_name(li->kind),
			    li->kind == LIBC_NONE ? "" : li->is_static ? ", linked statically" : ", shared",
			    ev);
		free(ev);
	}
	if (li->allocator) {
		ev = join(&li->allocator_evidence, ", ", 4);
		finding_add(&r->findings, F_ALLOCATOR, SEV_INFO, "malloc of the C code: %s (%s)",
			    !strcmp(li->allocator, "mallocng") ? "musl's mallocng"
			    : !strcmp(li->allocator, "glibc") ? "glibc's" : li->allocator, ev);
		free(ev);
	}
	if (li->kernel_floor)
		finding_add(&r->findings, F_KERNEL_FLOOR, SEV_INFO,
			    "glibc refuses to start on Linux kernels older than %s (GNU ABI tag)",
			    li->kernel_floor);
	if (li->kind != LIBC_GLIBC || !li->is_static)
		return;
	/* a Go program's own calls into NSS, from its function table */
	if (r->go.cgo_resolver)
		strvec_push(&li->nss_evidence, "Go's net package calls getaddrinfo through cgo");
	if (r->go.cgo_user)
		strvec_push(&li->nss_evidence, "Go's os/user package calls getpw*/getgr* through cgo");
	li->nss = li->nss_evidence.nr > 0;
	if (li->nss) {
		ev = join(&li->nss_evidence, "; ", 4);
		finding_add(&r->findings, F_NSS_STATIC_GLIBC, SEV_WARNING,
			    "static glibc with NSS (%s): at run time it may load libnss_*.so.2 and the system's libc.so.6, and crash when they differ from the glibc it was linked with",
			    ev);
		free(ev);
		if (verdict_is_static(r->verdict))
			r->verdict = V_STATIC_WITH_RUNTIME_LOADING;
	}
	if (li->dlopen_linked)
		finding_add(&r->findings, F_DLOPEN_STATIC_GLIBC, SEV_INFO,
			    "glibc's dlopen is linked in, as in every static glibc program; it loads the system's shared libraries if called");
	if (li->gconv)
		finding_add(&r->findings, F_GCONV_POSSIBLE, SEV_INFO,
			    "character set conversion (iconv) may load gconv modules from the system");
}

static void attribute_findings(struct report *r)
{
	const struct linkage *l = &r->link;
	bool staticish = verdict_is_static(r->verdict);

	if (l->rpath)
		finding_add(&r->findings, F_RPATH, staticish ? SEV_WARNING : SEV_INFO,
			    "library search path DT_RPATH %s", l->rpath);
	if (l->runpath)
		finding_add(&r->findings, F_RUNPATH, staticish ? SEV_WARNING : SEV_INFO,
			    "library search path DT_RUNPATH %s", l->runpath);
	if (l->textrel)
		finding_add(&r->findings, F_TEXTREL, SEV_WARNING,
			    "has text relocations (DT_TEXTREL): code pages are written at start-up");
	if (l->exec_stack)
		finding_add(&r->findings, F_EXECSTACK, SEV_WARNING,
			    "asks for an executable stack (PT_GNU_STACK with PF_X)");
	else if (!l->has_gnu_stack)
		finding_add(&r->findings, F_NO_GNU_STACK, SEV_INFO,
			    "no PT_GNU_STACK: some kernels and loaders then make the stack executable");
	if (l->has_dynamic && !staticish && l->relro == RELRO_NONE)
		finding_add(&r->findings, F_NO_RELRO, SEV_INFO, "no RELRO");
	else if (l->has_dynamic && !staticish && l->relro == RELRO_PARTIAL)
		finding_add(&r->findings, F_PARTIAL_RELRO, SEV_INFO, "partial RELRO (not bound now)");
	if (r->stripped)
		finding_add(&r->findings, F_STRIPPED, SEV_INFO,
			    "stripped: no symbol table, so fewer facts can be checked");
}

static void go_findings(struct report *r)
{
	struct go_info *g = &r->go;
	struct strbuf sb = STRBUF_INIT;
	const char *v;

	if (!g->is_go)
		return;
	if (g->version) {
		strbuf_addf(&sb, "Go %s", g->version);
		if (g->path)
			strbuf_addf(&sb, ", %s", g->path);
		if ((v = goinfo_setting(g, "CGO_ENABLED")))
			strbuf_addf(&sb, ", CGO_ENABLED=%s", v);
		if ((v = goinfo_setting(g, "-tags")))
			strbuf_addf(&sb, ", -tags %s", v);
		else
			strbuf_addstr(&sb, ", no -tags");
		if ((v = goinfo_setting(g, "-ldflags")))
			strbuf_addf(&sb, ", -ldflags '%s'", v);
		if ((v = goinfo_setting(g, "-buildmode")) && strcmp(v, "exe"))
			strbuf_addf(&sb, ", -buildmode=%s", v);
		finding_add(&r->findings, F_GO_BUILDINFO, SEV_INFO, "%s", sb.buf);
	} else if (g->unreadable) {
		finding_add(&r->findings, F_GO_BUILDINFO_UNREADABLE, SEV_INFO,
			    "Go build info present but unreadable: %s", g->unreadable);
	} else {
		finding_add(&r->findings, F_GO_BUILDINFO_UNREADABLE, SEV_INFO,
			    "a Go program without build info (%s)",
			    g->buildid_note ? "Go build ID note present" : ".gopclntab present");
	}
	strbuf_release(&sb);
	if (g->cgo_linked)
		finding_add(&r->findings, F_GO_CGO_LINKED, SEV_INFO,
			    "cgo code is linked in (runtime/cgo's crosscall2)");
	if (g->cgo_resolver || g->cgo_user)
		finding_add(&r->findings, F_GO_TAGS_MISSING_NETGO_OSUSERGO, SEV_INFO,
			    "%s%s%s call the C library: the build lacked -tags %s",
			    g->cgo_resolver ? "net (getaddrinfo)" : "",
			    g->cgo_resolver && g->cgo_user ? " and " : "",
			    g->cgo_user ? "os/user (getpwuid_r, ...)" : "",
			    g->cgo_resolver && g->cgo_user ? "netgo,osusergo"
			    : g->cgo_resolver ? "netgo" : "osusergo");
}

void verify_buffer(const uint8_t *buf, size_t len, struct report *r)
{
	static const uint8_t none[1];
	struct elf_file e;
	struct elf_segments seg;
	struct elf_dynamic dyn;
	struct elf_shdr sh;
	struct elf_phdr ph;

	r->size = len;
	if (!buf)
		buf = none;
	switch (elf_open(&e, buf, len, &r->findings)) {
	case ELF_NOT_ELF:
		describe_not_elf(buf, len, r);
		return;
	case ELF_MALFORMED:
		r->is_elf = true;
		r->verdict = V_MALFORMED;
		return;
	case ELF_OK:
		break;
	}
	r->is_elf = true;
	r->bits = e.bits;
	r->be = e.be;
	r->type = e.type;
	r->machine = e.machine;
	r->osabi = e.osabi;
	r->entry = e.entry;
	r->phnum = e.phnum;
	r->shnum = e.shnum;
	r->stripped = e.shnum > 0 && !elf_find_section_type(&e, SHT_SYMTAB, &sh);

	switch (e.type) {
	case ET_EXEC:
	case ET_DYN:
		break;
	case ET_REL:
		not_executable(r, "a relocatable object file (.o)");
		return;
	case ET_CORE:
		not_executable(r, "a core dump");
		return;
	default:
		not_executable(r, "an ELF file of unknown type");
		return;
	}
	if (e.phnum == 0) {
		r->verdict = V_MALFORMED;
		finding_add(&r->findings, F_MALFORMED, SEV_ERROR,
			    "no program headers: the kernel cannot load this file");
		return;
	}

	for (size_t i = 0; elf_phdr(&e, i, &ph); i++) {
		if ((ph.type == PT_LOAD || ph.type == PT_DYNAMIC || ph.type == PT_INTERP) &&
		    !range_ok(e.len, ph.offset, ph.filesz)) {
			r->verdict = V_MALFORMED;
			finding_add(&r->findings, F_MALFORMED, SEV_ERROR,
				    "truncated: program header %zu (%s) needs bytes up to offset %llu, past the end of the file (%zu bytes)",
				    i, ph.type == PT_LOAD ? "PT_LOAD" : ph.type == PT_DYNAMIC ? "PT_DYNAMIC"
				    : "PT_INTERP", (unsigned long long)ph.offset + ph.filesz, e.len);
			return;
		}
	}
	elf_scan_segments(&e, &seg);
	memset(&dyn, 0, sizeof(dyn));
	if (seg.dynamic >= 0 && elf_phdr(&e, (size_t)seg.dynamic, &ph))
		elf_read_dynamic(&e, &ph, &dyn, &r->findings);
	fill_linkage(r, &e, &seg, &dyn);
	r->packed = upx_detect(&e, &r->upx);
	classify(r, &e, &seg, &dyn);
	if (!r->packed) {
		symver_read(&e, &dyn, &r->reqs, &r->findings);
		version_findings(r);
		goinfo_read(&e, &r->go);
		libcscan_identify(&e, r->link.interp, &r->link.needed,
				  r->go.is_go && !r->go.cgo_linked, &r->libc);
		if (r->verdict != V_NOT_EXECUTABLE)
			libc_findings(r);
		attribute_findings(r);
		go_findings(r);
	}
	elf_dynamic_release(&dyn);
}

void verify_set_inner(struct report *r, struct report *inner)
{
	char *needs;

	r->inner = inner;
	if (verdict_is_static(inner->verdict) || inner->verdict == V_STATIC_WITH_RUNTIME_LOADING) {
		r->inner_status = INNER_STATIC;
		finding_add(&r->findings, F_UPX_INNER_STATIC, SEV_INFO,
			    "unpacked, the program inside is %s", verdict_name(inner->verdict));
	} else if (inner->link.has_interp || inner->link.needed.nr) {
		r->inner_status = INNER_DYNAMIC;
		needs = join(&inner->link.needed, ", ", 16);
		finding_add(&r->findings, F_UPX_INNER_DYNAMIC, SEV_ERROR,
			    "unpacked, the program inside is %s: interpreter %s; needs %s",
			    verdict_name(inner->verdict),
			    inner->link.interp ? inner->link.interp : "none",
			    inner->link.needed.nr ? needs : "no shared library");
		free(needs);
	} else {
		finding_add(&r->findings, F_UPX_INNER_UNKNOWN, SEV_WARNING,
			    "unpacked, the result is %s", verdict_name(inner->verdict));
	}
}

void verify_set_unpack_failed(struct report *r, const char *why)
{
	finding_add(&r->findings, F_UPX_UNPACK_FAILED, SEV_WARNING, "cannot unpack: %s", why);
}

static bool go_fatal_signal(const struct strbuf *err)
{
	return strstr(err->buf, "fatal error: unexpected signal") ||
	       strstr(err->buf, "SIGSEGV: segmentation violation") ||
	       strstr(err->buf, "SIGILL: illegal instruction");
}

static void run_broke(struct report *r)
{
	if (verdict_is_static(r->verdict) || r->verdict == V_STATIC_WITH_RUNTIME_LOADING)
		r->verdict = V_BROKEN;
}

void verify_skip_run(struct report *r, const char *why)
{
	char *copy = xstrdup(why);      /* why may be r->run.skipped itself */

	r->run_requested = true;
	r->run_outcome = "skipped";
	free(r->run.skipped);
	r->run.skipped = copy;
	finding_add(&r->findings, F_RUNTIME_SKIPPED, SEV_WARNING, "runtime check skipped: %s", copy);
}

void verify_apply_run(struct report *r, struct run_result *res)
{
	struct run_result *x = &r->run;
	char how[128];

	run_result_release(&r->run);
	r->run = *res;
	*res = (struct run_result)RUN_RESULT_INIT;
	r->run_requested = true;
	if (!x->performed) {
		verify_skip_run(r, x->skipped ? x->skipped : "unknown reason");
		return;
	}
	snprintf(how, sizeof(how), "%s%s%s", x->method && !strcmp(x->method, "chroot") ? "chroot" : "user namespace",
		 x->emulator ? ", under " : "", x->emulator ? x->emulator : "");
	if (x->emulator && !x->exec_errno && r->link.interp && x->exited && x->exit_status != 0 &&
	    strstr(x->err_head.buf ? x->err_head.buf : "", r->link.interp))
		x->exec_errno = ENOENT;     /* qemu could not open the interpreter in the empty root */
	if (x->exec_errno == ENOENT) {
		r->run_outcome = "interp-missing";
		finding_add(&r->findings, F_RUNTIME_INTERP_MISSING, SEV_ERROR,
			    "runtime: %s cannot start it in an empty root (ENOENT: the program interpreter%s%s is missing)",
			    x->emulator ? x->emulator : "the kernel", r->link.interp ? " " : "",
			    r->link.interp ? r->link.interp : "");
		run_broke(r);
	} else if (x->exec_errno) {
		r->run_outcome = "exec-failed";
		finding_add(&r->findings, F_RUNTIME_EXEC_FAILED, SEV_ERROR,
			    "runtime: execveat failed in the empty root: %s%s", strerror(x->exec_errno),
			    x->exec_errno == EACCES ? " (a noexec mount or missing execute permission)"
			    : x->exec_errno == ENOEXEC ? " (wrong architecture or a damaged file)" : "");
		if (x->exec_errno != EACCES && x->exec_errno != EPERM)
			run_broke(r);
	} else if (x->timed_out) {
		r->run_outcome = "timeout";
		finding_add(&r->findings, F_RUNTIME_TIMEOUT, SEV_INFO,
			    "runtime: started in an empty root (%s) and still running after %.0f s; stopped",
			    how, x->seconds);
		if (r->packed && r->inner_status == INNER_UNKNOWN)
			r->inner_status = INNER_STATIC;
	} else if (x->signal && !x->out_head.len && !x->err_head.len) {
		r->run_outcome = "crash";
		finding_add(&r->findings, F_RUNTIME_CRASH, SEV_ERROR,
			    "runtime: killed by %s before printing anything, in an empty root (%s)",
			    signal_name(x->signal), how);
		run_broke(r);
	} else if (x->signal) {
		/* it started and printed: a later crash is the program's, not the link's */
		r->run_outcome = "crash";
		finding_add(&r->findings, F_RUNTIME_CRASH, SEV_WARNING,
			    "runtime: started in an empty root (%s), then was killed by %s (see its output)",
			    how, signal_name(x->signal));
	} else if (x->exit_status == 127 && strstr(x->err_head.buf, "error while loading shared libraries")) {
		r->run_outcome = "lib-missing";
		finding_add(&r->findings, F_RUNTIME_LIB_MISSING, SEV_ERROR,
			    "runtime: a loader ran and could not find shared libraries (exit 127)");
		run_broke(r);
	} else if (x->exit_status == 127 && r->packed && !x->out_head.len && !x->err_head.len) {
		r->run_outcome = "packed-loader-exit127";
		finding_add(&r->findings, F_RUNTIME_PACKED_LOADER_EXIT127, SEV_ERROR,
			    "runtime: exited 127 without output in an empty root: the UPX stub could not open the program's interpreter");
		if (r->inner_status == INNER_UNKNOWN)
			r->inner_status = INNER_DYNAMIC;
	} else if (go_fatal_signal(&x->err_head)) {
		r->run_outcome = "crash";
		finding_add(&r->findings, F_RUNTIME_CRASH, SEV_WARNING,
			    "runtime: started in an empty root (%s), then the Go runtime reported a fatal signal (exit %d)",
			    how, x->exit_status);
	} else {
		r->run_outcome = "ok";
		finding_add(&r->findings, F_RUNTIME_OK, SEV_INFO,
			    "runtime: started in an empty root (%s), exit %d", how, x->exit_status);
		if (r->packed && r->inner_status == INNER_UNKNOWN)
			r->inner_status = INNER_STATIC;
	}
}

static bool has_code(const struct report *r, enum finding_code c)
{
	return findings_get(&r->findings, c) != NULL;
}

#define GO_STATIC_FLAGS "-ldflags '-linkmode external -extldflags \"-static\"'"
#define GO_STATIC_PIE_FLAGS "-buildmode=pie -ldflags '-linkmode external -extldflags \"-static-pie\"'"

static void dynamic_hints(struct report *r)
{
	const struct go_info *g = &r->go;

	if (g->is_go) {
		if (r->verdict == V_DYNAMIC_LOADER_ONLY && !g->cgo_linked) {
			strvec_push(&r->hints, "Go's internal linker writes an interpreter into every -buildmode=pie binary: drop -buildmode=pie (with CGO_ENABLED=0 the result is static), or link a static-pie with " GO_STATIC_PIE_FLAGS);
		} else if (!g->cgo_linked) {
			strvec_push(&r->hints, "no package uses cgo: build with CGO_ENABLED=0 and the result is static");
		} else {
			strvec_push(&r->hints, "cgo links the C library dynamically by default: build with 'gostatic build', or by hand with a musl C compiler and -tags netgo,osusergo " GO_STATIC_FLAGS);
		}
		return;
	}
	if (r->link.interp && strstr(r->link.interp, "ld-musl") && r->link.df_1_pie)
		strvec_push(&r->hints, "musl-gcc links dynamically without -static, and Debian's musl-gcc turns -static-pie into a dynamic PIE too: link with -static");
	else
		strvec_push(&r->hints, "link with -static (against musl: musl-gcc -static) so that the program needs no loader and no shared library");
}

static void make_hints(struct report *r)
{
	const struct go_info *g = &r->go;

	switch (r->verdict) {
	case V_DYNAMIC:
	case V_DYNAMIC_LOADER_ONLY:
		dynamic_hints(r);
		break;
	case V_PACKED:
		if (r->inner_status == INNER_DYNAMIC)
			strvec_push(&r->hints, "the packed program is dynamically linked: make it static before packing, or do not pack it");
		else if (r->inner_status == INNER_STATIC)
			strvec_push(&r->hints, "the program inside is static, but packing hides that from every tool: ship the unpacked binary");
		else
			strvec_push(&r->hints, "find out what the packed program needs: gostatic verify --unpack (needs upx) or --run");
		break;
	case V_STATIC_WITH_RUNTIME_LOADING:
		if (g->is_go)
			strvec_push(&r->hints, "add -tags netgo,osusergo so Go does not call glibc's NSS, or link against musl ('gostatic build' does both)");
		else
			strvec_push(&r->hints, "link against musl (musl-gcc -static), which has no NSS modules, or avoid getpwnam/getaddrinfo and friends");
		break;
	case V_BROKEN:
		if (has_code(r, F_ETDYN_WITHOUT_DYNAMIC))
			strvec_push(&r->hints, "a position-independent binary needs its dynamic segment to relocate itself: drop -ldflags=-d, or link a static-pie with " GO_STATIC_PIE_FLAGS);
		else if (has_code(r, F_NEEDED_WITHOUT_INTERP) || has_code(r, F_INTERP_WITHOUT_DYNAMIC) ||
			 has_code(r, F_BAD_PT_INTERP))
			dynamic_hints(r);
		else if (r->run_outcome && !strcmp(r->run_outcome, "crash") && g->is_go && !g->cgo_linked)
			strvec_push(&r->hints, "a Go program without cgo, linked externally with -static, lacks runtime/cgo ('loadinternal: cannot find runtime/cgo') and may crash at start: build it with CGO_ENABLED=0");
		break;
	case V_NOT_EXECUTABLE:
		if (r->type == ET_REL)
			strvec_push(&r->hints, "link the object file into an executable and verify that");
		else if (r->type == ET_DYN)
			strvec_push(&r->hints, "verify the executable instead: a static program cannot load a shared library");
		else if (r->type == ET_CORE)
			strvec_push(&r->hints, "a core dump records a crash: verify the program that crashed");
		break;
	case V_MALFORMED:
		strvec_push(&r->hints, "the file is damaged or incomplete: rebuild it, or fetch it again");
		break;
	case V_STATIC:
	case V_STATIC_PIE:
	case V_NOT_ELF:
		break;
	}
}

bool verify_judge(struct report *r, const struct verify_opts *o)
{
	bool strict_fail = false;

	if (o->expect_arch && r->is_elf && r->bits && arch_known(o->expect_arch) &&
	    !arch_matches(o->expect_arch, r->machine, r->bits, r->be)) {
		const char *ga = elf_machine_goarch(r->machine, r->bits, r->be);
		const char *name = elf_machine_name(r->machine);

		finding_add(&r->findings, F_MACHINE_MISMATCH, SEV_ERROR,
			    "built for %s%s%s%s, expected %s", name ? name : "an unknown machine",
			    ga ? " (GOARCH=" : "", ga ? ga : "", ga ? ")" : "", o->expect_arch);
		strvec_pushf(&r->hints, "build for the expected architecture, e.g. GOARCH=%s",
			     o->expect_arch);
	}
	if (r->verdict == V_PACKED && r->inner_status == INNER_UNKNOWN &&
	    !has_code(r, F_UPX_INNER_UNKNOWN))
		finding_add(&r->findings, F_UPX_INNER_UNKNOWN, SEV_WARNING,
			    "what the packed program needs is unknown without unpacking or running it");
	make_hints(r);

	r->pass = verdict_is_static(r->verdict) ||
		  (r->verdict == V_STATIC_WITH_RUNTIME_LOADING && !o->strict);
	for (size_t i = 0; i < r->findings.nr; i++) {
		if (r->findings.v[i].sev == SEV_ERROR)
			r->pass = false;
		if (r->findings.v[i].sev == SEV_WARNING)
			strict_fail = true;
	}
	if (o->strict && strict_fail)
		r->pass = false;
	return r->pass;
}

void run_result_release(struct run_result *res)
{
	free(res->skipped);
	free(res->emulator);
	strbuf_release(&res->out_head);
	strbuf_release(&res->err_head);
	*res = (struct run_result)RUN_RESULT_INIT;
}
