/* goinfo.c - the Go build information embedded in a Go executable */
#include "goinfo.h"

#include <stdlib.h>
#include <string.h>

#define HEADER_SIZE 32
#define BUILDINFO_ALIGN 16
#define FLAG_BIG_ENDIAN 0x1
#define FLAG_INLINE 0x2
#define NT_GO_BUILDID 4

/* The magic is "\xff Go buildinf:". Only its tail is stored here and the
 * 0xff is compared separately, so this program's own bytes never contain
 * a header that could be mistaken for a real one. */
static const char magic_tail[] = " Go buildinf:";
#define MAGIC_LEN 14

/* modinfo is framed by 16-byte sentinels (cmd/go/internal/modload). */
#define SENTINEL_LEN 16

static bool is_magic(const uint8_t *p)
{
	return p[0] == 0xff && !memcmp(p + 1, magic_tail, MAGIC_LEN - 1);
}

static bool read_uvarint(const uint8_t *p, size_t n, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;

	for (unsigned shift = 0, i = 0; i < 10; i++, shift += 7) {
		uint8_t b;

		if (*pos >= n)
			return false;
		b = p[(*pos)++];
		if (i == 9 && b > 1)
			return false;   /* overflows 64 bits */
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

static char *xmemdup_str(const void *p, size_t n)
{
	char *s = xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = 0;
	return s;
}

static void set_unreadable(struct go_info *g, const char *why)
{
	free(g->unreadable);
	g->unreadable = xstrdup(why);
}

/* Strips the modinfo sentinels, as debug/buildinfo does; returns false when
 * the text is not framed (non-module builds). */
static bool unframe(const char **s, size_t *n)
{
	if (*n < 2 * SENTINEL_LEN + 1 || (*s)[*n - SENTINEL_LEN - 1] != '\n')
		return false;
	*s += SENTINEL_LEN;
	*n -= 2 * SENTINEL_LEN;
	return true;
}

static void take_strings(struct go_info *g, const char *ver, size_t nver,
			 const char *mod, size_t nmod)
{
	g->version = xmemdup_str(ver, nver);
	if (unframe(&mod, &nmod))
		goinfo_parse_modinfo(mod, nmod, g);
}

static uint64_t get_ptr(const uint8_t *p, unsigned size, bool be)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v = be ? v << 8 | p[i] : v | (uint64_t)p[i] << (8 * i);
	return v;
}

/* Reads the Go string whose header {data, len} is at address va. */
static bool read_go_string(const struct elf_file *e, uint64_t va, unsigned ptrsize, bool be,
			   const char **s, size_t *n)
{
	uint64_t off, avail, data, len;

	if (!va || !elf_vaddr_to_off(e, va, &off, &avail) || avail < 2ull * ptrsize)
		return false;
	data = get_ptr(e->buf + off, ptrsize, be);
	len = get_ptr(e->buf + off + ptrsize, ptrsize, be);
	if (len == 0) {
		*s = "";
		*n = 0;
		return true;
	}
	if (!elf_vaddr_to_off(e, data, &off, &avail) || len > avail)
		return false;
	*s = (const char *)e->buf + off;
	*n = (size_t)len;
	return true;
}

int goinfo_parse_blob(const uint8_t *p, size_t n, const struct elf_file *e,
		      struct go_info *g)
{
	unsigned ptrsize, flags;

	if (n < HEADER_SIZE || !is_magic(p)) {
		set_unreadable(g, "no build info header");
		return -1;
	}
	g->is_go = true;
	ptrsize = p[14];
	flags = p[15];
	if (flags & FLAG_INLINE) {
		uint64_t lver, lmod;
		size_t pos = HEADER_SIZE, vpos, mpos;

		g->format = GO_FORMAT_INLINE;
		if (!read_uvarint(p, n, &pos, &lver) || lver > n - pos) {
			set_unreadable(g, "the version string runs past the end of the data");
			return -1;
		}
		vpos = pos;
		pos += (size_t)lver;
		if (!read_uvarint(p, n, &pos, &lmod) || lmod > n - pos) {
			set_unreadable(g, "the module information runs past the end of the data");
			return -1;
		}
		mpos = pos;
		take_strings(g, (const char *)p + vpos, (size_t)lver, (const char *)p + mpos,
			     (size_t)lmod);
		return 0;
	}
	g->format = GO_FORMAT_POINTER;
	if (ptrsize != 4 && ptrsize != 8) {
		set_unreadable(g, "the header names an impossible pointer size");
		return -1;
	} else {
		bool be = flags & FLAG_BIG_ENDIAN;
		uint64_t pver = get_ptr(p + 16, ptrsize, be);
		uint64_t pmod = get_ptr(p + 16 + ptrsize, ptrsize, be);
		const char *ver, *mod;
		size_t nver, nmod;

		if (!pver || !pmod) {
			set_unreadable(g, "its pointers are zero in the file (filled in only at run time, as in internally linked PIEs of old toolchains)");
			return -1;
		}
		if (!e || !read_go_string(e, pver, ptrsize, be, &ver, &nver) ||
		    !read_go_string(e, pmod, ptrsize, be, &mod, &nmod)) {
			set_unreadable(g, "its pointers lead outside the file's loaded data");
			return -1;
		}
		take_strings(g, ver, nver, mod, nmod);
	}
	return 0;
}

/* Searches [p, p+n) at 16-byte steps for a header; base is the file offset
 * of p, used to report where the blob was. */
static bool search(const struct elf_file *e, uint64_t base, const uint8_t *p, size_t n,
		   struct go_info *g)
{
	for (size_t i = 0; n >= HEADER_SIZE && i <= n - HEADER_SIZE; i += BUILDINFO_ALIGN) {
		if (!is_magic(p + i))
			continue;
		g->blob_offset = base + i;
		goinfo_parse_blob(p + i, n - i, e, g);
		return true;
	}
	return false;
}

static int note_cb(const struct elf_note *n, void *ctx)
{
	struct go_info *g = ctx;

	if (!elf_note_is(n, "Go", NT_GO_BUILDID))
		return 0;
	g->buildid_note = true;
	g->buildid = xstrndup((const char *)n->desc, n->descsz);
	return 1;
}

/* Function names in pclntab are NUL-separated: finds name (or, with
 * prefix set, a name starting with it) between NULs in [start, end). */
static bool has_name(const uint8_t *start, const uint8_t *end, const char *name, bool prefix)
{
	size_t len = strlen(name);
	const uint8_t *p = start;

	while (p < end) {
		const uint8_t *hit = memmem(p, (size_t)(end - p), name, len);

		if (!hit)
			return false;
		if (hit > start && hit[-1] == 0 &&
		    (prefix || ((size_t)(end - hit) > len && hit[len] == 0)))
			return true;
		p = hit + 1;
	}
	return false;
}

void goinfo_read(const struct elf_file *e, struct go_info *g)
{
	struct elf_shdr sh;
	struct elf_phdr ph;
	const uint8_t *p, *start, *end;
	size_t n;
	bool found = false;

	memset(g, 0, sizeof(*g));
	elf_foreach_note(e, note_cb, g);
	if (elf_find_section(e, ".gopclntab", &sh) && elf_section_bytes(e, &sh, &p, &n) && n >= 4)
		g->pclntab_magic = elf_get32(e, p);

	/* 1. the .go.buildinfo section */
	if (elf_find_section(e, ".go.buildinfo", &sh) && elf_section_bytes(e, &sh, &p, &n))
		found = search(e, sh.offset, p, n, g);
	/* 2. the first writable, non-executable PT_LOAD */
	for (size_t i = 0; !found && elf_phdr(e, i, &ph); i++) {
		if (ph.type != PT_LOAD || (ph.flags & (PF_X | PF_W)) != PF_W)
			continue;
		if (range_ok(e->len, ph.offset, 0)) {
			n = ph.filesz < e->len - ph.offset ? (size_t)ph.filesz : e->len - (size_t)ph.offset;
			found = search(e, ph.offset, e->buf + ph.offset, n, g);
		}
		break;
	}
	/* 3. the whole file, but only for a file that is Go by other evidence:
	 * file offsets and addresses agree modulo the segment alignment */
	if (!found && (g->buildid_note || g->pclntab_magic))
		found = search(e, 0, e->buf, e->len, g);
	if (found || g->buildid_note || g->pclntab_magic)
		g->is_go = true;
	if (!g->is_go)
		return;
	/* the names live in .gopclntab; without that section, anywhere */
	start = e->buf;
	end = e->buf + e->len;
	if (elf_find_section(e, ".gopclntab", &sh) && elf_section_bytes(e, &sh, &p, &n)) {
		start = p;
		end = p + n;
	}
	g->cgo_linked = has_name(start, end, "crosscall2", false);
	g->cgo_resolver = has_name(start, end, "net._C2func_getaddrinfo", false);
	g->cgo_user = has_name(start, end, "os/user._Cfunc_mygetpw", true) ||
		      has_name(start, end, "os/user._Cfunc_mygetgr", true);
}

static void module_release(struct go_module *m)
{
	free(m->path);
	free(m->version);
	free(m->sum);
	if (m->replace) {
		module_release(m->replace);
		free(m->replace);
	}
	memset(m, 0, sizeof(*m));
}

void goinfo_release(struct go_info *g)
{
	free(g->buildid);
	free(g->unreadable);
	free(g->version);
	free(g->path);
	module_release(&g->main);
	for (size_t i = 0; i < g->ndeps; i++)
		module_release(&g->deps[i]);
	free(g->deps);
	for (size_t i = 0; i < g->nsettings; i++) {
		free(g->settings[i].key);
		free(g->settings[i].value);
	}
	free(g->settings);
	memset(g, 0, sizeof(*g));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void add_utf8(struct strbuf *sb, uint32_t r)
{
	char b[4];

	if (r < 0x80) {
		strbuf_addch(sb, (char)r);
		return;
	}
	if (r < 0x800) {
		b[0] = (char)(0xc0 | r >> 6);
		b[1] = (char)(0x80 | (r & 0x3f));
		strbuf_add(sb, b, 2);
	} else if (r < 0x10000) {
		b[0] = (char)(0xe0 | r >> 12);
		b[1] = (char)(0x80 | ((r >> 6) & 0x3f));
		b[2] = (char)(0x80 | (r & 0x3f));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | r >> 18);
		b[1] = (char)(0x80 | ((r >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((r >> 6) & 0x3f));
		b[3] = (char)(0x80 | (r & 0x3f));
		strbuf_add(sb, b, 4);
	}
}

int go_unquote(const char *s, size_t n, struct strbuf *out)
{
	size_t start = out->len;

	if (n < 2 || s[0] != s[n - 1] || (s[0] != '"' && s[0] != '`'))
		return -1;
	if (s[0] == '`') {
		for (size_t i = 1; i < n - 1; i++) {
			if (s[i] == '`')
				goto bad;
			if (s[i] != '\r')     /* Go drops CR from raw strings */
				strbuf_addch(out, s[i]);
		}
		return 0;
	}
	for (size_t i = 1; i < n - 1; i++) {
		char c = s[i];
		uint32_t r = 0;
		int digits = 0;

		if (c == '"' || c == '\n')
			goto bad;
		if (c != '\\') {
			strbuf_addch(out, c);
			continue;
		}
		if (++i >= n - 1)
			goto bad;
		switch (s[i]) {
		case 'a': strbuf_addch(out, '\a'); continue;
		case 'b': strbuf_addch(out, '\b'); continue;
		case 'f': strbuf_addch(out, '\f'); continue;
		case 'n': strbuf_addch(out, '\n'); continue;
		case 'r': strbuf_addch(out, '\r'); continue;
		case 't': strbuf_addch(out, '\t'); continue;
		case 'v': strbuf_addch(out, '\v'); continue;
		case '\\': strbuf_addch(out, '\\'); continue;
		case '"': strbuf_addch(out, '"'); continue;
		case 'x': digits = 2; break;
		case 'u': digits = 4; break;
		case 'U': digits = 8; break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			if (i + 2 >= n - 1)
				goto bad;
			for (int k = 0; k < 3; k++) {
				char d = s[i + (size_t)k];

				if (d < '0' || d > '7')
					goto bad;
				r = r * 8 + (uint32_t)(d - '0');
			}
			if (r > 255)
				goto bad;
			strbuf_addch(out, (char)r);
			i += 2;
			continue;
		default:
			goto bad;       /* \' is valid only in rune literals */
		}
		if (i + (size_t)digits >= n - 1)
			goto bad;
		for (int k = 1; k <= digits; k++) {
			int h = hexval(s[i + (size_t)k]);

			if (h < 0)
				goto bad;
			r = r << 4 | (uint32_t)h;
		}
		i += (size_t)digits;
		if (digits == 2) {
			strbuf_addch(out, (char)r);
			continue;
		}
		if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000))
			goto bad;
		add_utf8(out, r);
	}
	return 0;
bad:
	strbuf_setlen(out, start);
	return -1;
}

/* Length of the quoted literal at the start of s (strconv.QuotedPrefix), or
 * 0 when there is none. */
static size_t quoted_prefix(const char *s, size_t n)
{
	if (!n || (s[0] != '"' && s[0] != '`'))
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (s[0] == '"' && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[0] == '"' && s[i] == '\n')
			return 0;
		if (s[i] == s[0])
			return i + 1;
	}
	return 0;
}

/* Splits a tab-separated line into at most max fields (the last one ends
 * at the next tab, so a count of max means "max or more"); returns the
 * count. */
static size_t split_tabs(const char *s, size_t n, const char **f, size_t *fl, size_t max)
{
	size_t k = 0, start = 0;

	for (size_t i = 0; i <= n && k < max; i++) {
		if (i == n || s[i] == '\t') {
			f[k] = s + start;
			fl[k] = i - start;
			k++;
			start = i + 1;
		}
	}
	return k;
}

static void fill_module(struct go_module *m, const char **f, const size_t *fl, size_t k)
{
	m->path = xmemdup_str(f[1], fl[1]);
	m->version = k > 2 ? xmemdup_str(f[2], fl[2]) : xstrdup("");
	m->sum = k > 3 ? xmemdup_str(f[3], fl[3]) : xstrdup("");
}

static bool parse_setting(const char *kv, size_t n, struct go_info *g)
{
	struct strbuf key = STRBUF_INIT, val = STRBUF_INIT;
	const char *raw;
	size_t nraw;
	struct go_setting *st;

	if (n == 0 || kv[0] == '=')
		return false;
	if (kv[0] == '"' || kv[0] == '`') {
		size_t q = quoted_prefix(kv, n);

		if (!q || go_unquote(kv, q, &key) || q >= n || kv[q] != '=')
			goto bad;
		raw = kv + q + 1;
		nraw = n - q - 1;
	} else {
		const char *eq = memchr(kv, '=', n);

		if (!eq)
			return false;
		strbuf_add(&key, kv, (size_t)(eq - kv));
		raw = eq + 1;
		nraw = n - (size_t)(eq - kv) - 1;
	}
	if (nraw && (raw[0] == '"' || raw[0] == '`')) {
		if (go_unquote(raw, nraw, &val))
			goto bad;
	} else {
		strbuf_add(&val, raw, nraw);
	}
	ALLOC_GROW(g->settings, g->nsettings + 1, g->settings_alloc);
	st = &g->settings[g->nsettings++];
	st->key = strbuf_detach(&key);
	st->value = strbuf_detach(&val);
	return true;
bad:
	strbuf_release(&key);
	strbuf_release(&val);
	return false;
}

static bool field_is(const char *f, size_t n, const char *word)
{
	return n == strlen(word) && !memcmp(f, word, n);
}

void goinfo_parse_modinfo(const char *s, size_t n, struct go_info *g)
{
	struct go_module *last = NULL;
	size_t pos = 0;

	while (pos < n) {
		const char *line = s + pos, *nl = memchr(line, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - line) : n - pos;
		const char *f[5];
		size_t fl[5], k;
		bool ok = true;

		pos += len + 1;
		if (len == 0)
			continue;
		k = split_tabs(line, len, f, fl, 5);
		if (field_is(f[0], fl[0], "path")) {
			ok = k >= 2;
			if (ok) {
				free(g->path);
				g->path = xmemdup_str(line + 5, len - 5);
			}
		} else if (field_is(f[0], fl[0], "mod")) {
			ok = k == 3 || k == 4;
			if (ok) {
				module_release(&g->main);
				fill_module(&g->main, f, fl, k);
				last = &g->main;
			}
		} else if (field_is(f[0], fl[0], "dep")) {
			ok = k == 3 || k == 4;
			if (ok) {
				ALLOC_GROW(g->deps, g->ndeps + 1, g->deps_alloc);
				last = &g->deps[g->ndeps++];
				memset(last, 0, sizeof(*last));
				fill_module(last, f, fl, k);
			}
		} else if (field_is(f[0], fl[0], "=>")) {
			/* replaces the module of the last mod or dep line */
			ok = k == 4 && last;
			if (ok) {
				last->replace = xcalloc(1, sizeof(*last->replace));
				fill_module(last->replace, f, fl, k);
			}
			last = NULL;
		} else if (field_is(f[0], fl[0], "build")) {
			ok = k >= 2 && parse_setting(line + 6, len - 6, g);
		}
		/* other line kinds are ignored, as Go does */
		if (!ok)
			g->modinfo_errors++;
	}
}

const char *goinfo_setting(const struct go_info *g, const char *key)
{
	const char *v = NULL;

	/* the last occurrence wins, as in a Go map */
	for (size_t i = 0; i < g->nsettings; i++)
		if (!strcmp(g->settings[i].key, key))
			v = g->settings[i].value;
	return v;
}

bool goinfo_has_tag(const struct go_info *g, const char *tag)
{
	const char *tags = goinfo_setting(g, "-tags");
	size_t n = strlen(tag);

	if (!tags)
		return false;
	for (const char *p = tags; *p;) {
		size_t len = strcspn(p, ", ");

		if (len == n && !memcmp(p, tag, n))
			return true;
		p += len;
		p += strspn(p, ", ");
	}
	return false;
}
