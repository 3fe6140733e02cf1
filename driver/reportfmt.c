/* reportfmt.c - print a verify report for people and for machines */
#include "reportfmt.h"

#include <stdlib.h>
#include <string.h>

#include "elffile.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

json_t *json_lossy_string(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	json_t *j;

	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(p + i, n - i);

		if (k) {
			strbuf_add(&sb, p + i, k);
			i += k;
		} else {
			strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	j = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return j;
}

static json_t *jstr(const char *s)
{
	return s ? json_lossy_string(s, strlen(s)) : json_null();
}

static json_t *jstrvec(const struct strvec *sv)
{
	json_t *a = json_array();

	for (size_t i = 0; i < sv->nr; i++)
		json_array_append_new(a, jstr(sv->v[i]));
	return a;
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *elf_json(const struct report *r)
{
	json_t *o;
	const char *m, *ga;

	if (!r->is_elf)
		return json_null();
	o = json_object();
	if (!r->bits) {
		/* malformed before the header could be read */
		return o;
	}
	m = elf_machine_name(r->machine);
	ga = elf_machine_goarch(r->machine, r->bits, r->be);
	set(o, "class", json_integer(r->bits));
	set(o, "endian", json_string(r->be ? "big" : "little"));
	set(o, "type", json_string(elf_type_name(r->type)));
	set(o, "machine", m ? json_string(m) : json_null());
	set(o, "e_machine", json_integer(r->machine));
	set(o, "goarch", ga ? json_string(ga) : json_null());
	set(o, "osabi", json_integer(r->osabi));
	set(o, "entry", json_integer((json_int_t)r->entry));
	set(o, "phnum", json_integer((json_int_t)r->phnum));
	set(o, "shnum", json_integer((json_int_t)r->shnum));
	set(o, "stripped", json_boolean(r->stripped));
	return o;
}

static const char *relro_name(enum relro r)
{
	return r == RELRO_FULL ? "full" : r == RELRO_PARTIAL ? "partial" : "none";
}

static json_t *linkage_json(const struct report *r)
{
	const struct linkage *l = &r->link;
	json_t *o = json_object();

	set(o, "interp", jstr(l->interp));
	set(o, "has_interp", json_boolean(l->has_interp));
	set(o, "has_dynamic", json_boolean(l->has_dynamic));
	set(o, "needed", jstrvec(&l->needed));
	set(o, "pie", json_boolean(l->pie));
	set(o, "df_1_pie", json_boolean(l->df_1_pie));
	set(o, "rpath", jstr(l->rpath));
	set(o, "runpath", jstr(l->runpath));
	set(o, "soname", jstr(l->soname));
	set(o, "textrel", json_boolean(l->textrel));
	set(o, "bind_now", json_boolean(l->bind_now));
	set(o, "relro", json_string(relro_name(l->relro)));
	set(o, "exec_stack", json_boolean(l->exec_stack));
	return o;
}

/* The highest GLIBC_x.y each library is asked for: {"libm.so.6": "2.29"}. */
static json_t *floors_json(const struct report *r)
{
	json_t *o = json_object();

	for (size_t i = 0; i < r->reqs.nr; i++) {
		const struct version_req *q = &r->reqs.v[i];
		const char *num = version_number(q->version, "GLIBC_");
		json_t *cur = json_object_get(o, q->library);

		if (num && (!cur || version_cmp(num, json_string_value(cur)) > 0))
			json_object_set_new(o, q->library, json_string(num));
	}
	return o;
}

static json_t *versions_json(const struct report *r)
{
	json_t *o = json_object(), *a = json_array();

	set(o, "glibc_floor", jstr(r->glibc_floor));
	set(o, "floors", floors_json(r));
	set(o, "glibc_private", json_boolean(r->glibc_private));
	for (size_t i = 0; i < r->reqs.nr; i++) {
		const struct version_req *q = &r->reqs.v[i];
		json_t *e = json_object();

		set(e, "library", jstr(q->library));
		set(e, "version", jstr(q->version));
		set(e, "weak", json_boolean(q->weak));
		set(e, "symbols", jstrvec(&q->symbols));
		json_array_append_new(a, e);
	}
	set(o, "requirements", a);
	return o;
}

static const char *inner_name(enum inner_status s)
{
	return s == INNER_STATIC ? "static" : s == INNER_DYNAMIC ? "dynamic" : "unknown";
}

static json_t *packer_json(const struct report *r)
{
	const struct upx_info *u = &r->upx;
	json_t *o, *ev;
	const char *fmt;

	if (!r->packed)
		return json_null();
	o = json_object();
	ev = json_array();
	fmt = upx_format_name(u->format);
	set(o, "kind", json_string("upx"));
	set(o, "release", u->release[0] ? json_string(u->release) : json_null());
	set(o, "version", json_integer(u->version));
	set(o, "format", json_integer(u->format));
	set(o, "format_name", fmt ? json_string(fmt) : json_null());
	set(o, "method", json_integer(u->method));
	set(o, "level", json_integer(u->level));
	set(o, "original_size", u->original_size ? json_integer((json_int_t)u->original_size)
						 : json_null());
	if (u->packheader)
		json_array_append_new(ev, json_string("UPX_PACKHEADER"));
	if (u->linfo)
		json_array_append_new(ev, json_string("UPX_LINFO"));
	if (u->string)
		json_array_append_new(ev, json_string("UPX_STRING"));
	if (u->structure)
		json_array_append_new(ev, json_string("PACKED_STRUCTURE"));
	set(o, "evidence", ev);
	set(o, "inner_status", json_string(inner_name(r->inner_status)));
	set(o, "inner", r->inner ? reportfmt_json(r->inner) : json_null());
	return o;
}

static json_t *libc_json(const struct report *r)
{
	const struct libc_info *li = &r->libc;
	json_t *o = json_object();

	set(o, "kind", json_string(libc_kind_name(li->kind)));
	set(o, "static", json_boolean(li->is_static));
	set(o, "evidence", jstrvec(&li->evidence));
	set(o, "kernel_floor", jstr(li->kernel_floor));
	set(o, "nss", json_boolean(li->nss));
	set(o, "nss_evidence", jstrvec(&li->nss_evidence));
	set(o, "allocator", jstr(li->allocator));
	set(o, "allocator_evidence", jstrvec(&li->allocator_evidence));
	return o;
}

static json_t *module_json(const struct go_module *m)
{
	json_t *o = json_object();

	set(o, "path", jstr(m->path));
	set(o, "version", jstr(m->version));
	set(o, "sum", jstr(m->sum));
	if (m->replace)
		set(o, "replace", module_json(m->replace));
	return o;
}

static json_t *go_json(const struct report *r)
{
	const struct go_info *g = &r->go;
	json_t *o, *deps, *settings;

	if (!g->is_go)
		return json_null();
	o = json_object();
	set(o, "version", jstr(g->version));
	set(o, "format", json_string(g->format == GO_FORMAT_INLINE ? "inline"
				     : g->format == GO_FORMAT_POINTER ? "pointer" : "none"));
	set(o, "path", jstr(g->path));
	set(o, "main", g->main.path ? module_json(&g->main) : json_null());
	deps = json_array();
	for (size_t i = 0; i < g->ndeps; i++)
		json_array_append_new(deps, module_json(&g->deps[i]));
	set(o, "deps", deps);
	settings = json_object();
	for (size_t i = 0; i < g->nsettings; i++) {
		json_t *v = jstr(g->settings[i].value);
		struct strbuf key = STRBUF_INIT;
		json_t *k = jstr(g->settings[i].key);

		/* keys are UTF-8-clean copies, so they can name the member */
		strbuf_addstr(&key, json_string_value(k));
		json_object_set_new(settings, key.buf, v);
		strbuf_release(&key);
		json_decref(k);
	}
	set(o, "settings", settings);
	set(o, "cgo_linked", json_boolean(g->cgo_linked));
	set(o, "cgo_resolver", json_boolean(g->cgo_resolver));
	set(o, "cgo_user", json_boolean(g->cgo_user));
	set(o, "buildid", jstr(g->buildid));
	set(o, "unreadable", jstr(g->unreadable));
	return o;
}

static json_t *findings_json(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct finding *f = &r->findings.v[i];
		json_t *o = json_object(), *ev = json_object();

		set(o, "code", json_string(finding_code_name(f->code)));
		set(o, "severity", json_string(severity_name(f->sev)));
		set(o, "message", jstr(f->message));
		for (int k = 0; k < f->nev; k++)
			set(ev, f->ev[k].key, f->ev[k].str ? jstr(f->ev[k].str)
						: json_integer((json_int_t)f->ev[k].num));
		set(o, "evidence", ev);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *runtime_json(const struct report *r)
{
	const struct run_result *x = &r->run;
	json_t *o = json_object();

	if (!r->run_requested) {
		set(o, "performed", json_false());
		set(o, "reason", json_string("not requested"));
		return o;
	}
	set(o, "performed", json_boolean(x->performed));
	set(o, "method", jstr(x->method));
	set(o, "emulator", jstr(x->emulator));
	set(o, "result", jstr(r->run_outcome));
	if (!x->performed) {
		set(o, "reason", jstr(x->skipped));
		return o;
	}
	set(o, "errno", x->exec_errno ? json_string(errno_name(x->exec_errno)) : json_null());
	set(o, "exit_status", x->exited ? json_integer(x->exit_status) : json_null());
	set(o, "signal", x->signal ? json_string(signal_name(x->signal)) : json_null());
	set(o, "timed_out", json_boolean(x->timed_out));
	set(o, "seconds", json_real(x->seconds));
	set(o, "stdout_head", json_lossy_string(x->out_head.buf, x->out_head.len));
	set(o, "stderr_head", json_lossy_string(x->err_head.buf, x->err_head.len));
	return o;
}

json_t *reportfmt_json(const struct report *r)
{
	json_t *o = json_object();

	set(o, "schema", json_string(VERIFY_SCHEMA));
	set(o, "file", jstr(r->file));
	set(o, "size", json_integer((json_int_t)r->size));
	set(o, "sha256", r->sha256[0] ? json_string(r->sha256) : json_null());
	set(o, "verdict", json_string(verdict_name(r->verdict)));
	set(o, "static", json_boolean(verdict_is_static(r->verdict)));
	set(o, "pass", json_boolean(r->pass));
	set(o, "what", jstr(r->what));
	set(o, "elf", elf_json(r));
	set(o, "linkage", linkage_json(r));
	set(o, "versions", versions_json(r));
	set(o, "packer", packer_json(r));
	set(o, "libc", libc_json(r));
	set(o, "go", go_json(r));
	set(o, "findings", findings_json(r));
	set(o, "runtime", runtime_json(r));
	set(o, "hints", jstrvec(&r->hints));
	return o;
}

json_t *reportfmt_json_error(const char *file, const char *message)
{
	json_t *o = json_object();

	set(o, "schema", json_string(VERIFY_SCHEMA));
	set(o, "file", jstr(file));
	set(o, "error", jstr(message));
	return o;
}

int reportfmt_json_line(const struct out *o, json_t *obj)
{
	int rc = json_dumpf(obj, o->out, JSON_COMPACT);

	if (rc == 0 && fputc('\n', o->out) == EOF)
		rc = -1;
	return rc;
}

/* The word in the verdict line and its colour. */
static const char *headline(const struct report *r, enum out_color *c)
{
	switch (r->verdict) {
	case V_STATIC:
	case V_STATIC_PIE:
		*c = COLOR_GREEN;
		return "STATIC";
	case V_STATIC_WITH_RUNTIME_LOADING:
		*c = COLOR_YELLOW;
		return "STATIC (with runtime loading)";
	case V_MALFORMED:
		*c = COLOR_RED;
		return "MALFORMED";
	case V_NOT_ELF:
		*c = COLOR_RED;
		return "NOT ELF";
	case V_NOT_EXECUTABLE:
		*c = COLOR_RED;
		return "NOT EXECUTABLE";
	default:
		*c = COLOR_RED;
		return "NOT STATIC";
	}
}

static void describe(const struct report *r, struct strbuf *sb)
{
	const char *m;

	if (r->verdict == V_NOT_ELF || r->verdict == V_NOT_EXECUTABLE) {
		strbuf_addf(sb, " (%s)", r->what ? r->what : "unknown");
		return;
	}
	if (!r->is_elf || !r->bits)
		return;
	if (r->packed) {
		const char *fmt = upx_format_name(r->upx.format);

		strbuf_addf(sb, " (UPX%s%s, %s", r->upx.release[0] ? " " : "", r->upx.release,
			    fmt ? fmt : "unknown format");
		if (r->upx.original_size)
			strbuf_addf(sb, ", original %llu bytes",
				    (unsigned long long)r->upx.original_size);
		strbuf_addf(sb, "); inner image: %s", inner_name(r->inner_status));
		return;
	}
	m = elf_machine_name(r->machine);
	strbuf_addf(sb, " (ELF%u%s %s, %s", r->bits, r->be ? " big-endian" : "",
		    m ? m : "unknown machine", elf_type_name(r->type));
	if (r->libc.kind != LIBC_UNKNOWN && r->libc.is_static)
		strbuf_addf(sb, ", %s", r->libc.kind == LIBC_NONE ? "no libc"
					: libc_kind_name(r->libc.kind));
	if (r->go.version)
		strbuf_addf(sb, ", %s", r->go.version);
	strbuf_addch(sb, ')');
}

static int cmp_req(const void *a, const void *b)
{
	const struct version_req *x = *(const struct version_req *const *)a;
	const struct version_req *y = *(const struct version_req *const *)b;
	int c = strcmp(x->library, y->library);

	return c ? c : -version_cmp(x->version, y->version);
}

/* The symbol versions below the glibc floor, one line per version. */
static void print_versions(const struct out *o, const struct report *r)
{
	const struct version_req **v = xcalloc(r->reqs.nr, sizeof(*v));
	size_t n = 0, shown = 0, max = o->verbosity > 0 ? (size_t)-1 : 8;

	for (size_t i = 0; i < r->reqs.nr; i++) {
		const char *num = version_number(r->reqs.v[i].version, "GLIBC_");

		if (r->reqs.v[i].symbols.nr && !(num && !version_cmp(num, r->glibc_floor)))
			v[n++] = &r->reqs.v[i];
	}
	qsort(v, n, sizeof(*v), cmp_req);
	for (size_t i = 0; i < n && shown < max; i++, shown++) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t j = 0; j < v[i]->symbols.nr && j < 8; j++)
			strbuf_addf(&sb, " %s", v[i]->symbols.v[j]);
		if (v[i]->symbols.nr > 8)
			strbuf_addf(&sb, " ... (%zu more)", v[i]->symbols.nr - 8);
		fprintf(o->out, "        %-13s%s (%s)\n", v[i]->version, sb.buf, v[i]->library);
		strbuf_release(&sb);
	}
	if (n > shown)
		fprintf(o->out, "        ... %zu more versions (-v shows them)\n", n - shown);
	free(v);
}

static void print_head_lines(const struct out *o, const struct strbuf *sb, int max)
{
	const char *p = sb->buf, *end = sb->buf + sb->len;

	for (int i = 0; i < max && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		fprintf(o->out, "        | %.*s\n", (int)(n > 200 ? 200 : n), p);
		p += n + 1;
	}
}

static void print_finding(const struct out *o, const struct report *r, const struct finding *f)
{
	static const char *const tag[] = { [SEV_INFO] = "INFO", [SEV_WARNING] = "WARN",
					   [SEV_ERROR] = "FAIL" };
	enum out_color c = f->sev == SEV_ERROR ? COLOR_RED
			   : f->sev == SEV_WARNING ? COLOR_YELLOW : COLOR_DIM;

	fprintf(o->out, "  %s%s%s  %s\n", out_color(o, c), tag[f->sev], out_color(o, COLOR_RESET),
		f->message);
	if (f->code == F_GLIBC_FLOOR)
		print_versions(o, r);
	if ((f->code == F_RUNTIME_CRASH || f->code == F_RUNTIME_LIB_MISSING) && r->run.err_head.len)
		print_head_lines(o, &r->run.err_head, o->verbosity > 0 ? 20 : 4);
	if ((f->code == F_RUNTIME_OK || f->code == F_RUNTIME_TIMEOUT) && o->verbosity > 0) {
		print_head_lines(o, &r->run.out_head, 20);
		print_head_lines(o, &r->run.err_head, 20);
	}
}

void reportfmt_text(const struct out *o, const struct report *r)
{
	struct strbuf sb = STRBUF_INIT;
	enum out_color c;
	const char *word = headline(r, &c);

	if (o->verbosity < 0) {
		fprintf(o->out, "%s\n", verdict_name(r->verdict));
		return;
	}
	describe(r, &sb);
	fprintf(o->out, "%s: %s%s%s - %s%s\n", r->file, out_color(o, c), word,
		out_color(o, COLOR_RESET), verdict_name(r->verdict), sb.buf);
	strbuf_release(&sb);
	for (int sev = SEV_ERROR; sev >= SEV_INFO; sev--) {
		for (size_t i = 0; i < r->findings.nr; i++) {
			const struct finding *f = &r->findings.v[i];

			if ((int)f->sev != sev)
				continue;
			if (finding_code_verbose(f->code) && o->verbosity < 1)
				continue;
			print_finding(o, r, f);
		}
	}
	for (size_t i = 0; i < r->hints.nr; i++)
		fprintf(o->out, "  %shint%s  %s\n", out_color(o, COLOR_CYAN), out_color(o, COLOR_RESET),
			r->hints.v[i]);
	if (!r->pass && verdict_is_static(r->verdict))
		fprintf(o->out, "  %sFAIL%s  counted as a failure: see the findings above\n",
			out_color(o, COLOR_RED), out_color(o, COLOR_RESET));
}
